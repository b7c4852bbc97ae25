"""Plain text tables that fit the terminal: the widest columns give way first, cut with
"…", so one long name never makes every line wrap."""

from __future__ import annotations

import shutil
import unicodedata

DEFAULT_WIDTH = 100  # no terminal (a pipe, a file): wide enough to read, not unlimited
MIN_COLUMN = 6


def terminal_width() -> int:
    """COLUMNS when set, else the terminal's width, else DEFAULT_WIDTH."""
    return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, 20)


def cell_width(text: str) -> int:
    """Columns `text` takes: wide (CJK, most emoji) characters take two, combining none."""
    if text.isascii():  # no wide or combining character: `netui list` sizes 50k cells
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def cut(text: str, width: int) -> str:
    """`text` in at most `width` columns, ending in "…" when shortened."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def fit_widths(natural: list[int], floors: list[int], total: int, gap: int = 2) -> list[int]:
    """Column widths summing (with gaps) to at most `total`: the widest column shrinks
    one step at a time, never below its floor."""
    widths = list(natural)
    room = total - gap * (len(widths) - 1)
    while sum(widths) > room:
        n = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
        if widths[n] <= floors[n]:
            break
        widths[n] -= 1
    return widths


def table(rows: list[list[str]], headers: list[str], width: int | None = None) -> str:
    """A plain text table sized to its content and to `width` (the terminal's)."""
    width = terminal_width() if width is None else width
    sized = [[(c, cell_width(c)) for c in row] for row in [headers, *rows]]  # once a cell
    natural = [0] * len(headers)
    for row in sized:
        natural = [max(w, cw) for w, (_c, cw) in zip(natural, row, strict=True)]
    floors = [min(n, max(cell_width(h), MIN_COLUMN)) for n, h in zip(natural, headers,
                                                                     strict=True)]
    widths = fit_widths(natural, floors, width)

    def cell(text: str, used: int, w: int) -> str:
        if used <= w:
            return text + " " * (w - used)
        return pad(cut(text, w), w)

    def line(cells: list[tuple[str, int]]) -> str:
        return "  ".join(cell(c, cw, w) for (c, cw), w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join(line(r) for r in sized)
