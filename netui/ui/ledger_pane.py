"""Pane 2: the "give before you ask" ledger: favours, balances per person, nudges."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..domain import ask_coach, intros
from ..domain.favour_rows import FavourRow
from ..domain.ledger import Standing
from ..domain.models import Contact, Direction, Favour, FavourStatus
from ..errors import Invalid, NotFound
from ..services import Nudges
from .confirm import ConfirmScreen
from .contact_detail import fmt_day
from .hanging import Card
from .pane import Pane
from .row_table import CELL_PADDING, RowTable

FILTERS = ["all", "given", "received", "asked", "open"]
EMPTY = ("No favours yet. Press n to log one: something you gave, received or asked for.\n"
         "Give before you ask.")
STATUS_STYLE = {"open": "bold yellow", "done": "green", "declined": "dim"}
# Every column but "What" has a fixed width; "What" (what the favour was) gets the rest,
# and is never dropped: when it would get less than WHAT_MIN, Status goes, then Direction.
FIXED_COLUMNS = (("Date", 10), ("Person", 16), ("Direction", 12), ("Status", 8))
DROP_ORDER = ("Status", "Direction")
WHAT_MIN = 24
# The balances: the person's name gets what the four counts leave.
BALANCE_COUNTS = (("Bal", 4), ("Gave", 4), ("Got", 3), ("Open", 4))
# Narrower than this, the nudges and balances go under the table instead of beside it.
NARROW_WIDTH = 100


def favour_columns(room: int) -> tuple[list[tuple[str, int]], int]:
    """The fixed columns that fit beside "What" in `room` cells, and What's width."""
    columns = list(FIXED_COLUMNS)
    for drop in (None, *DROP_ORDER):
        if drop:
            columns = [c for c in columns if c[0] != drop]
        fixed = sum(w + 2 * CELL_PADDING for _, w in columns) + 2 * CELL_PADDING
        if room - fixed >= WHAT_MIN:
            break
    return columns, max(16, room - fixed)


def balance_columns(room: int) -> list[tuple[str, int]]:
    fixed = sum(w + 2 * CELL_PADDING for _, w in BALANCE_COUNTS) + 2 * CELL_PADDING
    return [("Person", max(6, room - fixed)), *BALANCE_COUNTS]


def _favour_id(favour: FavourRow) -> str:
    return favour.id


def _balance_id(row: tuple[Contact, Standing]) -> str:
    return row[0].id


class FavourTable(RowTable):
    """The favours table: the pane re-fits its columns whenever the table's width
    changes (a terminal resize, or the narrow layout stacking the nudges under it).
    Re-fitting redraws the rows on screen; it never fills the table again."""

    def on_resize(self) -> None:
        for pane in self.ancestors:
            if isinstance(pane, LedgerPane):
                pane.refit()


class BalanceTable(RowTable):
    def on_resize(self) -> None:
        self.set_columns(balance_columns(self.scrollable_content_region.width
                                         or self.size.width))


