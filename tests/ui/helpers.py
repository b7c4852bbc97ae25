"""Small Pilot helpers shared by the TUI tests."""

from __future__ import annotations

from textual.widgets import Static

from netui.ui.contacts_pane import ContactsPane


async def card_titles(app, pilot) -> set[str]:
    """Move the cursor over every contact and collect the first line of each card."""
    pane = app.query_one(ContactsPane)
    seen = set()
    for n in range(len(pane.contact_list.rows)):
        pane.contact_list.cursor = n
        await pilot.pause()
        seen.add(str(app.query_one("#contact-detail", Static).content).split("\n")[0])
    return seen
