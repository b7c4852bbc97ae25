"""What the user reads in the app's notifications: the toasts on screen, by their
rendered text (title, then message), never Textual's private notification list."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


async def notices(app: App, pilot: Pilot) -> list[str]:
    """The text of every notification on screen now, title and message on their lines."""
    await pilot.pause()
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def notice_with(app: App, pilot: Pilot, *words: str) -> str:
    """The one notification on screen that says every one of `words` (the test fails,
    showing them all, if none does)."""
    shown = await notices(app, pilot)
    matching = [n for n in shown if all(w in n for w in words)]
    assert matching, f"no notification says {words}; on screen: {shown}"
    return matching[0]
