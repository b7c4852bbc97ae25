"""Forms: inline validation errors, nothing saved until valid, store errors keep input."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Select, Static

from netui.domain.models import Contact, Direction, Kind
from netui.storage import StoreLocked
from netui.ui.contact_form import ContactForm
from netui.ui.contacts_pane import ContactsPane
from netui.ui.favour_form import FavourForm
from netui.ui.interaction_form import InteractionForm
from tests.ui.notices import notice_with


def error_of(app, field: str) -> str:
    return str(app.screen.query_one(f"#err-{field}", Static).content)


async def test_new_contact_saved_and_selected(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Ada Lovelace")
        app.screen.query_one("#f-emails").value = "ada@example.org"
        app.screen.query_one("#f-tags").value = "#math #poetry"
        app.screen.query_one("#f-circle", Select).value = "inner"
        app.screen.query_one("#f-birthday").value = "--12-10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        [ada] = network.contacts()
        assert (ada.name, ada.emails, ada.tags, ada.circle) == (
            "Ada Lovelace", ["ada@example.org"], ["math", "poetry"], "inner")
        assert app.query_one(ContactsPane).contact_list.current.id == ada.id


async def test_invalid_fields_show_inline_and_nothing_is_saved(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-emails").value = "not-an-email"
        app.screen.query_one("#f-cadence_days").value = "often"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "cadence" not in error_of(app, "name") and error_of(app, "cadence_days")
        assert network.contacts() == []
        app.screen.query_one("#f-cadence_days").value = "3w"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "name") == "required"
        app.screen.query_one("#f-name").value = "Bob [/]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not an email address" in error_of(app, "emails")
        assert network.contacts() == []
        app.screen.query_one("#f-emails").value = "bob@example.org"
        app.screen.query_one("#f-birthday").value = "1990-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "does not exist" in error_of(app, "birthday")
        app.screen.query_one("#f-birthday").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        [bob] = network.contacts()
        assert (bob.name, bob.cadence_days) == ("Bob [/]", 21)


async def test_edit_contact(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        c = app.query_one(ContactsPane).contact_list.current
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#f-name").value == c.name
        app.screen.query_one("#f-company").value = "New Co"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_network.contact(c.id).company == "New Co"
        assert tuple(demo_network.contact(c.id).emails) == c.emails  # kept as they were


async def test_escape_cancels_without_saving(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        c = app.query_one(ContactsPane).contact_list.current
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-company").value = "Never Saved"
        await pilot.press("escape")
        await pilot.pause()
        assert demo_network.contact(c.id).company == c.company


async def test_a_store_error_keeps_the_form_open(network, make_app, monkeypatch):
    def locked(*args, **kwargs):
        raise StoreLocked("another netui is writing; try again")

    app = make_app(network)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ada")
        monkeypatch.setattr(network.store, "apply", locked)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "another netui" in str(app.screen.query_one("#form-error", Static).content)
        assert app.screen.query_one("#f-name").value == "Ada"
        await notice_with(app, pilot, "not saved")


async def test_log_an_interaction_with_a_followup(network, make_app, today):
    ana = network.add_contact(Contact(name="Ana Lima", circle="close"))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InteractionForm)
        assert app.screen.query_one("#f-people").value == "Ana Lima"
        app.screen.query_one("#f-date").value = "yesterday"
        app.screen.query_one("#f-kind", Select).value = "call"
        app.screen.query_one("#f-text").text = "talked about [the] move"
        app.screen.query_one("#f-followup").value = "2w"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [i] = network.interactions_for(ana.id)
        assert (i.date, i.kind, i.text) == (today - timedelta(days=1), Kind.call,
                                            "talked about [the] move")
        assert network.due(ana.id).due == today + timedelta(days=14)


async def test_interaction_form_errors(network, make_app):
    network.add_contact(Contact(name="Ana Lima"))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#f-people").value = "Nobody Here"
        app.screen.query_one("#f-date").value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no contact matches" in error_of(app, "people")
        app.screen.query_one("#f-people").value = "Ana Lima"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is not a date" in error_of(app, "date")
        assert network.interactions_for(network.contacts()[0].id) == []


async def test_favour_form_from_the_contacts_pane(network, make_app, today):
    ana = network.add_contact(Contact(name="Ana Lima"))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FavourForm)
        app.screen.query_one("#f-direction", Select).value = "asked"
        app.screen.query_one("#f-text").value = "an intro"
        app.screen.query_one("#f-date").value = "2026-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a real date" in error_of(app, "date")
        app.screen.query_one("#f-date").value = "3d ago"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [fav] = network.favours(ana.id)
        assert (fav.direction, fav.status.value, fav.date) == (
            Direction.asked, "open", today - timedelta(days=3))
        assert fav.date < date(2026, 11, 22)


async def test_a_favour_without_a_description_is_refused_under_the_field(network, make_app):
    ada = network.add_contact(Contact(name="Ada Lovelace"))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(FavourForm(network, ada.id))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FavourForm)
        assert "description" in error_of(app, "text")
        assert network.favours() == []
        app.screen.query_one("#f-text").value = "intro to Sam"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FavourForm)
        assert [f.text for f in network.favours()] == ["intro to Sam"]


async def test_looking_for_is_edited_in_the_contact_form(network, make_app):
    network.add_contact(Contact(id="priya", name="Priya Raman",
                                looking_for=["climate-tech intros"]))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#f-looking_for")
        assert field.value == "climate-tech intros"
        field.value = "climate-tech intros; a flat in Berlin, near Mitte"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert network.contact("priya").looking_for == [
        "climate-tech intros", "a flat in Berlin, near Mitte"]
