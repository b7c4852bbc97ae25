"""The one queue the app's after-start-up work goes through: typing always wins.

Work is given as pieces, each an iterator that does a few ms of work per step (due dates
for a slice of contacts, a part of the calendar's index...). The queue runs steps for at
most SLICE seconds per turn, one turn per timer, so the app handles keys and paints
between turns; and no step runs within QUIET seconds of a key or a paste: while someone
types, the warm-up waits. The garbage collector waits too (a full collection over 50k
contacts costs tens of ms, more than a key's whole budget): it is paused on a key and
resumed when typing pauses, so what typing left behind is collected then."""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the app imports this before its first frame, the services after
    from ..services import Changed, Network

QUIET = 0.3  # seconds after a key before background work resumes (a typist's pause)
SLICE = 0.005  # seconds of steps per turn: well inside a frame
TICK = 0.001  # seconds between turns: the app goes idle, so it reads keys and paints
HOLD_GC_MAX = 10.0  # seconds of typing after which the collector runs anyway

SetTimer = Callable[[float, Callable[[], object]], Any]


class WarmQueue:
    def __init__(self, set_timer: SetTimer, clock: Callable[[], float] = time.perf_counter,
                 quiet: float = QUIET) -> None:
        self._set_timer = set_timer
        self._clock = clock
        self._quiet = quiet
        self._pieces: deque[Iterator[object]] = deque()
        self._last_key = float("-inf")
        self._turn_set = False
        self._gc_held_since: float | None = None

    @property
    def pending(self) -> int:
        """Pieces not finished yet."""
        return len(self._pieces)

    def add(self, *pieces: Iterable[object]) -> None:
        """Queue `pieces`, run in order after those queued before them."""
        self._pieces.extend(iter(p) for p in pieces)
        self._set_turn(TICK)

    def drain(self) -> None:
        """Run every queued piece to the end now (a small network: no timers)."""
        while self._pieces:
            for _ in self._pieces.popleft():
                pass

    def key_pressed(self) -> None:
        """A key or paste arrived: hold background work and the collector for QUIET."""
        now = self._last_key = self._clock()
        if self._gc_held_since is None:
            if gc.isenabled():
                gc.disable()
                self._gc_held_since = now
        elif now - self._gc_held_since > HOLD_GC_MAX:  # a long burst: let it collect
            self._release_gc()
        self._set_turn(self._quiet)

    def _release_gc(self) -> None:
        if self._gc_held_since is not None:
            self._gc_held_since = None
            gc.enable()

    def _set_turn(self, delay: float) -> None:
        if not self._turn_set:
            self._turn_set = True
            self._set_timer(delay, self._turn)

    def _turn(self) -> None:
        self._turn_set = False
        wait = self._last_key + self._quiet - self._clock()
        if wait > 0:  # a key came since this turn was set: wait for the pause
            self._set_turn(wait)
            return
        self._release_gc()
        end = self._clock() + SLICE
        while self._pieces and self._clock() < end:
            if next(self._pieces[0], StopIteration) is StopIteration:
                self._pieces.popleft()
        if self._pieces:
            self._set_turn(TICK)


@contextmanager
def changes_seen(network: Network) -> Iterator[Callable[[], bool]]:
    """Within the block, a callable saying whether the network changed since it began:
    a piece that computes something to keep drops it if so (it may be out of date)."""
    changed = False

    def on_change(_event: Changed) -> None:
        nonlocal changed
        changed = True

    network.listeners.append(on_change)
    try:
        yield lambda: changed
    finally:
        if on_change in network.listeners:
            network.listeners.remove(on_change)
