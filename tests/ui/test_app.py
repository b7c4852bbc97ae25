"""The app shell: panes, help, palette, keymap, themes, undo, refresh, errors, sizes."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from textual.widgets import ContentSwitcher, Static, Tabs

from netui.domain.models import Contact
from netui.services import Network
from netui.storage import Store, WriteFailed
from netui.ui.app import NetuiApp
from netui.ui.commands import all_commands
from netui.ui.contacts_pane import ContactsPane
from netui.ui.help_screen import HelpScreen
from tests.ui.helpers import card_titles, list_message
from tests.ui.notices import notice_with, notices


def current(app: NetuiApp) -> str:
    return app.query_one(ContentSwitcher).current or ""


async def test_number_keys_switch_panes_and_the_tab_follows(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert current(app) == "contacts"
        for key, pane in (("2", "ledger"), ("3", "calendar"), ("1", "contacts")):
            await pilot.press(key)
            await pilot.pause()
            assert current(app) == pane
            assert app.query_one(Tabs).active == f"tab-{pane}"


async def test_clicking_a_tab_switches_pane(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.click("#tab-ledger")
        await pilot.pause()
        assert current(app) == "ledger"


async def test_help_lists_every_binding_with_its_id(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", Static).content
        ids = {str(cell) for cell in table.columns[2].cells}
        for cmd in all_commands():
            if cmd.binding:
                assert cmd.binding.id in ids
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


def test_every_binding_has_an_id_and_a_description():
    cmds = all_commands()
    keys = {c.binding.id for c in cmds if c.binding}
    for required in ("netui.pane.contacts", "netui.pane.ledger", "netui.pane.calendar",
                     "netui.filter", "netui.quick_add", "netui.new", "netui.edit",
                     "netui.delete", "netui.review", "netui.help", "netui.quit", "netui.undo"):
        assert required in keys
    assert all(c.binding.description for c in cmds if c.binding)
    titles = {c.title for c in cmds}
    assert "Import contacts from a file…" in titles
    assert "Find and merge duplicates" in titles


async def test_palette_runs_a_pane_command(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"check-in calendar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == "calendar"


async def test_keymap_from_config_remaps_a_binding(demo_network, make_app):
    demo_network.config.keymap = {"netui.pane.ledger": "L"}
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert current(app) == "contacts"
        await pilot.press("L")
        await pilot.pause()
        assert current(app) == "ledger"


async def test_theme_choice_is_saved_to_the_config(demo_network, make_app, config_path):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert tomllib.loads(config_path.read_text())["theme"] == "nord"


async def test_theme_from_config_is_applied(demo_network, make_app):
    demo_network.config.theme = "gruvbox"
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"


async def test_ctrl_z_undoes_from_any_pane(demo_network, make_app):
    app = make_app(demo_network)
    before = len(demo_network.contacts())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        name = app.query_one(ContactsPane).contact_list.current.name
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(demo_network.contacts()) == before - 1
        await pilot.press("3")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(demo_network.contacts()) == before
        assert name in {c.name for c in demo_network.contacts()}


async def test_undo_with_nothing_to_undo_says_so(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        await notice_with(app, pilot, "Nothing to undo")


async def test_writes_from_another_process_show_up(demo_network, make_app, data_dir, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        other = Network(Store(data_dir, today=lambda: today).open(), today=lambda: today)
        try:
            other.add_contact(Contact(name="Zed From The Shell"))
        finally:
            other.store.close()
        demo_network.refresh()  # what the app's two-second timer calls
        await pilot.pause()
        rows = app.query_one(ContactsPane).contact_list.rows
        assert "Zed From The Shell" in {c.name for c in rows}


async def test_a_store_error_is_a_notification_and_the_app_keeps_running(
        demo_network, make_app, monkeypatch):
    def fail(*args, **kwargs):
        raise WriteFailed("cannot write netui data: disk full")

    monkeypatch.setattr(demo_network.store, "apply", fail)
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("m")  # in touch today: a write
        await pilot.pause()
        shown = await notice_with(app, pilot, "disk full", "not saved")
        assert shown.startswith("Not saved\n")  # the title, then the message
        assert app.is_running
        await pilot.press("2")
        await pilot.pause()
        assert current(app) == "ledger"


async def test_empty_network_tells_a_new_user_what_to_do(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = list_message(app)
        assert "No contacts yet: press n" in shown and "netui import FILE" in shown
        await pilot.press("2")
        await pilot.pause()
        assert "No favours yet" in str(app.query_one("#ledger-empty", Static).content)


async def test_names_are_never_markup(network, make_app):
    for name in ("Bob [/]", "[bold red]Eve[/]", "Zoë 🎉 Ünal", "مريم العربي"):
        network.add_contact(Contact(name=name, company="[i]Acme"))
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        shown = await card_titles(app, pilot)
        assert {"Bob [/]", "[bold red]Eve[/]", "Zoë 🎉 Ünal", "مريم العربي"} == shown
        lines = "".join(s.text for y in range(4) for s in pane.contact_list.render_line(y))
        assert "Bob [/]" in lines and "[bold red]Eve[/]" in lines


def on_screen(app: NetuiApp, widget) -> bool:
    """The widget has room and lies wholly inside the terminal."""
    region = widget.region
    return region.area > 0 and app.screen.region.contains_region(region)


def partly_on_screen(app: NetuiApp, widget) -> bool:
    """At least part of the widget is in the terminal (a big one scrolls at 40x12)."""
    return widget.region.area > 0 and app.screen.region.overlaps(widget.region)


@pytest.mark.parametrize("size", [(40, 12), (300, 100), (80, 24)], ids=lambda s: "x".join(map(str, s)))
async def test_tiny_and_huge_terminals_show_every_pane_dialog_and_form(
        demo_network, make_app, today, size):
    from netui.ui.contact_form import ContactForm

    app = make_app(demo_network)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()  # the due count joins the status line after the first frame
        status = app.query_one("#status", Static)
        assert str(status.content).startswith(f"{demo_network.active_count()} contacts")
        assert partly_on_screen(app, status), status.region
        assert partly_on_screen(app, app.query_one(Tabs))
        for key, pane in (("2", "ledger"), ("3", "calendar")):
            await pilot.press(key)
            await pilot.pause()
            assert current(app) == pane and partly_on_screen(app, app.query_one(f"#{pane}"))
        await pilot.press("l")  # the calendar's next day
        await pilot.pause()
        grid = app.query_one("#month-grid")
        assert grid.selected == today + timedelta(days=1) and partly_on_screen(app, grid)
        await pilot.press("1")
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        assert current(app) == "contacts" and partly_on_screen(app, pane.contact_list)
        assert pane.contact_list.rows  # the demo people are listed
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert on_screen(app, app.screen.query_one("#help-dialog"))
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.focused is not None and app.focused.id == "f-name"
        assert on_screen(app, app.focused)
        await pilot.press("escape")
        await pilot.pause()
        assert current(app) == "contacts" and not isinstance(app.screen, ContactForm)


async def test_the_app_uses_the_networks_frozen_today(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one("#month-grid").selected == today


async def test_quit(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_opens_quick_add_and_r_the_daily_review(demo_network, make_app):
    from netui.ui.quickadd import QuickAddScreen
    from netui.ui.review import ReviewScreen

    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_palette_opens_import_and_dedupe(demo_network, make_app):
    from netui.ui.dedupe_screen import DedupeScreen
    from netui.ui.import_screen import ImportScreen

    for query, screen in (("Import contacts from a file", ImportScreen),
                          ("Find and merge duplicates", DedupeScreen)):
        app = make_app(demo_network)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)


async def test_a_second_netui_on_the_same_data_is_told(demo_network, make_app, data_dir):
    from tests.conftest import open_network

    other = open_network(data_dir)  # e.g. a second terminal
    assert other.store.join_session() is False
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        shown = await notice_with(app, pilot, "Another netui has this data open")
        assert shown.startswith("Shared data\n")
    other.store.close()


async def test_alone_on_the_data_no_shared_notice(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        shown = await notices(app, pilot)
        assert not any("Shared data" in n or "Another netui" in n for n in shown), shown


async def test_a_note_from_a_shell_process_shows_up_in_the_open_app(demo_network, make_app,
                                                                     data_dir):
    import subprocess
    import sys

    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        who = pane.contact_list.rows[0]
        before = len(demo_network.interactions_for(who.id))
        shell = subprocess.run(
            [sys.executable, "-m", "netui", "--data-dir", str(data_dir), "note",
             f'@"{who.name}" call about the shell test'],
            capture_output=True, text=True, timeout=60)
        assert shell.returncode == 0, shell.stderr
        demo_network.refresh()  # what the app's two-second timer calls
        await pilot.pause()
        assert len(demo_network.interactions_for(who.id)) == before + 1
        from netui.ui.timeline import Timeline

        assert any("call about the shell test" in line
                   for line in app.query_one(Timeline).entry_lines())
