"""The "give before you ask" ledger: balances, open asks and nudges.

Balance = what you gave minus what you received, weighted by size. An ask that the
other person answered (status done) counts as received: they helped you. Declined
favours and open asks do not move the balance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .models import Direction, Favour, FavourStatus

STALE_ASK_DAYS = 30


def weight(f: Favour) -> int:
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


def balance(favours: Iterable[Favour]) -> int:
    return sum(weight(f) for f in favours)


def ask_age(f: Favour, today: date) -> int:
    return (today - f.date).days


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
        """They helped you and you have given nothing since."""
        return self.last_received is not None and (
            self.last_given is None or self.last_given < self.last_received
        )

    @property
    def asks_exceed_gives(self) -> bool:
        """You asked this person more often than you gave to them."""
        return self.asked > 0 and self.asked > self.given_count

    given_count: int = 0


def standing(favours: Iterable[Favour]) -> Standing:
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
