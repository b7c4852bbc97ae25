"""When to be in touch next: cadence, follow-ups, snoozes and birthdays.

Pure functions over plain values, so the services can keep their results in memory
and recompute them for just the contact a write touched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from .kinds import DEFAULT_CIRCLES, CheckInKind, CheckInStatus

if TYPE_CHECKING:
    from .models import Birthday


class CheckInLike(Protocol):
    """A check-in model, or the row read from its stored document (facts.CheckRow)."""

    @property
    def due(self) -> date: ...
    @property
    def reason(self) -> str: ...
    @property
    def status(self) -> CheckInStatus: ...
    @property
    def kind(self) -> CheckInKind: ...


def cadence_for(
    circle: str | None, cadence_days: int | None, circles: Mapping[str, int] = DEFAULT_CIRCLES
) -> int | None:
    """A contact's own cadence wins over its circle's; None when neither is set."""
    if cadence_days:
        return cadence_days
    if circle:
        return circles.get(circle)
    return None


@dataclass(slots=True)  # not frozen: 10k are built at once, a frozen one 3x slower
class Due:
    """When a contact is next due, and why. Read-only by convention."""

    due: date
    reason: str  # "cadence", "follow-up", "snoozed"
    detail: str = ""

    def overdue_days(self, today: date) -> int:
        return max(0, (today - self.due).days)


def cadence_due(last_touch: date | None, cadence: int, start: date) -> date:
    """The last touch (or `start`, when there has been none) plus the cadence."""
    span = _SPANS.get(cadence)
    if span is None:  # a handful of cadences for thousands of contacts
        span = _SPANS[cadence] = timedelta(days=cadence)
    return (last_touch or start) + span


_SPANS: dict[int, timedelta] = {}
# A cadence's detail, one string however many contacts' due dates say it (the app keeps
# every contact's due date all session).
_EVERY: dict[int, str] = {}


def next_due(
    *,
    last_touch: date | None,
    cadence: int | None,
    start: date,
    checkins: Iterable[CheckInLike] = (),
) -> Due | None:
    """Next due = last touch + cadence, or an earlier pending follow-up, pushed later by
    a pending snooze. `start` stands in for the last touch when there has been none
    (when you met, or when the contact was added). Of two equally early dates the
    cadence wins, then the first follow-up given."""
    day: date | None = None
    reason = detail = ""
    if cadence:
        known = _EVERY.get(cadence) if type(cadence) is int else None
        if known is None:
            known = f"every {cadence} days"
            if type(cadence) is int and len(_EVERY) < 10_000:
                _EVERY[cadence] = known
        detail = known
        day, reason = cadence_due(last_touch, cadence, start), "cadence"
    snoozed: date | None = None
    for c in checkins:
        if c.status is not CheckInStatus.pending:
            continue
        if c.kind is CheckInKind.snooze:
            if snoozed is None or c.due > snoozed:
                snoozed = c.due
        elif day is None or c.due < day:
            day, reason, detail = c.due, "follow-up", c.reason
    if day is None:
        return None  # a snooze only pushes a due date later; alone it makes nobody due
    if snoozed is not None and snoozed > day:
        return Due(snoozed, "snoozed", detail or reason)
    return Due(day, reason, detail)


OK, DUE, LATE = "ok", "due", "late"


def due_state(due: Due | None, today: date, grace: int) -> str:
    """ok before the ideal interval is up; due (amber) from then; late (red) once it is
    `grace` days past it, the circle's maximum interval."""
    if due is None or due.due > today:
        return OK
    return LATE if (today - due.due).days >= grace else DUE


def snooze_base(today: date, due: date | None) -> date:
    """What a snooze of "1 week" counts from: the later of today and the current due date
    (snoozing a check-in due in ten days pushes it past those ten days)."""
    return due if due is not None and due > today else today


def birthday_snoozed(soon: BirthdaySoon, checkins: Iterable[CheckInLike], today: date) -> bool:
    """A pending snooze hides a birthday card until the birthday itself."""
    return soon.in_days > 0 and any(
        c.kind is CheckInKind.snooze and c.status is CheckInStatus.pending and c.due > today
        for c in checkins)


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
