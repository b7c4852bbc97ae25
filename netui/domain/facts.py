"""What due dates and the daily review need from favours and check-ins, read straight
from the stored documents.

The review asks the same few questions of every favour and check-in: who helped you
last, whose asks are old, who has a follow-up pending. Validating 20k favours and 5k
check-ins as models to answer them costs ~80 ms at 10k contacts; reading the few fields
costs ~10 ms. A document whose fields do not have exactly the stored shape is read
through its model instead, which may still accept it (and coerce) or reject it: then it
counts for nothing here, as for every other reader of that record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from .kinds import (
    MAX_YEAR,
    MIN_YEAR,
    STORED,
    CheckInKind,
    CheckInStatus,
    Direction,
    FavourStatus,
)
from .ledger import Marks, mark

_CHECK_STATUS = {m.value: m for m in CheckInStatus}
_CHECK_KIND = {m.value: m for m in CheckInKind}
_MAX_ID = 64
_MAX_FAVOUR_TEXT = 10_000
_FIRST_YEAR, _LAST_YEAR = f"{MIN_YEAR:04d}", f"{MAX_YEAR:04d}"  # ISO dates compare as text


def _day(value: Any) -> date | None:
    """A stored ISO date ("2026-11-22"); None for anything else."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    if not _FIRST_YEAR <= value[:4] <= _LAST_YEAR:  # a date netui cannot compute with
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _member(table: dict[str, Any], value: Any) -> Any:
    return table.get(value) if type(value) is str else None


def _ident(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= _MAX_ID and bool(value.strip())


FavourFields = tuple[Direction, FavourStatus, date]


def favour_fields(doc: dict[str, Any]) -> FavourFields | None:
    """(direction, status, date) of one stored favour, through its model (None when the
    model rejects it): for a few documents; `marks_of` reads thousands without it."""
    from pydantic import ValidationError  # the models: only for a document read so

    from .models import Favour

    try:
        f = Favour.model_validate(doc, context=STORED)
    except ValidationError:
        return None
    return f.direction, f.status, f.date


@dataclass(slots=True)
class CheckRow:
    """The fields of a check-in that due dates use (see cadence.next_due)."""

    due: date
    reason: str
    status: CheckInStatus
    kind: CheckInKind

    @classmethod
    def of(cls, c: Any) -> CheckRow:
        """The row of a validated check-in model."""
        return cls(c.due, c.reason, c.status, c.kind)

    @classmethod
    def of_doc(cls, doc: dict[str, Any]) -> CheckRow | None:
        """The row of a stored check-in; None when its model rejects it."""
        row = cls._read(doc)
        if row is not None:
            return row
        from pydantic import ValidationError  # a document the quick read refuses

        from .models import CheckIn

        try:
            return cls.of(CheckIn.model_validate(doc, context=STORED))
        except ValidationError:
            return None

    @classmethod
    def _read(cls, doc: dict[str, Any]) -> CheckRow | None:
        """The row without the model: None unless the shape is exactly the stored one."""
        get = doc.get
        rid, reason, day = get("id"), get("reason", ""), _day(get("due"))
        status = _member(_CHECK_STATUS, get("status", "pending"))
        kind = _member(_CHECK_KIND, get("kind", "followup"))
        if (day is None or status is None or kind is None or not _ident(rid)
                or not _ident(get("contact_id")) or type(reason) is not str):
            return None
        return cls(day, reason.strip(), status, kind)  # the model strips text too


# (direction, status or _ABSENT) -> the mark it moves, for every pair the model accepts.
_ABSENT = object()
# Keyed by what a stored document says, which may be anything (a wrong one is a KeyError).
_MARK: dict[tuple[object, object], str | None] = {
    (d.value, s.value): mark(d, s) for d in Direction for s in FavourStatus}
_MARK.update({(d.value, _ABSENT): mark(d, FavourStatus.open if d is Direction.asked
                                       else FavourStatus.done) for d in Direction})


def marks_of(favours: Iterable[dict[str, Any]]) -> Marks:
    """Everyone's ledger marks from stored favour documents (by their contact_id, as the
    services index them); a document no model accepts counts for nobody.

    Each document's fields are checked in one expression, in the loop: 20k favours in
    ~10 ms, where a function call per check and per mark took 30. A document that fails
    a check is read through its model."""
    marks = Marks()
    add, fromiso = marks.add_mark, date.fromisoformat
    for doc in favours:
        get = doc.get
        cid, rid, day = get("contact_id"), get("id"), get("date")
        size, text = get("size", 1), get("text", "")
        try:
            which = _MARK[get("direction"), get("status", _ABSENT)]
            if not (type(day) is str and len(day) == 10 and day[4] == "-" == day[7]
                    and _FIRST_YEAR <= day[:4] <= _LAST_YEAR
                    and type(cid) is str and cid.strip() and type(rid) is str
                    and 0 < len(rid) <= _MAX_ID and rid.strip() and type(size) is int
                    and 1 <= size <= 3 and type(text) is str
                    and len(text) <= _MAX_FAVOUR_TEXT):
                raise TypeError
            on = fromiso(day)
        except (KeyError, TypeError, ValueError):  # not the stored shape: ask the model
            fields = favour_fields(doc)
            if fields is None:
                continue
            which, on, cid = mark(fields[0], fields[1]), fields[2], get("contact_id", "")
        if which is not None:
            add(cid, which, on)
    return marks


def pending_of(checkins: Iterable[dict[str, Any]]) -> dict[str, list[CheckRow]]:
    """Each contact's pending check-ins from stored documents, soonest first (a stable
    sort, as `Network.checkins_for` gives them: next_due keeps the first of a tie)."""
    pending: defaultdict[str, list[CheckRow]] = defaultdict(list)
    for doc in checkins:
        status = doc.get("status", "pending")
        if status == "done" or status == "skipped":  # settled, whatever else it holds
            continue
        row = CheckRow.of_doc(doc)
        if row is not None and row.status is CheckInStatus.pending:
            pending[doc.get("contact_id", "")].append(row)
    for rows in pending.values():
        if len(rows) > 1:
            rows.sort(key=attrgetter("due"))
    return dict(pending)
