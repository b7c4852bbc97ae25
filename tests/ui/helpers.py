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


def list_message(app) -> str:
    """What the contact list draws instead of rows (empty network, no match), or ""."""
    from netui.ui.contact_list import ContactList

    contact_list = app.query_one(ContactList)
    if contact_list.rows or contact_list.message is None:
        return ""
    height = contact_list.scrollable_content_region.height
    return " ".join(contact_list.render_line(y).text.strip() for y in range(height)).strip()
