"""What the ledger (2), the calendar (3) and the daily review (r) show, worked out after
start-up a piece at a time in the warm queue (as the Health pane's figures are), so that
a first press costs building and drawing only. Each piece is kept by the network until a
write."""

from __future__ import annotations

from collections.abc import Iterator

from ..services import Network
from .calendar_data import warm_calendar


def warm_panes(network: Network) -> Iterator[None]:
    for piece in (network.nudges, network.favour_rows, network.balances, network.needs_triage):
        piece()
        yield
    _warm_review(network)
    yield
    yield from warm_calendar(network)


def _warm_review(network: Network) -> None:
    """The day's paced review, and the screens not shown yet imported (their modules
    cost ~20 ms to import on the key that first shows them)."""
    from ..domain.review import paced_for
    from . import calendar_pane, ledger_pane, review  # noqa: F401

    paced_for(network)
