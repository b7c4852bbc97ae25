"""Keys typed in the same instant as the key that moves the focus go where it moved (B16).

Textual forwards each key to the focused widget as soon as it reads it, before the key
ahead of it has run its binding. So `a@Ben` typed fast reaches the contact list whole:
its `a` opens quick-add, and `@Ben` (or a paste) arrive after, addressed to a list that is now under
the quick-add box; `/ada` likewise sends `ada` to the list, whose `a` would open quick-add
instead of filtering. Such keys come back to the app unhandled; here they are handed to
what is focused now (on the screen now on top: its screen itself while it mounts, see
quickadd), as a terminal user expects: each key acts where the keys before it left the focus."""

from __future__ import annotations

import weakref

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen


class KeyHandoffApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        # Each key or paste read from the terminal -> the screen and the widget it was
        # forwarded into (None: the screen itself).
        self._sent_to: weakref.WeakKeyDictionary[
            events.Event, tuple[Screen[object], DOMNode | None]] = weakref.WeakKeyDictionary()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)):
            if not event.is_forwarded:
                self._sent_to[event] = (self.screen, self.screen.focused)
            elif (sent := self._sent_to.pop(event, None)) is not None and self._moved(sent):
                # Typed for where the focus is now: a fresh copy, so that widget sees it
                # first. Marked forwarded, so coming back unhandled it runs the bindings.
                target = self.screen.focused or self.screen
                copy: events.Key | events.Paste | None = None
                if isinstance(event, events.Paste):
                    copy = events.Paste(event.text)
                elif event.is_printable:
                    copy = events.Key(event.key, event.character)
                if copy is not None:
                    copy._set_forwarded()
                    target.post_message(copy)
                    return
        await super().on_event(event)

    def _moved(self, sent: tuple[Screen[object], DOMNode | None]) -> bool:
        screen, focused = sent
        if screen is not self.screen:
            return True
        return self.screen.focused is not None and self.screen.focused is not focused
