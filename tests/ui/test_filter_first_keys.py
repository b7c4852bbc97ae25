"""Keys typed in the same burst as `/` reach the filter box, not the contact list under it:
`/ada` from a fast typist (or tmux send-keys) filters for "ada" and runs no list command."""

from __future__ import annotations

from netui.domain.models import Contact
from netui.ui.contact_list import ContactList
from netui.ui.contacts_pane import FilterInput
from netui.ui.quickadd import QuickAddScreen

from .test_quickadd_first_keys import settle, typed_fast


async def test_a_burst_right_after_slash_is_typed_into_the_filter(network, make_app):
    for cid, name in (("ada", "Ada Lovelace"), ("bob", "Bob Stone"), ("cy", "Cy Adams")):
        network.add_contact(Contact(id=cid, name=name))
    app = make_app(network)
    async with app.run_test() as pilot:
        await typed_fast(pilot, "/ada")  # `a` on the list would open quick-add
        assert not isinstance(app.screen, QuickAddScreen)
        box = app.screen.query_one(FilterInput)
        assert box.has_focus and box.value == "ada"
        shown = [row.name for row in app.screen.query_one(ContactList).rows]
        assert "Bob Stone" not in shown and "Ada Lovelace" in shown


async def test_keys_after_the_burst_still_edit_the_filter(network, make_app):
    network.add_contact(Contact(id="ada", name="Ada Lovelace"))
    app = make_app(network)
    async with app.run_test() as pilot:
        await typed_fast(pilot, "/ad")
        await pilot.press("a", "backspace", "backspace")
        await settle(pilot)
        assert app.screen.query_one(FilterInput).value == "a"
