"""Key-to-frame time of the Health pane's first open (key 5): the pane is built, its
figures computed from every note and favour, and its charts painted. Timed the way
keystroke.py times the filter, from posting the key to the first frame that shows the
pane with its bars, on an app that has finished its start-up work."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.perf.keystroke import _settle, frames_of, key_to_frame


def health_first_open(network_factory: Any, runs: int, settle: float = 2.0) -> list[float]:
    """Seconds from key 5 to the painted pane, once per fresh app and network (a first
    open each time: the figures are kept by the network until a write)."""
    from textual.widgets import OptionList

    from netui.ui.app import NetuiApp

    async def once() -> float:
        network = network_factory()
        try:
            with frames_of(NetuiApp) as frames:
                app = NetuiApp(network)
                async with app.run_test(size=(120, 40)):
                    await _settle(app, settle)

                    def probe() -> Any:
                        found = app.query("#health-circles")
                        return found.first(OptionList).option_count if found else 0

                    frames.probe = probe
                    return await key_to_frame(app, frames, "5", lambda count: count > 0)
        finally:
            network.store.close()

    return [asyncio.run(once()) for _ in range(runs)]


def communities_first_open(network_factory: Any, runs: int, settle: float = 2.0) -> list[float]:
    """Seconds from key 4 to the painted Communities pane (its list filled), once per
    fresh app and network."""
    from textual.widgets import OptionList

    from netui.ui.app import NetuiApp

    async def once() -> float:
        network = network_factory()
        try:
            with frames_of(NetuiApp) as frames:
                app = NetuiApp(network)
                async with app.run_test(size=(120, 40)):
                    await _settle(app, settle)

                    def probe() -> Any:
                        found = app.query("#communities-list")
                        return found.first(OptionList).option_count if found else 0

                    frames.probe = probe
                    return await key_to_frame(app, frames, "4", lambda count: count > 0)
        finally:
            network.store.close()

    return [asyncio.run(once()) for _ in range(runs)]
