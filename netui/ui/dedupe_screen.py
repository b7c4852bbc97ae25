"""Merge duplicates from the TUI: likely pairs in a table, one key to merge, one to undo.

Finding pairs compares every name with every other (about a second at 3,000 people), so
it runs in a worker thread; merging goes through Network.merge_contacts on the app's
thread, as one undoable step."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..domain.dedupe import Pair, candidates
from ..domain.models import Contact
from ..domain.phones import default_region
from ..errors import NetuiError
from ..services import Network


def _who(c: Contact) -> Text:
    extra = ", ".join(x for x in (c.company, *c.emails[:1]) if x)
    return Text(f"{c.name} ({extra})" if extra else c.name)


SHOWN = 500  # rows in the table; strongest pairs first, so the rest can wait


class DedupeScreen(Screen):
    """Likely duplicates: `m` keeps the left one, `M` the right one, `u` undoes a merge."""

    CSS_PATH = "dedupe_screen.tcss"
    BINDINGS = [
        Binding("m", "merge(False)", "Merge, keep left", id="dedupe.merge"),
        Binding("M", "merge(True)", "Merge, keep right", id="dedupe.merge_right"),
        Binding("u", "undo", "Undo merge", id="dedupe.undo"),
        Binding("r", "reload", "Refresh", id="dedupe.reload"),
        Binding("escape", "close", "Back", id="dedupe.close"),
    ]

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        self.pairs: list[Pair] = []
        self.merges = 0  # merges made here, so undo never reverts someone else's edit

    def compose(self) -> ComposeResult:
        yield Static("Possible duplicates", id="dedupe-title")
        yield Static("Looking…", id="dedupe-status", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="dedupe-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Keep", "Merge into it", "Why")
        self.action_reload()

    def action_reload(self) -> None:
        self._find(self.network.contacts(include_archived=True))

    @work(thread=True, exclusive=True, group="dedupe")
    def _find(self, contacts: list[Contact]) -> None:
        pairs = candidates(contacts, default_region(self.network.config.region))
        self.app.call_from_thread(self._show, pairs)

    def _show(self, pairs: list[Pair], status: str | None = None) -> None:
        self.pairs = pairs
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for i, p in enumerate(pairs[:SHOWN]):
            table.add_row(_who(p.a), _who(p.b), Text(", ".join(p.reasons)), key=str(i))
        if pairs:
            table.move_cursor(row=min(row, table.row_count - 1))
        found = f"{len(pairs)} possible duplicate{'s' if len(pairs) != 1 else ''}"
        if len(pairs) > SHOWN:
            found += f" (the {SHOWN} likeliest shown; merge some and they refresh)"
        self._say(f"{status}. {found}" if status else found if pairs else "No likely duplicates.")
        table.focus()

    def _say(self, text: str) -> None:
        self.query_one("#dedupe-status", Static).update(text)

    def current(self) -> Pair | None:
        table = self.query_one(DataTable)
        if not self.pairs or table.cursor_row < 0:
            return None
        return self.pairs[min(table.cursor_row, len(self.pairs) - 1)]

    def action_merge(self, keep_right: bool) -> None:
        pair = self.current()
        if pair is None:
            return
        keep, other = (pair.b, pair.a) if keep_right else (pair.a, pair.b)
        try:
            self.network.merge_contacts(keep.id, other.id)
        except NetuiError as exc:
            self._say(str(exc))
            return
        self.merges += 1
        gone = {other.id}
        rest = [p for p in self.pairs if p.a.id not in gone and p.b.id not in gone]
        self._show(rest, f"Merged {other.name} into {keep.name} (u to undo)")
        self.action_reload()  # the merged record may now pair with someone else

    def action_undo(self) -> None:
        label = self.network.undo_label() or ""
        if not self.merges or not label.startswith("merge "):
            self._say("Nothing to undo here.")
            return
        undone = self.network.undo()
        self.merges -= 1
        self._say(f"Undone: {undone}")
        self.action_reload()

    def action_close(self) -> None:
        self.app.pop_screen()
