"""The contacts pane as the app's first frame draws it, from the first-frame file
(storage.frame_file) before the network is open: the same boxes as ContactsPane (the
sort line and titles, the list, the card of the contact under the cursor), the rows the
file keeps. The app puts the real pane in its place once the store is open, before any
key is acted on (NetuiApp.on_event holds them until then)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from ..storage.frame_file import FirstFrame
from .contact_list import ContactList
from .contacts_header import NARROW_WIDTH, ContactsHeader, sort_label


class PreviewList(ContactList):
    """The list with the first rows only, its scrollbar sized for everyone listed."""

    def __init__(self, frame: FirstFrame, **kwargs) -> None:
        super().__init__(None, **kwargs)
        self.total = frame.count

    def _fit_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, max(self.total, len(self.rows)))


class ContactsPreview(Container):
    def __init__(self, frame: FirstFrame, *, id: str) -> None:
        super().__init__(id=id)
        self.frame = frame

    def compose(self) -> ComposeResult:
        contact_list = PreviewList(self.frame, id="contact-list")
        with Vertical(id="contacts-left"):
            yield ContactsHeader(contact_list, id="contacts-header")
            yield contact_list
        with Vertical(id="contact-side"):
            with VerticalScroll(id="contact-detail-scroll", can_focus=False):
                first = self.frame.rows[0] if self.frame.rows else None
                yield Static(Text.assemble((first.name, "bold"), ("\n…", "dim")) if first
                             else Text(""), id="contact-detail", markup=False)
            yield Static(Text.assemble(("Timeline", "bold underline"),
                                       ("  enter edits · d deletes", "dim")),
                         id="timeline-title")
            yield Static("", id="timeline")

    @property
    def contact_list(self) -> PreviewList:
        return self.query_one(PreviewList)

    def on_mount(self) -> None:
        listed = self.contact_list
        listed.set_natural(self.frame.natural)
        listed.set_rows(self.frame.rows)
        self.query_one(ContactsHeader).set_label(
            sort_label("name", self.frame.count, self.frame.count, False))
        self.screen.set_focus(listed)  # drawn with its cursor, as the pane's list is

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "narrow")

    def current_id(self) -> str | None:
        """The contact under the cursor (a click may have moved it): the pane keeps it."""
        current = self.contact_list.current
        return current.id if current else None
