"""The text of the screen as a terminal shows it, read from the app's own SVG screenshot
(`App.export_screenshot`, public API): one string per terminal line, and the cells any
text was drawn into (to catch text drawn past the right edge)."""

from __future__ import annotations

import html
import re

from rich.cells import cell_len

CHAR_WIDTH = 12.2  # Rich's SVG export: 0.61 * the 20px font size
_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
                   r'clip-path="url\(#[\w-]*line-(\d+)\)">(.*?)</text>')


def screen_lines(app) -> tuple[list[str], int]:
    """(the screen's lines, the rightmost cell any text reaches)."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    rightmost = 0
    for x, length, line, body in _TEXT.findall(app.export_screenshot()):
        col, row = round(float(x) / CHAR_WIDTH), int(line)
        text = html.unescape(body).replace("\xa0", " ")
        rightmost = max(rightmost, col + round(float(length) / CHAR_WIDTH))
        for ch in text:
            if 0 <= row < height and col < width:
                grid[row][col] = ch
            col += max(cell_len(ch), 1)
    return ["".join(r).rstrip() for r in grid], rightmost
