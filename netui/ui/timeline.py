"""The selected person's timeline as a list you can act on: Enter (or e) edits the entry
in its form, d deletes it after asking; ctrl+z undoes either."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..domain.models import CheckIn, Favour, Interaction
from ..services import Network
from .contact_detail import TIMELINE_LIMIT, timeline_prompt
from .hanging import Card

if TYPE_CHECKING:
    from .app import NetuiApp


class Timeline(OptionList):
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="netui.timeline.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="netui.timeline.up"),
        Binding("enter,e", "edit_entry", "Edit entry", id="netui.timeline.edit",
                tooltip="Edit the selected timeline entry in its form"),
        Binding("d", "delete_entry", "Delete entry", id="netui.timeline.delete",
                tooltip="Delete the selected timeline entry (asks first; ctrl+z undoes)"),
    ]

    def __init__(self, network: Network, **kwargs) -> None:
        super().__init__(**kwargs)
        self.network = network
        self.contact_id: str | None = None
        self._records: dict[str, Interaction | Favour | CheckIn] = {}

    @property
    def netui(self) -> NetuiApp:
        return cast("NetuiApp", self.app)

    def show(self, contact_id: str | None) -> None:
        """Fill with `contact_id`'s entries, newest first (keeping the highlighted one)."""
        keep = self.selected_record()
        self.contact_id = contact_id
        entries = self.network.timeline(contact_id) if contact_id else []
        self._records = {e.record.id: e.record for e in entries[:TIMELINE_LIMIT]}
        options: list[Option] = [Option(timeline_prompt(self.network, e, contact_id or ""),
                                        id=e.record.id)
                                 for e in entries[:TIMELINE_LIMIT]]
        if not entries and contact_id:
            options.append(Option(Card().text(Text(
                "Nothing yet. Press i to log an interaction, f a favour.", "dim")),
                disabled=True))
        if len(entries) > TIMELINE_LIMIT:
            options.append(Option(Text(f"… {len(entries) - TIMELINE_LIMIT} older entries "
                                       "(netui show NAME lists them all)", "dim"),
                                  disabled=True))
        self.clear_options()
        self.add_options(options)
        if self._records:
            index = 0
            if keep is not None:
                index = next((n for n, rid in enumerate(self._records) if rid == keep.id), 0)
            self.highlighted = index

    def entry_lines(self) -> list[str]:
        """The plain text of every entry shown (what a reader sees, for tests)."""
        return [str(self.get_option_at_index(n).prompt) for n in range(self.option_count)]

    def entry_ids(self) -> list[str]:
        """The ids of the entries shown, newest first."""
        return list(self._records)

    def entries(self) -> list[Interaction | Favour | CheckIn]:
        """The entries shown, newest first."""
        return list(self._records.values())

    def selected_record(self) -> Interaction | Favour | CheckIn | None:
        if self.highlighted is None or not self.option_count:
            return None
        oid = self.get_option_at_index(self.highlighted).id
        return self._records.get(oid or "")

    def action_edit_entry(self) -> None:
        record = self.selected_record()
        if record is None:
            self.notify("Nothing selected in the timeline.", severity="warning")
        elif isinstance(record, Interaction):
            self.netui.open_interaction_form(interaction_id=record.id)
        elif isinstance(record, Favour):
            self.netui.open_favour_form(record.contact_id, record.id)
        else:
            self._reschedule(record)

    def _reschedule(self, chk: CheckIn) -> None:
        from ..services.entries import edit_entry
        from .date_picker import DatePrompt

        def chosen(day: date | None) -> None:
            if day is not None:
                self.netui.attempt(lambda: edit_entry(self.network, chk.id, day=day),
                                   f"Check-in moved to {day.isoformat()}")

        self.app.push_screen(DatePrompt("Move this check-in to", self.network.today(),
                                        value=chk.due.isoformat(), allow_today=True), chosen)

    def action_delete_entry(self) -> None:
        record = self.selected_record()
        if record is None:
            self.notify("Nothing selected in the timeline.", severity="warning")
            return
        from ..services.entries import delete_entry, describe
        from .confirm import ConfirmScreen

        what = describe(record)

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: delete_entry(self.network, record.id),
                                   f"Deleted {what} (ctrl+z undoes)")

        self.app.push_screen(ConfirmScreen(Text.assemble("Delete ", (what, "bold"), "?"),
                                           yes="Delete"), done)
