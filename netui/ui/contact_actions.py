"""What the contact list's keys do to the selected contact: edit, delete, archive,
log, mark in touch, set the circle, add a tag. After a delete or an archive the cursor
goes to the next row, not back to the top."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..domain.rows import ContactRow
from .confirm import ConfirmScreen
from .pane import Pane

if TYPE_CHECKING:
    from .contact_list import ContactList


class ContactActions(Pane):
    """The contacts pane's verbs; the pane provides the list, `select` and
    `show_archived`."""

    show_archived: bool

    @property
    def contact_list(self) -> ContactList:
        raise NotImplementedError

    def select(self, contact_id: str) -> None:
        raise NotImplementedError

    def _selected(self) -> ContactRow | None:
        c = self.contact_list.current
        if c is None:
            self.notify("No contact selected.", severity="warning")
        return c

    def new(self) -> None:
        self.netui.open_contact_form()

    def edit(self) -> None:
        if c := self._selected():
            self.netui.open_contact_form(c.id)

    def _neighbour_id(self) -> str | None:
        """The row after the cursor (or before it, on the last row): where the cursor
        goes when the selected contact leaves the list."""
        rows, n = self.contact_list.rows, self.contact_list.cursor
        for i in (n + 1, n - 1):
            if 0 <= i < len(rows):
                return rows[i].id
        return None

    def _then_select(self, contact_id: str | None) -> None:
        if contact_id is not None:
            self.select(contact_id)

    def delete(self) -> None:
        c = self._selected()
        if c is None:
            return
        after = self._neighbour_id()

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: self.network.delete_contact(c.id),
                                   f"Deleted {c.name} (ctrl+z undoes)")
                self._then_select(after)

        self.app.push_screen(ConfirmScreen(
            Text.assemble("Delete ", (c.name, "bold"),
                          " with their favours and check-ins?"), yes="Delete"), done)

    def action_archive(self) -> None:
        c = self._selected()
        if c is None:
            return
        verb = "Unarchive" if c.archived else "Archive"
        after = c.id if self.show_archived else self._neighbour_id()

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: self.network.set_archived(c.id, not c.archived),
                                   f"{verb}d {c.name}")
                self._then_select(after)

        self.app.push_screen(ConfirmScreen(Text.assemble(f"{verb} ", (c.name, "bold"), "?"),
                                           yes=verb), done)

    def action_log(self) -> None:
        if c := self._selected():
            self.netui.open_interaction_form([c.id])

    def action_favour(self) -> None:
        if c := self._selected():
            self.netui.open_favour_form(c.id)

    def action_neighbourhood(self) -> None:
        if c := self._selected():
            from .neighbourhood import NeighbourhoodScreen

            self.app.push_screen(NeighbourhoodScreen(self.network, c.id))

    def action_link(self) -> None:
        if c := self._selected():
            from .neighbourhood import link_prompt

            link_prompt(self, c)

    def action_touched(self) -> None:
        if c := self._selected():
            self.netui.attempt(lambda: self.network.mark_done(c.id),
                               f"In touch with {c.name} today")


    def action_set_circle(self) -> None:
        c = self._selected()
        if c is None:
            return
        from .quick_edits import CirclePicker

        def chosen(circle: str | None) -> None:
            if circle is not None and circle != (c.circle or ""):
                label = circle or "no circle"
                self.netui.attempt(
                    lambda: self.network.edit_contact(c.id, circle=circle or None),
                    f"{c.name}: {label}")

        self.app.push_screen(CirclePicker(c.name, self.network.circles(), c.circle), chosen)

    def action_add_tag(self) -> None:
        c = self._selected()
        if c is None:
            return
        from .quick_edits import TagPrompt

        def chosen(words: str | None) -> None:
            if not words:
                return
            new = [w for w in words.split() if w not in c.tags]
            if not new:
                self.notify(f"{c.name} already has that tag.", timeout=2)
                return
            self.netui.attempt(
                lambda: self.network.edit_contact(c.id, tags=[*c.tags, *new]),
                f"{c.name}: " + " ".join(f"#{t}" for t in new))

        self.app.push_screen(TagPrompt(c.name, list(c.tags)), chosen)
