"""The dedupe screen on a tiny app: pairs listed, merged with a key, undone with another;
names shown literally, never as markup."""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.widgets import DataTable

from netui.domain.models import Contact, Interaction
from netui.services import Network
from netui.ui.dedupe_screen import DedupeScreen
from tests.revisions import content


class Host(App):
    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network

    def on_mount(self) -> None:
        self.push_screen(DedupeScreen(self.network))


async def settle(app: App, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def cells(table: DataTable) -> list[str]:
    return [str(table.get_cell_at((r, c))) for r in range(table.row_count) for c in range(3)]


async def test_merge_a_pair_and_undo_it(network):
    keep = network.add_contact(Contact(name="Bob [/] Stone", emails=["bob@example.com"]))
    other = network.add_contact(Contact(name="Robert Stone", emails=["BOB@example.com"],
                                        company="Acme"))
    network.add_contact(Contact(name="Unrelated Person"))
    network.log_interaction(Interaction(contact_ids=[other.id], date=date(2026, 11, 1)))
    before = network.export_all()
    app = Host(network)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 1
        shown = cells(table)
        assert any("Bob [/] Stone" in c for c in shown)  # literally, not markup
        assert "same email bob@example.com" in shown[2]
        left_is_keep = screen.pairs[0].a.id == keep.id
        await pilot.press("m" if left_is_keep else "M")
        await settle(app, pilot)
        assert network.get_contact(other.id) is None
        assert network.contact(keep.id).company == "Acme"
        assert network.interactions_for(keep.id)
        assert table.row_count == 0
        await pilot.press("u")
        await settle(app, pilot)
        assert content(network.export_all()) == content(before)
        assert table.row_count == 1


async def test_nothing_to_merge_says_so(network):
    network.add_contact(Contact(name="Only One"))
    app = Host(network)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        status = app.screen.query_one("#dedupe-status")
        assert "No likely duplicates" in str(status.render())
        await pilot.press("m", "u")
        await pilot.pause()
        assert "Nothing to undo" in str(status.render())
        assert network.contact_count() == 1


async def test_a_household_kept_apart_by_import_is_listed_with_the_reason(network, tmp_path):
    from netui.interop.importer import run_import

    network.config.region = "DE"
    f = tmp_path / "h.vcf"
    f.write_text("BEGIN:VCARD\r\nFN:Anna Schmidt\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n"
                 "BEGIN:VCARD\r\nFN:Bernd Schmidt\r\nTEL:030 1234567\r\nEND:VCARD\r\n")
    run_import(network, [f])
    app = Host(network)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        shown = cells(app.screen.query_one(DataTable))
        assert "same phone …4567" in shown
        assert {"Anna Schmidt", "Bernd Schmidt"} <= {c.split(" (")[0] for c in shown}
