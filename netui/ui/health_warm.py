"""The Health pane's figures, worked out after start-up a few ms at a time (as the app
warms the review queue), so that pressing 5 costs the drawing only: at 10k contacts and
100k notes the figures take ~100 ms, too long to hold a keystroke for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..services import Changed, Network
from ..services import health as health_service

PAUSE = 0.002  # seconds between steps: the app goes idle, so it handles keys and paints


def warm_health(set_timer: Callable[[float, Callable[[], None]], Any], network: Network,
                done: Callable[[], None] | None = None) -> None:
    """Step through health_service.compute_steps on timers; keep the figures unless the
    network changed meanwhile (then the pane works them out when shown)."""
    steps = health_service.compute_steps(network)
    changed = False

    def on_change(_event: Changed) -> None:
        nonlocal changed
        changed = True

    def finish() -> None:
        if on_change in network.listeners:
            network.listeners.remove(on_change)
        if done is not None:
            done()

    def step() -> None:
        if changed:
            steps.close()
            finish()
            return
        result = next(steps)
        if result is None:
            set_timer(PAUSE, step)
            return
        health_service.keep(network, result)
        finish()

    network.listeners.append(on_change)
    set_timer(PAUSE, step)
