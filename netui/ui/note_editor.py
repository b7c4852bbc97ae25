"""A multi-line note (ctrl+n in quick-add): the first line is read with the quick-add
grammar (who, kind, date, tags, follow-up); the lines after it are the note's text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..services import Network
from .quickadd import Attempt, QuickSaver


def split_note(text: str) -> tuple[str, str]:
    """(first line, the rest)."""
    first, _, rest = text.partition("\n")
    return first, rest


class NoteEditorScreen(ModalScreen[str | None]):
    """Dismisses with the saved preview, or None when cancelled."""

    CSS_PATH = "quickadd.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_editor.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note_editor.cancel"),
    ]

    def __init__(self, network: Network, first_line: str = "",
                 saver: QuickSaver | None = None) -> None:
        super().__init__()
        self.saver = saver or QuickSaver(network)
        self._initial = first_line

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            yield Static("Note · first line: @who, kind, date, #tags, +2w", id="qa-title",
                         markup=False)
            yield TextArea(self._initial + ("\n" if self._initial else ""), id="ne-text",
                           soft_wrap=True, show_line_numbers=False)
            yield Static("", id="qa-preview", markup=False)
            yield Static("", id="qa-status", markup=False)
            yield Static("ctrl+s save · esc cancel", id="qa-help", markup=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.refresh_preview()

    @on(TextArea.Changed, "#ne-text")
    def _changed(self) -> None:
        self.refresh_preview()

    def refresh_preview(self, attempt: Attempt | None = None) -> None:
        first, _ = split_note(self.query_one(TextArea).text)
        attempt = attempt or self.saver.read(first)
        self.query_one("#qa-preview", Static).update(
            Content(attempt.parsed.preview if first.strip() else ""))
        status = self.query_one("#qa-status", Static)
        status.update(Content(attempt.status if first.strip() else ""))
        offer = attempt.offer_create or (attempt.parsed.create and not attempt.saved)
        status.set_class(bool(attempt.status) and not offer, "-error")
        status.set_class(offer, "-offer")

    def action_save(self) -> None:
        first, rest = split_note(self.query_one(TextArea).text)
        attempt = self.saver.save(first, rest)
        if not attempt.saved:
            self.refresh_preview(attempt)
            return
        self.app.notify(f"Saved: {attempt.parsed.preview}", markup=False)
        self.dismiss(attempt.parsed.preview)

    def action_cancel(self) -> None:
        self.dismiss(None)
