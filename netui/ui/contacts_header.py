"""The contact list's sort line and column titles (the contacts pane's, and the first
frame's: see contacts_preview)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from .contact_list import ContactList

# Narrower than this, the list takes the width and the card opens on Enter.
NARROW_WIDTH = 100


class ContactsHeader(Widget):
    """The sort line and the column titles. The titles are laid out at draw time from the
    list's width, so they line up from the very first frame; a new label only repaints
    these two lines (a filter keystroke changes the count, never the layout).

    Drawn a line at a time from strips it keeps (the titles per width): laying the two
    lines out as text again took ~1 ms of every filter keystroke. A label wider than the
    box is laid out as text, which wraps it, as before."""

    def __init__(self, contact_list: ContactList, **kwargs) -> None:
        super().__init__(**kwargs)
        self._list = contact_list
        self._label = ""
        self.drawn_for = -1  # the list width the column titles were last laid out for
        self._strips: dict[tuple[str, int], Strip] = {}  # (label or titles, width) -> line

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a theme or class change: new base colours
        self._strips.clear()

    def set_label(self, label: str) -> None:
        if label != self._label:
            self._label = label
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y > 1 or cell_len(self._label) > width:
            return super().render_line(y)  # wrapped as text (render)
        if y == 0:
            return self._strip(self._label, width, Style(dim=True))
        titles = self.drawn_for = (self._list.drawn_width
                                   or self._list.scrollable_content_region.width)
        return self._strip(self._list.header_text(titles).plain, width, Style(bold=True),
                           key=f"titles {titles} {self._list.natural}")

    def _strip(self, text: str, width: int, style: Style, key: str = "") -> Strip:
        found = self._strips.get((key or text, width))
        if found is None:
            if len(self._strips) > 64:  # labels are a sort and a count: a few per session
                self._strips.clear()
            # Cropped, not padded: the box pads it, as it pads text (one run of cells).
            found = Strip([Segment(text, self.rich_style + style)]).crop(0, width)
            self._strips[(key or text, width)] = found
        return found

    def render(self) -> Text:
        width = self.drawn_for = (self._list.drawn_width
                                  or self._list.scrollable_content_region.width)
        header = self._list.header_text(width)
        header.stylize("bold")
        return Text.assemble((self._label, "dim"), "\n", header)


def sort_label(sort: str, shown: int, listed: int, archived: bool) -> str:
    """The line above the titles: the sort, and how many are shown of how many."""
    label = f"sort: {sort}  (s)   {shown}"
    if shown != listed:
        label += f" of {listed}"
    return label + (" archived included" if archived else "")
