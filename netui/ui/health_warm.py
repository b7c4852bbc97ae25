"""The Health pane's figures, worked out after start-up a few ms at a time (a piece for
the warm queue), so that pressing 5 costs the drawing only: at 10k contacts and 100k
notes the figures take ~100 ms, too long to hold a keystroke for."""

from __future__ import annotations

from collections.abc import Iterator

from ..services import Network
from ..services import health as health_service
from .warm_queue import changes_seen

NOTES_PER_STEP = 2_000  # a ms or two of notes per step: the queue fits several in a turn


def warm_health(network: Network) -> Iterator[None]:
    """Step through health_service.compute_steps; keep the figures unless the network
    changed meanwhile (then the pane works them out when shown)."""
    steps = health_service.compute_steps(network, notes_per_step=NOTES_PER_STEP)
    with changes_seen(network) as changed:
        while not changed():
            result = next(steps)
            if result is not None:
                health_service.keep(network, result)
                return
            yield
        steps.close()
