"""Key-to-frame latency of the contacts filter, and of a bare Textual Input beside it.

A key is posted to the app the way a terminal driver delivers it (an `events.Key` message,
no test-driver waits), and its latency is the time until the first frame handed to the
driver that shows the key's result: for netui, the contact list holding the filtered
contacts; for the bare app, the Input holding the typed text. Frames are timed inside
`App._display`, which the screen calls with each compositor update (headless, the same
work as on a terminal except writing the escape codes out). Keys are 50 ms apart, slower
than any compositor update, so each key is measured on its own, as a person types."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

GAP = 0.05  # seconds between keys: a fast typist, and more than a frame
TIMEOUT = 5.0  # seconds a key may take before the measurement gives up
WORD = "maria"


@dataclass
class Frames:
    """(time, what the probe saw) of every frame displayed while this is installed; the
    probe is set once the app is up (before that, frames are timed with None)."""

    probe: Callable[[], Any] | None = None
    seen: list[tuple[float, Any]] = field(default_factory=list)


@contextmanager
def frames_of(app_class: type) -> Iterator[Frames]:
    """Time every non-empty frame `app_class` displays, with what `frames.probe` saw in it.
    The probe runs inside the frame, after its time is taken, so it only captures (widget
    references held beforehand, a copy of a list); comparing happens outside."""
    frames = Frames()
    real = app_class._display

    def _display(self, screen, renderable) -> None:
        real(self, screen, renderable)
        if renderable is not None:
            at = time.perf_counter()
            frames.seen.append((at, frames.probe() if frames.probe else None))

    app_class._display = _display
    try:
        yield frames
    finally:
        app_class._display = real


def key_event(app: Any, key: str) -> Any:
    """The `events.Key` a terminal driver would send for `key` (as Textual's own
    `App._press_keys` builds it)."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def key_to_frame(app: Any, frames: Frames, key: str,
                       shows: Callable[[Any], bool]) -> float:
    """Post `key`, wait for the first frame after it whose probe `shows` the result, and
    return the seconds from posting to that frame."""
    checked = len(frames.seen)
    t0 = time.perf_counter()
    app.post_message(key_event(app, key))
    while time.perf_counter() - t0 < TIMEOUT:
        await asyncio.sleep(0.001)
        for at, seen in frames.seen[checked:]:
            if at > t0 and seen is not None and shows(seen):
                await asyncio.sleep(GAP)
                return at - t0
        checked = len(frames.seen)
    raise TimeoutError(f"no frame showed the result of {key!r} within {TIMEOUT:.0f} s")


async def _settle(app: Any, seconds: float) -> None:
    """Wait until the app has loaded its history and its warm-up queue has run dry (due
    dates, balances, the review queue, the panes' figures: ui/warm_queue.py), then
    `seconds` more, so that keys are not measured against start-up work."""
    deadline = time.perf_counter() + 60
    while (not app.network.history_ready or app.warm.pending) \
            and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(seconds)


def netui_keys(network: Any, runs: int, settle: float = 2.0) -> tuple[list[float], list[float]]:
    """Seconds per key, typing WORD into the contacts filter and then deleting it one
    backspace at a time, `runs` rounds: (typed keys, backspaces)."""
    from netui.domain.search import filter_contacts
    from netui.ui.app import NetuiApp
    from netui.ui.contact_list import ContactList
    from netui.ui.contacts_pane import FilterInput

    people = network.contacts()
    expected = {text: {c.id for c in filter_contacts(people, text)}
                for text in [WORD[:n] for n in range(len(WORD) + 1)]}

    def shows(text: str) -> Callable[[tuple[str, list]], bool]:
        want = expected[text]
        return lambda seen: seen[0] == text and len(seen[1]) == len(want) and \
            {c.id for c in seen[1]} == want

    async def go() -> tuple[list[float], list[float]]:
        typed: list[float] = []
        deleted: list[float] = []
        with frames_of(NetuiApp) as frames:
            app = NetuiApp(network)
            async with app.run_test(size=(120, 40)) as pilot:
                await _settle(app, settle)
                field_, rows = app.query_one(FilterInput), app.query_one(ContactList)
                frames.probe = lambda: (field_.value, list(rows.rows))
                for _ in range(runs):
                    await pilot.press("slash")  # opens the filter: not measured
                    await pilot.pause()
                    for n in range(1, len(WORD) + 1):
                        wait = shows(WORD[:n])
                        typed.append(await key_to_frame(app, frames, WORD[n - 1], wait))
                    for n in range(len(WORD) - 1, -1, -1):
                        wait = shows(WORD[:n])
                        deleted.append(await key_to_frame(app, frames, "backspace", wait))
                    await pilot.press("escape")
                    await pilot.pause()
        return typed, deleted

    return asyncio.run(go())


def bare_input_keys(runs: int) -> list[float]:
    """Seconds per key typing WORD twice per round into a bare Textual app's only Input."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()
            yield Static("list")

    text = WORD * 2

    async def go() -> list[float]:
        times: list[float] = []
        with frames_of(Bare) as frames:
            app = Bare()
            async with app.run_test(size=(120, 40)) as pilot:
                field_ = app.query_one(Input)
                field_.focus()
                frames.probe = lambda: field_.value
                await pilot.pause()
                await asyncio.sleep(0.5)
                for _ in range(runs):
                    for n in range(1, len(text) + 1):
                        times.append(await key_to_frame(
                            app, frames, text[n - 1], lambda s, want=text[:n]: s == want))
                    field_.value = ""
                    await pilot.pause()
        return times

    return asyncio.run(go())
