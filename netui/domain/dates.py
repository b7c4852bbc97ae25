"""Date words and durations shared by the CLI, quick-add and forms.

Every parser here raises ValueError with a one-line message for bad input and never
anything else, so callers can show the message as is."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_DURATION = re.compile(r"^\+?(\d{1,4})\s*(d|day|days|w|wk|wks|week|weeks|m|mo|month|months|y|yr|year|years)$")
_AGO = re.compile(r"^(\d{1,4}|an?)\s*(d|w|m|mo|y|days?|weeks?|months?|years?|wks?|yrs?|hours?|h)\s+ago$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)$|^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
DATE_ORDERS = ("dmy", "mdy")

_UNIT = {"d": "d", "day": "d", "days": "d", "w": "w", "wk": "w", "wks": "w", "week": "w",
         "weeks": "w", "m": "m", "mo": "m", "month": "m", "months": "m", "y": "y", "yr": "y",
         "year": "y", "years": "y"}


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later, clamped to the month's last day (31 Jan + 1m = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise ValueError("date is out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: date, amount: int, unit: str) -> date:
    """Move `day` by `amount` units (d, w, m, y); raises ValueError when out of range."""
    try:
        if unit == "d":
            return day + timedelta(days=amount)
        if unit == "w":
            return day + timedelta(weeks=amount)
        if unit == "m":
            return add_months(day, amount)
        if unit == "y":
            return add_months(day, 12 * amount)
    except OverflowError as exc:
        raise ValueError("date is out of range") from exc
    raise ValueError(f"unknown unit {unit!r}")


def parse_duration(text: str) -> tuple[int, str]:
    """"1w", "+10d", "2 months" -> (amount, unit) with unit in d/w/m/y."""
    m = _DURATION.match(text.strip().lower())
    if not m:
        raise ValueError(f"{text!r} is not a duration like 3d, 2w, 1m or 1y")
    amount = int(m[1])
    if amount == 0:
        raise ValueError("a duration must be at least 1")
    return amount, _UNIT[m[2]]


def duration_days(text: str) -> int:
    """A duration as a number of days (months are 30 days, years 365), for cadences."""
    amount, unit = parse_duration(text)
    return amount * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def after(today: date, text: str) -> date:
    """The date a duration after today: "1w" -> today + 7 days."""
    amount, unit = parse_duration(text)
    return shift(today, amount, unit)


def describe_duration(amount: int, unit: str) -> str:
    word = {"d": "day", "w": "week", "m": "month", "y": "year"}[unit]
    return f"{amount} {word}{'s' if amount != 1 else ''}"


def _latest(month: int, day_n: int, today: date, text: str) -> date:
    """That day and month this year, or last year's when this year's is after today."""
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day_n)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError(f"{text.strip()!r} is not a real date")


def _numeric(m: re.Match[str], today: date, order: str, text: str) -> date:
    """28/11, 28/11/2026, 28.11.26 (11/28 with order "mdy")."""
    a, b = int(m[1]), int(m[2])
    day_n, month = (b, a) if order == "mdy" else (a, b)
    if not 1 <= month <= 12:
        raise ValueError(f"{text.strip()!r} is not a real date (day/month order: {order})")
    if m[3] is None:
        return _latest(month, day_n, today, text)
    year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
    try:
        return date(year, month, day_n)
    except ValueError as exc:
        raise ValueError(f"{text.strip()!r} is not a real date") from exc


def _ago_unit(word: str) -> str | None:
    """The d/w/m/y unit of an "ago" word; None for hours (which mean today)."""
    if word in ("h", "hour", "hours"):
        return None
    return _UNIT.get(word) or _UNIT.get(word.rstrip("s"))


def parse_date(text: str, today: date, order: str = "dmy") -> date:
    """See _parse_date; a date past what Python can carry is a ValueError too (F18)."""
    try:
        return _parse_date(text, today, order)
    except OverflowError:
        raise ValueError(f"{text.strip()!r} is out of range") from None


def _parse_date(text: str, today: date, order: str = "dmy") -> date:
    """A date word: today, yesterday, tomorrow, 3d ago, 3 days ago, a week ago, fri /
    saturday / last fri (the most recent past one), next fri, 2026-11-02, 2 nov, nov 2,
    Nov 28th, 28/11 (day/month, or month/day with order "mdy"; the most recent past one)."""
    t = " ".join(text.strip().lower().split())
    if t in ("today", "now"):
        return today
    if t == "yesterday":
        return today - timedelta(days=1)
    if t == "tomorrow":
        return today + timedelta(days=1)
    if m := _AGO.match(t):
        unit = _ago_unit(m[2])
        if unit is None:
            return today
        return shift(today, -(1 if m[1] in ("a", "an") else int(m[1])), unit)
    if m := _NUMERIC.match(t):
        return _numeric(m, today, order, text)
    if m := _ISO.match(t):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise ValueError(f"{text.strip()!r} is not a real date") from exc
    words = t.split(" ")
    if len(words) <= 2 and words[-1] in WEEKDAYS and words[0] in ("last", "next", words[-1]):
        target = WEEKDAYS[words[-1]]
        if words[0] == "next":
            delta = (target - today.weekday()) % 7 or 7
            return today + timedelta(days=delta)
        delta = (today.weekday() - target) % 7 or 7
        return today - timedelta(days=delta)
    if m := _DAY_MONTH.match(t):
        day_s, month_s = (m[1], m[2]) if m[1] else (m[4], m[3])
        if month_s in MONTHS:
            return _latest(MONTHS[month_s], int(day_s), today, text)
    raise ValueError(f"{text.strip()!r} is not a date (try today, yesterday, 3d ago, last fri, 2026-11-02)")


def describe_day(day: date, today: date) -> str:
    """"today", "yesterday", "tomorrow", "last Fri", or the ISO date."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    if -7 < delta < 0:
        return f"last {day.strftime('%a')}"
    return day.isoformat()
