"""The filter's second section: notes whose text matches what is typed in `/`, newest
first, each line with the matched words highlighted. Enter opens the note's form."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..services import Network
from ..services.entries import NoteHit, search
from .contact_detail import fmt_day
from .hanging import hanging

if TYPE_CHECKING:
    from .app import NetuiApp

LIMIT = 50
MIN_LETTERS = 3  # one or two letters match most notes: nothing to read there


class NoteMatches(OptionList):
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="netui.notes.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="netui.notes.up"),
        Binding("e", "edit_note", "Edit note", id="netui.notes.edit",
                tooltip="Edit the selected note in its form"),
    ]

    def __init__(self, network: Network, **kwargs) -> None:
        super().__init__(**kwargs)
        self.network = network
        self.query_text = ""
        self.hits: list[NoteHit] = []

    @property
    def netui(self) -> NetuiApp:
        return cast("NetuiApp", self.app)

    def search(self, text: str) -> None:
        """Show the notes matching `text` (nothing, and hidden, for no text or no hit)."""
        self.query_text = text
        words = [w for w in text.split() if not w.startswith("#") and ":" not in w]
        enough = sum(len(w) for w in words) >= MIN_LETTERS
        self.hits = search(self.network, " ".join(words), limit=LIMIT + 1,
                           people=False).notes if enough else []
        self.clear_options()
        shown = self.hits[:LIMIT]
        title = f"in notes ({len(shown)}{'+' if len(self.hits) > LIMIT else ''})"
        # Added in one call: each add measures every option held so far (50 one at a
        # time measure 1,275, which landed on the next keystroke).
        options = [Option(Text(title, "bold underline"), disabled=True)] if shown else []
        options += [Option(self._prompt(hit), id=str(n)) for n, hit in enumerate(shown)]
        self.add_options(options)
        self.display = bool(shown)

    def _prompt(self, hit: NoteHit):
        prefix = Text(f"{fmt_day(self.network, hit.note.date)}  ", "dim")
        body = Text()
        body.append(hit.names or "?", "bold")
        body.append("  ")
        start = len(body)
        body.append(hit.snippet.text)
        for a, b in hit.snippet.spans:
            body.stylize("reverse", start + a, start + b)
        return hanging(prefix, body)

    def selected_hit(self) -> NoteHit | None:
        if self.highlighted is None:
            return None
        oid = self.get_option_at_index(self.highlighted).id
        return self.hits[int(oid)] if oid is not None else None

    def action_edit_note(self) -> None:
        if hit := self.selected_hit():
            self.netui.open_interaction_form(interaction_id=hit.note.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_note()
