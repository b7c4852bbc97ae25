"""Communities you belong to (a chapter, alumni, a meetup, a team, a club) and your
participation in them. Rules only: no storage, no UI."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator

from .cleaning import clean_list as _clean_list
from .in_filter import in_all as in_all
from .in_filter import slug as slug
from .in_filter import split_in as split_in
from .models import Record, _stored, utcnow


class CommunityKind(StrEnum):
    association = "association"
    alumni = "alumni"
    meetup = "meetup"
    online = "online"
    team = "team"
    club = "club"
    other = "other"


class CommunityRole(StrEnum):
    member = "member"
    volunteer = "volunteer"
    organiser = "organiser"


class ParticipationKind(StrEnum):
    event = "event"  # you took part (a meetup, a call, a thread)
    gave = "gave"  # a contribution: you gave to the community (ran the desk, a talk)


# How often you mean to take part when no --every is given: the more you carry, the
# more often (like a circle's default cadence for a person).
DEFAULT_CADENCE: dict[CommunityRole, int] = {
    CommunityRole.organiser: 14,
    CommunityRole.volunteer: 30,
    CommunityRole.member: 60,
}


class Community(Record):
    name: str = Field(min_length=1, max_length=200)
    kind: CommunityKind = CommunityKind.other
    role: CommunityRole = CommunityRole.member
    link: str | None = None
    notes: str = Field(default="", max_length=100_000)
    cadence_days: int | None = Field(default=None, ge=1, le=3650)
    member_ids: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)

    @field_validator("name")
    @classmethod
    def _one_line(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("name must not be empty")
        return v

    @field_validator("link")
    @classmethod
    def _empty_none(cls, v: str | None) -> str | None:
        return v or None

    @field_validator("member_ids")
    @classmethod
    def _members(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return v if _stored(info) else _clean_list(v)

    @property
    def cadence(self) -> int:
        return self.cadence_days or DEFAULT_CADENCE[self.role]

    def started(self) -> date:
        return self.created_at.date()


class Participation(Record):
    community_id: str = Field(min_length=1)
    date: date
    kind: ParticipationKind = ParticipationKind.event
    text: str = Field(default="", max_length=100_000)
    # People met there; their own note (an interaction with the same id) makes them touched.
    contact_ids: list[str] = Field(default_factory=list)

    @field_validator("contact_ids")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        return _clean_list(v)


def match(query: str, communities: Iterable[Community]) -> list[Community]:
    """Communities a typed name stands for: an exact name (folded) wins, then a name
    that starts with it, then one containing it as a word run ("acm" -> "ACM Lagos")."""
    items = list(communities)
    q = slug(query)
    if not q:
        return []
    exact = [c for c in items if slug(c.name) == q]
    if exact:
        return exact
    starts = [c for c in items if slug(c.name).startswith(q)]
    if starts:
        return starts
    return [c for c in items if any(slug(w).startswith(q) for w in c.name.split())]


def last_participation(history: Iterable[Participation]) -> date | None:
    return max((p.date for p in history), default=None)


def due_on(community: Community, last: date | None) -> date:
    """The day you are next due to take part: cadence after the last time (or after
    you added the community, when you have not taken part yet)."""
    return (last or community.started()) + timedelta(days=community.cadence)


def is_due(community: Community, last: date | None, today: date) -> bool:
    return due_on(community, last) <= today


