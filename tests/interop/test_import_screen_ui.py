"""The import screen on a tiny app: path in, progress bar to the end, the report shown,
one undoable write; a dry run writes nothing."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Button, Input, ProgressBar, RichLog, Static

from netui.domain.models import Contact
from netui.interop.importer import PROGRESS_STEPS
from netui.services import Network
from netui.ui.import_screen import ImportScreen


class Host(App):
    def __init__(self, network: Network, path: str = "") -> None:
        super().__init__()
        self.network = network
        self.path = path

    def on_mount(self) -> None:
        self.push_screen(ImportScreen(self.network, self.path))


def shown(screen: ImportScreen) -> str:
    """The report as displayed (wrapped lines joined back)."""
    return "".join(strip.text.rstrip() + " " for strip in screen.query_one(RichLog).lines)


async def finish(app: App, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_enter_previews_and_import_writes_on_confirmation(network, samples):
    app = Host(network)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        path = f"'{samples / 'apple.vcf'}' {samples / 'Connections.csv'}"
        screen.query_one(Input).value = path
        await pilot.press("enter")  # a preview: nothing written
        await finish(app, pilot)
        assert network.contact_count() == 0
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "6 added" in summary and "dry run" in summary and "press Import" in summary
        assert "added     Johnny Appleseed (apple.vcf card 1 (line 1))" in shown(screen)
        assert app.focused is screen.query_one("#import-run", Button)
        await pilot.press("enter")  # Import, confirmed
        await finish(app, pilot)
        assert network.contact_count() == 6
        assert screen.query_one(ProgressBar).progress == PROGRESS_STEPS
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "6 added" in summary and "dry run" not in summary
        assert network.undo_label().startswith("import")
        assert screen.query_one("#import-run", Button).disabled  # not twice


async def test_preview_lists_updates_and_possible_duplicates(network, tmp_path):
    network.add_contact(Contact(name="Anna Schmidt", uid="u-a", title="Intern",
                                phones=["+49 30 1234567"]))
    f = tmp_path / "h.vcf"
    f.write_text("BEGIN:VCARD\r\nUID:u-a\r\nFN:Anna Schmidt\r\nTITLE:Boss\r\nEND:VCARD\r\n"
                 "BEGIN:VCARD\r\nFN:Bernd Schmidt\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n")
    app = Host(network, str(f))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await finish(app, pilot)
        report = shown(app.screen)
        assert "matched by uid: title Boss (was Intern)" in report
        assert "kept apart from Anna Schmidt (same phone …4567)" in report
        assert network.contact(network.contacts()[0].id).title == "Intern"
        # Another path needs its own preview before anything is written.
        app.screen.query_one(Input).value = f"'{f}'"
        await pilot.pause()
        assert app.screen.query_one("#import-run", Button).disabled
        await pilot.click("#import-run")
        await finish(app, pilot)
        assert network.contact_count() == 1
        assert "dry run" in str(app.screen.query_one("#import-summary", Static).render())


async def test_dry_run_button_writes_nothing_and_bad_cards_are_listed(network, shared_vcards):
    app = Host(network, str(shared_vcards / "khard" / "unparsable.vcf"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#import-preview")
        await finish(app, pilot)
        assert network.contact_count() == 0
        report = shown(app.screen)
        assert "unparsable.vcf card 1 (line 1): the file ends in the middle" in report
        assert "dry run" in str(app.screen.query_one("#import-summary", Static).render())


async def test_an_empty_path_asks_for_one_and_escape_closes(network):
    app = Host(network)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the path" in str(app.screen.query_one("#import-summary", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
