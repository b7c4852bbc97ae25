"""The records netui keeps. Pydantic models are the one definition of a record:
validation, JSON shape and defaults. This module imports neither Textual nor TinyDB."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import core_schema

from .. import pydantic_plugins
from .cleaning import clean_list as _clean_list
from .cleaning import clean_tags as _clean_tags
from .cleaning import scrub_value as _scrub
from .kinds import (  # re-exported: the models are their home to callers
    DEFAULT_CIRCLES as DEFAULT_CIRCLES,
)
from .kinds import MAX_YEAR as MAX_YEAR
from .kinds import MIN_YEAR as MIN_YEAR
from .kinds import SCHEMA_VERSION as SCHEMA_VERSION
from .kinds import STORED as STORED
from .kinds import CheckInKind as CheckInKind
from .kinds import CheckInStatus as CheckInStatus
from .kinds import Direction as Direction
from .kinds import FavourStatus as FavourStatus
from .kinds import Kind as Kind
from .kinds import new_id as new_id

pydantic_plugins.install()  # before any validator is built: no plugin look-up (~15 ms)


# Ids are file-name safe: an export names files after them (a vdir), so an id from a
# file must never hold a path.
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def safe_id(value: str) -> bool:
    return bool(_SAFE_ID.match(value))


def _bounded(value: Any) -> Any:
    if isinstance(value, date | datetime) and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{value.isoformat()[:10]} is outside the years netui keeps "
                         f"({MIN_YEAR}-{MAX_YEAR})")
    return value


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


_BDAY_FULL = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BDAY_NOYEAR = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})$")


class Birthday:
    """Month and day, year optional. 29 February is allowed (it falls on 28 February
    in other years). Serialised as "YYYY-MM-DD" or "--MM-DD"."""

    __slots__ = ("day", "month", "year")

    def __init__(self, month: int, day: int, year: int | None = None) -> None:
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is not 1-12")
        leap_ok = 2000 if year is None else year
        # Any past year (people are born long before 1900: a historical contact); never
        # past MAX_YEAR, where the ICS and age arithmetic stop.
        if year is not None and not 1 <= year <= MAX_YEAR:
            raise ValueError(f"year {year} is outside 1-{MAX_YEAR}")
        if not 1 <= day <= calendar.monthrange(leap_ok, month)[1]:
            raise ValueError(f"day {day} does not exist in month {month}")
        self.month, self.day, self.year = month, day, year

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """Accepts 1990-02-28, --02-28 and 02-28."""
        text = text.strip()
        if m := _BDAY_FULL.match(text):
            return cls(int(m[2]), int(m[3]), int(m[1]))
        if m := _BDAY_NOYEAR.match(text):
            return cls(int(m[1]), int(m[2]))
        raise ValueError(f"birthday {text!r} is not YYYY-MM-DD or --MM-DD")

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"Birthday({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Birthday) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def occurrence(self, year: int) -> date:
        """The day it is celebrated in `year`: 29 Feb falls on 28 Feb in common years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_on_or_after(self, today: date) -> date:
        this_year = self.occurrence(today.year)
        return this_year if this_year >= today else self.occurrence(today.year + 1)

    def age_on(self, day: date) -> int | None:
        if self.year is None:
            return None
        # Celebrated on 28 Feb in common years, a leap-day person turns a year older then.
        return day.year - self.year - (day < self.occurrence(day.year))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> Birthday:
            if isinstance(value, Birthday):
                return value
            if isinstance(value, date):
                return cls(value.month, value.day, value.year)
            if isinstance(value, str):
                return cls.parse(value)
            raise ValueError("birthday must be YYYY-MM-DD or --MM-DD")

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(),
        )


def _stored(info: ValidationInfo) -> bool:
    """Read back from netui's own store: cleaned when it was written (see STORED)."""
    return bool(info.context and info.context.get("stored"))


