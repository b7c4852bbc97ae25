"""Text laid out at draw time, with wrapped values hanging under their value column.

A card is a list of parts: plain paragraphs, and fields (a label column and a value
that wraps under itself, never back to column 0). Links are cut with "…" rather than
folded. Built from `rich.text.Text`, so user text is never markup; `str()` gives the plain
text (what tests and screen readers see)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text


@dataclass(slots=True)
class _Field:
    label: Text
    value: Text
    width: int
    cut: bool  # each line of the value cut with "…" (links), never wrapped


class Card:
    def __init__(self) -> None:
        self.parts: list[Text | _Field] = []

    def text(self, text: Text | str, style: str = "") -> Card:
        self.parts.append(text if isinstance(text, Text) else Text(text, style))
        return self

    def field(self, label: str | Text, value: Text | str, width: int = 14,
              style: str = "", cut: bool = False) -> Card:
        label_text = label if isinstance(label, Text) else Text(label, "dim")
        value_text = value if isinstance(value, Text) else Text(value, style)
        self.parts.append(_Field(label_text, value_text, width, cut))
        return self

    def lines(self, console: Console, width: int) -> list[Text]:
        out: list[Text] = []
        width = max(width, 8)
        for part in self.parts:
            if isinstance(part, Text):
                for piece in part.split("\n", allow_blank=True):
                    out.extend(piece.wrap(console, width) if piece.plain else [Text()])
                continue
            label_w = min(part.width, max(width - 16, width // 3, 1))
            room = max(width - label_w, 4)
            if part.cut:
                body = [ln.copy() for ln in part.value.split("\n")]
                for ln in body:
                    ln.truncate(room, overflow="ellipsis")
            else:
                body = list(part.value.wrap(console, room))
            for n, ln in enumerate(body or [Text()]):
                # The label's style as a span, not the line's base style: the value keeps
                # its own look on every line.
                head = Text()
                if n == 0:
                    head.append_text(part.label)
                head.truncate(label_w, overflow="ellipsis", pad=True)
                head.append_text(ln)
                out.append(head)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in self.lines(console, options.max_width):
            line.no_wrap = True
            line.overflow = "crop"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __str__(self) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, Text):
                out.append(part.plain)
            else:
                pad = " " * max(0, part.width - cell_len(part.label.plain))
                out.append(part.label.plain + pad + part.value.plain)
        return "\n".join(out)


def hanging(prefix: Text, body: Text) -> Card:
    """One line of `prefix` then `body`, `body` wrapped under itself."""
    return Card().field(prefix, body, width=cell_len(prefix.plain))
