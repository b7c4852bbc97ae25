"""Keys typed in the same instant as the key that opens a screen go to that screen (B16).

Textual forwards each key to the focused widget as soon as it reads it, before the key
ahead of it has run its binding. So `a@Ben` typed fast reaches the contact list whole:
its `a` opens quick-add, and `@Ben` (or a paste) arrive after, addressed to a list that is now under
the quick-add box. They come back to the app unhandled; here they are handed to what is
focused on the screen now on top (its screen itself while it mounts, see quickadd)."""

from __future__ import annotations

import weakref

from textual import events
from textual.app import App
from textual.screen import Screen


class KeyHandoffApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        # Each key or paste read from the terminal -> the screen it was forwarded into.
        self._sent_to: weakref.WeakKeyDictionary[events.Event, Screen[object]] = (
            weakref.WeakKeyDictionary())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)):
            if not event.is_forwarded:
                self._sent_to[event] = self.screen
            elif self._sent_to.pop(event, self.screen) is not self.screen:
                # Typed for the screen on top: a fresh copy, so its focus sees it first.
                target = self.screen.focused or self.screen
                if isinstance(event, events.Paste):
                    target.post_message(events.Paste(event.text))
                    return
                if event.is_printable:
                    target.post_message(events.Key(event.key, event.character))
                    return
        await super().on_event(event)