class Record(BaseModel):
    model_config = ConfigDict(
        extra="ignore",  # data written by a newer netui keeps loading
        validate_assignment=True,
        str_strip_whitespace=True,
        # Validators are built on first use, not at import: the app's first frame is
        # drawn without a model (~25 ms of its cold start).
        defer_build=True,
    )

    id: str = Field(default_factory=new_id, min_length=1, max_length=64,
                    pattern=_SAFE_ID.pattern)
    # Bumped by every write (services): a save made against an older revision than the
    # one on disk is refused, so a stale form never overwrites a newer record.
    rev: int = Field(default=0, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any, info: ValidationInfo) -> Any:
        # Records read back from netui's own store were scrubbed when they were written;
        # skipping them saves ~100 ms of start-up at 10k contacts.
        if isinstance(data, dict) and not _stored(info):
            return {k: _scrub(v) for k, v in data.items()}
        return data

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored and exported (stable field names)."""
        return self.model_dump(mode="json")


class Contact(Record):
    name: str = Field(min_length=1, max_length=500)
    nickname: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    company: str | None = None
    title: str | None = None
    location: str | None = None
    tags: list[str] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    birthday: Birthday | None = None
    met_on: date | None = None
    how_met: str | None = None
    circle: str | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=3650)
    notes: str = ""
    # What they are looking for ("climate-tech intros", "a flat in Berlin"): ideas for gives.
    looking_for: list[str] = Field(default_factory=list)
    # What they are to you: mentor, mentee, peer, colleague, friend, family, client, or
    # your own word (see domain.roles).
    roles: list[str] = Field(default_factory=list)
    archived: bool = False
    # Stable identity for vCard round trips (the UID of an imported card).
    uid: str | None = None
    # A card's structured name N as read (family, given, additional, prefix, suffix;
    # each still vCard-escaped) and the name it came with: written back unchanged
    # until the person is renamed.
    name_parts: list[str] | None = None
    name_parts_of: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    _dates = field_validator("met_on", "created_at", "updated_at")(_bounded)

    @field_validator("name")
    @classmethod
    def _name_single_line(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("name must not be empty")
        return v

    @field_validator("nickname", "company", "title", "location", "how_met", "circle", "uid")
    @classmethod
    def _empty_is_none(cls, v: str | None) -> str | None:
        return v or None

    @field_validator("circle")
    @classmethod
    def _circle_lower(cls, v: str | None) -> str | None:
        return v.lower() if v else None

    @field_validator("emails")
    @classmethod
    def _emails(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if _stored(info):
            return v
        out = _clean_list(v)
        for e in out:
            if "@" not in e or " " in e:
                raise ValueError(f"{e!r} is not an email address")
        return out

    @field_validator("phones", "links", "looking_for")
    @classmethod
    def _lists(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return v if _stored(info) else _clean_list(v)

    @field_validator("tags", "roles")
    @classmethod
    def _tags(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return v if _stored(info) else _clean_tags(v)


class Interaction(Record):
    contact_ids: list[str] = Field(min_length=1)
    date: date
    kind: Kind = Kind.meeting
    text: str = Field(default="", max_length=100_000)
    tags: list[str] = Field(default_factory=list)

    _dates = field_validator("date")(_bounded)

    @field_validator("contact_ids")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        return _clean_list(v)

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        return _clean_tags(v)

    @property
    def is_touch(self) -> bool:
        return self.kind is not Kind.note


class Favour(Record):
    contact_id: str = Field(min_length=1)
    direction: Direction
    text: str = Field(default="", max_length=10_000)
    date: date
    size: int = Field(default=1, ge=1, le=3)
    status: FavourStatus = FavourStatus.done
    # An introduction: the other person of it (you introduced contact_id to them, or
    # contact_id introduced you to them). It counts as a touch with both.
    introduced_id: str | None = Field(default=None, min_length=1, max_length=64)

    _dates = field_validator("date")(_bounded)

    @model_validator(mode="before")
    @classmethod
    def _asks_start_open(cls, data: Any) -> Any:
        # An ask is open until it is answered; a favour given or received is done.
        if isinstance(data, dict) and "status" not in data and data.get("direction") == "asked":
            data = {**data, "status": "open"}
        return data


class CheckIn(Record):
    contact_id: str = Field(min_length=1)
    due: date
    reason: str = ""
    status: CheckInStatus = CheckInStatus.pending
    kind: CheckInKind = CheckInKind.followup

    _dates = field_validator("due")(_bounded)


class UndoEntry(Record):
    """One change in the data directory's undo log (any netui process): what each record
    was before and after, so `netui undo` and the app's ctrl+z can put it back."""

    seq: int = 0  # order in the log (times can tie)
    at: datetime = Field(default_factory=utcnow)
    label: str = ""
    process: str = ""  # "shell" or "app": which kind of netui made it
    # [{"collection", "id", "before", "after"}]; empty when too large to keep
    changes: list[dict[str, Any]] = Field(default_factory=list)
    complete: bool = True  # False: listed in the log, too large to undo from it
    undone: bool = False


class _Models(Mapping[str, type[Record]]):
    """Collection -> model, read from the registry (netui.domain.registry) on each use:
    the registry names each kind's model ("models:Contact"), so reading it imports no
    pydantic, and a kind registered later (a test's) shows here at once."""

    def __init__(self, people_only: bool) -> None:
        self._people_only = people_only

    def _kinds(self) -> dict[str, Any]:
        from . import registry

        return {k.collection: k for k in registry.KINDS.values()
                if k.people_data or not self._people_only}

    def __getitem__(self, collection: str) -> type[Record]:
        kind = self._kinds().get(collection)
        if kind is None:
            raise KeyError(collection)
        model: type[Record] = kind.model
        return model

    def __iter__(self) -> Iterator[str]:
        # People data first, in export order, then the rest (the undo log).
        kinds = self._kinds()
        return iter(sorted(kinds, key=lambda c: not kinds[c].people_data))

    def __len__(self) -> int:
        return len(self._kinds())


# The records a person owns, in export order.
PEOPLE_DATA: Mapping[str, type[Record]] = _Models(people_only=True)
# Every collection the store keeps: the people data and the undo log.
COLLECTIONS: Mapping[str, type[Record]] = _Models(people_only=False)
