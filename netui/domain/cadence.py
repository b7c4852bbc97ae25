"""When to be in touch next: cadence, follow-ups, snoozes and birthdays.

Pure functions over plain values, so the services can keep their results in memory
and recompute them for just the contact a write touched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .models import DEFAULT_CIRCLES, Birthday, CheckIn, CheckInKind, CheckInStatus


def cadence_for(
    circle: str | None, cadence_days: int | None, circles: Mapping[str, int] = DEFAULT_CIRCLES
) -> int | None:
    """A contact's own cadence wins over its circle's; None when neither is set."""
    if cadence_days:
        return cadence_days
    if circle:
        return circles.get(circle)
    return None


@dataclass(frozen=True, slots=True)
class Due:
    """When a contact is next due, and why."""

    due: date
    reason: str  # "cadence", "follow-up", "snoozed"
    detail: str = ""

    def overdue_days(self, today: date) -> int:
        return max(0, (today - self.due).days)


def next_due(
    *,
    last_touch: date | None,
    cadence: int | None,
    start: date,
    checkins: Iterable[CheckIn] = (),
) -> Due | None:
    """Next due = last touch + cadence, or an earlier pending follow-up, pushed later by
    a pending snooze. `start` stands in for the last touch when there has been none
    (when you met, or when the contact was added)."""
    candidates: list[Due] = []
    if cadence:
        base = last_touch or start
        detail = f"every {cadence} days"
        candidates.append(Due(base + timedelta(days=cadence), "cadence", detail))
    snooze: CheckIn | None = None
    for c in checkins:
        if c.status is not CheckInStatus.pending:
            continue
        if c.kind is CheckInKind.snooze:
            if snooze is None or c.due > snooze.due:
                snooze = c
        else:
            candidates.append(Due(c.due, "follow-up", c.reason))
    best = min(candidates, key=lambda d: d.due, default=None)
    # A snooze only pushes a due date later; on its own it makes nobody due.
    if snooze is not None and best is not None and snooze.due > best.due:
        return Due(snooze.due, "snoozed", best.detail or best.reason)
    return best


@dataclass(frozen=True, slots=True)
class BirthdaySoon:
    on: date
    in_days: int
    turns: int | None  # age on that day, when the year is known


def upcoming_birthday(birthday: Birthday | None, today: date, within_days: int) -> BirthdaySoon | None:
    if birthday is None:
        return None
    on = birthday.next_on_or_after(today)
    days = (on - today).days
    if days > within_days:
        return None
    return BirthdaySoon(on, days, birthday.age_on(on))


def humanize_ago(then: date | None, today: date) -> str:
    """"today", "3d ago", "3w ago", "5mo ago", "2y ago"; "never" for None."""
    if then is None:
        return "never"
    days = (today - then).days
    if days < 0:
        return humanize_in(then, today)
    if days == 0:
        return "today"
    if days < 14:
        return f"{days}d ago"
    if days < 60:
        return f"{days // 7}w ago"
    if days < 730:
        return f"{days // 30}mo ago"
    return f"{days // 365}y ago"


def humanize_in(then: date, today: date) -> str:
    days = (then - today).days
    if days <= 0:
        return humanize_ago(then, today)
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days}d"
    if days < 60:
        return f"in {days // 7}w"
    return f"in {days // 30}mo"
