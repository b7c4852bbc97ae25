"""A contact list that draws only the rows on screen (toolong's log_lines pattern).

No widget per row: the list holds plain `ContactRow`s, `render_line` builds the one
visible row it is asked for, and an LRU cache of Strips makes scrolling and cursor moves
cheap. 10,000 contacts cost the same to draw as 10."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import compress, count, repeat
from operator import attrgetter, eq, is_
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
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

from ..domain.live_filter import Picked
from ..domain.rows import ContactRow

if TYPE_CHECKING:  # the app's first frame draws this list before the services are loaded
    from ..services import Network


def due_label(network: Network, contact_id: str, today: date) -> tuple[str, str]:
    """("12d late", "overdue": red, past the circle's max) / ("due 5d", "today": amber,
    past the ideal interval) / ("due today", "today") / ("in 3w", "later") / ("", "none")."""
    from ..domain.cadence import humanize_in

    due = network.due(contact_id)
    if due is None:
        return "", "none"
    over = due.overdue_days(today)
    if over and network.due_state(contact_id) == "late":
        return f"{over}d late", "overdue"
    if over:
        return f"due {over}d", "today"
    if due.due == today:
        return "due today", "today"
    return humanize_in(due.due, today), "later"


class ContactList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "contact-list--cursor",
        "contact-list--overdue",
        "contact-list--today",
        "contact-list--dim",
    }
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="netui.list.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="netui.list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="netui.list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="netui.list.page_down"),
        Binding("home,g", "jump(0)", "First", show=False, id="netui.list.first"),
        Binding("end,G", "jump(-1)", "Last", show=False, id="netui.list.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class WidthChanged(Message):
        """Rows are now drawn this wide: the column header must match."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    class Highlighted(Message):
        def __init__(self, contact: ContactRow | None) -> None:
            super().__init__()
            self.contact = contact

    def __init__(self, network: Network | None, **kwargs) -> None:
        """`network` None: the app's first frame, drawn before the network is open (rows
        show names, the last touch and due columns a placeholder)."""
        super().__init__(**kwargs)
        self.network = network
        self.rows: Sequence[ContactRow] = []
        self._cache: LRUCache[tuple[str, int, bool], Strip] = LRUCache(1024)
        self._style_cache: dict[str, dict[str, Style]] = {}
        self.drawn_width = 0
        # What the list says instead of rows (no contacts yet, nobody matches): drawn in
        # place, because swapping in another widget costs a layout of the whole screen
        # on the keystroke that empties the list.
        self.message: Text | None = None
        self._message_strips: tuple[int, list[Strip]] = (-1, [])
        # The widest name, company and tag list of everyone listable (set on reload, not
        # per keystroke): a column is never wider than what it holds.
        self.natural: tuple[int, int, int] = (32, 32, 32)

    # -- data ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactRow], keep_id: str | None = None,
                 at: int | None = -1) -> None:
        """Show `rows`; the cursor stays on `keep_id` when it is still listed (`at`: where
        it is in `rows`, None if nowhere, when the caller knows; else it is looked for).

        Posts no Highlighted message: the caller knows `current` afterwards and decides
        when what follows the cursor catches up (the contacts pane waits for a pause in
        typing). Cached rows stay valid (a row draws the same wherever it is listed), so a
        filter keystroke draws only the visible rows not drawn before; after a write, call
        `invalidate` too."""
        target = _position(rows, keep_id) if at == -1 else (at or 0)
        if _same(rows, self.rows) and target == self.cursor:
            return  # e.g. a key that matches everyone listed: nothing to redraw
        self.rows = rows
        self._fit_virtual_size()
        self.set_reactive(ContactList.cursor, self.validate_cursor(target))
        self._scroll_to_cursor()
        self.refresh()

    def set_message(self, message: Text | None) -> None:
        """Shown while there are no rows."""
        if message != self.message:
            self.message = message
            self._message_strips = (-1, [])
            self.refresh()

    def _fit_virtual_size(self) -> None:
        """One line per row. A new row count re-lays out the screen only when the
        scrollbar appears or goes: otherwise only this widget and its scrollbar repaint
        (a filter keystroke changes the count every time)."""
        size = Size(self.size.width, len(self.rows))
        if size == self.virtual_size:
            return
        if not self.size:  # not laid out yet: the first layout sizes everything
            self.virtual_size = size
            return
        self.set_reactive(ContactList.virtual_size, size)
        self._scroll_update(size)  # scrollbar visibility is a layout reactive if it flips
        if self.scroll_offset.y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def measure(self, rows: list[ContactRow]) -> None:
        """Record the widest name, company and tags among `rows` (everyone the filter
        can show), so the columns fit their content."""
        self.set_natural(natural_widths(rows))

    def set_natural(self, natural: tuple[int, int, int]) -> None:
        """Columns as wide as `natural_widths` says (the first frame reads them from
        the file the app keeps of it, storage.frame_file)."""
        if natural != self.natural:
            self.natural = natural
            self._cache.clear()
            self.post_message(self.WidthChanged(self.drawn_width))

    def invalidate(self) -> None:
        """Redraw every row (after a write changed due dates or names)."""
        self._cache.clear()
        self.refresh()

    @property
    def current(self) -> ContactRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- cursor -------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.rows) - 1

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.rows):
            self.cursor = row

    def on_resize(self) -> None:
        # Cached rows are keyed by width: a resize needs no cache clearing (and showing
        # the list again after "no match" redraws nothing it drew before).
        self._fit_virtual_size()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = round(scroll_y) + y
        width = self.scrollable_content_region.width
        if width != self.drawn_width:
            self.drawn_width = width
            self.post_message(self.WidthChanged(width))
        base = self._styles(False)["base"]
        if not self.rows and self.message is not None:
            lines = self._message_lines(width)
            return lines[y] if y < len(lines) else Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        contact = self.rows[index]
        selected = index == self.cursor
        key = (contact.id, width, selected)
        strip = self._cache.get(key)
        if strip is None:
            strip = Strip(self.row_segments(contact, width, selected)).adjust_cell_length(
                width, base)
            self._cache[key] = strip
        return strip.crop(round(scroll_x), round(scroll_x) + width)

    def _message_lines(self, width: int) -> list[Strip]:
        """The message wrapped to `width`, a blank line above it and indented."""
        if self._message_strips[0] != width:
            base = self._styles(False)["base"]
            text = self.message.copy() if self.message else Text()
            text.stylize(Style(dim=True))
            console = self.app.console
            lines = text.wrap(console, max(1, width - 4))
            strips = [Strip.blank(width, base)]
            strips += [Strip([Segment("  ", base), *line.render(console)])
                       .apply_style(base).adjust_cell_length(width, base) for line in lines]
            self._message_strips = (width, strips)
        return self._message_strips[1]

    def _styles(self, selected: bool) -> dict[str, Style]:
        """Row styles, resolved once per theme/focus change rather than once per cell
        (`rich_style` walks every ancestor for the background)."""
        key = "cursor" if selected and self.has_focus else ("dim" if selected else "row")
        if key not in self._style_cache:
            row = base = self.rich_style
            if key != "row":
                row += self.get_component_rich_style(f"contact-list--{key}")
            overdue = self.get_component_rich_style("contact-list--overdue").color
            today = self.get_component_rich_style("contact-list--today").color
            self._style_cache[key] = {
                "base": base,
                "row": row,
                "dim": row + Style(dim=True),
                "overdue": row + Style(color=overdue),
                "today": row + Style(color=today),
            }
        return self._style_cache[key]

    def row_segments(self, c: ContactRow, width: int, selected: bool = False) -> list[Segment]:
        styles = self._styles(selected)
        name_w, company_w, circle_w, tags_w, touch_w, due_w = self.columns(width)
        if self.network is not None and self.network.history_ready:
            from ..domain.cadence import humanize_ago

            today = self.network.today()
            label, state = due_label(self.network, c.id, today)
            touch = humanize_ago(self.network.last_touch(c.id), today)
        else:  # the first frame: filled in as soon as the notes are indexed
            label, state, touch = "…", "none", "…"
        mark = styles.get(state, styles["row"])
        name = c.name + (" (archived)" if c.archived else "")
        out = [Segment("● " if state in ("overdue", "today") else "  ", mark),
               Segment(_fit(name, name_w) + " ", styles["row"])]
        if company_w:
            out.append(Segment(_fit(c.company or "", company_w) + " ", styles["dim"]))
        if circle_w:
            out.append(Segment(_fit(c.circle or "", circle_w) + " ", styles["row"]))
        if tags_w:
            tags = " ".join(f"#{t}" for t in c.tags)
            out.append(Segment(_fit(tags, tags_w) + " ", styles["dim"]))
        out.append(Segment(_fit(touch, touch_w) + " ", styles["dim"]))
        out.append(Segment(_fit(label, due_w), mark))
        return out

    def notify_style_update(self) -> None:
        # A theme change or focus change restyles rows: drop cached strips and styles.
        super().notify_style_update()
        self._clear_caches()

    def refresh_rows(self) -> None:
        """Redraw every row from the network (values derived elsewhere changed)."""
        self._cache.clear()
        self.refresh()

    def _clear_caches(self) -> None:
        self._cache.clear()
        self._style_cache.clear()

    def on_focus(self) -> None:
        self._clear_caches()
        self.refresh()

    def on_blur(self) -> None:
        self._clear_caches()
        self.refresh()

    def columns(self, width: int) -> tuple[int, int, int, int, int, int]:
        """Widths of (name, company, circle, tags, last touch, due) for a row `width`
        wide. Name and company share what the fixed columns leave; past what a name
        needs, the extra goes to company and then to a tags column."""
        circle = 13 if width >= 110 else (8 if width >= 44 else 0)
        touch, due = 10, 10
        room = width - 2 - circle - touch - due - 4  # the marker, and a space per column
        want_name, want_company, want_tags = self.natural
        if room >= 66:  # wide: each of name, company and tags up to what it holds
            name = min(want_name, 32, room // 3)
            company = min(want_company, 40, (room - name) // 2)
            tags = room - name - company - 1
            if tags > want_tags:  # more room than content: back to name and company
                spare = tags - max(want_tags, 4)
                tags -= spare
                grow = min(spare, max(0, want_name - name))
                name += grow
                company += spare - grow
            return name, company, circle, tags, touch, due
        if width < 56:
            return max(6, room), 0, circle, 0, touch, due
        # Names first (up to what they hold, at least half the room), company the rest.
        name = min(want_name, max(room - want_company, room * 11 // 20))
        company = min(room - name, want_company)
        name = max(6, room - company)
        return name, company, circle, 0, touch, due

    def header_text(self, width: int) -> Text:
        widths = self.columns(width)
        labels = ("Name", "Company", "Circle", "Tags", "Last touch", "Due")
        cells = [_fit(label, w) for label, w in zip(labels, widths, strict=True) if w]
        return Text("  " + " ".join(cells))


def natural_widths(rows: Sequence[ContactRow]) -> tuple[int, int, int]:
    """The widest name, company and tag list among `rows` (everyone the filter can show),
    so the columns fit their content."""
    name = max((_width(r.name) for r in rows), default=4) + 2  # room for "(archived)"
    company = max((_width(r.company or "") for r in rows), default=0)
    tags = max((sum(len(t) + 2 for t in r.tags) for r in rows), default=0)
    return (max(name, 4), max(company, 7), max(tags, 4))


def _same(a: Sequence[ContactRow], b: Sequence[ContactRow]) -> bool:
    if isinstance(a, Picked):
        return a.same(b)
    return a is b or (len(a) == len(b) and all(map(is_, a, b)))


def _position(rows: Sequence[ContactRow], keep_id: str | None) -> int:
    """Where `keep_id` is in `rows`, 0 if nowhere: a scan in C (50k rows per key)."""
    if keep_id is None:
        return 0
    return next(compress(count(), map(eq, map(_row_id, rows), repeat(keep_id))), 0)


_row_id = attrgetter("id")


def _width(text: str) -> int:
    """Cells `text` takes: its length when it is printable ASCII, so measuring 10k names
    before the first frame skips Rich's per-glyph table for all but the accented ones
    (a newline a note may keep takes no cell)."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _fit(value: str, width: int) -> str:
    """`value` in exactly `width` cells: cut with an ellipsis, or padded (wide glyphs,
    emoji and combining marks measured by Rich's cell widths)."""
    if width <= 0:
        return ""
    if cell_len(value) > width:
        return set_cell_size(value, width - 1) + "…"
    return set_cell_size(value, width)
