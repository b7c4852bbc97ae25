"""When a record is made, by the network's clock: the day the services were given (the
real one, or `NETUI_TODAY`'s / a test's frozen day). A frozen day makes new records on
that day, so a contact nobody has seen yet falls due a cadence after it, as it would
have had it really been added then."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypeVar

from pydantic import BaseModel

from .models import utcnow

M = TypeVar("M", bound=BaseModel)


def made_at(day: date) -> datetime:
    """Now, on `day`: the real instant when `day` is the real (local) today; otherwise the
    same time of day on `day` (a frozen clock), so its date is that day."""
    now = utcnow()
    if day == date.today():
        return now
    return datetime.combine(day, now.time(), UTC)


def dated(record: M, day: date) -> M:
    """`record` stamped as made on `day`, unless it says when it was made (an import, the
    demo, a copy of a stored one): its `created_at` (and `updated_at`) then stand."""
    if "created_at" in record.model_fields_set or "created_at" not in type(record).model_fields:
        return record
    at = made_at(day)
    stamps = {"created_at": at}
    if "updated_at" in type(record).model_fields and "updated_at" not in record.model_fields_set:
        stamps["updated_at"] = at
    return record.model_copy(update=stamps)
