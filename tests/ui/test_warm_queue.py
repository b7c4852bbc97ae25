"""The work after start-up goes through one queue (ui.warm_queue) that yields to typing:
a key typed while pieces are pending is handled first, no piece runs until typing
pauses, the collector waits too, and every piece still completes. Checked with a clock
the test moves, never by the real clock."""

from __future__ import annotations

import gc

import pytest

from netui.domain.models import Contact
from netui.domain.search import filter_contacts
from netui.storage import Change
from netui.ui.app_warm import SMALL_NETWORK
from netui.ui.contact_list import ContactList
from netui.ui.contacts_pane import FilterInput
from netui.ui.warm_queue import QUIET, SLICE, WarmQueue


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Timers:
    """set_timer's stand-in: the callbacks due, run when the test says."""

    def __init__(self) -> None:
        self.due: list = []

    def __call__(self, _delay: float, callback) -> None:
        self.due.append(callback)

    def run(self) -> None:
        due, self.due = self.due, []
        for callback in due:
            callback()


def piece(log: list, name: str, steps: int, clock: Clock | None = None, cost: float = 0.0):
    for n in range(steps):
        log.append((name, n))
        if clock is not None:
            clock.now += cost
        yield


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_pieces_run_in_order_a_slice_per_turn():
    clock, timers, log = Clock(), Timers(), []
    queue = WarmQueue(timers, clock)
    queue.add(piece(log, "a", 3, clock, SLICE * 0.6), piece(log, "b", 2, clock, SLICE * 0.6))
    timers.run()
    assert log == [("a", 0), ("a", 1)]  # the slice is spent: the rest on the next turn
    while timers.due:
        timers.run()
    assert log == [("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1)]
    assert queue.pending == 0


def test_no_piece_runs_until_typing_pauses(collector_on):
    clock, timers, log = Clock(), Timers(), []
    queue = WarmQueue(timers, clock)
    queue.add(piece(log, "a", 2))
    queue.key_pressed()
    assert not gc.isenabled()  # the collector waits for the pause too
    for _ in range(5):  # turns come and go while keys arrive
        clock.now += QUIET / 2
        queue.key_pressed()
        timers.run()
    assert log == []
    clock.now += QUIET
    while timers.due:
        timers.run()
    assert log == [("a", 0), ("a", 1)]
    assert gc.isenabled()


def test_drain_runs_everything_now():
    clock, timers, log = Clock(), Timers(), []
    queue = WarmQueue(timers, clock)
    queue.add(piece(log, "a", 2), piece(log, "b", 1))
    queue.drain()
    assert log == [("a", 0), ("a", 1), ("b", 0)] and queue.pending == 0


async def until(pilot, done, tries: int = 500) -> None:
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.01)


def many_people(network, count: int) -> None:
    network.commit([Change("contacts", f"c{n:04d}", Contact(
        id=f"c{n:04d}", name=f"{('Maria', 'Mario', 'Marta', 'Ana')[n % 4]} Person {n:04d}",
        circle="inner").to_doc()) for n in range(count)], "bulk")


async def test_a_key_typed_while_pieces_are_pending_is_handled_first(
        demo_network, make_app, collector_on):
    clock, log = Clock(), []
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.warm = WarmQueue(app.set_timer, clock)
        await pilot.press("slash")
        app.warm.add(piece(log, "late", 3))
        await pilot.press("m", "a")
        await pilot.pause()
        box, rows = app.query_one(FilterInput), app.query_one(ContactList)
        assert box.value == "ma"
        want = [c.id for c in filter_contacts(demo_network.contact_rows(), "ma")]
        assert [c.id for c in rows.rows] == want
        await pilot.pause(0.05)
        assert log == []  # the clock has not moved: typing has not paused
        clock.now += QUIET
        await until(pilot, lambda: app.warm.pending == 0)
        assert log == [("late", 0), ("late", 1), ("late", 2)]


async def test_warm_ups_complete_when_keys_arrive_meanwhile(network, make_app, monkeypatch):
    """A network large enough to be warmed in steps: keys typed while it warms show
    the right contacts at once, and every warm-up still finishes."""
    from netui.ui import communities_pane, health_warm, pane_warm

    many_people(network, SMALL_NETWORK + 50)
    finished: list[str] = []

    def noting(module, name):
        real = getattr(module, name)

        def wrapped(net):
            yield from real(net)
            finished.append(name)

        monkeypatch.setattr(module, name, wrapped)

    noting(health_warm, "warm_health")
    noting(pane_warm, "warm_panes")
    noting(communities_pane, "warm_communities")
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        people = network.contact_rows()
        typed = ""
        for key in ["m", "a", "r", "i", "backspace", "o"]:
            await pilot.press(key)
            typed = typed[:-1] if key == "backspace" else typed + key
            shown = [c.id for c in app.query_one(ContactList).rows]
            assert shown == [c.id for c in filter_contacts(people, typed)], typed
        await until(pilot, lambda: len(finished) == 3 and app.warm.pending == 0)
        assert sorted(finished) == ["warm_communities", "warm_health", "warm_panes"]
        assert app.warm.pending == 0
