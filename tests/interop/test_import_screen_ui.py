"""The import screen on a tiny app: path in, progress bar to the end, the report shown,
one undoable write; a dry run writes nothing."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, ProgressBar, RichLog, Static

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


async def test_import_from_the_screen(network, samples):
    app = Host(network)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        path = f"'{samples / 'apple.vcf'}' {samples / 'Connections.csv'}"
        screen.query_one(Input).value = path
        await pilot.press("enter")
        await finish(app, pilot)
        assert network.contact_count() == 6
        assert screen.query_one(ProgressBar).progress == PROGRESS_STEPS
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "6 added" in summary
        report = shown(screen)
        assert "added     Johnny Appleseed (apple.vcf card 1 (line 1))" in report
        assert network.undo_label().startswith("import")


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
