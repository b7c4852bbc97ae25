"""The review's small dialogs, drawn inside the card's area (never over its border or
the key-hint line beneath, B13), and the summary shown once the review is left (B17)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..domain import review as rv


class CardDialog(ModalScreen[str | None]):
    """A dialog laid over `area` (the card's inside, in screen cells): as wide as it,
    never taller, so the card's border and the key hints stay visible."""

    CSS_PATH = "review.tcss"

    def __init__(self, area: Region | None = None) -> None:
        super().__init__()
        self._area = area

    def on_mount(self) -> None:
        if self._area is None:
            return
        box = self.query_one(".rv-dialog")
        box.styles.offset = (self._area.x, self._area.y)
        box.styles.width = self._area.width
        box.styles.max_height = self._area.height
        self.add_class("rv-in-card")


class LinePrompt(CardDialog):
    """One line of text: Enter gives it (maybe empty), Escape gives None."""

    AUTO_FOCUS = "Input"  # the app turns auto-focus off for its own screen
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", area: Region | None = None) -> None:
        super().__init__(area)
        self._title, self._placeholder = title, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="rv-dialog"):
            yield Static(self._title, classes="rv-dialog-title", markup=False)
            yield Input(placeholder=self._placeholder)
            yield Static("enter save · esc cancel", classes="rv-muted", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class SnoozePrompt(CardDialog):
    """1 day / 1 week / 1 month: gives "1d", "1w" or "1m", or None."""

    BINDINGS = [
        Binding("1,d", "pick('1d')", "1 day"),
        Binding("2,w", "pick('1w')", "1 week"),
        Binding("3,m", "pick('1m')", "1 month"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="rv-dialog"):
            yield Static("Snooze until…", classes="rv-dialog-title", markup=False)
            for n, (_, label) in enumerate(rv.SNOOZE_CHOICES, 1):
                yield Static(f"{n}  {label}", markup=False)
            yield Static("esc cancel", classes="rv-muted", markup=False)

    def action_pick(self, duration: str) -> None:
        self.dismiss(duration)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewSummary(ModalScreen[None]):
    """What the review did, once it is left. Any key closes it, and that key goes no
    further: a second `q` closes this, it never quits netui (B17)."""

    CSS_PATH = "review.tcss"

    def __init__(self, title: str, summary: str) -> None:
        super().__init__()
        self._title, self._summary = title, summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="rv-dialog", id="rv-summary-box"):
            yield Static(self._title, id="rv-who", classes="rv-dialog-title", markup=False)
            yield Static(self._summary, id="rv-summary", markup=False)
            yield Static("any key closes", classes="rv-muted", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)
