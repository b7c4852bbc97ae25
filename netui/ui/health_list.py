"""The list behind a Health chart (who is off track in a circle, who was in touch on a day,
a month's favours): one line a row; enter opens that person in the contacts pane."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

MAX_ROWS = 1000  # an OptionList draws only what shows, but builds every option


class HealthListScreen(ModalScreen[str | None]):
    """Dismissed with the chosen contact's id, or None (escape)."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="netui.health.list_close",
                tooltip="Back to the Health pane"),
    ]

    def __init__(self, title: str, rows: Sequence[tuple[str, Text]], empty: str) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="health-list-box"):
            yield Static(self.title_text, id="health-list-title", markup=False)
            shown = self.rows[:MAX_ROWS]
            more = f"  (first {MAX_ROWS} of {len(self.rows)})" if len(self.rows) > MAX_ROWS else ""
            yield OptionList(*[Option(text, id=f"{n}:{cid}") for n, (cid, text) in
                               enumerate(shown)], id="health-list")
            hint = self.empty if not self.rows else f"enter: open in Contacts · esc: back{more}"
            yield Static(hint, id="health-list-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((event.option.id or "").split(":", 1)[1] or None)

    def action_close(self) -> None:
        self.dismiss(None)
