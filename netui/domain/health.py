"""How a network is doing, in figures: who is on track per circle (now and week by week),
how often you are in touch, giving against taking, and who is drifting away.

Pure functions over plain values (the services pass touch dates, favour fields and a
few fields per person), so `netui stats` and the Health pane show the same numbers.
Every history is computed from the timeline of touches, not from stored snapshots.

"On track" on a day D means what the cadence says on D: the last touch on or before D
(or, before the first, when you met or added them) plus the cadence is after D. The
figures leave follow-ups and snoozes aside: those have no history to replay."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import sub
from typing import Any

from .models import Direction, FavourStatus

WEEKS = 52
NO_CIRCLE = "other"  # people with their own cadence and no circle
DRIFT_FACTOR = 2  # the latest gap is this many times the usual one...
DRIFT_MIN_DAYS = 21  # ...and at least this much longer
DRIFT_HISTORY = 12  # intervals before the latest that make someone's usual one


@dataclass(slots=True)  # not frozen: 10k are built at once, a frozen one 3x slower
class Person:
    """What the figures need of one active contact. Read-only by convention."""

    id: str
    name: str
    circle: str | None
    cadence: int | None  # None: no circle cadence nor their own
    start: date  # stands in for the last touch before the first (met on, or added)


@dataclass(frozen=True, slots=True)
class CircleShare:
    circle: str
    on_track: int
    total: int

    @property
    def share(self) -> float:
        return self.on_track / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Drift:
    id: str
    name: str
    usual_days: int  # median interval between their earlier touches
    latest_days: int  # the last interval, or the time since the last touch if longer
    last_touch: date


@dataclass(frozen=True, slots=True)
class MonthFavours:
    month: date  # the first of the month
    given: int = 0
    received: int = 0
    asked: int = 0


@dataclass(slots=True)
class Health:
    """Every figure of `netui stats` and the Health pane."""

    today: date
    since: date
    on_track: list[CircleShare]
    weeks: list[date]  # the days the history samples, one a week, the last is today
    history: dict[str, list[float | None]]  # circle (and "all") -> share on each of weeks
    touches_per_week: list[tuple[date, int]]  # week start -> interactions that week
    daily: dict[date, int]  # day -> interactions that day (the heat-map)
    months: list[MonthFavours]
    drifting: list[Drift]
    given: int = 0
    received: int = 0
    asked: int = 0
    answered: int = 0  # asks they said yes to: counted as received by the ratio
    circles: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """Favours given per favour received (answered asks included, as in the ledger);
        None when nothing was received."""
        taken = self.received + self.answered
        return round(self.given / taken, 2) if taken else None


def default_since(today: date) -> date:
    """A year back: the history, the heat-map and the months cover the last 12 months."""
    return today - timedelta(weeks=WEEKS)


def is_on_track(last_touch: date | None, cadence: int, start: date, day: date) -> bool:
    return (last_touch or start) + timedelta(days=cadence) > day


def on_track_now(people: Iterable[Person], touches: Mapping[str, Sequence[int]],
                 today: date, circles: Sequence[str]) -> list[CircleShare]:
    """Per circle (in `circles` order, then NO_CIRCLE), how many people with a cadence
    are on track today, out of how many; circles with nobody are left out."""
    on: Counter[str] = Counter()
    total: Counter[str] = Counter()
    now = today.toordinal()
    for p in people:
        days = touches.get(p.id, ())
        if p.cadence is None or (p.start > today and not (days and days[0] <= now)):
            continue  # not known yet (as on_track_history counts them)
        k = bisect_right(days, now)
        last = days[k - 1] if k else p.start.toordinal()
        key = p.circle or NO_CIRCLE
        total[key] += 1
        on[key] += last + p.cadence > now
    order = [*circles, *sorted(k for k in total if k not in circles)]
    return [CircleShare(k, on[k], total[k]) for k in order if total[k]]


def sample_days(today: date, since: date) -> list[date]:
    """One day a week from `since` to today, ending on today."""
    days = []
    d = today
    while d >= since:
        days.append(d)
        d -= timedelta(days=7)
    return days[::-1]


def on_track_history(people: Iterable[Person], touches: Mapping[str, Sequence[int]],
                     samples: Sequence[date]) -> dict[str, list[float | None]]:
    """The share on track on each sample day (a week apart), per circle and for "all";
    None on a day before anyone of that circle was known.

    A person counts from their start or their first touch, whichever is earlier (notes
    imported with a contact are older than the contact). Per person, the days on track
    are a union of spans [touch, touch + cadence) (and [start, start + cadence) before
    a first touch after the start): each span adds one to the samples
    it covers through a difference array, and only the touches whose span reaches the
    first sample are read, so a year's history of ten years of notes costs one pass over
    the last year or so of touches."""
    if not samples:
        return {}
    first, last, n = samples[0].toordinal(), samples[-1].toordinal(), len(samples)
    on: dict[str, list[int]] = {}
    known: dict[str, list[int]] = {}
    for p in people:
        cadence = p.cadence
        if cadence is None:
            continue
        key = p.circle or NO_CIRCLE
        if key not in on:
            on[key], known[key] = [0] * (n + 1), [0] * (n + 1)
        d_on = on[key]
        start = p.start.toordinal()
        days = touches.get(p.id, ())
        since = min(start, days[0]) if days else start
        # The first sample on or after a day is ceil((day - first) / 7), within 0..n.
        known[key][min(n, max(0, (since - first + 6) // 7))] += 1
        spans = days[bisect_right(days, first - cadence):bisect_right(days, last)]
        if not days or days[0] > start:
            spans = [start, *spans]
        span_start = span_end = -1
        for s in spans:
            if s <= span_end:
                span_end = max(span_end, s + cadence)
                continue
            if span_end > first:
                d_on[min(n, max(0, (span_start - first + 6) // 7))] += 1
                d_on[min(n, (span_end - first + 6) // 7)] -= 1
            span_start, span_end = s, s + cadence
        if span_end > first:  # (a span starting after the last sample adds at n: nothing)
            d_on[min(n, max(0, (span_start - first + 6) // 7))] += 1
            d_on[min(n, (span_end - first + 6) // 7)] -= 1
    out: dict[str, list[float | None]] = {}
    all_on, all_known = [0] * n, [0] * n
    for key in on:
        running_on = running_known = 0
        shares: list[float | None] = []
        for i in range(n):
            running_on += on[key][i]
            running_known += known[key][i]
            all_on[i] += running_on
            all_known[i] += running_known
            shares.append(running_on / running_known if running_known else None)
        out[key] = shares
    out["all"] = [o / k if k else None for o, k in zip(all_on, all_known, strict=True)]
    return out


def week_start(day: date, first_weekday: int) -> date:
    """The first day (0 Monday .. 6 Sunday) of the week holding `day`."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def per_week(daily: Mapping[date, int], today: date, since: date,
             first_weekday: int) -> list[tuple[date, int]]:
    """Interactions per week, from the week holding `since` to the one holding today."""
    start = week_start(since, first_weekday)
    weeks: dict[date, int] = {}
    d = start
    while d <= today:
        weeks[d] = 0
        d += timedelta(days=7)
    for day, count in daily.items():
        if start <= day <= today:
            weeks[week_start(day, first_weekday)] += count
    return list(weeks.items())


