"""Pane 1: the contact list (filter, sorts) with the selected contact's card beside it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from ..domain.communities import split_in
from ..domain.live_filter import LiveFilter
from ..domain.rows import ContactRow
from .community_filter import in_communities
from .contact_actions import ContactActions
from .contact_detail import detail_text
from .contact_list import ContactList
from .contacts_header import NARROW_WIDTH, ContactsHeader, sort_label
from .note_matches import NoteMatches
from .timeline import Timeline

# (key, label shown above the list)
SORTS = [
    ("name", "name"),
    ("overdue", "most overdue"),
    ("touch", "last touch, longest ago first"),
    ("balance", "balance, you owe most first"),
]
# Seconds without a keystroke before the card follows the filter: a card is a long text
# laid out again each time, and while typing nobody reads it.
CARD_DELAY = 0.15
# The same pause before notes are searched: the list follows each key at once, the notes
# (100k of them to scan) when the typing stops.
NOTES_DELAY = 0.15
EMPTY = "No contacts yet: press n to add one, or run netui import FILE in a shell."


class FilterInput(Input):
    # Input sets its virtual size to the typed text's width on every keystroke; as a
    # layout reactive that re-lays out the whole screen per key. The box is 100% wide and
    # 3 high whatever is typed, so a repaint is enough (its own scrolling reads the value).
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("escape", "clear", "Clear filter", id="netui.filter.clear"),
        Binding("down", "to_list", "To list", show=False, id="netui.filter.to_list"),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.screen.query_one(ContactsPane).close_filter()

    def action_to_list(self) -> None:
        self.screen.query_one(ContactList).focus()


class ContactsPane(ContactActions):
    BINDINGS = [
        Binding("slash", "app.filter", "Filter", id="netui.contacts.filter",
                tooltip="Filter contacts and search notes as you type"),
        Binding("enter", "open_detail", "Details", id="netui.contacts.details",
                tooltip="Open the selected contact's card and timeline (at 80 columns it "
                        "takes the width; Esc goes back)"),
        Binding("i", "log", "Log", id="netui.contacts.log",
                tooltip="Log an interaction with the selected contact"),
        Binding("f", "favour", "Favour", id="netui.contacts.favour",
                tooltip="Log a favour given, received or asked"),
        Binding("m", "touched", "In touch", id="netui.contacts.done",
                tooltip="Mark that you were in touch today (closes what was due)"),
        Binding("w", "neighbourhood", "Around", show=False, id="netui.contacts.neighbourhood",
                tooltip="Who the selected contact is linked to, two links deep"),
        Binding("ctrl+l", "link", "Link", show=False, id="netui.contacts.link",
                tooltip="Link the selected contact to someone (works with, introduced...)"),
        Binding("c", "set_circle", "Circle", id="netui.contacts.circle",
                tooltip="Set the selected contact's circle (then one key picks it)"),
        Binding("t", "add_tag", "Tag", id="netui.contacts.tag",
                tooltip="Add a tag to the selected contact"),
        Binding("s", "cycle_sort", "Sort", id="netui.contacts.sort",
                tooltip="Sort by name, most overdue, last touch or balance"),
        Binding("A", "archive", "Archive", show=False, id="netui.contacts.archive",
                tooltip="Archive or unarchive the selected contact"),
        Binding("v", "toggle_archived", "Archived", show=False, id="netui.contacts.archived",
                tooltip="Show or hide archived contacts"),
        Binding("escape", "back", "Back", show=False,
                id="netui.contacts.clear_filter", tooltip="Close the card, or clear the filter"),
    ]

    def __init__(self, network, *, id: str) -> None:
        super().__init__(network, id=id)
        self.sort_index = 0
        self.show_archived = False
        self._by_name: list[ContactRow] = []  # as network.contact_rows() gives them
        self._all: list[ContactRow] = []  # the same people in the current sort
        self._live: LiveFilter[ContactRow] | None = None  # the filter over _all
        self._hay: dict[str, object] = {}  # search's per-contact cache; survives reloads
        self._detail_id: str | None = None
        self._card_timer: Timer | None = None
        self._notes_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        contact_list = ContactList(self.network, id="contact-list")
        with Vertical(id="contacts-left"):
            yield FilterInput(placeholder="filter: words, #tag, circle:inner, company:acme",
                              id="contact-filter")
            yield ContactsHeader(contact_list, id="contacts-header")
            yield contact_list
            yield NoteMatches(self.network, id="note-matches")
        with Vertical(id="contact-side"):
            # Not a Tab stop: Tab goes from the list straight to the timeline.
            with VerticalScroll(id="contact-detail-scroll", can_focus=False):
                yield Static("", id="contact-detail", markup=False)
            yield Static(Text.assemble(("Timeline", "bold underline"),
                                       ("  enter edits · d deletes", "dim")),
                         id="timeline-title")
            yield Timeline(self.network, id="timeline")

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def focus_main(self) -> None:
        if not self.filter_input.has_focus:
            # At once rather than on the next turn (as `focus()` does): at start-up the
            # footer then lays out its keys once, for the list's bindings.
            self.screen.set_focus(self.contact_list)

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._detail_id = None  # the card shows derived values a write may have changed
        self._by_name = self.network.contact_rows(include_archived=self.show_archived)
        self.contact_list.measure(self._by_name)
        self._all = self._sorted()
        self._live = None
        self.contact_list.invalidate()  # rows draw due dates and names a write may change
        self._apply_filter()

    def _sorted(self) -> list[ContactRow]:
        key = SORTS[self.sort_index][0]
        net = self.network
        # Every sort starts from name order; the sorts below are stable, so ties keep it.
        people = list(self._by_name)
        if key == "overdue":
            people.sort(key=lambda c: (d.due if (d := net.due(c.id)) else date.max))
        elif key == "touch":
            people.sort(key=lambda c: net.last_touch(c.id) or date.min)
        elif key == "balance":
            people.sort(key=lambda c: net.balance(c.id))
        return people

    def _apply_filter(self, typing: bool = False) -> None:
        """Runs on every keystroke: nothing here changes the layout of the screen (the
        list draws its own empty message, its scrollbar is always there), so a key costs
        a repaint of the list and its header only."""
        text = self.filter_input.value
        current = self.contact_list.current
        rows = self._filtered(text)
        keep_id = current.id if current else None
        live = self._live
        at = live.find(keep_id) if live and keep_id and "in:" not in text.lower() else -1
        self.contact_list.set_rows(rows, keep_id=keep_id, at=at)
        self._update_header(len(rows))
        self.contact_list.set_message(self._empty_message(text) if not rows else None)
        # Nobody matched: the notes section gets the room (a layout only when this flips).
        # The class goes on the two widgets it resizes, not on the pane: a class on the
        # pane restyles every widget inside it (~15 ms at 10k, on the key that flips it).
        # That re-lays out the pane, so while typing it waits for the notes (a pause).
        nobody = not rows and bool(text.strip())
        self._card_follows(typing)
        self._notes_follow(text, typing, nobody)

    def _notes_follow(self, text: str, typing: bool, nobody: bool) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        notes = self.query_one(NoteMatches)

        def follow() -> None:
            self._notes_timer = None
            self.contact_list.set_class(nobody, "-no-people")
            notes.set_class(nobody, "-no-people")
            if text.strip() or notes.display:
                notes.search(text if text.strip() else "")

        if typing and text.strip():
            self._notes_timer = self.set_timer(NOTES_DELAY, follow)
        else:
            follow()

    def _empty_message(self, text: str) -> Text:
        """What the list says when it shows nobody: no contacts yet, or no match."""
        if not self._all:
            return Text(EMPTY)
        return Text.assemble("No contacts match ", (text, "bold"),
                             ". Press Esc to clear the filter.")

    def _filtered(self, text: str) -> Sequence[ContactRow]:
        """Typing more searches the last exact matches instead of everyone (see
        search.refines); anything else, a backspace say, starts from all contacts."""
        text, wanted = split_in(text)
        if wanted:  # in:acm — members of a community, then the rest of the query
            return in_communities(self.network, self._filtered(text), wanted)
        return self.live_filter()(text)

    def live_filter(self) -> LiveFilter[ContactRow]:
        if self._live is None:
            self._live = LiveFilter(self._all, self._hay)
        return self._live

    def _update_header(self, shown: int) -> None:
        self.query_one(ContactsHeader).set_label(
            sort_label(SORTS[self.sort_index][1], shown, len(self._all), self.show_archived))

    @on(ContactList.WidthChanged)
    def _list_width_changed(self, event: ContactList.WidthChanged) -> None:
        header = self.query_one(ContactsHeader)
        if header.drawn_for != event.width:
            header.refresh()

    def select(self, contact_id: str) -> None:
        for n, c in enumerate(self.contact_list.rows):
            if c.id == contact_id:
                self.contact_list.cursor = n
                return

    # -- filter -------------------------------------------------------------------------

    def open_filter(self) -> None:
        self.live_filter().index  # noqa: B018  (fold everyone now, not on the first key)
        self.filter_input.display = True
        # At once, not on the next turn: keys typed right after `/` go into the box, not
        # to the list's one-key commands (c, t, i...).
        self.screen.set_focus(self.filter_input)

    def close_filter(self) -> None:
        self.filter_input.display = bool(self.filter_input.value)
        self.contact_list.focus()

    def on_mount(self) -> None:
        # A watcher runs inside the keystroke's own handling, so the list is filtered
        # before the screen repaints the typed character: one frame per key, not two
        # (Input.Changed arrives as a message after that repaint).
        self.watch(self.filter_input, "value", self._filter_changed, init=False)

    def _filter_changed(self) -> None:
        self._apply_filter(typing=True)

    @on(Input.Submitted, "#contact-filter")
    def _filter_submitted(self) -> None:
        self.contact_list.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
        self.close_filter()

    def action_back(self) -> None:
        """Esc: from an open card back to the list, else clear the filter."""
        if self.has_class("detail-open") or self.timeline.has_focus:
            self.remove_class("detail-open")
            self.contact_list.focus()
        else:
            self.action_clear_filter()

    # -- layout -------------------------------------------------------------------------

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")
            if not narrow:
                self.remove_class("detail-open")

    def action_open_detail(self) -> None:
        """Enter on the list: the card (full width when narrow), focus on its timeline."""
        if self.contact_list.current is None:
            return
        if self.has_class("narrow"):
            self.add_class("detail-open")
        self.timeline.focus()

    # -- detail -------------------------------------------------------------------------

    @on(ContactList.Highlighted)
    def _highlighted(self, event: ContactList.Highlighted) -> None:
        self._stop_card_timer()
        self._show_detail(event.contact)

    def _card_follows(self, typing: bool) -> None:
        """Show the card of the contact now under the cursor: at once, or while typing
        once the keys pause."""
        self._stop_card_timer()
        current = self.contact_list.current
        if (current.id if current else "") == self._detail_id:
            return
        if typing:
            self._card_timer = self.set_timer(CARD_DELAY, self._show_current_detail)
        else:
            self._show_detail(current)

    def _stop_card_timer(self) -> None:
        if self._card_timer is not None:
            self._card_timer.stop()
            self._card_timer = None

    def _show_current_detail(self) -> None:
        self._card_timer = None
        self._show_detail(self.contact_list.current)

    def _show_detail(self, row: ContactRow | None) -> None:
        shown_id = row.id if row else ""
        if shown_id == self._detail_id:
            return  # filtering often keeps the same contact under the cursor
        detail = self.query_one("#contact-detail", Static)
        if row is not None and not self.network.history_ready:
            # The first frame: the card needs the timeline, indexed right after it.
            detail.update(Text.assemble((row.name, "bold"), ("\n…", "dim")))
            return
        self._detail_id = shown_id
        contact = self.network.get_contact(row.id) if row else None
        self.timeline.show(contact.id if contact else None)
        if row is None:
            detail.update(Text("Select a contact to see their details.", "dim"))
        elif contact is None:  # listed from its document, which the model refuses
            detail.update(Text.assemble((row.name, "bold"), (
                "\nThis record cannot be read (another program changed it). "
                "`netui restore` brings back a backup.", "dim")))
        else:
            detail.update(detail_text(self.network, contact))

    def history_loaded(self) -> None:
        """Last touches and timelines are ready: redraw what showed placeholders."""
        self.contact_list.refresh_rows()
        self._show_detail(self.contact_list.current)

    # -- actions ------------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._all = self._sorted()
        self._live = None
        self._apply_filter()
        self.notify(f"Sorted by {SORTS[self.sort_index][1]}", timeout=2)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()
