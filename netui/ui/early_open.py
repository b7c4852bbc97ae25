"""The app's side of an early start (ui.early_start): the network opened after the first
frame one step at a time, keys typed meanwhile held, then the contacts pane put in the
preview's place and the held keys replayed; and the first-frame file kept for the next
start. NetuiApp builds on this; kept apart so app.py stays about the panes."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import sys
from typing import TYPE_CHECKING

from textual import events, on
from textual.message import Message
from textual.widgets import ContentSwitcher

from ..errors import ConfigError, NetuiError
from .key_handoff import KeyHandoffApp

if TYPE_CHECKING:
    from pathlib import Path

    from ..config import Config
    from ..services import Network
    from .early_start import EarlyStart

OPEN_PAUSE = 0.002  # seconds between the steps of an early start: keys, repaints between


class EarlyOpenApp(KeyHandoffApp):
    network: Network
    config_path: Path | None
    demo: bool
    fatal: Exception | None

    def __init__(self, network: Network | None, early: EarlyStart | None) -> None:
        super().__init__()
        if network is None and early is None:
            raise ValueError("NetuiApp needs a network or an early start")
        self._early = early
        # Keys and pastes typed while the network opens, then while they are replayed.
        self._held: list[events.Key | events.Paste] | None = None if network else []
        self._replaying: events.Event | None = None
        self._taken = network is not None  # the app has its network
        self._first_frame_saved: object = None  # the data's state it was last saved for

    def _configure(self, config: Config) -> None:
        """Apply the config's keymap and theme (NetuiApp)."""
        raise NotImplementedError

    def _network_mounted(self) -> None:
        """What the app starts once the contacts pane shows the network (NetuiApp)."""
        raise NotImplementedError

    def _open_early(self) -> None:
        self.run_worker(self._open_in_steps(), name="open", exclusive=True)

    async def _open_in_steps(self) -> None:
        """Each step of the early start with a pause between (keys typed meanwhile are
        held, repaints go through), then the contacts pane over the opened network."""
        early = self._early
        assert early is not None
        try:
            for step in early.steps():
                done = step()
                if inspect.isawaitable(done):
                    await done
                await asyncio.sleep(OPEN_PAUSE)
        except (NetuiError, ConfigError, OSError) as exc:  # what the shell says in one line
            self.fatal = exc
            self.exit(return_code=1)
            return
        except Exception as exc:  # a value a model refuses: one line too (cli.main)
            core = sys.modules.get("pydantic_core")
            if core is None or not isinstance(exc, core.ValidationError):
                raise
            self.fatal = exc
            self.exit(return_code=1)
            return
        assert early.network is not None and early.config is not None
        await self._take_network(early.network, early.config)

    async def _take_network(self, network: Network, config: Config) -> None:
        """The contacts pane in the preview's place, filled from the network before it
        is shown (one repaint, no empty frame), then the keys typed meanwhile."""
        from .contacts_pane import ContactsPane
        from .contacts_preview import ContactsPreview

        self.network = network
        network.process = "app"
        self._configure(config)  # the keymap before the held keys are read
        switcher = self.query_one(ContentSwitcher)
        preview = self.query_one(ContactsPreview)
        pane = ContactsPane(network, id="contacts")
        pane.display = False
        await switcher.mount(pane)
        pane.shown()
        held = self._held or []
        if (keep := preview.current_id()) is not None:
            pane.select(keep)
            now = pane.contact_list.current
            if held and (now is None or now.id != keep):
                # Whoever was under the cursor went while netui opened (another program
                # deleted them): the keys meant for them must not land on someone else.
                self.notify(f"The list changed while netui opened: {len(held)} key(s) "
                            "typed meanwhile were not used.", severity="warning", timeout=6)
                held.clear()
        switcher.current = "contacts"
        pane.focus_main()
        preview.remove()
        self._taken = True
        await self._replay_held()
        self._network_mounted()

    class KeySettled(Message):
        """Posted after a replayed key: back at the app once the key has gone where it
        goes (each widget's messages are handled in order)."""

        def __init__(self, done: asyncio.Event, routed: bool = False) -> None:
            super().__init__()
            self.done, self.routed = done, routed

    @on(KeySettled)
    def _key_settled(self, message: KeySettled) -> None:
        if message.routed:
            message.done.set()
        else:  # behind the key, to where the app sent it
            (self.focused or self.screen).post_message(self.KeySettled(message.done, True))

    async def _replay_held(self) -> None:
        """The keys typed while opening, one at a time as if typed now: each once the one
        before it has been handled (a `/` then opens the filter before the next key is
        read, as when typed: not to the list's one-key commands). Keys typed meanwhile
        join the end."""
        held = self._held or []
        while held:
            event = held.pop(0)
            again = (events.Paste(event.text) if isinstance(event, events.Paste)
                     else events.Key(event.key, event.character))
            self._replaying = again
            done = asyncio.Event()
            self.post_message(again)
            self.post_message(self.KeySettled(done))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 5)
        self._held = self._replaying = None

    @property
    def started_early(self) -> bool:
        """Whether the first frame was drawn from the first-frame file (ui.early_start)."""
        return self._early is not None

    @property
    def opening(self) -> bool:
        """Whether the network is still being opened after an early first frame, or the
        keys typed meanwhile replayed."""
        return self._held is not None

    async def on_event(self, event: events.Event) -> None:
        if (self._held is not None and isinstance(event, (events.Key, events.Paste))
                and not event.is_forwarded and event is not self._replaying):
            self._held.append(event)  # acted on once the pane shows the opened store
            return
        await super().on_event(event)

    def _save_first_frame(self) -> None:
        """Record the contact list for the next start's first frame (storage.frame_file),
        unless it is recorded already."""
        if self.demo:
            return
        from ..services.first_frame import save_first_frame
        from .contact_list import natural_widths

        with contextlib.suppress(NetuiError, OSError):  # a cache: else the next start
            self._first_frame_saved = save_first_frame(  # opens the normal way
                self.network, theme=self.theme, config_path=self.config_path,
                natural=natural_widths, unless=self._first_frame_saved)
