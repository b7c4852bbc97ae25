"""The network's health figures (domain.health) from a `services.Network`: reads the touch
days, favour fields and people once, straight from the stored documents, and keeps the
answer until a write (see Network.cached).

Also the lists the Health pane opens from a chart: who is off track in a circle, who was
in touch on a day, the favours of a month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from datetime import date, timedelta
from itertools import islice
from operator import methodcaller
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..domain import health
from ..domain.cadence import cadence_for
from ..domain.facts import favour_fields
from ..domain.models import STORED, Contact, Direction, Favour, FavourStatus, Interaction
from ..domain.touches import people_of, read_favour
from ..storage import gc_paused

if TYPE_CHECKING:
    from . import Network

_DIRECTION = {m.value: m for m in Direction}
_STATUS = {m.value: m for m in FavourStatus}
NOTES_PER_STEP = 10_000  # ~5 ms of notes per step of compute_steps
FAVOURS_PER_STEP = 5_000  # as much of favours (read as ledger rows and as touches)
PARSED_AT_ONCE = 1_000  # documents held as dicts at once while the figures are built
_KIND, _DATE, _IDS = (methodcaller("get", "kind"), methodcaller("get", "date"),
                      methodcaller("get", "contact_ids", ()))


def default_since(today: date) -> date:
    """A year back: the history, the heat-map and the months cover the last 12 months."""
    return today - timedelta(weeks=health.WEEKS)


def _start(c: Contact, today: date) -> date:
    # As the services' due dates: when you met, or else when the contact was added.
    return c.met_on if c.met_on and c.met_on <= today else c.created_at.date()


def people(network: Network) -> list[health.Person]:
    """Every active contact as the figures need them, read from the stored documents
    (validating 10k contact models would cost a shell command ~80 ms); a document
    without the stored shape is read through its model, or left out if it fails."""
    return _people_and_ids(network)[0]


def _people_and_ids(network: Network) -> tuple[list[health.Person], set[str]]:
    """people(), and the id of every contact the network can read, archived included
    (whose favours count)."""
    today, circles = network.today(), network.circles()
    out, known = [], set()
    for doc in network.store.docs("contacts"):
        p = _person_of_doc(doc, today, circles)
        if p is None:
            c = _contact_of(doc)
            if c is None:
                continue
            known.add(c.id)
            if c.archived:
                continue
            p = health.Person(c.id, c.name, c.circle, cadence_for(c.circle, c.cadence_days,
                                                                  circles), _start(c, today))
        elif p is _ARCHIVED:
            known.add(doc["id"])
            continue
        known.add(p.id)
        out.append(p)
    return out, known


_ARCHIVED = health.Person("", "", None, None, date.min)  # a marker: skip this contact


def _person_of_doc(doc: dict[str, Any], today: date,
                   circles: dict[str, int]) -> health.Person | None:
    """The person of a stored contact whose fields have exactly the stored shape."""
    get = doc.get
    cid, name, circle, own = get("id"), get("name"), get("circle"), get("cadence_days")
    met, created, archived = get("met_on"), get("created_at"), get("archived", False)
    if (type(cid) is not str or type(name) is not str or not name
            or (circle is not None and type(circle) is not str)
            or (own is not None and type(own) is not int) or type(archived) is not bool
            or type(created) is not str or len(created) < 10
            or (met is not None and (type(met) is not str or len(met) != 10))):
        return None
    if archived:
        return _ARCHIVED
    try:
        added = date.fromisoformat(created[:10])
        met_on = date.fromisoformat(met) if met else None
    except ValueError:
        return None
    start = met_on if met_on and met_on <= today else added
    return health.Person(cid, name, circle, cadence_for(circle, own, circles), start)


def _contact_of(doc: dict[str, Any]) -> Contact | None:
    try:
        return Contact.model_validate(doc, context=STORED)
    except ValidationError:
        return None


class TouchDays:
    """Each contact's touch days, and the touches per day, from stored notes fed in
    slices (`add`) and favours (`add_favours`): notes are not touches; a meeting with
    three people counts once per day; each date is parsed once."""

    def __init__(self) -> None:
        self._ordinal: dict[Any, int] = {}
        self._per_person: dict[str, list[int]] = defaultdict(list)
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

    def per_person(self) -> dict[str, list[int]]:
        """Sorted, distinct day ordinals per contact id."""
        return {cid: sorted(set(days)) for cid, days in self._per_person.items()}


FavourRow = tuple[Direction, FavourStatus, date, str]


def favour_rows(network: Network, known: set[str] | None = None
                ) -> list[FavourRow]:
    """(direction, status, date, contact id) of every favour of a known contact; a
    document without the stored shape is read through its model (or left out)."""
    return favour_facts(network, known, touches=False)[0]


def favour_facts(network: Network, known: set[str] | None = None, touches: bool = True,
                 docs: Iterable[dict[str, Any]] | None = None
                 ) -> tuple[list[FavourRow], list[tuple[date, tuple[str, ...]]]]:
    """favour_rows, and with `touches` (and the config's favours_count_as_touch) the
    day and people of each as a touch, read as last touch reads them
    (domain.touches): one pass over the favours (or `docs`, a slice of them) for both."""
    if known is None:
        known = {r.id for r in network.people(include_archived=True)}
    as_touch = touches and network.config.favours_count_as_touch
    days: dict[Any, date | None] = {}
    out = []
    touched = []
    for doc in network.store.docs("favours") if docs is None else docs:
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


def compute(network: Network, since: date | None = None) -> health.Health:
    # At once, with the collector paused: the figures build ~10k short lists and the
    # collector would walk 100k notes' documents again and again meanwhile.
    with gc_paused():
        for result in compute_steps(network, since):
            if result is not None:
                return result
    raise AssertionError("compute_steps ends with the figures")


def compute_steps(network: Network, since: date | None = None,
                  notes_per_step: int = NOTES_PER_STEP) -> Generator[health.Health | None]:
    """`compute` in steps of a few ms each (None between them, the figures last), so the
    app can work them out after start-up without holding up a keystroke. The notes are
    read as the store holds them when each step runs; a write in between makes the
    figures stale, which the caller must check (see ui.health_warm)."""
    today = network.today()
    since = since or default_since(today)
    # A slice of documents at a time: the store keeps them packed, and a list of every
    # note parsed at once would hold ~80 MB at 100k notes (never given back to the OS).
    days = TouchDays()
    yield from _in_slices(network.interaction_docs(), notes_per_step, days.add)
    everyone, known = _people_and_ids(network)
    yield None
    favours: list[tuple[Direction, FavourStatus, date]] = []

    def add_favours(docs: list[dict[str, Any]]) -> None:
        rows, favour_touches = favour_facts(network, known, docs=docs)
        favours.extend((d, s, day) for d, s, day, _cid in rows)
        days.add_favours(favour_touches)  # when they count, as for last touch (issue 15)

    yield from _in_slices(network.store.docs("favours"), FAVOURS_PER_STEP, add_favours)
    touches = days.per_person()
    yield None
    yield from health.compute_steps(everyone, touches, days.daily, favours, today, since,
                                    list(network.circles()), network.config.first_weekday)


def _in_slices(docs: Iterator[dict[str, Any]], per_step: int,
               add: Callable[[list[dict[str, Any]]], None]) -> Iterator[None]:
    """`add` the documents a slice at a time, yielding after each `per_step` of them.
    The store keeps documents packed: a slice is parsed, used and freed before the
    next, where a list of every note would hold ~80 MB at 100k (kept by the process)."""
    size = min(PARSED_AT_ONCE, per_step)
    count = 0
    while chunk := list(islice(docs, size)):
        add(chunk)
        count += len(chunk)
        if count >= per_step:
            count = 0
            yield None
    if count:
        yield None


def network_health(network: Network) -> health.Health:
    """The last 12 months' figures, kept until a write (the Health pane)."""
    return network.cached("health", lambda: compute(network))


def keep(network: Network, figures: health.Health) -> None:
    """Keep figures worked out in steps as the network's answer, unless one is kept."""
    network.cached("health", lambda: figures)


# -- the lists behind the charts -----------------------------------------------------------


def off_track(network: Network, circle: str) -> list[tuple[Contact, date | None]]:
    """Who in `circle` (health.NO_CIRCLE: no circle) is off track today, with their last
    touch; longest without one first."""
    today = network.today()
    out = []
    for c in network.contacts():
        cadence = network.cadence(c)
        if cadence is None or (c.circle or health.NO_CIRCLE) != circle:
            continue
        last = network.last_touch(c.id)
        if not health.is_on_track(last, cadence, _start(c, today), today):
            out.append((c, last))
    out.sort(key=lambda r: (r[1] or date.min, network.name_key(r[0].name)))
    return out


def touched_on(network: Network, day: date) -> list[tuple[Contact, Interaction | Favour]]:
    """(contact, interaction or favour) for every touch on `day`: favours too when they
    count as touches (an intro with both its people)."""
    want = day.isoformat()
    out: list[tuple[Contact, Interaction | Favour]] = []
    for doc in network.interaction_docs():
        if doc.get("date") == want and doc.get("kind") != "note":
            inter = network.interaction(doc["id"])
            out += [(c, inter) for cid in inter.contact_ids
                    if (c := network.get_contact(cid)) is not None]
    if network.config.favours_count_as_touch:
        for row in network.favour_rows():  # a model for the day's favours only
            if row.date == day:
                f = network.favour(row.id)
                out += [(c, f) for cid in people_of(f)
                        if (c := network.get_contact(cid)) is not None]
    out.sort(key=lambda r: network.name_key(r[0].name))
    return out


def favours_in(network: Network, month: date) -> list[Any]:
    """The favours dated in the month starting `month`, newest first."""
    end = (month + timedelta(days=32)).replace(day=1)
    return [network.favour(r.id) for r in network.favour_rows() if month <= r.date < end]


def to_json(h: health.Health) -> dict[str, Any]:
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
