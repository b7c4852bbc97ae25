"""Giving against taking, month by month: three bars a month (given, received, asked),
drawn in eighths of a character. Left and right pick a month; enter asks for its
favours."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..domain.health import MonthFavours

BLOCKS = " ▁▂▃▄▅▆▇█"
SERIES = (("given", "#39d353"), ("received", "#58a6ff"), ("asked", "#e3b341"))
AXIS = 3  # the scale's width on the left


class FavourBars(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-1)", "Month before", show=False, id="netui.health.bars_left"),
        Binding("right,l", "move(1)", "Month after", show=False, id="netui.health.bars_right"),
        Binding("enter", "choose", "Favours", show=False, id="netui.health.bars_choose",
                tooltip="The favours of the selected month"),
    ]
    DEFAULT_CSS = "FavourBars { height: 9; }"

    cursor: reactive[int] = reactive(-1)

    class MonthChosen(Message):
        def __init__(self, month: MonthFavours) -> None:
            super().__init__()
            self.month = month

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.months: Sequence[MonthFavours] = ()

    def set_data(self, months: Sequence[MonthFavours]) -> None:
        self.months = months[-12:]
        self.cursor = len(self.months) - 1
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.months:
            self.cursor = max(0, min(len(self.months) - 1, self.cursor + step))

    def action_choose(self) -> None:
        if 0 <= self.cursor < len(self.months):
            self.post_message(self.MonthChosen(self.months[self.cursor]))

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _column(self) -> int:
        """Characters per month: one per series and a gap, wider when there is room."""
        room = max(0, self.content_size.width - AXIS) // max(1, len(self.months))
        return max(4, min(8, room))

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        if not self.months:
            return text
        rows = max(2, self.content_size.height - 3)  # bars, month names, legend, month line
        top = max(max(m.given, m.received, m.asked) for m in self.months) or 1
        col = self._column()
        bar = max(1, (col - 1) // 3)
        for r in range(rows, 0, -1):
            text.append(f"{top:>2} " if r == rows else "   ", "dim")
            for m in self.months:
                for name, color in SERIES:
                    eighths = round(getattr(m, name) / top * rows * 8)
                    fill = max(0, min(8, eighths - (r - 1) * 8))
                    text.append(BLOCKS[fill] * bar, Style(color=color))
                text.append(" " * (col - 3 * bar))
            text.append("\n")
        text.append("   ")
        for n, m in enumerate(self.months):
            label = m.month.strftime("%b")[: col - 1].ljust(col)
            chosen = n == self.cursor
            text.append(label, "reverse bold" if chosen and self.has_focus else
                        ("bold" if chosen else "dim"))
        text.append("\n")
        for name, color in SERIES:
            text.append("■ ", Style(color=color))
            text.append(f"{name}  ", "dim")
        if self.has_focus:
            text.append(" enter: that month's favours", "dim")
        if 0 <= self.cursor < len(self.months):
            m = self.months[self.cursor]
            text.append("\n")
            text.append(f"{m.month.strftime('%B %Y')}: ", "bold")
            text.append(f"gave {m.given}, received {m.received}, asked {m.asked}")
        return text
