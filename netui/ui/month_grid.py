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
        # Two lines per week at least; with room, the names of who is due that day.
        per_week = max(2, min(5, (self.content_size.height - HEADER_LINES) // len(weeks)))
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

    def _name_cell(self, day: date, today: date, cw: int, n: int) -> Text:
        """The n-th person due (or with a birthday) on `day`, as a short name."""
        people = [(i.contact.name, self.index.colour(i, day))
                  for i in self.index.due_on(day) if i.contact]
        people += [(i.contact.name, "magenta") for i in self.index.birthdays_on(day) if i.contact]
        if n >= len(people):
            return Text(" " * cw)
        name, style = people[n]
        more = len(people) - n - 1
        if n == self._extra_lines - 1 and more > 0:
            name, style = f"+{more + 1} more", "dim"
        cell = Text(name, style=style, no_wrap=True)
        cell.truncate(cw - 1, overflow="ellipsis", pad=True)
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
        touches = len(self.index.touches_on(day)) if day <= today else 0
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
