"""Import contacts files from the TUI: a path, a progress bar, and the report.

Files are read and matched in a worker thread (3,000 cards take about a second); the
one transaction is then written on the app's thread, where the Network lives."""

from __future__ import annotations

import shlex
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, ProgressBar, RichLog, Static

from ..interop.importer import PROGRESS_STEPS, Entry, Plan, apply_plan, prepare_import
from ..services import Network


class ImportScreen(Screen):
    """Pick files (vCard, LinkedIn/Google/Outlook CSV), preview or import, read the report."""

    CSS_PATH = "import_screen.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="import.close"),
    ]

    def __init__(self, network: Network, path: str = "") -> None:
        super().__init__()
        self.network = network
        self._initial = path
        self.busy = False
        self.last_plan: Plan | None = None

    def compose(self) -> ComposeResult:
        yield Static("Import contacts", id="import-title")
        yield Static("Files (.vcf, LinkedIn / Google / Outlook .csv); separate several with "
                     "spaces, quote paths with spaces in them.", id="import-help", markup=False)
        yield Input(self._initial, placeholder="~/Downloads/contacts.vcf", id="import-path")
        with Horizontal(id="import-buttons"):
            yield Button("Preview", id="import-preview")
            yield Button("Import", id="import-run", variant="primary")
        yield ProgressBar(total=PROGRESS_STEPS, show_eta=False, id="import-progress")
        yield Static("", id="import-summary", markup=False)
        yield RichLog(wrap=True, markup=False, highlight=False, id="import-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _paths(self) -> list[Path] | None:
        text = self.query_one("#import-path", Input).value.strip()
        try:
            parts = shlex.split(text)
        except ValueError as exc:
            self._say(f"Cannot read the paths: {exc}")
            return None
        if not parts:
            self._say("Type the path of a file to import.")
            return None
        return [Path(p).expanduser() for p in parts]

    def _say(self, text: str) -> None:
        self.query_one("#import-summary", Static).update(text)

    @on(Button.Pressed, "#import-preview")
    def preview(self) -> None:
        self._start(dry_run=True)

    @on(Button.Pressed, "#import-run")
    @on(Input.Submitted, "#import-path")
    def run_import(self) -> None:
        self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        if self.busy:
            return
        paths = self._paths()
        if paths is None:
            return
        self.busy = True
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        self.query_one("#import-report", RichLog).clear()
        self._say("Reading…")
        self._work(paths, dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _work(self, paths: list[Path], dry_run: bool) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done)

        try:
            plan = prepare_import(self.network, paths, progress)
        except Exception as exc:  # shown, never a crash of the app
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._finish, plan, dry_run)

    def _progress(self, done: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=done)

    def _failed(self, message: str) -> None:
        self.busy = False
        self._say(f"Import failed, nothing was written: {message}")

    def _finish(self, plan: Plan, dry_run: bool) -> None:
        self.busy = False
        report = plan.report
        report.dry_run = dry_run
        if report.json_files:
            names = ", ".join(p.name for p in report.json_files)
            report.entries.insert(0, Entry("skipped", "", names, "a netui JSON backup: restore "
                                                       "it with `netui import json`"))
        if not dry_run:
            try:
                apply_plan(self.network, plan)
            except Exception as exc:
                self._failed(str(exc))
                return
        self.last_plan = plan
        self._progress(PROGRESS_STEPS)
        self._say(report.summary())
        log = self.query_one("#import-report", RichLog)
        width = max(20, log.scrollable_content_region.width - 1)  # wrap to the box, not 78
        for line in report.lines(verbose=True)[1:]:
            log.write(Text(line), width=width)

    def action_close(self) -> None:
        self.app.pop_screen()

