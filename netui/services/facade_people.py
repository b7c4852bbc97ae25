"""`services.Network`'s contact and schedule methods: each delegates to its area
(services.areas), so the façade stays one class while its file stays readable."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.models import Kind  # mark_done's default
from .areas import Areas

if TYPE_CHECKING:
    from ..domain.cadence import BirthdaySoon, Due
    from ..domain.models import CheckIn, Contact, Interaction
    from ..domain.rows import ContactRow
    from .results import DueEntry


class PeopleMethods(Areas):
    # -- contacts ------------------------------------------------------------

    def contacts(self, include_archived: bool = False) -> list[Contact]:
        return self._people.contacts(include_archived)

    def contact_count(self) -> int:
        return self._people.contact_count()

    def active_count(self) -> int:
        return self._people.active_count()

    def contact(self, contact_id: str) -> Contact:
        return self._people.contact(contact_id)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._people.get_contact(contact_id)

    def contact_rows(self, include_archived: bool = False) -> list[ContactRow]:
        return self._people.contact_rows(include_archived)

    def people(self, include_archived: bool = False) -> list[ContactRow]:
        return self._people.people(include_archived)

    def find(self, name: str, include_archived: bool = False) -> list[Contact]:
        return self._people.find(name, include_archived)

    def find_one(self, name: str) -> Contact:
        return self._people.find_one(name)

    def find_exact(self, name: str) -> Contact:
        return self._people.find_exact(name)

    def add_contact(self, contact: Contact) -> Contact:
        return self._people.add_contact(contact)

    def update_contact(self, contact: Contact) -> Contact:
        return self._people.update_contact(contact)

    def edit_contact(self, contact_id: str, **fields: Any) -> Contact:
        return self._people.edit_contact(contact_id, **fields)

    def set_archived(self, contact_id: str, archived: bool = True) -> Contact:
        return self._people.set_archived(contact_id, archived)

    def delete_contact(self, contact_id: str) -> None:
        self._people.delete_contact(contact_id)

    def merge_contacts(self, keep_id: str, other_id: str) -> Contact:
        return self._people.merge_contacts(keep_id, other_id)

    # -- schedule ------------------------------------------------------------

    def last_touch(self, contact_id: str) -> date | None:
        return self._schedule.last_touch(contact_id)

    def cadence(self, contact: Contact) -> int | None:
        return self._schedule.cadence(contact)

    def due(self, contact_id: str) -> Due | None:
        return self._schedule.due(contact_id)

    def due_list(self, within_days: int = 0) -> list[DueEntry]:
        return self._schedule.due_list(within_days)

    def due_state(self, contact_id: str) -> str:
        return self._schedule.due_state(contact_id)

    def due_count(self, within_days: int = 0) -> int:
        return self._schedule.due_count(within_days)

    def birthdays(self, within_days: int = 7) -> list[tuple[Contact, BirthdaySoon]]:
        return self._schedule.birthdays(within_days)

    def needs_triage(self) -> list[Contact]:
        return self._schedule.needs_triage()

    def checkin(self, checkin_id: str) -> CheckIn:
        return self._schedule.checkin(checkin_id)

    def checkins_for(self, contact_id: str, pending_only: bool = False) -> list[CheckIn]:
        return self._schedule.checkins_for(contact_id, pending_only)

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        return self._schedule.add_checkin(checkin)

    def mark_done(
        self,
        contact_id: str,
        note: str = "",
        kind: Kind = Kind.message,
        on: date | None = None,
    ) -> Interaction:
        return self._schedule.mark_done(contact_id, note, kind, on)

    def snooze(self, contact_id: str, until: date, reason: str = "") -> CheckIn:
        return self._schedule.snooze(contact_id, until, reason)

    def reschedule(self, checkin_id: str, due: date, rev: int | None = None) -> CheckIn:
        return self._schedule.reschedule(checkin_id, due, rev)
