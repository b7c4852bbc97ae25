"""The plain values of the records (kinds, directions, statuses, the schema version, the
years kept, the default circles): apart from the models (domain.models re-exports them),
so reading a quick-add line, the store and the shell index needs no pydantic."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    meeting = "meeting"
    call = "call"
    message = "message"
    email = "email"
    event = "event"
    note = "note"  # records something about a person; does not count as being in touch


class Direction(StrEnum):
    gave = "gave"
    received = "received"
    asked = "asked"


class FavourStatus(StrEnum):
    open = "open"
    done = "done"
    declined = "declined"


class CheckInStatus(StrEnum):
    pending = "pending"
    done = "done"
    skipped = "skipped"


class CheckInKind(StrEnum):
    followup = "followup"  # be in touch by this date (can make someone due earlier)
    snooze = "snooze"  # not before this date (pushes a due date later)


SCHEMA_VERSION = 1
# Validation context for records read back from netui's own store (already clean).
STORED = {"stored": True}

# Circles from closest to widest, with their default check-in cadence in days.
# Everyone is seen at least once a year; closer relationships more often.
DEFAULT_CIRCLES: dict[str, int] = {
    "inner": 14,
    "close": 30,
    "network": 90,
    "acquaintance": 365,
}

# The years a date netui keeps may fall in: every later computation (a cadence or
# snooze added to it, ICS, the review's "in N days") stays inside what Python can carry.
MIN_YEAR, MAX_YEAR = 1900, 2200


def new_id() -> str:
    """A short random id; 12 hex characters keeps JSON and vCard UIDs readable."""
    import secrets  # with hmac and _hashlib, ~8 ms: only when an id is made

    return secrets.token_hex(6)
