"""One key for the common edits on the contact list: `c` then a digit sets the circle,
`t` then a word adds a tag."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

NO_CIRCLE = ""  # the picker's answer for "no circle"


class CirclePicker(ModalScreen[str | None]):
    """Circles numbered 1..9 (0: none); a digit or Enter picks, Esc cancels."""

    AUTO_FOCUS = "#circle-options"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="netui.circle.cancel"),
                *(Binding(str(n), f"pick({n})", str(n), show=False,
                          id=f"netui.circle.pick{n}") for n in range(10))]

    def __init__(self, name: str, circles: dict[str, int], current: str | None) -> None:
        super().__init__()
        self.person, self.current = name, current
        self.choices = list(circles.items())[:9]

    def compose(self) -> ComposeResult:
        options = []
        for n, (circle, days) in enumerate(self.choices, 1):
            mark = "  (now)" if circle == self.current else ""
            options.append(Option(Text.assemble(f"{n}  ", (circle, "bold"),
                                                (f"  every {days} days{mark}", "dim")),
                                  id=circle))
        options.append(Option(Text.assemble("0  ", ("no circle", "italic"),
                                            ("  no regular check-ins", "dim")), id="-"))
        with Vertical(classes="dialog picker", id="circle-dialog"):
            yield Static(Text.assemble("Circle for ", (self.person, "bold")))
            yield OptionList(*options, id="circle-options")
            yield Static(Text("a digit or Enter picks · Esc cancels", "dim"))

    def on_mount(self) -> None:
        ids = [c for c, _ in self.choices]
        if self.current in ids:
            self.query_one(OptionList).highlighted = ids.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(NO_CIRCLE if event.option.id == "-" else event.option.id)

    def action_pick(self, n: int) -> None:
        if n == 0:
            self.dismiss(NO_CIRCLE)
        elif n <= len(self.choices):
            self.dismiss(self.choices[n - 1][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagPrompt(ModalScreen[str | None]):
    """One word (or a few, comma-separated) to add as tags; Esc cancels."""

    AUTO_FOCUS = "#tag-input"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="netui.tag.cancel")]

    def __init__(self, name: str, tags: list[str]) -> None:
        super().__init__()
        self.person, self.tags = name, tags

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker", id="tag-dialog"):
            yield Static(Text.assemble("Add a tag to ", (self.person, "bold")))
            if self.tags:
                yield Static(Text("has " + " ".join(f"#{t}" for t in self.tags), "dim"))
            yield Input(placeholder="founder, climate", id="tag-input")
            yield Static("", id="tag-error", classes="error", markup=False)
            yield Static(Text("Enter adds · Esc cancels", "dim"))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        words = [w.strip().lstrip("#") for w in event.value.replace(",", " ").split()]
        words = [w for w in words if w]
        if not words:
            error = self.query_one("#tag-error", Static)
            error.update("type a tag, e.g. founder")
            error.add_class("shown")
            return
        self.dismiss(" ".join(words))

    def action_cancel(self) -> None:
        self.dismiss(None)
