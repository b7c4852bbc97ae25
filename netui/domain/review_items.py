"""A daily review's items: each person in today's queue with every reason they are in it
(due, birthday, an old open ask, a favour to give back), and the straightforward build of
the whole queue from the services' values (the queue itself: domain.review)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .ledger import Standing
from .models import Contact
from .names import fold

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


def _sort_key(name_key: Callable[[str], str]) -> Callable[[ReviewItem], tuple[int, int, str, str]]:
    return lambda i: (-i.urgency, i.rank, name_key(i.contact.name), i.contact.id)
