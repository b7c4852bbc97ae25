"""Import contacts files from the TUI: a path, a preview, then the import on confirmation.

Enter in the path field previews (a dry run of the same `run_import` the CLI uses): the
report says who would be added, who updated with what changes, and which pairs are
kept apart as possible duplicates. Only "Import" after a preview of the same paths
writes. Files are read and matched in a worker thread (3,000 cards take about a
second); the one transaction is committed on the app's thread, where the Network lives."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, ProgressBar, RichLog, Static

from ..interop.importer import PROGRESS_STEPS, Entry, Report, run_import
from ..services import Network
from ..storage import Change


class ImportScreen(Screen):
    """Pick files, preview what an import does, import on confirmation, read the report."""

    CSS_PATH = "import_screen.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="import.close"),
    ]

    def __init__(self, network: Network, path: str = "") -> None:
        super().__init__()
        self.network = network
        self._initial = path
        self.busy = False
        self.previewed: str | None = None  # the path text a shown preview is for
        self.last_report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Static("Import contacts", id="import-title")
        yield Static("Files (.vcf, LinkedIn / Google / Outlook / Thunderbird .csv, a Monica "
                     "export, friends.md); separate several with spaces, quote paths with "
                     "spaces in them. Enter previews; Import writes.", id="import-help",
                     markup=False)
        yield Input(self._initial, placeholder="~/Downloads/contacts.vcf", id="import-path")
        with Horizontal(id="import-buttons"):
            yield Button("Preview", id="import-preview")
            yield Button("Import", id="import-run", variant="primary", disabled=True)
        yield ProgressBar(total=PROGRESS_STEPS, show_eta=False, id="import-progress")
        yield Static("", id="import-summary", markup=False)
        yield RichLog(wrap=True, markup=False, highlight=False, id="import-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _text(self) -> str:
        return self.query_one("#import-path", Input).value.strip()

    def _paths(self) -> list[Path] | None:
        try:
            parts = shlex.split(self._text())
        except ValueError as exc:
            self._say(f"Cannot read the paths: {exc}")
            return None
        if not parts:
            self._say("Type the path of a file to import.")
            return None
        return [Path(p).expanduser() for p in parts]

    def _say(self, text: str) -> None:
        self.query_one("#import-summary", Static).update(text)

    @on(Input.Changed, "#import-path")
    def _path_changed(self) -> None:
        # A preview is for the paths it read; other paths need their own first.
        self.query_one("#import-run", Button).disabled = self._text() != self.previewed

    @on(Button.Pressed, "#import-preview")
    @on(Input.Submitted, "#import-path")
    def preview(self) -> None:
        self._start(dry_run=True)

    @on(Button.Pressed, "#import-run")
    def confirm(self) -> None:
        if self._text() != self.previewed:
            self._start(dry_run=True)  # never write what was not shown
            return
        self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        if self.busy:
            return
        paths = self._paths()
        if paths is None:
            return
        self.busy = True
        self.query_one("#import-run", Button).disabled = True
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        self.query_one("#import-report", RichLog).clear()
        self._say("Reading…")
        self._work(paths, self._text(), dry_run)

    @work(thread=True, exclusive=True, group="import")
    def _work(self, paths: list[Path], text: str, dry_run: bool) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done)

        def commit(changes: list[Change], label: str) -> Any:
            return self.app.call_from_thread(self.network.commit, changes, label)

        try:
            report = run_import(self.network, paths, dry_run=dry_run, progress=progress,
                                commit=commit)
        except Exception as exc:  # shown, never a crash of the app
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._finish, report, text)

    def _progress(self, done: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=done)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.previewed = None
        self._say(f"Import failed, nothing was written: {message}")

    def _finish(self, report: Report, text: str) -> None:
        self.busy = False
        if report.json_files:
            names = ", ".join(p.name for p in report.json_files)
            report.entries.insert(0, Entry("skipped", "", names, "a netui JSON backup: restore "
                                                       "it with `netui import json`"))
        self.last_report = report
        self._progress(PROGRESS_STEPS)
        button = self.query_one("#import-run", Button)
        if report.dry_run:
            self.previewed = text
            writes = report.writes()
            button.disabled = not writes or self._text() != text
            ask = "; press Import to write this" if writes else "; nothing to write"
            self._say(report.summary() + ask)
            if writes and self._text() == text:
                button.focus()
        else:
            self.previewed = None
            button.disabled = True
            self._say(report.summary())
        log = self.query_one("#import-report", RichLog)
        width = max(20, log.scrollable_content_region.width - 1)  # wrap to the box, not 78
        for line in report.lines(verbose=True)[1:]:
            log.write(Text(line), width=width)

    def action_close(self) -> None:
        self.app.pop_screen()
