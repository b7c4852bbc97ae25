"""Choosing a future date: snooze (1 day / 1 week / 1 month / a date) and reschedule."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain import dates


def parse_future(text: str, today: date, allow_today: bool = False) -> date:
    """A duration ("1w", "3d") or a date word ("next fri", "2026-12-01"), not in the past."""
    text = text.strip()
    if not text:
        raise ValueError("type a date (2026-12-01, next fri) or a duration (3d, 2w, 1m)")
    try:
        day = dates.after(today, text)
    except ValueError:
        day = dates.parse_date(text, today)
    if day < today or (day == today and not allow_today):
        raise ValueError(f"{day.isoformat()} is not after today")
    return day


class DatePrompt(ModalScreen[date | None]):
    """One line for a date; errors shown under it; Esc cancels."""

    AUTO_FOCUS = "#date-input"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="netui.date.cancel")]

    def __init__(self, title: str, today: date, value: str = "",
                 allow_today: bool = False) -> None:
        super().__init__()
        self.title_text, self.today, self.value, self.allow_today = (
            title, today, value, allow_today)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="date-dialog"):
            yield Static(Text(self.title_text, "bold"))
            yield Input(self.value, placeholder="2026-12-01, next fri, 3d, 2w, 1m",
                        id="date-input")
            yield Static("", id="date-error", classes="error", markup=False)
            yield Static(Text("Enter saves · Esc cancels", "dim"))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            day = parse_future(event.value, self.today, self.allow_today)
        except ValueError as exc:
            self.query_one("#date-error", Static).update(str(exc))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SnoozeScreen(ModalScreen[date | None]):
    AUTO_FOCUS = "#snooze-options"
    CHOICES = [("1 day", "1d"), ("1 week", "1w"), ("1 month", "1m")]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="netui.snooze.cancel"),
        Binding("1", "pick(0)", "1 day", show=False, id="netui.snooze.day"),
        Binding("2", "pick(1)", "1 week", show=False, id="netui.snooze.week"),
        Binding("3", "pick(2)", "1 month", show=False, id="netui.snooze.month"),
        Binding("4", "pick(3)", "A date", show=False, id="netui.snooze.date"),
    ]

    def __init__(self, name: str, today: date, base: date | None = None) -> None:
        """`base` is what the durations count from: the later of today and the current
        due date (a check-in due in ten days snoozed for a week moves past them)."""
        super().__init__()
        self.person, self.today = name, today
        self.base = base if base is not None and base > today else today

    def compose(self) -> ComposeResult:
        options = []
        after = "" if self.base == self.today else f" after {self.base.isoformat()}"
        for n, (label, dur) in enumerate(self.CHOICES, 1):
            day = dates.after(self.base, dur)
            options.append(Option(f"{n}  {label}{after}  ({day.strftime('%a')} "
                                  f"{day.isoformat()})", id=dur))
        options.append(Option("4  a date…", id="date"))
        with Vertical(classes="dialog", id="snooze-dialog"):
            yield Static(Text.assemble("Snooze ", (self.person, "bold"), " until"))
            yield OptionList(*options, id="snooze-options")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id or "")

    def action_pick(self, n: int) -> None:
        self._choose((*(d for _, d in self.CHOICES), "date")[n])

    def _choose(self, choice: str) -> None:
        if choice == "date":
            self.app.push_screen(DatePrompt("Snooze until", self.today), self._dated)
        else:
            self.dismiss(dates.after(self.base, choice))

    def _dated(self, day: date | None) -> None:
        if day is not None:
            self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
