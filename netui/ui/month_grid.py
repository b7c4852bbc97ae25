"""A month of days with what each holds: check-ins due, birthdays, past interactions."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..domain.dates import add_months
from .calendar_data import CalendarIndex

HEADER_LINES = 3  # month title, legend, weekday names
INITIALS_BELOW = 8  # a day cell narrower than this shows initials instead of names


def initials(name: str) -> str:
    """"Aisha Khan" -> "AK"; one word gives its first two letters."""
    words = [w for w in name.split() if w[:1].isalnum()] or [name]
    if len(words) == 1:
        return words[0][:2]
    return (words[0][:1] + words[-1][:1]).upper()


def short_name(name: str, room: int) -> str:
    """The whole name when it fits, else "Aisha K.", else the first name cut."""
    if len(name) <= room:
        return name
    words = name.split()
    if len(words) > 1:
        shortened = f"{words[0]} {words[-1][:1]}."
        if len(shortened) <= room:
            return shortened
    return words[0] if words else name


class MonthGrid(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-1)", "Day before", show=False, id="netui.calendar.left"),
        Binding("right,l", "move(1)", "Day after", show=False, id="netui.calendar.right"),
        Binding("up,k", "move(-7)", "Week before", show=False, id="netui.calendar.up"),
        Binding("down,j", "move(7)", "Week after", show=False, id="netui.calendar.down"),
    ]

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class DayChanged(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, index: CalendarIndex, first_weekday: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.first_weekday = first_weekday
        self.set_reactive(MonthGrid.selected, index.today)
        self._extra_lines = 0
        self._shown: dict[date, list[tuple[str, str]]] = {}

    def set_index(self, index: CalendarIndex) -> None:
        self.index = index
        self.refresh()

    def watch_selected(self, day: date) -> None:
        self.post_message(self.DayChanged(day))

    def action_move(self, days: int) -> None:
        self.selected = self.selected + timedelta(days=days)

    def shift_month(self, months: int) -> None:
        self.selected = add_months(self.selected, months)

    def weeks(self) -> list[list[date]]:
        cal = calendar.Calendar(self.first_weekday)
        return cal.monthdatescalendar(self.selected.year, self.selected.month)

    def cell_width(self) -> int:
        return max(3, self.content_size.width // 7)

    def render(self) -> Text:
        cw = self.cell_width()
        today = self.index.today
        text = Text(no_wrap=True, overflow="crop")
        title = self.selected.strftime("%B %Y")
        text.append(title.center(cw * 7).rstrip(), "bold")
        text.append("\n")
        legend = "● due  ★ birthday  · touches"
        if cw * 7 >= 60:
            legend += "   [ ] month  t today"
        text.append(legend.center(cw * 7).rstrip(), "dim")
        text.append("\n")
        for n in range(7):
            name = calendar.day_abbr[(self.first_weekday + n) % 7]
            text.append(name[: cw - 1].rjust(cw - 1) + " ", "bold")
        weeks = self.weeks()
        self._shown = {}  # who is due each day shown, worked out once per render
        # Two lines per week at least; the rest of the height (all of it: the grid fills
        # the window) for who is due that day.
        per_week = max(2, (self.content_size.height - HEADER_LINES) // len(weeks))
        self._extra_lines = per_week - 2
        for week in weeks:
            text.append("\n")
            for day in week:
                text.append_text(self._number_cell(day, today, cw))
            text.append("\n")
            for day in week:
                text.append_text(self._count_cell(day, today, cw))
            for extra in range(per_week - 2):
                text.append("\n")
                for day in week:
                    text.append_text(self._name_cell(day, today, cw, extra))
        return text

    def _people(self, day: date, today: date) -> list[tuple[str, str]]:
        """(name, style) of everyone due or with a birthday on `day` (asked once per line
        under the day: kept for the render)."""
        people = self._shown.get(day)
        if people is None:
            people = [(i.contact.name, self.index.colour(i, day))
                      for i in self.index.due_on(day) if i.contact]
            people += [(i.contact.name, "magenta")
                       for i in self.index.birthdays_on(day) if i.contact]
            self._shown[day] = people
        return people

    def _name_cell(self, day: date, today: date, cw: int, n: int) -> Text:
        """Line n under `day`: the n-th person due (or with a birthday), as much of the
        name as fits; in a narrow cell, initials, as many as fit."""
        people = self._people(day, today)
        room = cw - 1
        per_line = 1 if room >= INITIALS_BELOW else max(1, (room + 1) // 3)
        first = n * per_line
        if first >= len(people):
            return Text(" " * cw)
        last_line = n == self._extra_lines - 1
        chunk = people[first:first + per_line]
        more = len(people) - first - len(chunk)
        cell = Text(no_wrap=True)
        if per_line == 1 and not (last_line and more > 0):
            name, style = chunk[0]
            cell.append(short_name(name, room), style)
        elif last_line and more > 0 and per_line == 1:
            cell.append(f"+{more + 1} more", "dim")
        else:
            if last_line and more > 0:
                chunk = chunk[:-1]
                more += 1
            for m, (name, style) in enumerate(chunk):
                cell.append((" " if m else "") + initials(name), style)
            if last_line and more > 0:
                cell.append(f"{' ' if chunk else ''}+{more}", "dim")
        cell.truncate(room, overflow="ellipsis", pad=True)
        cell.append(" ")
        return cell

    def _style(self, day: date, today: date) -> str:
        style = "" if day.month == self.selected.month else "dim"
        if day == today:
            style += " bold underline"
        if day == self.selected:
            style += " reverse" if self.has_focus else " underline"
        return style.strip()

    def _number_cell(self, day: date, today: date, cw: int) -> Text:
        mark = "★" if self.index.birthdays_on(day) else " "
        body = f"{mark}{day.day:>2}"
        return Text(body.rjust(cw - 1)[: cw - 1], self._style(day, today)).append(" ")

    def _count_cell(self, day: date, today: date, cw: int) -> Text:
        due = len(self.index.due_on(day))
        touches = self.index.touch_count(day) if day <= today else 0
        cell = Text(style=self._style(day, today) if day == self.selected else "")
        if due:
            cell.append(f"●{due}", "red" if day <= today else "yellow")
        if touches:
            cell.append(f"·{touches}", "cyan")
        cell.truncate(cw - 1)
        cell.align("right", cw - 1)
        cell.append(" ")
        return cell

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y - HEADER_LINES
        col = offset.x // self.cell_width()
        weeks = self.weeks()
        per_week = self._extra_lines + 2
        if row >= 0 and row // per_week < len(weeks) and 0 <= col < 7:
            self.selected = weeks[row // per_week][col]
            self.focus()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
