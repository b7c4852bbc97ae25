"""What the services return beyond models, and small helpers every area shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain import ledger
from ..domain.cadence import Due
from ..domain.kinds import MAX_YEAR, MIN_YEAR, STORED
from ..domain.names import fold
from ..domain.sources import ReviewKey
from ..errors import Invalid, one_line
from .kept_values import compact_values

if TYPE_CHECKING:
    from ..domain.models import CheckIn, Contact, Favour, Interaction, Record

R = TypeVar("R", bound="Record")
__all__ = ["DueEntry", "Nudges", "ReviewKey", "TimelineEntry"]


@dataclass(frozen=True, slots=True)
class DueEntry:
    contact: Contact
    due: Due
    overdue_days: int
    last_touch: date | None
    state: str = "due"  # ok, due (past the ideal interval) or late (past the maximum)

    def to_json(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact.id,
            "name": self.contact.name,
            "due": self.due.due.isoformat(),
            "state": self.state,
            "overdue_days": self.overdue_days,
            "reason": self.due.reason,
            "detail": self.due.detail,
            "circle": self.contact.circle,
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
        }


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: date
    record: Interaction | Favour | CheckIn


@dataclass(slots=True)
class Nudges:
    owes_back: list[tuple[Contact, ledger.Standing]] = field(default_factory=list)
    stale_asks: list[tuple[Contact, Favour, int]] = field(default_factory=list)
    over_asked: list[tuple[Contact, ledger.Standing]] = field(default_factory=list)


def validated(model: type[R], doc: dict[str, Any], what: str) -> R:
    from pydantic import ValidationError  # loaded with `model`

    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        raise Invalid(one_line(exc, what)) from exc


YEARS = f"{MIN_YEAR:04d}", f"{MAX_YEAR:04d}"


def in_years(iso: Any) -> bool:
    """A stored ISO date inside the years netui computes with (models.MIN_YEAR...)."""
    return isinstance(iso, str) and YEARS[0] <= iso[:4] <= YEARS[1]


def start_of(c: Contact, today: date) -> date:
    """What stands in for the last touch before the first: when you met, or when the
    contact was added."""
    return c.met_on if c.met_on and c.met_on <= today else c.created_at.date()


# One set per distinct set of field names, shared by every kept model that has it.
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def share_fields(record: R) -> R:
    """`record` sharing its set of set fields with every kept model that has the same.

    Pydantic gives each model its own set of the fields it was given: 2.2 kB for a
    contact, more than its values, and the app keeps 10k contacts and 20k favours all
    session. A stored document has every field, so assigning one adds nothing to the
    shared set; nothing reads it but `model_fields_set` of a model parsed from a file."""
    fields = record.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault(frozenset(fields), fields)
    object.__setattr__(record, "__pydantic_fields_set__", shared)
    compact_values(record)  # its values too, in a dict sharing its keys (kept_values)
    return record


# The Contact model, imported on the first contact validated: the shell index and the
# store read rows without pydantic (a note at 10k contacts starts ~60 ms sooner).
_CONTACT: list[type[Contact]] = []


def _contact_model() -> type[Contact]:
    from ..domain.models import Contact

    _CONTACT.append(Contact)
    return Contact


def valid_contact(doc: dict[str, Any]) -> Contact | None:
    model = _CONTACT[0] if _CONTACT else _contact_model()
    try:
        return share_fields(model.model_validate(doc, context=STORED))
    except ValueError:  # pydantic's ValidationError is one
        return None  # a record another program broke: skipped, never rewritten


def note_hay(doc: dict[str, Any]) -> str:
    """What note search looks in: the folded text and tags. A note without tags whose
    text folds to itself is its own haystack: the index then holds no second copy of
    it (at 100k notes, ~7 MB the app keeps all session)."""
    text, tags = doc.get("text", ""), doc.get("tags", ())
    if not tags and isinstance(text, str):
        folded = fold(text)
        return text if folded == text else folded
    return fold(text + " " + " ".join(tags))
