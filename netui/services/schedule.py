"""Who is due when: last touches, cadences, due dates and the due list, birthdays, and
check-ins (follow-ups, snoozes) with marking someone done."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ..domain.cadence import BirthdaySoon, Due, cadence_for, due_state, next_due, upcoming_birthday
from ..domain.models import CheckIn, CheckInKind, CheckInStatus, Contact, Interaction, Kind
from ..errors import Invalid
from ..storage import Change
from .contacts import Contacts
from .indexes import Indexes
from .results import DueEntry, start_of, validated
from .unit_of_work import UnitOfWork


class Schedule:
    def __init__(self, ix: Indexes, uow: UnitOfWork, people: Contacts) -> None:
        self.ix, self.uow, self.people = ix, uow, people

    # -- due dates -------------------------------------------------------------------------

    def last_touch(self, contact_id: str) -> date | None:
        return self.ix.touch.get(contact_id)

    def cadence(self, contact: Contact) -> int | None:
        return cadence_for(contact.circle, contact.cadence_days, self.ix.config.circles)

    def due_cache(self, today: date) -> dict[str, Due | None]:
        """Due dates until a new day or config (a write drops its contacts' own)."""
        return self.ix.memo.due_cache(today, self.ix.config)

    def due(self, contact_id: str) -> Due | None:
        """When this contact is next due (cached until a write touches them or the day changes)."""
        today = self.ix.today()
        cache = self.due_cache(today)
        if contact_id in cache:
            return cache[contact_id]
        c = self.ix.contacts.get(contact_id)
        result = cache[contact_id] = self.next_due(c, today) if c is not None else None
        return result

    def next_due(self, c: Contact, today: date) -> Due | None:
        if c.archived:
            return None
        return next_due(last_touch=self.ix.touch.get(c.id), cadence=self.cadence(c),
                        start=start_of(c, today), checkins=self.ix.pending.get(c.id, ()))

    def due_list(self, within_days: int = 0) -> list[DueEntry]:
        """Contacts due by today + within_days: most overdue first, then closest circle."""
        ix = self.ix
        today = ix.today()
        key = ("due_list", within_days, *ix.memo.key(today, ix.config))
        if key in ix.memo.answers:
            return list(ix.memo.answers[key])
        horizon = today + timedelta(days=within_days)
        out = [e for c in ix.contacts.values() if (e := self.due_entry(c, horizon))]
        out.sort(key=lambda e: (e.due.due, ix.circle_rank(e.contact.circle),
                                ix.name_key(e.contact.name)))
        ix.memo.answers[key] = out
        return list(out)

    def due_entry(self, c: Contact, horizon: date) -> DueEntry | None:
        d = self.due(c.id)
        if d is None or d.due > horizon:
            return None
        return DueEntry(c, d, d.overdue_days(self.ix.today()), self.ix.touch.get(c.id),
                        self._state(c, d))

    def _state(self, c: Contact, d: Due | None) -> str:
        cadence = self.cadence(c)
        grace = self.ix.config.late_after(c.circle, cadence) - cadence if cadence else 0
        return due_state(d, self.ix.today(), grace)

    def due_state(self, contact_id: str) -> str:
        """ok, due (amber: the ideal interval is up) or late (red: past the maximum)."""
        c = self.ix.contacts.get(contact_id)
        return "ok" if c is None else self._state(c, self.due(contact_id))

    def due_count(self, within_days: int = 0) -> int:
        """How many contacts are due by today + within_days, without building the list."""
        horizon = self.ix.today() + timedelta(days=within_days)
        return sum(1 for cid in self.ix.contacts if (d := self.due(cid)) and d.due <= horizon)

    def birthdays(self, within_days: int = 7) -> list[tuple[Contact, BirthdaySoon]]:
        return list(self.ix.cached(f"birthdays {within_days}",
                                   lambda: self._birthdays(within_days)))

    def _birthdays(self, within_days: int) -> list[tuple[Contact, BirthdaySoon]]:
        out = [(c, soon) for c in self.ix.contacts.values()
               if (soon := self.birthday_of(c, within_days))]
        out.sort(key=lambda x: (x[1].in_days, self.ix.name_key(x[0].name)))
        return out

    def birthday_of(self, c: Contact, within_days: int) -> BirthdaySoon | None:
        return None if c.archived else upcoming_birthday(c.birthday, self.ix.today(), within_days)

    def needs_triage(self) -> list[Contact]:
        """Active contacts with neither a circle nor their own cadence."""
        # Kept until a write (the due list's inputs cover the contacts): it sorts everyone.
        return list(self.ix.cached("due_list triage", lambda: [
            c for c in self.people.contacts() if not c.circle and not c.cadence_days]))

    # -- check-ins -------------------------------------------------------------------------

    def checkin(self, checkin_id: str) -> CheckIn:
        return self.ix.model(CheckIn, "checkins", checkin_id)

    def checkins_for(self, contact_id: str, pending_only: bool = False) -> list[CheckIn]:
        hint = self.ix.pending_hint(contact_id) if pending_only and self.ix.pending_hint else None
        ids = hint if hint is not None else self.ix.chk_of.get(contact_id, ())
        found = self.ix.models(CheckIn, "checkins", ids)
        out = [c for c in found if not pending_only or c.status is CheckInStatus.pending]
        out.sort(key=lambda c: c.due)
        return out

    def complete_checkins(self, contact_ids: Iterable[str], on: date) -> list[Change]:
        """What a touch on `on` closes: check-ins due by then, and snoozes."""
        changes = []
        for cid in contact_ids:
            for chk in self.checkins_for(cid, pending_only=True):
                if chk.due <= on or chk.kind is CheckInKind.snooze:
                    done = chk.model_copy(update={"status": CheckInStatus.done})
                    changes.append(Change("checkins", chk.id, done.to_doc()))
        return changes

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        self.people.contact(checkin.contact_id)
        self.uow.commit([Change("checkins", checkin.id, checkin.to_doc())],
                        f"follow-up with {self.people.name(checkin.contact_id)}")
        return self.checkin(checkin.id)  # as stored: at its revision

    def mark_done(
        self, contact_id: str, note: str = "", kind: Kind = Kind.message, on: date | None = None
    ) -> Interaction:
        """Being in touch with someone now: logs a touch and closes what was due."""
        c = self.people.contact(contact_id)
        day = on or self.ix.today()
        touch = validated(Interaction, {"contact_ids": [contact_id], "date": day, "kind": kind,
                                        "text": note or "Checked in"}, "in touch")
        changes = [Change("interactions", touch.id, touch.to_doc())]
        changes += self.complete_checkins([contact_id], day)
        self.uow.commit(changes, f"in touch with {c.name}")
        return self.ix.model(Interaction, "interactions", touch.id)

    def snooze(self, contact_id: str, until: date, reason: str = "") -> CheckIn:
        """Not before `until`: replaces any earlier snooze of this contact."""
        c = self.people.contact(contact_id)
        if until <= self.ix.today():
            raise Invalid("snooze: the date must be after today")
        changes = []
        for chk in self.checkins_for(contact_id, pending_only=True):
            if chk.kind is CheckInKind.snooze:
                skipped = chk.model_copy(update={"status": CheckInStatus.skipped})
                changes.append(Change("checkins", chk.id, skipped.to_doc()))
        new = validated(CheckIn, {"contact_id": contact_id, "due": until,
                                  "reason": reason or "snoozed", "kind": CheckInKind.snooze},
                        "snooze")
        changes.append(Change("checkins", new.id, new.to_doc()))
        self.uow.commit(changes, f"snooze {c.name}")
        return self.checkin(new.id)

    def reschedule(self, checkin_id: str, due: date, rev: int | None = None) -> CheckIn:
        """`rev`: the revision the caller showed; refused (Stale) if it moved."""
        chk = self.checkin(checkin_id)
        chk = chk.model_copy(update={"due": due, "rev": chk.rev if rev is None else rev})
        self.uow.commit([Change("checkins", chk.id, chk.to_doc())], "reschedule check-in")
        return self.checkin(chk.id)
