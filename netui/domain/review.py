"""The daily review: who to be in touch with today, and why, one card at a time.

Pure logic over values the services already compute (due entries, birthdays, ledger
nudges), so `netui review` and the TUI's review screen show the same queue. This module
keeps the queue (made one item at a time, kept in step with writes, paced per day); the
items and their reasons are in review_items, a card in review_cards, going through the
queue in review_session, all importable from here as before."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from typing import Any

from . import pacing
from .cadence import birthday_snoozed, cadence_for, upcoming_birthday
from .models import Contact
from .review_cards import Card, card_for, suggestion
from .review_items import (
    BIRTHDAY_DAYS,
    DONE,
    GAVE,
    SKIPPED,
    SNOOZE_CHOICES,
    SNOOZED,
    Reason,
    ReviewItem,
    build_queue,
)
from .review_session import Session, triage_keys
from .sources import ReviewSource

__all__ = ["BIRTHDAY_DAYS", "DONE", "GAVE", "SKIPPED", "SNOOZED", "SNOOZE_CHOICES", "Card",
           "Day", "Reason", "ReviewItem", "ReviewQueue", "Session", "build_all", "build_queue",
           "candidates", "card_for", "paced_for", "queue_for", "suggestion", "triage_keys"]

# One person's place in the queue (Network.review_order): (-urgency, circle rank, name key,
# id, contact); the first four order it, the contact makes the item.
QueueKey = tuple[int, int, str, str, Contact]


class ReviewQueue(Sequence[ReviewItem]):
    """Today's queue: who, in order, from one sort key per person (Network.review_order);
    each person's item, with its reasons, is made when the queue is first indexed there.

    A review shows one card at a time, and at 10k contacts the queue holds thousands of
    people: making every item up front costs ~250 ms, the order alone ~20 ms. An item is
    made from the data of the moment it is shown; someone whose reasons were settled since
    the queue was built (a note logged in between) shows as such."""

    __slots__ = ("_items", "_keys", "_make")

    def __init__(self, keys: list[QueueKey], make: Callable[[QueueKey], ReviewItem],
                 items: dict[str, ReviewItem] | None = None) -> None:
        self._keys = keys
        self._make = make
        self._items = {} if items is None else items

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._keys)))]
        key = self._keys[index]
        item = self._items.get(key[3])
        if item is None:
            item = self._items[key[3]] = self._make(key)
        return item

    def __iter__(self) -> Iterator[ReviewItem]:
        return (self[i] for i in range(len(self._keys)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ReviewQueue | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def ids(self) -> list[str]:
        return [k[3] for k in self._keys]

    def patched(self, ids: set[str], fresh: list[QueueKey]) -> ReviewQueue:
        """A new queue in which the people in `ids` have the keys `fresh` (and no item
        made yet); everyone else keeps their place and item."""
        kept = [k for k in self._keys if k[3] not in ids]
        items = {cid: i for cid, i in self._items.items() if cid not in ids}
        return ReviewQueue(list(heapq.merge(kept, fresh)), self._make, items)


def build_all(network: ReviewSource) -> list[ReviewItem]:
    """Every item of today's queue at once, from the whole-network answers (due list,
    birthdays, nudges): what `queue_for` gives one item at a time, and cheaper when all
    of them are wanted (`netui review` prints them all)."""
    nudges, today = network.nudges(), network.today()
    birthdays = [(c, soon) for c, soon in network.birthdays(BIRTHDAY_DAYS)
                 if not birthday_snoozed(soon, network.checkins_for(c.id, pending_only=True),
                                         today)]
    return build_queue(today, network.due_list(0), birthdays, nudges.owes_back, nudges.stale_asks, network.circle_rank,
                       network.name_key)


def queue_for(network: ReviewSource) -> ReviewQueue:
    """Today's queue from a `services.Network`. The network keeps it, and a write
    re-sorts only the contacts written to (a note logged, then `r`, costs those few
    people rather than the whole queue)."""

    def make(key: QueueKey) -> ReviewItem:
        contact = key[4]
        due, birthdays, nudges = network.review_inputs([contact.id], BIRTHDAY_DAYS)
        items = build_queue(network.today(), due, birthdays, nudges.owes_back,
                            nudges.stale_asks, network.circle_rank, network.name_key)
        if items:
            return items[0]
        return ReviewItem(contact, (Reason("settled", "nothing due any more", 0),), key[1])

    def build() -> ReviewQueue:
        return ReviewQueue(network.review_order(BIRTHDAY_DAYS), make)

    def patch(queue: ReviewQueue, ids: set[str]) -> ReviewQueue:
        return queue.patched(ids, network.review_order(BIRTHDAY_DAYS, ids))

    queue: ReviewQueue = network.cached("review", build, patch)
    return queue


# -- the day's budget ---------------------------------------------------------------------


def candidates(network: ReviewSource, keys: Sequence[tuple[Any, ...]]) -> list[pacing.Candidate]:
    """The pacing's view of today's queue (review keys from Network.review_order): at
    10k contacts thousands of people, so the birthday check is a (month, day) lookup."""
    today = network.today()
    soon = {(d.month, d.day) for d in (today + timedelta(days=n)
                                       for n in range(BIRTHDAY_DAYS + 1))}
    nudged, due, circles = network.ledger_nudged(), network.due, network.circles()
    by_circle = {name: cadence_for(name, None, circles) for name in circles}
    make, out = pacing.Candidate, list[pacing.Candidate]()
    append = out.append
    for key in keys:
        urgency, rank, _, cid, c = key
        b, bday = c.birthday, False
        must = False
        if b is not None and ((b.month, b.day) in soon or (b.month == 2 and b.day == 29)):
            found = upcoming_birthday(b, today, BIRTHDAY_DAYS)
            bday, must = found is not None, found is not None and found.in_days == 0
        if not must and urgency == 0 and (d := due(cid)) is not None:
            must = d.reason == "follow-up" and d.due == today
        cadence = c.cadence_days or by_circle.get(c.circle)
        append(make(cid, -urgency, cadence, rank, must, cid in nudged, key, bday))
    return out


class Day:
    """Today's paced review: the cards of the day, then (after `more`) who waits."""

    __slots__ = ("_later", "_paced", "daily", "spread", "today")

    def __init__(self, today: ReviewQueue, paced: pacing.Paced, daily: int) -> None:
        self.today, self._paced, self.daily, self.spread = today, paced, daily, paced.spread
        self._later: ReviewQueue | None = None

    @property
    def waiting(self) -> int:
        return len(self._paced.waiting)

    @property
    def later(self) -> ReviewQueue:
        """Who waits, most valuable first: sorted when first asked for (`more`)."""
        if self._later is None:
            self._later = ReviewQueue([c.item for c in self._paced.later], self.today._make,
                                      self.today._items)
        return self._later

    def counts(self) -> str:
        return f"{len(self.today)} today · {self.waiting} later"

    def everyone(self) -> ReviewQueue:
        """Today's cards, then who waits (what `more` continues with)."""
        return ReviewQueue([*self.today._keys, *self.later._keys], self.today._make,
                           self.today._items)


def paced_for(network: ReviewSource, daily: int | None = None) -> Day:
    """Today's queue at the config's budget ([review] daily; 0 = no limit)."""
    budget = network.config.review.daily if daily is None else daily

    def build() -> Day:
        queue = queue_for(network)
        paced = pacing.pace(candidates(network, queue._keys), budget)
        # The pacing picks who is in today; the day reads in the queue's order (most
        # overdue first), as the whole queue did.
        today = sorted(paced.today, key=lambda c: c.item)
        return Day(ReviewQueue([c.item for c in today], queue._make, queue._items), paced,
                   budget)

    # Kept until a write (pacing thousands of people is most of opening the review);
    # nothing reads a Day to change it.
    day: Day = network.cached(f"review paced {budget}", build)
    return day
