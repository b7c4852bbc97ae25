"""What the health figures are worked out from, read from stored documents: each readable
contact's facts (not yet turned into a cadence and a start, which depend on the config
and on today), everyone's touch days, the touches per day, and the favours.

One set of functions reads them, whether for the figures straight from the store
(services.health_inputs), for the derived file that keeps them between shell commands
(services.health_cache), or for the records a commit adds to it (add_records), so all
give the same figures by construction. Like domain.touches, a document without the
stored shape is read through its model."""

from __future__ import annotations

from array import array
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from datetime import date
from operator import methodcaller
from typing import Any

from pydantic import ValidationError

from . import health
from .facts import favour_fields
from .models import STORED, Contact, Direction, FavourStatus
from .touches import read_favour

_KIND, _DATE, _IDS = (methodcaller("get", "kind"), methodcaller("get", "date"),
                      methodcaller("get", "contact_ids", ()))
_DIRECTION = {m.value: m for m in Direction}
_STATUS = {m.value: m for m in FavourStatus}

# (id, name, circle, own cadence, met on, added): what the figures need of a readable
# contact, the days as ordinals; met on is None when unknown. Archived contacts are kept
# (their favours count) as ARCHIVED facts: (id, "", None, None, None, 0).
Facts = tuple[str, str, str | None, int | None, int | None, int]
FavourRow = tuple[Direction, FavourStatus, date, str]
Favour3 = tuple[Direction, FavourStatus, date]


@dataclass(slots=True)
class Inputs:
    """Everything the figures are worked out from (see health.compute)."""

    contacts: list[Facts]  # every readable contact, in the store's order
    archived: set[str]  # the ids among them that are archived
    touches: dict[str, MutableSequence[int]]  # contact id -> sorted, distinct touch day ordinals
    daily: dict[int, int]  # day ordinal -> touches that day
    favours: list[Favour3]  # the favours of readable contacts
    favours_touch: bool  # whether favours were counted as touches (the config's)

    def people(self, today: date, circles: dict[str, int]) -> list[health.Person]:
        """The active contacts as the figures take them, for `today` and the config."""
        now, archived, out = today.toordinal(), self.archived, []
        person, days = health.Person, _Days()
        for cid, name, circle, own, met, added in self.contacts:
            if cid in archived:
                continue
            start = met if met is not None and met <= now else added
            # cadence_for(circle, own, circles), spelled out: 10k calls
            cadence = own if own else circles.get(circle) if circle else None
            out.append(person(cid, name, circle, cadence, days[start]))
        return out

    def known(self) -> set[str]:
        return {f[0] for f in self.contacts}

    def figures_steps(self, today: date, since: date | None, circles: dict[str, int],
                      first_weekday: int) -> Iterator[health.Health | None]:
        """health.compute_steps over these inputs (`since` None: a year back)."""
        return health.compute_steps(self.people(today, circles), self.touches, self.daily,
                                    self.favours, today, since or health.default_since(today),
                                    list(circles), first_weekday)

    def figures(self, today: date, since: date | None, circles: dict[str, int],
                first_weekday: int) -> health.Health:
        for result in self.figures_steps(today, since, circles, first_weekday):
            if result is not None:
                return result
        raise AssertionError("compute_steps ends with the figures")


class _Days(dict[int, date]):
    """Day ordinal -> date, each made once (10k contacts start on some 3,650 days)."""

    def __missing__(self, ordinal: int) -> date:
        day = self[ordinal] = date.fromordinal(ordinal)
        return day


def contact_facts(doc: dict[str, Any]) -> tuple[Facts, bool] | None:
    """(facts, archived) of a stored contact; None when no model reads it. A document
    with exactly the stored shape is read as it is (validating 10k contact models would
    cost a shell command ~80 ms), any other through its model."""
    get = doc.get
    cid, name, circle, own = get("id"), get("name"), get("circle"), get("cadence_days")
    met, created, archived = get("met_on"), get("created_at"), get("archived", False)
    if (type(cid) is str and type(name) is str and name
            and (circle is None or type(circle) is str)
            and (own is None or type(own) is int) and type(archived) is bool
            and type(created) is str and len(created) >= 10
            and (met is None or (type(met) is str and len(met) == 10))):
        if archived:
            return (cid, "", None, None, None, 0), True
        try:
            added = date.fromisoformat(created[:10]).toordinal()
            met_on = date.fromisoformat(met).toordinal() if met else None
        except ValueError:
            pass
        else:
            return (cid, name, circle, own, met_on, added), False
    try:
        c = Contact.model_validate(doc, context=STORED)
    except ValidationError:
        return None
    if c.archived:
        return (c.id, "", None, None, None, 0), True
    return (c.id, c.name, c.circle, c.cadence_days,
            c.met_on.toordinal() if c.met_on else None, c.created_at.date().toordinal()), False


