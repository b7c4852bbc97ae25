"""The contact list's sort line and column titles (the contacts pane's, and the first
frame's: see contacts_preview)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from .contact_list import ContactList

# Narrower than this, the list takes the width and the card opens on Enter.
NARROW_WIDTH = 100


class ContactsHeader(Widget):
    """The sort line and the column titles. The titles are laid out at draw time from the
    list's width, so they line up from the very first frame; a new label only repaints
    these two lines (a filter keystroke changes the count, never the layout)."""

    def __init__(self, contact_list: ContactList, **kwargs) -> None:
        super().__init__(**kwargs)
        self._list = contact_list
        self._label = ""
        self.drawn_for = -1  # the list width the column titles were last laid out for

    def set_label(self, label: str) -> None:
        if label != self._label:
            self._label = label
            self.refresh()

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
