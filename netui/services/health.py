"""The network's health figures (domain.health) from a `services.Network`: reads the touch
days, favour fields and people once, straight from the stored documents, and keeps the
answer until a write (see Network.cached).

Also the lists the Health pane opens from a chart: who is off track in a circle, who was
in touch on a day, the favours of a month."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..domain import health
from ..domain.health_inputs import FavourRow, Inputs, favour_facts, read_contacts
from ..domain.health_inputs import (
    TouchDays as TouchDays,  # where tests and older callers find it
)
from ..domain.models import Contact, Favour, Interaction
from ..domain.touches import people_of
from ..storage import gc_paused
from .health_inputs import NOTES_PER_STEP, read_steps

if TYPE_CHECKING:
    from . import Network


default_since = health.default_since


def _start(c: Contact, today: date) -> date:
    # As the services' due dates: when you met, or else when the contact was added.
    return c.met_on if c.met_on and c.met_on <= today else c.created_at.date()


def people(network: Network) -> list[health.Person]:
    """Every active contact as the figures need them, read from the stored documents
    (see health_inputs.contact_facts)."""
    contacts, archived = read_contacts(network.store.docs("contacts"))
    return Inputs(contacts, archived, {}, {}, [], False).people(network.today(),
                                                                network.circles())


def favour_rows(network: Network, known: set[str] | None = None) -> list[FavourRow]:
    """(direction, status, date, contact id) of every favour of a known contact (every
    readable one, archived included, unless `known` says)."""
    if known is None:
        known = {r.id for r in network.people(include_archived=True)}
    return favour_facts(network.store.docs("favours"), known, False)[0]


def compute(network: Network, since: date | None = None, *,
            inputs: Inputs | None = None) -> health.Health:
    """The figures from `inputs` (services.health_cache's, for a shell command), or
    else read from every stored document."""
    # At once, with the collector paused: the figures build ~10k short lists and the
    # collector would walk 100k notes' documents again and again meanwhile.
    with gc_paused():
        steps = (compute_steps(network, since) if inputs is None
                 else figures_steps(network, inputs, since))
        for result in steps:
            if result is not None:
                return result
    raise AssertionError("compute_steps ends with the figures")


def compute_steps(network: Network, since: date | None = None,
                  notes_per_step: int = NOTES_PER_STEP) -> Generator[health.Health | None]:
    """`compute` in steps of a few ms each (None between them, the figures last), so the
    app can work them out after start-up without holding up a keystroke. The notes are
    read as the store holds them when each step runs; a write in between makes the
    figures stale, which the caller must check (see ui.health_warm)."""
    inputs = None
    for inputs in read_steps(network, notes_per_step):
        if inputs is None:
            yield None
    assert inputs is not None
    yield from figures_steps(network, inputs, since)


def figures_steps(network: Network, inputs: Inputs, since: date | None = None
                  ) -> Iterator[health.Health | None]:
    return inputs.figures_steps(network.today(), since, network.circles(),
                                network.config.first_weekday)


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


to_json = health.to_json  # where the CLI found it
