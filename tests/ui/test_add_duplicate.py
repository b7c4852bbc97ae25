"""Adding someone who looks like a person already in netui asks first (issue 13 item 1):
the dialog names them and why; No keeps the form, Yes adds."""

from __future__ import annotations

from textual.widgets import Static

from netui.domain.models import Contact
from netui.ui.confirm import ConfirmScreen
from netui.ui.contact_form import ContactForm


async def test_a_likely_duplicate_is_added_only_on_confirmation(network, make_app):
    ann = network.add_contact(Contact(name="Ann Lee", emails=["ann@example.com"]))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-name").value = "Annie Lee"
        app.screen.query_one("#f-emails").value = "ANN@example.com"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).content)
        assert "Ann Lee" in question and "same email ann@example.com" in question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert [c.id for c in network.contacts()] == [ann.id]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert sorted(c.name for c in network.contacts()) == ["Ann Lee", "Annie Lee"]


async def test_editing_someone_never_asks(network, make_app):
    network.add_contact(Contact(name="Ann Lee", emails=["ann@example.com"]))
    bob = network.add_contact(Contact(name="Bob", emails=["ann@example.com"]))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ContactForm(network, bob.id))
        await pilot.pause()
        app.screen.query_one("#f-title").value = "Chef"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (ContactForm, ConfirmScreen))
        assert network.contact(bob.id).title == "Chef"
