"""The app's work after its first frame, through the warm queue (typing always wins over
it): the collector back on, the history loaded, then due dates and favour balances a
slice at a time, the status line, the filter's folded text, the note index, today's
backup, the other panes' figures, and last the first-frame file for the next start.
NetuiApp builds on this."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

from textual import events

from .app_watch import ChangeWatchApp
from .warm_queue import WarmQueue

WARM_SLICE = 50  # contacts per step of start-up work (a ms or two; see warm_queue)
SMALL_NETWORK = 250  # contacts: warmed at once, no steps


class WarmUpApp(ChangeWatchApp):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._theme_ready = False  # a theme set before the first frame is not the user's
        self._health_warmed = False
        self.warm = WarmQueue(self.set_timer)  # the work done after start-up, in steps

    def _started(self) -> None:
        self._theme_ready = True
        gc.freeze()  # what start-up built lives all session (the shell paused the collector)
        gc.enable()
        if not self.network.history_ready:
            # The first frame is up without last touches (every note must be read and
            # indexed for them, ~0.15 s at 100k notes): fill them in now.
            self.network.load_history()
            self.contacts_pane().history_loaded()
        self._warm_up()

    def _warm_up(self) -> None:
        """After the first frame, through the warm queue (typing always wins over it):
        due dates and favour balances for every contact, a slice per step; then the
        status line and what the panes, the review and the filter need. A small network
        is done at once, so the status line is there as soon as the first frame is."""
        small = self.network.contact_count() <= SMALL_NETWORK
        self.warm.add(self._warm_steps(small))
        if small:
            self.warm.drain()

    def _warm_steps(self, small: bool) -> Iterator[None]:
        if not small:
            self._update_status(with_due=False)
        yield from self._warm_filter()  # first what the next key may need
        net = self.network
        ids = [c.id for c in net.people(include_archived=True)]
        for n, cid in enumerate(ids, 1):
            net.due(cid)  # both cached by the network until a write or a new day
            net.standing(cid)
            if n % WARM_SLICE == 0:
                yield
        self._update_status()
        yield
        yield from self._warm_filter(sets=True)  # a big network's letter-pair sets
        yield from self._warm_last()

    def _warm_last(self) -> Iterator[None]:
        self.network.warm()
        yield
        import rapidfuzz.process  # noqa: F401  (the first close spelling costs no import)

        yield
        from ..services.entries import warm_note_index

        warm_note_index(self.network)  # the first "/" over notes is then as fast as the rest
        yield from self.network.store.warm_lookups()  # a pane's first reads by id
        # What is loaded now lives all session: out of the collector's way, so that a
        # full collection (~35 ms over 10k contacts and 100k notes) never lands on a key.
        gc.collect()
        gc.freeze()
        yield
        # Every file has been read by now: today's backup copies data known readable.
        self.network.store.daily_backup()
        if not self._health_warmed:  # once: after that the pane works them out when shown
            self._health_warmed = True
            from . import communities_pane, health_warm, pane_warm

            self.warm.add(health_warm.warm_health(self.network),  # the Health pane's figures
                          pane_warm.warm_panes(self.network),  # the ledger's, calendar's...
                          communities_pane.warm_communities(self.network),  # Communities'
                          _freeze_what_is_kept())
        self.warm.add(_then(self._save_first_frame))  # what the next start paints first

    def _warm_filter(self, sets: bool = False) -> Iterator[None]:
        """The contacts filter's folded text (else "/" folds everyone, ~0.2 s at 10k), or
        with `sets` its letter-pair sets (search.SearchIndex.sets_steps)."""
        from .contacts_pane import ContactsPane

        contacts = self.screen_stack[0].query(ContactsPane)  # under any screen on top
        if contacts:  # (none when the app is closing)
            live = contacts.first().live_filter()
            yield from live.sets_steps() if sets else live.prepare_steps()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self.warm.key_pressed()  # typing wins: background work waits for a pause
        await super().on_event(event)


def _freeze_what_is_kept() -> Iterator[None]:
    """After the warm-up: what it kept lives all session too (see _warm_last)."""
    gc.collect()
    gc.freeze()
    yield


def _then(step: Callable[[], object]) -> Iterator[None]:
    step()
    yield
