"""Interactions (meetings, calls, notes): logging, fixing and deleting them, note search,
and a contact's timeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from ..domain.models import STORED, CheckIn, Contact, Interaction
from ..domain.names import fold
from ..storage import Change
from .contacts import Contacts
from .indexes import Indexes
from .ledger import Ledger
from .note_index import NoteIndex
from .results import TimelineEntry, validated
from .schedule import Schedule
from .unit_of_work import UnitOfWork

# A search before the note index is built (a one-shot `netui search`, a "/" before the
# app's warm-up has built it) reads only the notes that may hold a word of the query
# (Store.holding: 100k notes, ~30 ms against ~120 ms to fold every note). A session that
# searches again folds every note once then: each later search is ~7 ms, not a scan.
SCANS_BEFORE_INDEX = 1
# Scanned for while at most 1/SCAN_SHARE of the notes may hold the word: past it,
# reading every note costs hardly more, and leaves the index for the next search.
SCAN_SHARE = 4


class Interactions:
    def __init__(self, ix: Indexes, uow: UnitOfWork, people: Contacts, schedule: Schedule,
                 ledger: Ledger) -> None:
        self.ix, self.uow, self.people = ix, uow, people
        self.schedule, self.ledger = schedule, ledger
        self._scans = 0  # searches answered without the note index (see _scanned)

    def interaction(self, interaction_id: str) -> Interaction:
        return self.ix.model(Interaction, "interactions", interaction_id)

    def interactions_for(self, contact_id: str) -> list[Interaction]:
        """Newest first."""
        found = list(self.ix.models(Interaction, "interactions",
                                    self.ix.inter_of.get(contact_id, ())))
        found.sort(key=lambda i: i.date, reverse=True)
        return found

    def interaction_docs(self) -> Iterator[dict[str, Any]]:
        """Every stored interaction document (for search, export and the calendar)."""
        return self.ix.store.docs("interactions")

    def log_interaction(
        self,
        interaction: Interaction,
        *,
        followup: date | None = None,
        followup_reason: str = "",
        new_contacts: Sequence[Contact] = (),
    ) -> Interaction:
        """Log a meeting, call, note...; a touch completes check-ins that were due by its
        date. With `followup`, also schedules a check-in with each person. Contacts in
        `new_contacts` are created in the same transaction (quick-add's unknown names)."""
        for c in new_contacts:
            self.people.check(c)
        known = {c.id for c in new_contacts}
        self.people.check_people(i for i in interaction.contact_ids if i not in known)
        changes = [Change("contacts", c.id, self.people.made(c).to_doc()) for c in new_contacts]
        changes.append(Change("interactions", interaction.id, interaction.to_doc()))
        if interaction.is_touch:
            changes += self.schedule.complete_checkins(interaction.contact_ids, interaction.date)
        if followup:
            for cid in interaction.contact_ids:
                chk = CheckIn(contact_id=cid, due=followup, reason=followup_reason)
                changes.append(Change("checkins", chk.id, chk.to_doc()))
        names = ", ".join(self.people.name(cid, new_contacts) for cid in interaction.contact_ids)
        self.uow.commit(changes, f"{interaction.kind.value} with {names}")
        return self.interaction(interaction.id)  # as stored: at its revision

    def update_interaction(self, interaction: Interaction) -> Interaction:
        self.interaction(interaction.id)
        self.people.check_people(interaction.contact_ids)
        doc = validated(Interaction, interaction.to_doc(), "interaction")
        self.uow.commit([Change("interactions", doc.id, doc.to_doc())], "edit interaction")
        return self.interaction(doc.id)

    def delete_interaction(self, interaction_id: str) -> None:
        self.interaction(interaction_id)
        self.uow.commit([Change("interactions", interaction_id, None)], "delete interaction")

    def search_notes(self, text: str, limit: int = 200) -> list[Interaction]:
        """Interactions whose text or tags contain every word of `text` (accent- and
        case-insensitive), newest first."""
        words = fold(text).split()
        if not words:
            return []
        ix = self.ix
        found = self._scanned(words, limit) if ix.note_text is None else None
        if found is None:
            found = ix.note_index().search(words, limit)
        hits = [d for rid in found if (d := ix.store.get("interactions", rid))]
        return [Interaction.model_validate(d, context=STORED) for d in hits]

    def _scanned(self, words: list[str], limit: int) -> list[str] | None:
        """What the note index would answer, from an index of only the notes that may
        hold the query's longest ASCII word (a superset of the hits, in the store's
        order, so the same hits in the same order); None when the index is to be built
        instead (see SCANS_BEFORE_INDEX, SCAN_SHARE) or no word is ASCII."""
        plain = [w for w in words if w.isascii()]
        if not plain or self._scans >= SCANS_BEFORE_INDEX:
            return None
        store = self.ix.store
        most = store.count("interactions") // SCAN_SHARE
        notes = store.holding("interactions", max(plain, key=len), most)
        if notes is None:
            return None
        self._scans += 1
        return NoteIndex.of_store(notes).search(words, limit)

    def index_notes(self) -> None:
        """Fold every note into the search index now (else a search does, see _scanned)."""
        self.ix.note_index()

    def note_days(self) -> Iterable[tuple[str, str]]:
        """(interaction id, its date as stored) for every interaction, from the note index
        (no note parsed once it is built): the calendar groups them by day."""
        return self.ix.note_index().by_day()

    def timeline(self, contact_id: str) -> list[TimelineEntry]:
        """Interactions, favours and check-ins of one contact, newest first."""
        entries = [TimelineEntry(i.date, i) for i in self.interactions_for(contact_id)]
        entries += [TimelineEntry(f.date, f) for f in self.ledger.favours(contact_id)]
        entries += [TimelineEntry(f.date, f) for f in self.ledger.introductions_of(contact_id)]
        entries += [TimelineEntry(c.due, c) for c in self.schedule.checkins_for(contact_id)]
        entries.sort(key=lambda e: e.day, reverse=True)
        return entries
