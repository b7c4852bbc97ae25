"""What the contacts pane does to stay fast with many contacts: the card catches up with the
filter once typing pauses, the list and its empty message swap only when the match state
changes, and the status counts are computed after the first frame."""

from __future__ import annotations

from textual.widgets import Static

from netui.domain.models import Contact
from netui.storage import Change
from netui.ui.app_warm import SMALL_NETWORK
from netui.ui.contacts_pane import CARD_DELAY, ContactsPane
from tests.ui.helpers import list_message


def card_text(app) -> str:
    return str(app.query_one("#contact-detail", Static).content)


async def test_the_card_follows_the_filter_once_typing_pauses(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        first = pane.contact_list.current
        other = pane.contact_list.rows[-1]
        assert first.name in card_text(app)
        await pilot.press("slash", *other.name)
        await pilot.pause(CARD_DELAY * 4)
        assert pane.contact_list.current == other
        assert card_text(app).startswith(other.name)


async def test_the_list_comes_back_when_the_filter_matches_again(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        await pilot.press("slash", *"aishaqqqq")
        await pilot.pause()
        assert "No contacts match aishaqqqq. Press Esc" in list_message(app)
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        assert [c.name for c in pane.contact_list.rows] == ["Aisha Khan"]
        assert list_message(app) == ""
        assert pane.contact_list.virtual_size.height == 1


async def test_status_counts_arrive_after_the_first_frame(network, make_app, today):
    people = SMALL_NETWORK + 1  # enough for the start-up work to run in steps
    network.commit([Change("contacts", f"c{n:04d}", Contact(
        id=f"c{n:04d}", name=f"Person {n:04d}", circle="inner").to_doc())
        for n in range(people)], "bulk")
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        status = ""
        for _ in range(200):  # the counts come from start-up work: ~0.1 s idle, more loaded
            await pilot.pause(0.05)
            status = str(app.query_one("#status", Static).content)
            if "due" in status:
                break
        assert status == f"{people} contacts · {network.due_count(0)} due"
