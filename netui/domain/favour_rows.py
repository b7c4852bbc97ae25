"""A favour as the ledger sorts, filters and counts it: the few fields of the stored
document, without the model behind them.

The ledger lists every favour newest first and works out every person's balance. At
50,000 contacts that is 100,000 favours: validating them all as models took ~1.2 s of
the ledger's first open, reading these fields ~0.1 s. The models are still made for the
rows on screen and for what is edited (see LedgerPane). A document whose fields do not
have exactly the stored shape is read through its model instead, which may accept it
(and coerce) or reject it: then it is no row, as it is no model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from pydantic import ValidationError

from .models import MAX_YEAR, MIN_YEAR, STORED, Direction, Favour, FavourStatus

_DIRECTION = {m.value: m for m in Direction}
_STATUS = {m.value: m for m in FavourStatus}
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_FIRST_YEAR, _LAST_YEAR = f"{MIN_YEAR:04d}", f"{MAX_YEAR:04d}"  # ISO dates compare as text
_MAX_TEXT = 10_000


@dataclass(slots=True)  # not frozen: a frozen dataclass is 5x slower to build
class FavourRow:
    """Read-only by convention: a write replaces the row. The attribute names are the
    model's, so domain.ledger's standing reads a row as it reads a favour."""

    id: str
    contact_id: str
    direction: Direction
    status: FavourStatus
    date: date
    size: int
    introduced_id: str | None

    @classmethod
    def of(cls, f: Favour) -> FavourRow:
        return cls(f.id, f.contact_id, f.direction, f.status, f.date, f.size, f.introduced_id)

    @classmethod
    def of_doc(cls, doc: dict[str, Any]) -> FavourRow | None:
        """The row of a stored favour; None when its model rejects it."""
        row = _read(doc)
        if row is not None:
            return row
        try:
            return cls.of(Favour.model_validate(doc, context=STORED))
        except ValidationError:
            return None


def _read(doc: dict[str, Any]) -> FavourRow | None:
    """The row without the model: None unless every field has exactly the shape netui
    stores (stripped text, a canonical date, no field the model would coerce). Checked
    in one expression: this runs once per favour."""
    get = doc.get
    rid, cid, day, size, text = get("id"), get("contact_id"), get("date"), get("size", 1), \
        get("text", "")
    rev, other, way = get("rev", 0), get("introduced_id"), get("direction")
    direction = _DIRECTION.get(way) if type(way) is str else None
    status_value = get("status", "open" if direction is Direction.asked else "done")
    status = _STATUS.get(status_value) if type(status_value) is str else None
    if (direction is None or status is None
            or type(rid) is not str or not 0 < len(rid) <= 64 or not _ID_CHARS.issuperset(rid)
            or type(cid) is not str or not cid or cid.strip() != cid
            or type(day) is not str or len(day) != 10 or day[4] != "-" or day[7] != "-"
            or not _FIRST_YEAR <= day[:4] <= _LAST_YEAR
            or type(size) is not int or not 1 <= size <= 3
            or type(text) is not str or len(text) > _MAX_TEXT
            or type(rev) is not int or rev < 0
            or (other is not None and (type(other) is not str or not 0 < len(other) <= 64
                                       or other.strip() != other))):
        return None
    try:
        on = date.fromisoformat(day)
    except ValueError:
        return None
    return FavourRow(rid, cid, direction, status, on, size, other)


_BY_ID, _BY_DATE = attrgetter("id"), attrgetter("date")


def newest_first(rows: list[FavourRow]) -> None:
    """Sort in place by (date, id), newest first, as the ledger lists favours: two
    stable sorts on one field each, ~4x faster than one on a tuple of both (and near
    linear when the list was sorted before a few rows changed)."""
    rows.sort(key=_BY_ID, reverse=True)
    rows.sort(key=_BY_DATE, reverse=True)