def read_contacts(docs: Iterable[dict[str, Any]]) -> tuple[list[Facts], set[str]]:
    out, archived = [], set()
    for doc in docs:
        found = contact_facts(doc)
        if found is not None:
            out.append(found[0])
            if found[1]:
                archived.add(found[0][0])
    return out, archived


class TouchDays:
    """Each contact's touch days, and the touches per day, from stored notes fed in
    slices (`add`) and favours (`add_favours`): notes are not touches; a meeting with
    three people counts once per day; each date is parsed once."""

    def __init__(self) -> None:
        self._ordinal: dict[Any, int] = {}
        # C ints, not lists of int objects: 4 bytes a touch day rather than ~12-36 (500k
        # notes at 50k contacts: ~10 MB less at the health pass's peak).
        self._per_person: dict[str, array[int]] = defaultdict(_days)
        self.daily: dict[int, int] = defaultdict(int)

    def add(self, docs: Sequence[dict[str, Any]]) -> None:
        ordinal, per_person, daily = self._ordinal, self._per_person, self.daily
        # Three C-level maps instead of three lookups a note in Python: 100k notes a pass.
        # The day of a date already seen is a subscript (a handled KeyError costs only on
        # a date's first note: some 3,650 in ten years).
        for kind, text, cids in zip(map(_KIND, docs), map(_DATE, docs), map(_IDS, docs),
                                    strict=True):
            if kind == "note":
                continue
            try:
                day = ordinal[text]
            except KeyError:
                try:
                    day = ordinal[text] = date.fromisoformat(str(text)).toordinal()
                except ValueError:
                    continue  # a note another program broke: no day to count it on
            except TypeError:
                continue  # not even hashable (a list where a date belongs)
            daily[day] += 1
            for cid in cids:
                per_person[cid].append(day)

    def add_favours(self, favours: Iterable[tuple[date, tuple[str, ...]]]) -> None:
        """Favours that count as touches: once on the day, for each of their people."""
        per_person, daily = self._per_person, self.daily
        for day, who in favours:
            n = day.toordinal()
            daily[n] += 1
            for cid in who:
                per_person[cid].append(n)

    def per_person(self) -> dict[str, MutableSequence[int]]:
        """Sorted, distinct day ordinals per contact id (arrays of C ints)."""
        return {cid: array("i", sorted(set(days))) for cid, days in self._per_person.items()}

    def into(self, touches: dict[str, MutableSequence[int]], daily: dict[int, int]) -> None:
        """Add what was fed to `touches` (sorted, distinct lists, kept so) and `daily`."""
        for cid, days in self._per_person.items():
            mine = touches.setdefault(cid, [])
            for day in days:
                if not mine or day > mine[-1]:
                    mine.append(day)
                elif day not in mine:
                    insort(mine, day)
        for day, n in self.daily.items():
            daily[day] = daily.get(day, 0) + n


def _days() -> array[int]:
    return array("i")


def favour_facts(docs: Iterable[dict[str, Any]], known: set[str], as_touch: bool
                 ) -> tuple[list[FavourRow], list[tuple[date, tuple[str, ...]]]]:
    """(direction, status, date, contact id) of every favour of a known contact, and with
    `as_touch` the day and people of each as a touch, read as last touch reads them
    (domain.touches): one pass for both. A document without the stored shape is read
    through its model (or left out)."""
    days: dict[Any, date | None] = {}
    out = []
    touched = []
    for doc in docs:
        get = doc.get
        cid = get("contact_id")
        if type(cid) is not str or cid not in known:  # a list would not even hash
            continue
        if as_touch and (touch := read_favour(doc)) is not None:
            touched.append(touch)
        direction = _DIRECTION.get(str(get("direction")))
        raw = get("status")
        status: FavourStatus | None
        if raw is None:  # as the model reads it: an ask starts open, a favour is done
            status = FavourStatus.open if direction is Direction.asked else FavourStatus.done
        else:
            status = _STATUS.get(str(raw))
        text = get("date")
        if text in days:
            day = days[text]
        else:
            try:
                day = days[text] = date.fromisoformat(str(text))
            except (TypeError, ValueError):
                day = days[text] = None
        if direction is None or status is None or day is None:
            fields = favour_fields(doc)
            if fields is None:
                continue
            direction, status, day = fields
        out.append((direction, status, day, cid))
    return out, touched


def add_records(inputs: Inputs, interactions: Sequence[dict[str, Any]],
                favours: Sequence[dict[str, Any]]) -> None:
    """Fold new interaction and favour documents into `inputs`, as a build over all of
    them would have read them."""
    days = TouchDays()
    days.add(interactions)
    rows, touched = favour_facts(favours, inputs.known(), inputs.favours_touch)
    inputs.favours.extend((d, s, day) for d, s, day, _cid in rows)
    days.add_favours(touched)
    days.into(inputs.touches, inputs.daily)
