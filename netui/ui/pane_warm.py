"""What the ledger (2), the calendar (3) and the daily review (r) show, worked out after
start-up one piece per timer (as the Health pane's figures are), so that a first press
costs building and drawing only. Each piece is kept by the network until a write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..services import Network
from .calendar_data import warm_calendar

PAUSE = 0.002  # seconds between pieces: the app handles keys and paints in between


def warm_panes(set_timer: Callable[[float, Callable[[], object]], Any],
               network: Network) -> None:
    pieces: tuple[Callable[[], object], ...] = (
        network.nudges, network.favour_rows, network.balances, network.needs_triage,
        lambda: _warm_review(network))
    for piece in pieces:
        set_timer(PAUSE, piece)
    warm_calendar(set_timer, network)


def _warm_review(network: Network) -> None:
    """The day's paced review, and the screens not shown yet imported (their modules
    cost ~20 ms to import on the key that first shows them)."""
    from ..domain.review import paced_for
    from . import calendar_pane, ledger_pane, review  # noqa: F401

    paced_for(network)