class LedgerPane(Pane):
    BINDINGS = [
        Binding("f", "next_filter", "Filter", id="netui.ledger.filter",
                tooltip="Show all, given, received, asked or open favours"),
        Binding("m", "set_status('done')", "Done", id="netui.ledger.done",
                tooltip="Mark the selected favour done"),
        Binding("x", "set_status('declined')", "Declined", id="netui.ledger.declined",
                tooltip="Mark the selected favour declined"),
        Binding("o", "set_status('open')", "Reopen", show=False, id="netui.ledger.reopen",
                tooltip="Mark the selected favour open again"),
        Binding("escape", "clear_person", "All people", show=False, id="netui.ledger.all_people",
                tooltip="Stop showing only one person's favours"),
    ]

    def __init__(self, network, *, id: str) -> None:
        super().__init__(network, id=id)
        self.filter = "all"
        self.person: str | None = None
        # Rows, not models: 100k favours at 50k contacts sort and filter as rows; a model
        # is made for each row drawn (only the rows on screen) and for what is edited.
        self._favours: list[FavourRow] = []
        self._by_filter: dict[tuple[str, str | None], list[FavourRow]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="ledger-left"):
            yield Static("", id="ledger-filters", markup=False)
            yield FavourTable(id="favours", zebra_stripes=True)
            yield Static(EMPTY, id="ledger-empty", markup=False)
        with Vertical(id="ledger-right"):
            with VerticalScroll(id="nudges-scroll"):
                yield Static("", id="nudges", markup=False)
            yield BalanceTable(id="balances")

    def on_mount(self) -> None:
        self._what_width = 0
        self._columns: list[str] = []
        self._set_favour_columns()
        balances = self.query_one("#balances", RowTable)
        balances.set_columns(balance_columns(balances.size.width))
        balances.border_title = "Balance per person (enter: their favours)"

    def focus_main(self) -> None:
        self.query_one("#favours", RowTable).focus()

    def _set_favour_columns(self) -> bool:
        """Size "What" to the room left; True when the columns changed."""
        table = self.query_one("#favours", RowTable)
        room = table.scrollable_content_region.width or table.size.width
        columns, what = favour_columns(room)
        if (what, len(columns)) == (self._what_width, len(self._columns)):
            return False
        layout_changed = len(columns) != len(self._columns)
        self._what_width, self._columns = what, [label for label, _ in columns]
        table.set_columns([*columns, ("What", what)])
        return layout_changed

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")
        self.refit()

    def refit(self) -> None:
        """New widths redraw the rows on screen; a dropped column changes what the rows
        say (the direction or status moves into "What"), so they are made again."""
        if self.is_mounted and self._set_favour_columns() and not self._stale:
            self.query_one("#favours", RowTable).redraw()

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._favours = self.network.favour_rows()
        self._by_filter.clear()
        self._fill_favours()
        self._fill_balances()
        self._fill_nudges(self.network.nudges())

    def _visible(self) -> list[FavourRow]:
        """The favours the filter and the person show (worked out once per reload)."""
        if self.filter == "all" and not self.person:
            return self._favours
        key = (self.filter, self.person)
        if key not in self._by_filter:
            direction = {"given": Direction.gave, "received": Direction.received,
                         "asked": Direction.asked}.get(self.filter)
            self._by_filter[key] = [
                f for f in self._favours
                if (not self.person or f.contact_id == self.person)
                and (self.filter != "open" or f.status is FavourStatus.open)
                and (direction is None or f.direction is direction)]
        return self._by_filter[key]

    def _what(self, f: Favour) -> str:
        """The favour's text; an intro says who it introduced, an ask how big it is."""
        what = f.text
        if f.introduced_id:
            other = self.network.get_contact(f.introduced_id)
            what = (intros.describe(f, f.contact_id, lambda _cid: other.name if other else
                                    "someone deleted") or "") + (f" · {f.text}" if f.text else "")
        if f.direction is Direction.asked and f.status is FavourStatus.open:
            check = ask_coach.check_ask(f.text)
            if check.big:
                what += f"  [big ask: {check.suggestion}]"
        return what

    def _model(self, row: FavourRow) -> Favour | None:
        """The favour behind a row; None when it went since the rows were read (another
        netui deleted it: the poll reloads the pane)."""
        try:
            return self.network.favour(row.id)
        except (NotFound, Invalid):
            return None

    def _favour_cells(self, row: FavourRow) -> list[Text]:
        """One row's cells, made when the row is first drawn (only the rows on screen)."""
        f = self._model(row)
        if f is None:
            return [Text("?") for _ in (*self._columns, "What")]
        c = self.network.get_contact(f.contact_id)
        cells = {
            "Date": Text(fmt_day(self.network, f.date)),
            "Person": Text(c.name if c else "?", no_wrap=True, overflow="ellipsis"),
            "Direction": Text.assemble(f"{f.direction.value} ", ("●" * f.size, "dim")),
            "Status": Text(f.status.value, STATUS_STYLE.get(f.status.value, "")),
        }
        what = Text(self._what(f), no_wrap=True, overflow="ellipsis")
        if "Direction" not in self._columns:  # narrow: the direction leads the text
            what = Text.assemble((f"{f.direction.value[:4]} ", "magenta"), what,
                                 no_wrap=True, overflow="ellipsis")
        if "Status" not in self._columns and f.status is not FavourStatus.done:
            what.append(f" [{f.status.value}]", STATUS_STYLE.get(f.status.value, ""))
        return [*(cells[label] for label in self._columns), what]

    def _fill_favours(self) -> None:
        table = self.query_one("#favours", RowTable)
        rows = matching = self._visible()
        table.set_rows(rows, _favour_id, self._favour_cells, keep=self.selected_favour_id())
        bar = Text()
        for name in FILTERS:
            count = len(matching) if name == self.filter else None
            label = f" {name}{f' {count}' if count is not None else ''} "
            bar.append(label, "reverse bold" if name == self.filter else "dim")
        bar.append("  f: next filter", "dim")
        if self.person and (c := self.network.get_contact(self.person)):
            bar.append("   only ")
            bar.append(c.name, "bold")
            bar.append(" (esc: everyone)", "dim")
        self.query_one("#ledger-filters", Static).update(bar)
        empty = self.query_one("#ledger-empty", Static)
        if not self._favours:
            empty.update(EMPTY)
        elif not rows:
            empty.update(f"No {self.filter} favours here. Press f for another filter.")
        empty.display = not rows
        table.display = bool(rows)

    def _fill_balances(self) -> None:
        def cells(row: tuple[Contact, Standing]) -> list[Text]:
            c, st = row
            style = "green" if st.balance > 0 else ("red" if st.balance < 0 else "")
            return [Text(c.name, no_wrap=True, overflow="ellipsis"),
                    Text(f"{st.balance:+d}" if st.balance else "0", style),
                    Text(str(st.given)), Text(str(st.received)), Text(str(st.open_asks))]

        table = self.query_one("#balances", RowTable)
        table.set_rows(self.network.balances(), _balance_id, cells, keep=table.cursor_key)

    def _fill_nudges(self, n: Nudges) -> None:
        card = Card().text(Text("Nudges", "bold underline"))

        def entry(name: str, detail: str, style: str = "dim") -> None:
            # A wrapped entry hangs under the name, not at column 0.
            card.field(Text("  "), Text.assemble(name, (f"  {detail}", style)), width=2)

        if not (n.owes_back or n.stale_asks or n.over_asked):
            card.text("All square: nobody is waiting on you.", "dim")
        if n.owes_back:
            card.text("Helped you, nothing given back since:", "bold")
            for c, st in n.owes_back[:8]:
                when = fmt_day(self.network, st.last_received) if st.last_received else ""
                entry(c.name, f"received {when}")
        if n.stale_asks:
            card.text("Open asks older than 30 days:", "bold")
            for c, f, age in n.stale_asks[:8]:
                entry(c.name, f"{age}d  {f.text}")
        if n.over_asked:
            card.text("Asked more than you gave:", "bold")
            for c, st in n.over_asked[:8]:
                entry(c.name, f"{st.asked} asks, {st.given_count} given")
        given = self.network.communities.contributions()
        if given:  # giving back to the organisations your people are in
            card.text("Given to communities:", "bold")
            for g, p in given[:5]:
                entry(g.name, f"{fmt_day(self.network, p.date)}  {p.text}")
        self.query_one("#nudges", Static).update(card)

    # -- selection ----------------------------------------------------------------------

    def selected_favour_id(self) -> str | None:
        return self.query_one("#favours", RowTable).cursor_key

    def _selected(self) -> Favour | None:
        row = self.query_one("#favours", RowTable).cursor_row
        fav = self._model(row) if row is not None else None
        if fav is None:
            self.notify("No favour selected.", severity="warning")
        return fav

    @on(RowTable.RowSelected, "#balances")
    def _person_chosen(self, event: RowTable.RowSelected) -> None:
        self.person = event.key
        self._fill_favours()
        self.focus_main()

    # -- actions ------------------------------------------------------------------------

    def action_next_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill_favours()

    def action_clear_person(self) -> None:
        if self.person:
            self.person = None
            self._fill_favours()

    def action_set_status(self, status: str) -> None:
        fav = self._selected()
        if fav is None:
            return
        new = FavourStatus(status)
        if fav.status is new:
            self.notify(f"Already {status}.", timeout=2)
            return
        self.netui.attempt(lambda: self.network.set_favour_status(fav.id, new, rev=fav.rev),
                           f"Marked {status}: {fav.text or fav.direction.value}")

    def new(self) -> None:
        fav = self.query_one("#favours", RowTable).cursor_row
        self.netui.open_favour_form(self.person or (fav.contact_id if fav else None))

    def edit(self) -> None:
        if fav := self._selected():
            self.netui.open_favour_form(fav.contact_id, fav.id)

    def delete(self) -> None:
        fav = self._selected()
        if fav is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: self.network.delete_favour(fav.id),
                                   "Deleted the favour (ctrl+z undoes)")

        what = Text.assemble("Delete the favour ", (fav.text or fav.direction.value, "bold"), "?")
        self.app.push_screen(ConfirmScreen(what, yes="Delete"), done)
