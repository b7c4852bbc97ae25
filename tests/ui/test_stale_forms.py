"""Forms save against the revision they were opened on (F2, B2): a reload while the form
is open says what changed, a stale save is refused every time, ctrl+r keeps the edits."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from netui.domain.models import Contact
from netui.services import Network
from netui.ui.app import NetuiApp
from netui.ui.contact_form import ContactForm
from tests.conftest import open_network
from tests.faults.test_two_processes import netui


def form_error(app: NetuiApp) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


async def test_form_refuses_twice_then_reloads_keeping_the_users_edits(
        network: Network, data_dir: Path, make_app) -> None:
    ada = network.add_contact(Contact(name="Ada Lovelace", company="Start", title="Dr"))
    app = make_app(network)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        other = open_network(data_dir)
        other.edit_contact(ada.id, title="SHELL-TITLE")
        other.store.close()
        network.refresh()  # the 2 s poll lands while the form is open
        await pilot.pause()
        assert "title" in form_error(app)  # the open form says what changed
        app.screen.query_one("#f-company", Input).value = "TUI-COMPANY"
        for _ in range(2):  # pressing save again does not bypass the check
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ContactForm)
            assert "title" in form_error(app) and "ctrl+r" in form_error(app)
            assert network.contact(ada.id).title == "SHELL-TITLE"
            assert network.contact(ada.id).company == "Start"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#f-title", Input).value == "SHELL-TITLE"
        assert app.screen.query_one("#f-company", Input).value == "TUI-COMPANY"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
    saved = network.contact(ada.id)
    assert (saved.title, saved.company) == ("SHELL-TITLE", "TUI-COMPANY")


async def test_two_apps_on_one_contact_second_save_refused(data_dir: Path, make_app) -> None:
    a_net = open_network(data_dir)
    ada = a_net.add_contact(Contact(name="Ada Lovelace", company="Start", title="Start"))
    b_net = open_network(data_dir)
    app_a, app_b = make_app(a_net), make_app(b_net)
    async with app_a.run_test(size=(110, 40)) as pa, app_b.run_test(size=(110, 40)) as pb:
        await pa.press("e")
        await pb.press("e")
        await pa.pause()
        await pb.pause()
        app_a.screen.query_one("#f-company", Input).value = "COMPANY-FROM-A"
        await pa.press("ctrl+s")
        await pa.pause()
        b_net.refresh()
        app_b.screen.query_one("#f-title", Input).value = "TITLE-FROM-B"
        await pb.press("ctrl+s")
        await pb.pause()
        assert isinstance(app_b.screen, ContactForm)
        assert "company" in form_error(app_b)
    on_disk = open_network(data_dir).contact(ada.id)
    assert (on_disk.company, on_disk.title) == ("COMPANY-FROM-A", "Start")


async def test_a_form_opened_right_after_a_shell_note_shows_the_newest(
        network: Network, data_dir: Path, make_app) -> None:
    ada = network.add_contact(Contact(name="Ada Lovelace", company="Start"))
    app = make_app(network)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert netui(data_dir, "edit", "Ada Lovelace", "--company", "Shell Co").returncode == 0
        await pilot.press("e")  # no poll in between: the form checks the disk itself
        await pilot.pause()
        assert app.screen.query_one("#f-company", Input).value == "Shell Co"
    assert network.contact(ada.id).company == "Shell Co"


async def test_a_review_opened_right_after_a_shell_change_includes_it(
        network: Network, data_dir: Path) -> None:
    from datetime import date

    from tests.ui.test_review_ui import Host

    network.add_contact(Contact(name="Ada Lovelace", circle="close", met_on=date(2026, 9, 1)))
    network.add_contact(Contact(name="Bo Shell", circle="close", met_on=date(2026, 9, 1)))
    network.due_list()  # the in-memory copy (notes too) exists before the shell writes
    assert netui(data_dir, "done", "Bo Shell").returncode == 0
    app = Host(network)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#rv-who", Static).content)
        progress = str(app.screen.query_one("#rv-progress", Static).content)
        assert "Ada Lovelace" in shown and progress == "1 of 1"


async def test_an_open_review_redraws_its_card_when_a_shell_note_lands(
        network: Network, data_dir: Path) -> None:
    from datetime import date

    from tests.ui.test_review_ui import Host

    network.add_contact(Contact(name="Ada Lovelace", circle="close", met_on=date(2026, 9, 1)))
    app = Host(network)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        history = app.screen.query_one("#rv-history", Static)
        assert "planted-from-the-shell" not in str(history.content)
        assert netui(data_dir, "note", "@Ada Lovelace note planted-from-the-shell").returncode == 0
        network.refresh()  # what the app's poll does every two seconds
        await pilot.pause()
        assert "planted-from-the-shell" in str(app.screen.query_one("#rv-history", Static).content)