def heatmap_start(today: date, first_weekday: int, weeks: int = WEEKS) -> date:
    """The first day of a contribution-graph grid of `weeks` columns ending this week."""
    return week_start(today, first_weekday) - timedelta(weeks=weeks - 1)


def heatmap_levels(daily: Mapping[date, int]) -> list[int]:
    """The counts that start intensity levels 2, 3 and 4 (level 1 is any touch), from the
    quartiles of the busy days, so one busy day does not wash out the rest."""
    counts = sorted(c for c in daily.values() if c > 0)
    if not counts:
        return [2, 3, 4]
    q = [counts[min(len(counts) - 1, len(counts) * k // 4)] for k in (1, 2, 3)]
    out: list[int] = []
    for v in q:
        out.append(max(v, (out[-1] + 1) if out else 2))
    return out


def level(count: int, levels: Sequence[int]) -> int:
    """0 for no touch, then 1-4."""
    if count <= 0:
        return 0
    return 1 + sum(count >= t for t in levels)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_starts(today: date, since: date) -> list[date]:
    out, m = [], month_start(since)
    while m <= today:
        out.append(m)
        m = (m + timedelta(days=32)).replace(day=1)
    return out


def favours_by_month(favours: Iterable[tuple[Direction, FavourStatus, date]], today: date,
                     since: date) -> tuple[list[MonthFavours], dict[str, int]]:
    """Favours per month from `since` to today: given and received (declined ones left
    out) and asks (any answer); and the totals, with the asks they said yes to."""
    months = {m: [0, 0, 0] for m in month_starts(today, since)}
    totals = {"given": 0, "received": 0, "asked": 0, "answered": 0}
    for direction, status, day in favours:
        if not since <= day <= today:
            continue
        if direction is Direction.asked:
            slot, name = 2, "asked"
            if status is FavourStatus.done:
                totals["answered"] += 1
        elif status is FavourStatus.declined:
            continue
        else:
            slot, name = (0, "given") if direction is Direction.gave else (1, "received")
        months[month_start(day)][slot] += 1
        totals[name] += 1
    return [MonthFavours(m, *v) for m, v in months.items()], totals


def drift(person_id: str, name: str, days: Sequence[int], today: date) -> Drift | None:
    """A person drifts when the latest gap between touches (the last interval, or the
    time since the last touch if longer) is at least DRIFT_FACTOR times their usual
    interval (the median of up to DRIFT_HISTORY intervals before it) and DRIFT_MIN_DAYS
    longer, and you are still apart (the last touch is older than their usual interval:
    someone seen again yesterday after a long pause is not drifting now). Needs three
    touch days at least, so that there is a usual to compare with. `days` are sorted,
    distinct day ordinals."""
    return _drift_at(person_id, name, days, today.toordinal())


def _drift_at(person_id: str, name: str, days: Sequence[int], now: int) -> Drift | None:
    k = bisect_right(days, now)
    if k < 3:
        return None
    last = days[k - 1]
    apart = now - last
    latest = max(last - days[k - 2], apart)
    # The usual gap is a day at least: nobody seen in the last day, or whose latest gap
    # is under DRIFT_MIN_DAYS + 1, drifts (most people: no median to work out).
    if apart < 2 or latest <= DRIFT_MIN_DAYS:
        return None
    recent = days[max(0, k - DRIFT_HISTORY - 2):k]
    earlier = sorted(map(sub, recent[1:-1], recent[:-2]))  # the gaps before the last
    m = len(earlier)
    usual = earlier[m // 2] if m % 2 else (earlier[m // 2 - 1] + earlier[m // 2]) // 2
    if apart > usual and latest >= DRIFT_FACTOR * usual and latest - usual >= DRIFT_MIN_DAYS:
        return Drift(person_id, name, usual, latest, date.fromordinal(last))
    return None


def drifting(people: Iterable[Person], touches: Mapping[str, Sequence[int]],
             today: date) -> list[Drift]:
    """Everyone drifting, the most (latest over usual) first, then by name."""
    now, get = today.toordinal(), touches.get
    found = [d for p in people if (d := _drift_at(p.id, p.name, get(p.id, ()), now))]
    found.sort(key=lambda d: (-d.latest_days / max(1, d.usual_days), d.name.lower(), d.id))
    return found


def compute(people: Sequence[Person], touches: Mapping[str, Sequence[int]],
            daily: Mapping[int, int],
            favours: Iterable[tuple[Direction, FavourStatus, date]],
            today: date, since: date, circles: Sequence[str],
            first_weekday: int = 0) -> Health:
    """Every figure at once. `touches` holds each person's touch days as sorted, distinct
    day ordinals (date.toordinal()); `daily` the number of interactions (not notes) per
    day ordinal, each counted once however many people were there."""
    for result in compute_steps(people, touches, daily, favours, today, since, circles,
                                first_weekday):
        if result is not None:
            return result
    raise AssertionError("compute_steps ends with the figures")


def compute_steps(people: Sequence[Person], touches: Mapping[str, Sequence[int]],
                  daily: Mapping[int, int],
                  favours: Iterable[tuple[Direction, FavourStatus, date]],
                  today: date, since: date, circles: Sequence[str],
                  first_weekday: int = 0) -> Iterator[Health | None]:
    """`compute` in a few steps of a few ms each (None between them, the figures last),
    so that an app can work them out between keystrokes."""
    samples = sample_days(today, since)
    lo, hi = since.toordinal(), today.toordinal()
    window = {date.fromordinal(d): c for d, c in daily.items() if lo <= d <= hi}
    months, totals = favours_by_month(favours, today, since)
    shares = on_track_now(people, touches, today, circles)
    yield None
    history = on_track_history(people, touches, samples)
    yield None
    drifters = drifting(people, touches, today)
    yield Health(
        today=today, since=since, on_track=shares, weeks=samples, history=history,
        touches_per_week=per_week(window, today, since, first_weekday),
        daily=window, months=months, drifting=drifters,
        circles=[s.circle for s in shares], **totals)


def to_json(h: Health) -> dict[str, Any]:
    return {
        "today": h.today.isoformat(),
        "since": h.since.isoformat(),
        "on_track": {s.circle: {"on_track": s.on_track, "total": s.total,
                                "share": round(s.share, 3)} for s in h.on_track},
        "on_track_history": {
            "weeks": [d.isoformat() for d in h.weeks],
            **{k: [None if v is None else round(v, 3) for v in vals]
               for k, vals in h.history.items()}},
        "touches_per_week": [{"week": w.isoformat(), "touches": n}
                             for w, n in h.touches_per_week],
        "given": h.given,
        "received": h.received,
        "asked": h.asked,
        "answered": h.answered,
        "ratio": h.ratio,
        "months": [{"month": m.month.strftime("%Y-%m"), "given": m.given,
                    "received": m.received, "asked": m.asked} for m in h.months],
        "drifting": [{"contact_id": d.id, "name": d.name, "usual_days": d.usual_days,
                      "latest_days": d.latest_days, "last_touch": d.last_touch.isoformat()}
                     for d in h.drifting],
    }
