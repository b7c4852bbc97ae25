"""Plain text tables that fit the terminal: the widest columns give way first, cut with
"…", so one long name never makes every line wrap."""

from __future__ import annotations

import re
import shutil
import unicodedata

DEFAULT_WIDTH = 100  # no terminal (a pipe, a file): wide enough to read, not unlimited
MIN_COLUMN = 6


def terminal_width() -> int:
    """COLUMNS when set, else the terminal's width, else DEFAULT_WIDTH."""
    return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, 20)


# Below U+0300 (the combining accents) no character is wide or combining: text of Latin
# letters, accented ones included, takes a column a character (tests/test_index_list.py).
NARROW_BELOW = "\u0300"


# Everything from NARROW_BELOW up, written as the complement of what is below it: the
# range itself takes sre ~3 ms to compile, every command that prints a table.
_NOT_NARROW = re.compile(f"[^\x00-{chr(ord(NARROW_BELOW) - 1)}]").search


def narrow(text: str) -> bool:
    """Whether every character of `text` takes one column (so its width is its len)."""
    return text.isascii() or _NOT_NARROW(text) is None


def cell_width(text: str) -> int:
    """Columns `text` takes: wide (CJK, most emoji) characters take two, combining none."""
    if narrow(text):  # no wide or combining character: `netui list` sizes 50k cells
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
    """A plain text table sized to its content and to `width` (the terminal's).

    Built a column at a time (`netui list` lays out 50k rows): a column of narrow text is
    sized with len and padded with ljust, which is what cell_width and the padding give
    for it, in C."""
    width = terminal_width() if width is None else width
    columns = [list(col) for col in zip(headers, *rows, strict=True)]
    ascii_only = [narrow("".join(col)) for col in columns]
    sizes = [None if plain else list(map(cell_width, col))  # narrow: len, in C
             for col, plain in zip(columns, ascii_only, strict=True)]
    natural = [max(map(len, col)) if size is None else max(size)
               for col, size in zip(columns, sizes, strict=True)]
    floors = [min(n, max(cell_width(h), MIN_COLUMN)) for n, h in zip(natural, headers,
                                                                     strict=True)]
    widths = fit_widths(natural, floors, width)

    def cell(text: str, used: int, w: int) -> str:
        if used <= w:
            return text + " " * (w - used)
        return pad(cut(text, w), w)

    fits = [plain and n <= w for plain, n, w in zip(ascii_only, natural, widths, strict=True)]
    if all(fits):  # one format a line, mapped in C: "%-ws" pads as ljust; the last cell is
        # not padded, as the line's trailing spaces go anyway
        line = "  ".join([*(f"%-{w}s" for w in widths[:-1]), "%s"])
        return "\n".join(map(str.rstrip, map(line.__mod__, map(tuple, [headers, *rows]))))
    padded = [[c.ljust(w) for c in col] if fit else
              [cell(c, used, w) for c, used in zip(col, size or map(len, col), strict=True)]
              for col, size, fit, w in zip(columns, sizes, fits, widths, strict=True)]
    return "\n".join(["  ".join(cells).rstrip() for cells in zip(*padded, strict=True)])
