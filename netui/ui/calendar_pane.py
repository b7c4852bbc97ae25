"""Pane 3: the check-in calendar: a month grid with an agenda beside it."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..domain.cadence import humanize_in
from ..domain.dates import describe_day
from ..domain.models import CheckIn, CheckInKind
from .calendar_data import AgendaItem, CalendarIndex, calendar_index
from .confirm import ConfirmScreen
from .date_picker import DatePrompt, SnoozeScreen
from .hanging import Card, hanging
from .month_grid import MonthGrid
from .pane import Pane

AHEAD_DAYS = 7
# An agenda section longer than this is a list to filter, not to read (the review walks
# it). The OptionList measures every option's wrapped height each time it is filled:
# four sections of 100 cost ~100 ms at 10k contacts, on every open and day change.
SECTION_LIMIT = 40


class CalendarPane(Pane):
    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", "Prev month", id="netui.calendar.prev_month",
                tooltip="Previous month"),
        Binding("right_square_bracket", "month(1)", "Next month", id="netui.calendar.next_month",
                tooltip="Next month"),
        Binding("t", "today", "Today", id="netui.calendar.today", tooltip="Jump to today"),
        Binding("m", "done", "Done", id="netui.calendar.done",
                tooltip="Mark the selected check-in done (logs a touch today)"),
        Binding("z", "snooze", "Snooze", id="netui.calendar.snooze",
                tooltip="Snooze the selected check-in: 1 day, 1 week, 1 month or a date"),
        Binding("s", "reschedule", "Reschedule", id="netui.calendar.reschedule",
                tooltip="Move the selected check-in to another date"),
    ]

    def __init__(self, network, *, id: str) -> None:
        super().__init__(network, id=id)
        self.index = CalendarIndex(network, build=False)  # built when first shown
        self._items: dict[str, AgendaItem] = {}

    def compose(self) -> ComposeResult:
        yield MonthGrid(self.index, self.network.config.first_weekday, id="month-grid")
        yield OptionList(id="agenda")

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    @property
    def agenda(self) -> OptionList:
        return self.query_one("#agenda", OptionList)

    def focus_main(self) -> None:
        self.grid.focus()

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.index = calendar_index(self.network)
        self.grid.set_index(self.index)
        self._fill_agenda()

    @on(MonthGrid.DayChanged)
    def _day_changed(self) -> None:
        self._fill_agenda()

    def _fill_agenda(self) -> None:
        today, chosen = self.index.today, self.grid.selected
        keep = self.selected_item()
        sections: list[tuple[str, list[AgendaItem]]] = []
        if chosen != today:
            label = f"{describe_day(chosen, today)}, {chosen.strftime('%a %d %b')}"
            if describe_day(chosen, today) == chosen.isoformat():
                label = chosen.strftime("%a %d %b %Y")
            items = self.index.due_on(chosen) + self.index.birthdays_on(chosen)
            if chosen <= today:
                items += self.index.touches_on(chosen)
            sections.append((label, items))
        sections.append(("Overdue", self.index.overdue()))
        sections.append(("Today", self.index.due_on(today) + self.index.birthdays_on(today)
                         + self.index.touches_on(today)))
        ahead: list[AgendaItem] = []
        for n in range(1, AHEAD_DAYS + 1):
            day = today + timedelta(days=n)
            ahead += self.index.due_on(day) + self.index.birthdays_on(day)
        sections.append((f"Next {AHEAD_DAYS} days", ahead))

        self._items.clear()
        options: list[Option | None] = []
        first_actionable: int | None = None
        for s, (title, items) in enumerate(sections):
            options.append(Option(Text(f"{title} ({len(items)})", "bold underline"),
                                  disabled=True))
            if not items:
                options.append(Option(Text(self._empty_text(title), "dim"), disabled=True))
            for n, item in enumerate(items[:SECTION_LIMIT]):
                oid = f"{s}:{n}"
                self._items[oid] = item
                if first_actionable is None:
                    first_actionable = len(options)
                options.append(Option(self._item_text(item), id=oid))
            if len(items) > SECTION_LIMIT:
                more = f"  … and {len(items) - SECTION_LIMIT} more (r: daily review)"
                options.append(Option(Text(more, "dim"), disabled=True))
        agenda = self.agenda
        agenda.clear_options()
        agenda.add_options(options)
        agenda.highlighted = self._find(keep) if keep and chosen == today else first_actionable

    def _find(self, item: AgendaItem) -> int | None:
        for n in range(self.agenda.option_count):
            oid = self.agenda.get_option_at_index(n).id
            if oid and self._items.get(oid) == item:
                return n
        return None

    def _empty_text(self, title: str) -> str:
        if title == "Overdue":
            return "  Nobody is overdue."
        if title == "Today":
            return "  Nothing due today."
        if title.startswith("Next"):
            return "  Nothing due this week."
        return "  Nothing on this day. n logs an interaction."

    def _item_text(self, item: AgendaItem) -> Card:
        """One agenda line: its mark, then the rest, which wraps under itself."""
        mark, text = self._item_parts(item)
        return hanging(Text.assemble(" ", mark), text)

    def _item_parts(self, item: AgendaItem) -> tuple[Text, Text]:
        today = self.index.today
        name = item.contact.name if item.contact else "?"
        text = Text()
        mark = Text("  ")
        if item.kind == "due" and item.due:
            over = item.due.overdue_days(today)
            colour = self.index.colour(item, item.day)
            when = (f"{over}d late" if colour == "red" else f"due {over}d") if over else (
                "today" if item.day == today else humanize_in(item.day, today))
            mark = Text("● ", colour)
            text.append(name)
            why = item.due.detail if item.due.reason == "follow-up" and item.due.detail \
                else item.due.reason
            text.append(f"  {when} · {why}", "dim")
        elif item.kind == "community":
            over = (today - item.day).days
            text.append("◆ ", "yellow" if over >= 0 else "cyan")
            text.append(item.community or "")
            text.append(f"  take part{f' (due {over}d)' if over > 0 else ''} · community", "dim")
        elif item.kind == "birthday":
            mark = Text("★ ", "magenta")
            text.append(name)
            turns = item.contact.birthday.age_on(item.day) if item.contact and \
                item.contact.birthday else None
            text.append(f"  birthday{f', turns {turns}' if turns else ''}", "dim")
        elif item.interaction is not None:
            doc = item.interaction
            mark = Text("· ", "cyan")
            text.append(self.index.names(doc))
            text.append(f"  {doc.get('kind', '')}  ", "dim")
            text.append((doc.get("text") or "").split("\n")[0], "dim")
        elif item.favour is not None:
            mark = Text("· ", "cyan")
            text.append(name)
            text.append(f"  {item.favour.direction.value}  ", "dim")
            text.append(item.favour.text.split("\n")[0], "dim")
        return mark, text

    # -- selection ----------------------------------------------------------------------

    def selected_item(self) -> AgendaItem | None:
        agenda = self.agenda
        if agenda.highlighted is None or agenda.option_count == 0:
            return None
        oid = agenda.get_option_at_index(agenda.highlighted).id
        return self._items.get(oid or "")

    def _need(self, *kinds: str) -> AgendaItem | None:
        item = self.selected_item()
        if item is None or item.kind not in kinds or item.contact is None:
            what = {"due": "check-in", "touch": "interaction"}
            wanted = " or ".join(what.get(k, k) for k in kinds)
            self.notify(f"Select a {wanted} in the agenda first (tab moves there).",
                        severity="warning")
            return None
        return item

    # -- actions ------------------------------------------------------------------------

    def action_month(self, months: int) -> None:
        self.grid.shift_month(months)

    def action_today(self) -> None:
        self.grid.selected = self.index.today

    def action_done(self) -> None:
        if (item := self._need("due", "birthday")) and (c := item.contact):
            note = "Birthday wishes" if item.kind == "birthday" else ""
            self.netui.attempt(lambda: self.network.mark_done(c.id, note=note),
                               f"In touch with {c.name} today")

    def action_snooze(self) -> None:
        item = self._need("due")
        if item is None or (c := item.contact) is None:
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.netui.attempt(lambda: self.network.snooze(c.id, day),
                                   f"Snoozed {c.name} until {day.isoformat()}")

        due = self.network.due(c.id)
        self.app.push_screen(SnoozeScreen(c.name, self.index.today, due.due if due else None),
                             chosen)

    def action_reschedule(self) -> None:
        item = self._need("due")
        if item is None or item.due is None or item.contact is None:
            return
        c, due = item.contact, item.due
        # The follow-ups as shown now: the move goes against these revisions, so one
        # another program changed while the prompt is open is refused, not overwritten.
        shown = [k for k in self.network.checkins_for(c.id, pending_only=True)
                 if k.kind is CheckInKind.followup]

        def chosen(day: date | None) -> None:
            if day is not None:
                self.netui.attempt(lambda: self._move(c.id, due.reason, due.due, day, shown),
                                   f"{c.name}: next check-in {day.isoformat()}")

        prompt = DatePrompt(f"Reschedule the check-in with {c.name} to",
                            self.index.today, allow_today=True)
        self.app.push_screen(prompt, chosen)

    def _move(self, contact_id: str, reason: str, current: date, day: date,
              followups: list[CheckIn]) -> None:
        """A follow-up moves; a cadence (or snoozed) check-in is snoozed later or gets an
        earlier follow-up, since the cadence itself is a rule, not a record."""
        if reason == "follow-up" and followups:
            first = min(followups, key=lambda k: k.due)
            self.network.reschedule(first.id, day, rev=first.rev)
        elif day > current or reason == "snoozed":
            self.network.snooze(contact_id, day, reason="rescheduled")
        else:
            self.network.add_checkin(CheckIn(contact_id=contact_id, due=day,
                                             reason="rescheduled"))

    def new(self) -> None:
        item = self.selected_item()
        people = [item.contact.id] if item and item.contact else []
        day = min(self.grid.selected, self.index.today)
        self.netui.open_interaction_form(people, on=day)

    def edit(self) -> None:
        item = self.selected_item()
        if item and item.kind == "touch" and item.interaction:
            self.netui.open_interaction_form(interaction_id=item.interaction["id"])
        elif item and item.favour is not None:
            self.netui.open_favour_form(item.favour.contact_id, item.favour.id)
        elif item and item.kind == "due":
            self.action_reschedule()
        elif item and item.community_id:  # a community to take part in: open it
            from .communities_pane import CommunitiesPane

            self.netui.action_show_pane("communities")
            self.app.query_one(CommunitiesPane).select(item.community_id)
        else:
            self.notify("Select a check-in or a past interaction in the agenda.",
                        severity="warning")

    def delete(self) -> None:
        item = self._need("touch")
        if item is not None and item.favour is not None:
            fid, what = item.favour.id, f"{item.favour.direction.value} favour"

            def gone(yes: bool | None) -> None:
                if yes:
                    self.netui.attempt(lambda: self.network.delete_favour(fid),
                                       f"Deleted the {what} (ctrl+z undoes)")

            self.app.push_screen(ConfirmScreen(Text.assemble(
                f"Delete this {what} with ", (item.contact.name if item.contact else "?", "bold"),
                "?"), yes="Delete"), gone)
            return
        if item is None or item.interaction is None:
            return
        iid = item.interaction["id"]

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: self.network.delete_interaction(iid),
                                   "Deleted the interaction (ctrl+z undoes)")

        self.app.push_screen(ConfirmScreen(
            Text.assemble("Delete this ", item.interaction.get("kind", "interaction"),
                          " with ", (self.index.names(item.interaction), "bold"), "?"),
            yes="Delete"), done)
