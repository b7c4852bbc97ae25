"""The "give before you ask" ledger: balances, open asks and nudges.

Balance = what you gave minus what you received, weighted by size. An ask that the
other person answered (status done) counts as received: they helped you. Declined
favours and open asks do not move the balance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from .kinds import Direction, FavourStatus

STALE_ASK_DAYS = 30


class Counted(Protocol):
    """What a balance reads of a favour: a model, or the ledger's row of one."""

    @property
    def direction(self) -> Direction: ...
    @property
    def status(self) -> FavourStatus: ...
    @property
    def size(self) -> int: ...
    @property
    def date(self) -> date: ...


def weight(f: Counted) -> int:
    """Signed contribution of one favour to its contact's balance."""
    if f.status is FavourStatus.declined:
        return 0
    if f.direction is Direction.gave:
        return f.size
    if f.direction is Direction.received:
        return -f.size
    if f.status is FavourStatus.done:  # an answered ask
        return -f.size
    return 0


def balance(favours: Iterable[Counted]) -> int:
    return sum(weight(f) for f in favours)


def ask_age(f: Counted, today: date) -> int:
    return (today - f.date).days


def owes_back(last_given: date | None, last_received: date | None) -> bool:
    """They helped you and you have given nothing since."""
    return last_received is not None and (last_given is None or last_given < last_received)


def is_stale(asked_on: date, today: date) -> bool:
    """An open ask old enough to follow up once, or let go."""
    return (today - asked_on).days > STALE_ASK_DAYS


@dataclass(frozen=True, slots=True)
class Standing:
    """One contact's ledger in numbers."""

    given: int = 0  # weighted
    received: int = 0  # weighted, answered asks included
    asked: int = 0  # count of asks, any status
    open_asks: int = 0
    oldest_open_ask: date | None = None
    last_given: date | None = None
    last_received: date | None = None

    @property
    def balance(self) -> int:
        return self.given - self.received

    @property
    def owes_back(self) -> bool:
        return owes_back(self.last_given, self.last_received)

    @property
    def asks_exceed_gives(self) -> bool:
        """You asked this person more often than you gave to them."""
        return self.asked > 0 and self.asked > self.given_count

    given_count: int = 0


def standing(favours: Iterable[Counted]) -> Standing:
    given = received = asked = open_asks = given_count = 0
    oldest: date | None = None
    last_given: date | None = None
    last_received: date | None = None
    for f in favours:
        if f.status is FavourStatus.declined and f.direction is not Direction.asked:
            continue
        w = weight(f)
        if f.direction is Direction.gave:
            given += w
            given_count += 1
            last_given = f.date if last_given is None else max(last_given, f.date)
        else:
            if f.direction is Direction.asked:
                asked += 1
                if f.status is FavourStatus.open:
                    open_asks += 1
                    oldest = f.date if oldest is None else min(oldest, f.date)
            if w:
                received -= w
                last_received = f.date if last_received is None else max(last_received, f.date)
    return Standing(
        given=given,
        received=received,
        asked=asked,
        open_asks=open_asks,
        oldest_open_ask=oldest,
        last_given=last_given,
        last_received=last_received,
        given_count=given_count,
    )


GIVEN, RECEIVED, OPEN_ASK = "given", "received", "open ask"


def mark(direction: Direction, status: FavourStatus) -> str | None:
    """Which of a contact's ledger marks a favour moves: the last time you gave, the last
    time they helped you (an answered ask included), or the oldest open ask."""
    if direction is Direction.gave:
        return GIVEN if status is not FavourStatus.declined else None
    if direction is Direction.received:
        return RECEIVED if status is not FavourStatus.declined else None
    return OPEN_ASK if status is FavourStatus.open else (
        RECEIVED if status is FavourStatus.done else None)


@dataclass(slots=True)
class Marks:
    """Everyone's ledger as far as nudges go: the three dates `standing` computes, kept
    per contact for the whole network (the review asks them of every contact at once)."""

    last_given: dict[str, date] = field(default_factory=dict)
    last_received: dict[str, date] = field(default_factory=dict)
    oldest_open_ask: dict[str, date] = field(default_factory=dict)

    def add(self, contact_id: str, direction: Direction, status: FavourStatus,
            day: date) -> None:
        self.add_mark(contact_id, mark(direction, status), day)

    def add_mark(self, contact_id: str, which: str | None, day: date) -> None:
        if which is GIVEN:
            if day > self.last_given.get(contact_id, date.min):
                self.last_given[contact_id] = day
        elif which is RECEIVED:
            if day > self.last_received.get(contact_id, date.min):
                self.last_received[contact_id] = day
        elif which is OPEN_ASK and day < self.oldest_open_ask.get(contact_id, date.max):
            self.oldest_open_ask[contact_id] = day

    def forget(self, contact_id: str) -> None:
        for dates in (self.last_given, self.last_received, self.oldest_open_ask):
            dates.pop(contact_id, None)

    def nudges(self, contact_id: str, today: date) -> bool:
        """Whether the ledger puts this contact in today's review."""
        oldest = self.oldest_open_ask.get(contact_id)
        return (owes_back(self.last_given.get(contact_id), self.last_received.get(contact_id))
                or (oldest is not None and is_stale(oldest, today)))
