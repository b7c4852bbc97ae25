"""The rows of the shell's derived index (see shell_index): one per contact, with what a
shell command reads of them, derived from the stored documents exactly as the services'
in-memory indexes derive it (tests/test_shell_index.py holds them equal):

- `row`: the contact as `Network.people()` reads it (ContactRow.of_doc: names for
  @mentions); `listed`: as `Network.contacts()` reads it (the validated model: `netui
  list`), None when the model rejects the document;
- the model's cadence, met-on and creation dates (due dates);
- `note_touch`: the latest date of an interaction that is a touch (the raw ISO text, as
  Indexes.interaction_index compares it), `favour_touch`: of a favour (touches.favour_touches);
- `pending`: pending check-ins (id, due, kind, reason).

A row is a JSON array; `search` holds the folded names and haystack that any match of a
name or a filter word must contain, so a search can pick candidate lines from the raw
file before parsing any."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from ..domain import touches
from ..domain.cadence import Due, cadence_for, next_due
from ..domain.facts import CheckRow, pending_of
from ..domain.kinds import CheckInKind, CheckInStatus
from ..domain.names import query_key
from ..domain.rows import ContactRow
from ..domain.search import haystack
from .results import in_years, valid_contact

Doc = dict[str, Any]


@dataclass(slots=True)
class Entry:
    id: str
    row: ContactRow | None
    listed: ContactRow | None
    cadence_days: int | None = None
    met_on: str | None = None
    created: str | None = None
    note_touch: str | None = None
    favour_touch: str | None = None
    pending: list[list[str]] = field(default_factory=list)  # [id, due, kind, reason]

    # -- what commands read -----------------------------------------------------------

    def last_touch(self, favours_count: bool) -> date | None:
        """As Indexes.touch gives it: an unreadable latest note date is no touch."""
        notes = None
        if self.note_touch is not None:
            try:
                notes = date.fromisoformat(self.note_touch)
            except ValueError:
                notes = None
        if not favours_count or self.favour_touch is None:
            return notes
        fav = date.fromisoformat(self.favour_touch)
        return fav if notes is None or fav > notes else notes

    def due(self, circles: dict[str, int], favours_count: bool, today: date) -> Due | None:
        """As Schedule.next_due computes it for the validated contact."""
        c = self.listed
        if c is None or c.archived or self.created is None:
            return None
        met = date.fromisoformat(self.met_on) if self.met_on else None
        start = met if met and met <= today else date.fromisoformat(self.created)
        checks = [CheckRow(date.fromisoformat(due), reason, CheckInStatus.pending,
                           CheckInKind(kind)) for _id, due, kind, reason in self.pending]
        return next_due(last_touch=self.last_touch(favours_count),
                        cadence=cadence_for(c.circle, self.cadence_days, circles),
                        start=start, checkins=checks)

    # -- the file's form ---------------------------------------------------------------

    def names(self) -> str:
        """The folded name and nickname an @name's first word must be found in
        (name_lookup): the index's key for the row (storage.index_file)."""
        if self.row is None:
            return ""
        return f"{query_key(self.row.name)} {query_key(self.row.nickname or '')}"

    def search_text(self) -> str:
        parts = []
        if self.row is not None:
            parts += [self.names(), haystack(self.row)]
        if self.listed is not None and self.listed != self.row:
            parts.append(haystack(self.listed))
        return " ".join(parts)

    def encode(self) -> bytes:
        return orjson.dumps([self.id, _fields(self.row),
                             0 if self.listed == self.row and self.row is not None
                             else _fields(self.listed), self.cadence_days, self.met_on,
                             self.created, self.note_touch, self.favour_touch, self.pending,
                             self.search_text()])

    @classmethod
    def decode(cls, line: bytes) -> Entry:
        """ValueError (or a TypeError/IndexError, all "corrupt") for a line not written
        by encode."""
        v = orjson.loads(line)
        row = _row(v[0], v[1])
        listed = row if v[2] == 0 else _row(v[0], v[2])
        return cls(v[0], row, listed, v[3], v[4], v[5], v[6], v[7], v[8])


def _fields(r: ContactRow | None) -> list[Any] | None:
    if r is None:
        return None
    return [r.name, r.nickname, r.company, r.circle, list(r.tags), list(r.emails), r.archived]


def _row(rid: str, f: list[Any] | None) -> ContactRow | None:
    if f is None:
        return None
    return ContactRow(rid, f[0], f[1], f[2], f[3], tuple(f[4]), tuple(f[5]), bool(f[6]))


def entry_of(doc: Doc) -> Entry | None:
    """A contact document's entry (without touches or check-ins), None when neither the
    rows nor the model can read it."""
    row = ContactRow.of_doc(doc)
    model = valid_contact(doc)
    if model is None:
        return Entry(row.id, row, None) if row is not None else None
    listed = ContactRow.of(model)
    return Entry(model.id if row is None else row.id, row, listed, model.cadence_days,
                 model.met_on.isoformat() if model.met_on else None,
                 model.created_at.date().isoformat())


# -- what each kind of record adds to a contact's entry ---------------------------------------


def note_touches(doc: Doc) -> Iterator[tuple[str, str]]:
    """(contact id, ISO date) of an interaction that is a touch (Indexes.interaction_index)."""
    day, touching = doc.get("date", ""), doc.get("kind") != "note"
    if touching and in_years(day):
        for cid in doc.get("contact_ids", ()):
            yield cid, day


def favour_touches(doc: Doc) -> Iterator[tuple[str, str]]:
    for cid, day in touches.favour_touches([doc]).items():
        yield cid, day.isoformat()


def pending_rows(doc: Doc) -> Iterator[tuple[str, list[str]]]:
    for cid, rows in pending_of([doc]).items():
        for r in rows:
            yield cid, [str(doc.get("id")), r.due.isoformat(), r.kind.value, r.reason]


def build(contacts: Iterable[Doc], interactions: Iterable[Doc], favours: Iterable[Doc],
          checkins: Iterable[Doc]) -> dict[str, Entry]:
    """Every contact's entry, from every stored document."""
    out: dict[str, Entry] = {}
    for doc in contacts:
        e = entry_of(doc)
        if e is not None:
            out[e.id] = e
    for doc in interactions:
        for cid, day in note_touches(doc):
            if (e := out.get(cid)) is not None and day > (e.note_touch or ""):
                e.note_touch = day
    for doc in favours:
        for cid, day in favour_touches(doc):
            if (e := out.get(cid)) is not None and day > (e.favour_touch or ""):
                e.favour_touch = day
    for doc in checkins:
        for cid, pend in pending_rows(doc):
            if (e := out.get(cid)) is not None:
                e.pending.append(pend)
    for e in out.values():
        e.pending.sort(key=lambda p: p[1])  # stable: the store's order within a day
    return out
