"""A paced daily review: a budget of people per day, the day's most valuable first, and
a backlog spread so that nobody overdue waits for ever and a user back from three
weeks away gets a normal day, not a wall.

Pure and deterministic: the same queue, day and budget always give the same day.

- Always shown, on top of the budget: birthdays and follow-ups due today (quick to act on,
  and the day they are for). A birthday later this week competes for the budget with a
  bonus, so it is never dropped: at worst it is shown on the day.
- The backlog (everyone else) is served oldest-waiting first once someone has waited
  `spread` days, where spread = ceil(backlog / daily): were the user to do each day's
  cards, the whole backlog is reached in `spread` days and nobody waits longer.
- The rest of the budget goes by value: most overdue relative to their cadence, the
  closest circle, open reciprocity (they helped you, an old ask)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any

BIRTHDAY_BONUS = 0.75  # a birthday this week counts as much as being 3/4 of a cadence late
DEFAULT_CADENCE = 30  # days, for someone in the queue without a cadence (a nudge only)


@dataclass(slots=True)
class Candidate:
    """One person in today's queue, as the pacing sees them."""

    cid: str
    waiting: int  # days since they fell due (0: due today or a nudge; <0: a birthday ahead)
    cadence: int | None
    rank: int  # circle rank: 0 is the closest
    must: bool = False  # a birthday or a follow-up due today: always shown
    reciprocity: bool = False  # they helped you, or an ask of yours is old
    item: Any = None  # whatever the caller wants back (its review key)
    birthday_soon: bool = False  # a birthday later this week

    def value(self) -> float:
        """Overdue relative to cadence, closer circles and open reciprocity first."""
        overdue = max(self.waiting, 0) / (self.cadence or DEFAULT_CADENCE)
        soon = BIRTHDAY_BONUS if self.birthday_soon else 0.0
        return overdue + 0.5 / (self.rank + 1) + (1.0 if self.reciprocity else 0.0) + soon

    def by_value(self) -> tuple[Any, ...]:
        return (-self.value(), -self.waiting, self.rank, self.cid)

    def by_waiting(self) -> tuple[Any, ...]:
        return (-self.waiting, -self.value(), self.rank, self.cid)


@dataclass(slots=True)
class Paced:
    today: list[Candidate]
    waiting: list[Candidate]  # the rest of the queue, in no order (see `later`)
    spread: int  # days in which the whole backlog is reached at this budget

    @property
    def later(self) -> list[Candidate]:
        """Who waits, most valuable first (what `more` shows after today's cards)."""
        self.waiting.sort(key=_by_value)  # sorting a sorted list is linear
        return self.waiting

    def counts(self) -> str:
        """"7 today · 29 later"."""
        return f"{len(self.today)} today · {len(self.waiting)} later"


def spread_days(backlog: int, daily: int) -> int:
    return ceil(backlog / daily) if daily and backlog else 0


def pace(candidates: Sequence[Candidate], daily: int) -> Paced:
    """Today's cards at a budget of `daily` people (0: no limit), and who waits."""
    must = [c for c in candidates if c.must]
    rest = [c for c in candidates if not c.must]
    must.sort(key=lambda c: (-c.waiting, c.rank, c.cid))
    if not daily:
        rest.sort(key=_by_value)
        return Paced(must + rest, [], 1 if rest else 0)
    spread = spread_days(len(rest), daily)
    room = daily
    # Oldest-waiting first among those who have waited the spread; then by value. Only
    # `room` people are picked: a partial selection, not a sort of thousands.
    # At 10k contacts thousands wait: one key per person, compared as tuples.
    chosen = [c for _, c in heapq.nsmallest(
        room, ((c.by_waiting(), c) for c in rest if c.waiting >= spread), key=_first)]
    if len(chosen) < room:
        taken = {id(c) for c in chosen}
        chosen += [c for _, c in heapq.nsmallest(
            room - len(chosen), ((c.by_value(), c) for c in rest if id(c) not in taken),
            key=_first)]
    picked = {id(c) for c in chosen}
    waiting = [c for c in rest if id(c) not in picked]
    chosen.sort(key=_by_value)
    return Paced(must + chosen, waiting, spread)


def _by_value(c: Candidate) -> tuple[Any, ...]:
    return c.by_value()


def _first(pair: tuple[Any, ...]) -> Any:
    return pair[0]
