"""`?`: every key, grouped by where it works, with the user's remapped keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .commands import all_commands, key_display

if TYPE_CHECKING:
    from .app import NetuiApp

MOVING = [
    ("Contacts", "↑ ↓ j k, PgUp PgDn, g G", "Move in the list"),
    ("Calendar", "← → ↑ ↓ h j k l", "Move the selected day"),
    ("Calendar", "tab", "Between the month grid and the agenda"),
    ("Contacts", "tab", "Between the list and the timeline (a focused list has an orange bar)"),
    ("Contacts", "enter, e", "On the timeline: edit the entry in its form (check-in: its date)"),
    ("Contacts", "d", "On the timeline: delete the entry (asks; ctrl+z undoes)"),
    ("Contacts", "esc", "Back from the card to the list (at 80 columns the card takes the width)"),
    ("Contacts", "/ then ↓", "Notes matching the filter are listed under 'in notes'; e edits one"),
    ("Health", "tab", "Between the charts: circles, heat-map, months, drifting"),
    ("Health", "← → ↑ ↓ h j k l", "Move over the heat-map's days and the months"),
    ("Health", "enter", "The list behind a circle, a day, a month, or open a person"),
    ("Review", "d s n g", "On a card: in touch (a note), snooze, note, gave (quick-add grammar)"),
    ("Review", "x, j k", "Skip the card, move between cards"),
    ("Review", "m", "After today's cards: review who waits for another day"),
    ("Review", "q", "Leave the review (a summary follows; any key closes it)"),
    ("Everywhere", "ctrl+p", "Command palette: every command, themes"),
    ("Everywhere", "esc", "Close a dialog or clear the filter"),
]


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help-body"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="netui.help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(Text("netui keys", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._table(), id="help-table")
            yield Static(Text("Esc closes · keys can be remapped in the config file "
                              "(keymap = {\"netui.quit\" = \"ctrl+q\"})", "dim"))

    def _table(self) -> Table:
        app = cast("NetuiApp", self.app)
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column("key", style="bold", no_wrap=True, width=12)
        table.add_column("what", ratio=1)
        table.add_column("id", style="dim", no_wrap=True)
        section = ""
        rows = [(c.section, key_display(app, c.binding), c.binding.tooltip or c.title,
                 c.binding.id or "") for c in all_commands() if c.binding]
        rows += [(s, k, w, "") for s, k, w in MOVING]
        order = {"Everywhere": 0, "Contacts": 1, "Ledger": 2, "Calendar": 3, "Health": 5}
        rows.sort(key=lambda r: order.get(r[0], 9))
        for sec, key, what, bid in rows:
            if sec != section:
                section = sec
                table.add_row(Text(f"\n{sec}", "bold underline"), "", "")
            table.add_row(Text(key), Text(what), Text(bid))
        return table

    def action_close(self) -> None:
        self.dismiss()
