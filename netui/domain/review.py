"""The daily review: who to be in touch with today, and why, one card at a time.

Pure logic over values the services already compute (due entries, birthdays, ledger
nudges), so `netui review` and the TUI's review screen show the same queue."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import ask_coach, pacing, roles
from .cadence import birthday_snoozed, cadence_for, humanize_ago, upcoming_birthday
from .ledger import Standing
from .models import Contact, Direction, FavourStatus, Interaction
from .names import fold
from .sources import ReviewSource

# Outcomes of one card, in the order the summary names them.
DONE, SNOOZED, SKIPPED, GAVE = "done", "snoozed", "skipped", "gave"
SNOOZE_CHOICES = (("1d", "1 day"), ("1w", "1 week"), ("1m", "1 month"))
BIRTHDAY_DAYS = 7  # a birthday this soon puts someone in today's review


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # due, birthday, stale_ask, owes_back; settled once none of these is left
    text: str
    urgency: int  # days overdue; negative = days until (a birthday next week)
    state: str = ""  # a due reason's ok/due/late (the circle's ideal and max intervals)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    contact: Contact
    reasons: tuple[Reason, ...]
    rank: int  # circle rank: 0 is the closest circle

    @property
    def urgency(self) -> int:
        return max(r.urgency for r in self.reasons)

    @property
    def kinds(self) -> set[str]:
        return {r.kind for r in self.reasons}

    def why(self) -> str:
        return "; ".join(r.text for r in self.reasons)


def _due_reason(entry: Any, today: date) -> Reason:
    due = entry.due
    if due.reason == "follow-up":
        what = f"follow-up: {due.detail}" if due.detail else "follow-up"
    elif due.reason == "snoozed":
        what = f"snoozed until {due.due.isoformat()}"
    else:
        what = f"check-in ({due.detail})" if due.detail else "check-in"
    when = f"overdue {entry.overdue_days}d" if entry.overdue_days else "due today"
    state = getattr(entry, "state", "due")
    late = " · late" if state == "late" else ""
    return Reason("due", f"{what}, {when}{late}", entry.overdue_days, state)


def _birthday_reason(soon: Any) -> Reason:
    turns = f" (turns {soon.turns})" if soon.turns else ""
    if soon.in_days == 0:
        return Reason("birthday", f"birthday today{turns}", 0)
    when = "tomorrow" if soon.in_days == 1 else f"in {soon.in_days} days"
    return Reason("birthday", f"birthday {when}, {soon.on.strftime('%a %d %b')}{turns}",
                  -soon.in_days)


def build_queue(
    today: date,
    due: Iterable[Any],
    birthdays: Iterable[tuple[Contact, Any]],
    owes_back: Iterable[tuple[Contact, Standing]],
    stale_asks: Iterable[tuple[Contact, Any, int]],
    circle_rank: Callable[[str | None], int],
    name_key: Callable[[str], str] = fold,
) -> list[ReviewItem]:
    """One item per person with every reason they are in today's queue; most overdue
    first, then the closest circle, then by name."""
    reasons: dict[str, list[Reason]] = {}
    people: dict[str, Contact] = {}
    for entry in due:
        if entry.due.due <= today:
            c = entry.contact
            people[c.id] = c
            reasons[c.id] = [_due_reason(entry, today)]  # one due entry per person
    found: list[tuple[Contact, Reason]] = [(c, _birthday_reason(soon)) for c, soon in birthdays]
    for c, favour, age in stale_asks:
        what = f": {favour.text}" if favour.text else ""
        # An old ask is worth a look today but is never "overdue" like a check-in.
        found.append((c, Reason("stale_ask", f"open ask from {age} days ago{what}", 0)))
    for c, st in owes_back:
        since = f" on {st.last_received.isoformat()}" if st.last_received else ""
        found.append((c, Reason("owes_back", f"helped you{since}; nothing given back since",
                                0)))
    for c, reason in found:
        people[c.id] = c
        reasons.setdefault(c.id, []).append(reason)
    ranks: dict[str | None, int] = {}  # a handful of circles for thousands of people
    items = []
    for cid, rs in reasons.items():
        circle = people[cid].circle
        if circle not in ranks:
            ranks[circle] = circle_rank(circle)
        items.append(ReviewItem(people[cid], tuple(rs), ranks[circle]))
    items.sort(key=_sort_key(name_key))
    return items


# One person's place in the queue (Network.review_order): (-urgency, circle rank, name key,
# id, contact); the first four order it, the contact makes the item.
QueueKey = tuple[int, int, str, str, Contact]


def _sort_key(name_key: Callable[[str], str]) -> Callable[[ReviewItem], tuple[int, int, str, str]]:
    return lambda i: (-i.urgency, i.rank, name_key(i.contact.name), i.contact.id)


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


# -- one card ----------------------------------------------------------------------------


def suggestion(item: ReviewItem, standing: Standing, last: Interaction | None) -> str:
    kinds = item.kinds
    if "owes_back" in kinds:
        return "They helped you: give something back (an intro, an article, a thank-you)."
    if "birthday" in kinds:
        return "Send birthday wishes."
    if "stale_ask" in kinds:
        return "Follow up on your ask once, kindly, or let it go."
    if standing.given == 0:
        return "Offer something small before asking for anything: an article, an intro."
    if last is not None and last.text:
        return f"Ask how things went since: {last.text[:80]}"
    return "Send a short note: something you saw that made you think of them."


@dataclass(frozen=True, slots=True)
class Card:
    item: ReviewItem
    last: Interaction | None
    standing: Standing
    suggestion: str
    # The coach on this person's open asks: (the ask's text, its check), big ones first.
    asks: tuple[tuple[str, ask_coach.AskCheck], ...] = ()
    ideas: tuple[str, ...] = ()  # gives that match what they are looking for
    role: str | None = None  # "your mentor: last asked for advice 5mo ago" (see roles)

    def ask_lines(self) -> list[str]:
        return [f"open ask \u201c{text}\u201d: {check.line()}" for text, check in self.asks]

    def who(self) -> str:
        c = self.item.contact
        bits = [b for b in (c.title, c.company) if b]
        extra = f" · {' at '.join(bits)}" if bits else ""
        circle = f" · {c.circle}" if c.circle else ""
        return f"{c.name}{extra}{circle}"

    def last_line(self, today: date) -> str:
        if self.last is None:
            return "never in touch"
        text = f": {self.last.text}" if self.last.text else ""
        return f"{self.last.kind.value} {humanize_ago(self.last.date, today)}{text}"

    def balance_line(self) -> str:
        s = self.standing
        asks = f", {s.open_asks} open ask{'s' if s.open_asks != 1 else ''}" if s.open_asks else ""
        return f"{s.balance:+d} (gave {s.given}, received {s.received}{asks})"

    def to_json(self) -> dict[str, Any]:
        c = self.item.contact
        return {
            "contact_id": c.id,
            "name": c.name,
            "circle": c.circle,
            "urgency": self.item.urgency,
            "reasons": [{"kind": r.kind, "text": r.text, **({"state": r.state} if r.state else {})}
                        for r in self.item.reasons],
            "last_interaction": None if self.last is None else {
                "date": self.last.date.isoformat(), "kind": self.last.kind.value,
                "text": self.last.text},
            "balance": self.standing.balance,
            "suggestion": self.suggestion,
            "open_asks": [{"text": text, "ask_check": check.to_json()}
                          for text, check in self.asks],
            "ideas": list(self.ideas),
            "roles": list(c.roles),
            "role_line": self.role,
        }


def card_for(network: ReviewSource, item: ReviewItem, ideas: Iterable[str] = ()) -> Card:
    """One card; `ideas` are gives to suggest (see netui.coach.ideas_for)."""
    cid = item.contact.id
    found = network.interactions_for(cid)
    last = found[0] if found else None
    st = network.standing(cid)
    asks: tuple[tuple[str, ask_coach.AskCheck], ...] = ()
    if st.open_asks:
        found_asks = network.favours(cid, Direction.asked, FavourStatus.open)
        checked = [(f.text, ask_coach.check_ask(f.text)) for f in found_asks]
        asks = tuple(sorted(checked, key=lambda a: not a[1].big))
    asked = [f.date for f in network.favours(cid, Direction.asked)] if item.contact.roles else []
    role = roles.role_line(item.contact.roles, max(asked, default=None),
                           network.last_touch(cid), network.today())
    return Card(item, last, st, suggestion(item, st, last), asks, tuple(ideas), role)


# -- a review session ----------------------------------------------------------------------


@dataclass(slots=True)
class Session:
    """Where the user is in the queue and what they did with each card. The actions
    themselves are saved through the services as they happen; this only keeps count."""

    items: Sequence[ReviewItem]
    position: int = 0
    outcomes: dict[int, str] = field(default_factory=dict)
    finished: bool = False

    @property
    def current(self) -> ReviewItem | None:
        if self.finished or not self.items:
            return None
        return self.items[self.position]

    def progress(self) -> str:
        return f"{self.position + 1} of {len(self.items)}" if self.items else "0 of 0"

    def move(self, step: int) -> None:
        if self.items and not self.finished:
            self.position = max(0, min(len(self.items) - 1, self.position + step))

    def resolve(self, outcome: str) -> None:
        """Record what happened to the current card and go to the next open one."""
        if self.current is None:
            return
        self.outcomes[self.position] = outcome
        n = len(self.items)
        for step in range(1, n + 1):
            i = (self.position + step) % n
            if i not in self.outcomes:
                self.position = i
                return
        self.finished = True

    def summary(self) -> str:
        counts = {o: 0 for o in (DONE, SNOOZED, SKIPPED, GAVE)}
        for o in self.outcomes.values():
            counts[o] += 1
        parts = [f"{counts[DONE]} in touch", f"{counts[SNOOZED]} snoozed",
                 f"{counts[SKIPPED]} skipped"]
        if counts[GAVE]:
            parts.append(f"{counts[GAVE]} gave back")
        return f"{len(self.outcomes)} reviewed: " + ", ".join(parts)


def triage_keys(circles: Sequence[str]) -> dict[str, str]:
    """One key per circle for the triage step: 1..9 always, and the circle's first
    letter when no other circle shares it. Never x (skip), q (leave) or s: s snoozes on
    the cards right after triage, so a habitual s must not file someone in a circle."""
    keys = {str(n): c for n, c in enumerate(circles[:9], 1)}
    firsts = [c[:1].lower() for c in circles]
    for c, f in zip(circles, firsts, strict=True):
        if f and f.isalpha() and firsts.count(f) == 1 and f not in ("x", "q", "s"):
            keys[f] = c
    return keys
