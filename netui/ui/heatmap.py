"""Touches per day as a contribution graph: weeks across, weekdays down, the last 52 weeks
(as many as fit), one cell a day, darker for busier days. Arrows move a cursor over the
days; enter asks for who was in touch that day."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..domain import health

LABEL = 4  # "Mon " before each row
# Level 0 (no touch) to 4, as a contribution graph shades them.
SHADES = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")


class TouchHeatmap(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-7)", "Week before", show=False, id="netui.health.map_left"),
        Binding("right,l", "move(7)", "Week after", show=False, id="netui.health.map_right"),
        Binding("up,k", "move(-1)", "Day before", show=False, id="netui.health.map_up"),
        Binding("down,j", "move(1)", "Day after", show=False, id="netui.health.map_down"),
        Binding("enter", "choose", "Who", show=False, id="netui.health.map_choose",
                tooltip="Who you were in touch with on the selected day"),
    ]
    DEFAULT_CSS = "TouchHeatmap { height: 9; }"

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class DayChosen(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, today: date, first_weekday: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.first_weekday = first_weekday
        self.daily: Mapping[date, int] = {}
        self.levels: list[int] = [2, 3, 4]
        self.set_reactive(TouchHeatmap.selected, today)

    def set_data(self, today: date, daily: Mapping[date, int]) -> None:
        self.today = today
        self.daily = daily
        self.levels = health.heatmap_levels(daily)
        self.selected = min(self.selected, today)
        self.refresh()

    def weeks_shown(self) -> int:
        return max(4, min(health.WEEKS, self.content_size.width - LABEL))

    def first_day(self) -> date:
        return health.heatmap_start(self.today, self.first_weekday, self.weeks_shown())

    def action_move(self, days: int) -> None:
        day = self.selected + timedelta(days=days)
        if self.first_day() <= day <= self.today:
            self.selected = day

    def action_choose(self) -> None:
        self.post_message(self.DayChosen(self.selected))

    def watch_selected(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Text:
        weeks, start = self.weeks_shown(), self.first_day()
        text = Text(no_wrap=True, overflow="crop")
        # Month names over the week where each month starts.
        head = [" "] * (LABEL + weeks)
        for w in range(weeks):
            first = start + timedelta(weeks=w)
            last = first + timedelta(days=6)
            if first.day == 1 or last.month != first.month:
                name = calendar.month_abbr[last.month]
                col = LABEL + w + (first.day != 1)
                if col + len(name) <= len(head) and all(c == " " for c in head[col:col + 4]):
                    head[col:col + len(name)] = name
        text.append("".join(head).rstrip() + "\n", "dim")
        cursor = self.has_focus
        for row in range(7):
            name = calendar.day_abbr[(self.first_weekday + row) % 7]
            text.append(f"{name:<3} " if row % 2 == 0 else " " * LABEL, "dim")
            for w in range(weeks):
                day = start + timedelta(weeks=w, days=row)
                if day > self.today:
                    text.append(" ")
                    continue
                shade = SHADES[health.level(self.daily.get(day, 0), self.levels)]
                if day == self.selected and cursor:
                    text.append("◆", Style(color="#ffffff", bgcolor=shade, bold=True))
                else:
                    text.append("■", Style(color=shade))
            text.append("\n")
        count = self.daily.get(self.selected, 0)
        text.append(f"{self.selected.strftime('%a %d %b %Y')}: ", "bold")
        text.append(f"{count} touch{'es' if count != 1 else ''}")
        text.append("   less ", "dim")
        for shade in SHADES:
            text.append("■", Style(color=shade))
        text.append(" more", "dim")
        if self.has_focus:
            text.append("   enter: who", "dim")
        return text
