"""Key-to-frame time of a pane's or screen's first open: the Health pane (5), the
Communities pane (4), the ledger (2), the calendar (3) and the daily review (r). Timed the
way keystroke.py times the filter, from posting the key to the first frame that shows it
filled, on a fresh app that has finished its start-up work (each run a first open: nothing kept from a previous one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.perf.keystroke import _settle, frames_of, key_to_frame


def _filled(app: Any, key: str) -> Callable[[], Any]:
    """What the frame must show for `key`: a probe run inside each frame."""
    if key == "5":
        def health() -> Any:
            found = app.query("#health-circles")
            return found.first().option_count if found else 0
        return health
    if key == "4":
        def communities() -> Any:
            found = app.query("#communities-list")
            return found.first().option_count if found else 0
        return communities
    if key == "2":
        def ledger() -> Any:
            found = app.query("#favours")
            return bool(found) and found.first().display and found.first().row_count
        return ledger
    if key == "3":
        def calendar() -> Any:
            found = app.query("#agenda")
            return found.first().option_count if found else 0
        return calendar
    if key == "r":
        from netui.ui.review import ReviewScreen

        return lambda: isinstance(app.screen, ReviewScreen)
    raise ValueError(f"no probe for key {key!r}")


def first_open(network_factory: Any, key: str, runs: int, settle: float = 2.0) -> list[float]:
    """Seconds from `key` to the painted pane, once per fresh app and network."""
    from netui.ui.app import NetuiApp

    async def once() -> float:
        network = network_factory()
        try:
            with frames_of(NetuiApp) as frames:
                app = NetuiApp(network)
                async with app.run_test(size=(120, 40)):
                    await _settle(app, settle)
                    frames.probe = _filled(app, key)
                    return await key_to_frame(app, frames, key, bool)
        finally:
            network.store.close()

    return [asyncio.run(once()) for _ in range(runs)]


def health_first_open(network_factory: Any, runs: int, settle: float = 2.0) -> list[float]:
    return first_open(network_factory, "5", runs, settle)


def communities_first_open(network_factory: Any, runs: int, settle: float = 2.0) -> list[float]:
    """Key 4 to the painted Communities pane (its list filled)."""
    return first_open(network_factory, "4", runs, settle)
