"""The health figures' inputs (domain.health_inputs) read from every document of a
network's store, in steps (for the app) or at once (for a shell command's rebuild)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..domain.health_inputs import Favour3, Inputs, TouchDays, favour_facts, read_contacts

if TYPE_CHECKING:
    from . import Network

NOTES_PER_STEP = 10_000  # ~5 ms of notes per step of compute_steps
FAVOURS_PER_STEP = 5_000  # as much of favours (read as ledger rows and as touches)
PARSED_AT_ONCE = 1_000  # documents held as dicts at once while the figures are built


def read_steps(network: Network, notes_per_step: int = NOTES_PER_STEP
               ) -> Generator[Inputs | None]:
    """Inputs from every stored document, in steps of a few ms (None between them, the
    inputs last). A slice of documents at a time: the store keeps them packed, and a
    list of every note parsed at once would hold ~80 MB at 100k notes (never given back
    to the OS)."""
    days = TouchDays()
    yield from _in_slices(network.interaction_docs(), notes_per_step, days.add)
    contacts, archived = read_contacts(network.store.docs("contacts"))
    known = {f[0] for f in contacts}
    as_touch = network.config.favours_count_as_touch
    yield None
    favours: list[Favour3] = []
    # One tuple per (direction, status, day): a few thousand, not one per favour (100k
    # favours: ~6 MB less while the figures are worked out).
    shared: dict[Favour3, Favour3] = {}

    def add_favours(docs: list[dict[str, Any]]) -> None:
        rows, favour_touches = favour_facts(docs, known, as_touch)
        keep = shared.setdefault
        favours.extend(keep(f, f) for f in ((d, s, day) for d, s, day, _cid in rows))
        days.add_favours(favour_touches)  # when they count, as for last touch (issue 15)

    yield from _in_slices(network.store.docs("favours"), FAVOURS_PER_STEP, add_favours)
    touches = days.per_person()
    yield None
    yield Inputs(contacts, archived, touches, dict(days.daily), favours, as_touch)


def read_all(network: Network) -> Inputs:
    for result in read_steps(network, notes_per_step=1 << 62):
        if result is not None:
            return result
    raise AssertionError("read_steps ends with the inputs")


def _in_slices(docs: Iterator[dict[str, Any]], per_step: int,
               add: Callable[[list[dict[str, Any]]], None]) -> Iterator[None]:
    """`add` the documents a slice at a time, yielding after each `per_step` of them."""
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
