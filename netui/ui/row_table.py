"""A table that draws only the rows on screen (toolong's ScrollView + render_line).

A DataTable measures every cell of every row it holds when the rows are added (the
ledger's 1,000 rows of favours and balances cost ~200 ms that way). This table holds row
its rows as they are (any objects), a function naming each row's key and one making its
cells: `render_line` asks for the few rows on screen, and an LRU cache of Strips keeps scrolling and cursor moves cheap, so 20,000
favours cost the same to open as 20. Columns have fixed widths (the caller fits them to
the room); it looks like a DataTable with a row cursor: a header, zebra stripes, a cursor
row that is bright when focused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # cells are padded by one on both sides, as in a DataTable
Cells = Callable[[Any], Sequence[Text]]
Key = Callable[[Any], str]


class RowTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even"}
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .row-table--even {
            background: $surface-lighten-1 50%;
        }
        &:dark > .row-table--even {
            background: $surface-darken-1 40%;
        }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="netui.table.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="netui.table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="netui.table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="netui.table.page_down"),
        Binding("home,g", "jump(0)", "First", show=False, id="netui.table.first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="netui.table.last"),
        Binding("enter", "select", "Select", show=False, id="netui.table.select"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class RowSelected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, *, zebra_stripes: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.zebra_stripes = zebra_stripes
        self.columns: list[tuple[str, int]] = []
        self.rows: Sequence[Any] = ()
        self._key: Key = str
        self._cells: Cells = lambda _row: ()
        self._cache: LRUCache[tuple[str, int, str], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    # -- data ---------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[tuple[str, int]]) -> None:
        """(label, width) of each column; the rows are drawn again at the new widths."""
        if list(columns) != self.columns:
            self.columns = list(columns)
            self._cache.clear()
            self.refresh()

    def set_rows(self, rows: Sequence[Any], key: Key, cells: Cells,
                 keep: str | None = None) -> None:
        """Show `rows` (held as given: nothing is built per row), each named by `key(row)`
        and drawn from `cells(row)` when it first shows; the cursor stays on the row whose
        key is `keep` when it is still listed, else goes to the top."""
        self.rows, self._key, self._cells = rows, key, cells
        self._cache.clear()
        target = 0
        if keep is not None:
            target = next((n for n, row in enumerate(rows) if key(row) == keep), 0)
        self.virtual_size = Size(self.virtual_size.width, len(rows) + 1)  # + the header
        self.set_reactive(RowTable.cursor, self.validate_cursor(target))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_cursor()
        self.refresh()

    def redraw(self) -> None:
        """Draw every row again (what a row shows changed, not which rows there are)."""
        self._cache.clear()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def keys(self) -> list[str]:
        """Every row's key, in order (built when asked for: tests, not drawing)."""
        return [self._key(row) for row in self.rows]

    @property
    def cursor_row(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def cursor_key(self) -> str | None:
        row = self.cursor_row
        return None if row is None else self._key(row)

    def move_cursor(self, row: int) -> None:
        self.cursor = row

    # -- cursor -------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # under the header

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._body_height():
            self.scroll_to(y=self.cursor - self._body_height() + 1, animate=False,
                           immediate=True)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self._body_height() - 1)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if (key := self.cursor_key) is not None:
            self.post_message(self.RowSelected(self, key))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.rows):  # as a DataTable: a click selects
            self.cursor = row
            self.action_select()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_offset.x)
        if y == 0:
            cells = [Text(label) for label, _ in self.columns]
            strip = self._row_strip(cells, width, "header")
            return strip.crop(scroll_x, scroll_x + width)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self._style("base"))
        row = self.rows[index]
        key = self._key(row)
        state = ("cursor" if index == self.cursor
                 else "even" if self.zebra_stripes and index % 2 == 0 else "row")
        kept = self._cache.get((key, width, state))
        if kept is None:
            kept = self._row_strip(list(self._cells(row)), width, state)
            self._cache[(key, width, state)] = kept
        return kept.crop(scroll_x, scroll_x + width)

    def _row_strip(self, cells: list[Text], width: int, state: str) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        for (_label, column_width), cell in zip(self.columns, cells, strict=False):
            text = cell.copy()
            text.no_wrap = True
            text.truncate(column_width, overflow="ellipsis", pad=True)
            segments.append(Segment(" " * CELL_PADDING))
            segments.extend(text.render(console))
            segments.append(Segment(" " * CELL_PADDING))
        base = self._style("base")
        row = base + self._style(state) if state != "row" else base
        return Strip(Segment.apply_style(segments, row)).adjust_cell_length(width, row)

    def _style(self, name: str) -> Style:
        """Row styles, resolved once per theme or focus change, not once per row."""
        if name not in self._styles:
            self._styles[name] = (self.rich_style if name == "base"
                                  else self.get_component_rich_style(f"row-table--{name}"))
        return self._styles[name]

    def _clear_styles(self) -> None:
        self._styles.clear()
        self._cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._clear_styles()

    def on_focus(self) -> None:
        self._clear_styles()
        self.refresh()

    def on_blur(self) -> None:
        self._clear_styles()
        self.refresh()
