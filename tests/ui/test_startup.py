"""What the app does at start-up: the contact list first, the rest after the first frame
(the ledger and calendar when first shown, every file read, today's backup), and data
found unreadable on the way ends the app with one line, as in the shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from netui.cli import main
from netui.domain.models import Contact, Direction, Favour
from netui.services import Network
from netui.storage import CorruptData, Store
from netui.ui.app import NetuiApp
from netui.ui.calendar_pane import CalendarPane
from netui.ui.contacts_pane import ContactsPane
from netui.ui.ledger_pane import LedgerPane
from netui.ui.row_table import RowTable
from tests.conftest import TODAY


def reopened(data_dir: Path) -> Network:
    """The data opened the way `netui` opens it for the app (backup left for later)."""
    return Network(Store(data_dir, today=lambda: TODAY).open(backup=False), today=lambda: TODAY)


def break_a_favours_file(network: Network, data_dir: Path) -> Path:
    ana = network.add_contact(Contact(name="Ana"))
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="an intro",
                              date=TODAY))
    network.store.close()
    shard = next(p for p in (data_dir / "favours").glob("*.json") if p.stat().st_size > 2)
    shard.write_bytes(b"\x00 not json")
    return shard


async def test_ledger_and_calendar_are_built_when_first_shown(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.query(ContactsPane) and not app.query(LedgerPane)
        assert not app.query(CalendarPane)
        await pilot.press("2")
        await pilot.pause()
        ledger = app.query_one(LedgerPane)
        assert ledger.has_focus_within and app.query_one("#favours", RowTable).row_count > 0
        demo_network.add_contact(Contact(name="Zed"))  # a write marks built panes stale
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one(CalendarPane).agenda.option_count > 0
        assert app.query_one(CalendarPane).display and not ledger.display


async def test_a_palette_command_runs_in_a_pane_not_built_yet(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.run_pane_action("ledger", "next_filter")
        await pilot.pause()
        assert app.query_one(LedgerPane).filter == "given"


async def test_todays_backup_is_made_after_the_first_frame(demo_network, data_dir, make_app):
    demo_network.store.close()
    network = reopened(data_dir)
    backup = data_dir / "backups" / f"auto-{TODAY}"
    assert not backup.exists()
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        assert backup.is_dir()
    network.store.close()


async def test_unreadable_data_found_after_the_first_frame_ends_the_app(network, data_dir,
                                                                         make_app):
    shard = break_a_favours_file(network, data_dir)
    broken = reopened(data_dir)
    app = make_app(broken)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        assert isinstance(app.fatal, CorruptData) and str(shard) in str(app.fatal)
    assert app.return_code == 1
    broken.store.close()
    assert shard.read_bytes() == b"\x00 not json"  # never overwritten
    assert not (data_dir / "backups" / f"auto-{TODAY}").exists()  # no backup of it


def test_netui_says_so_in_one_line(network, data_dir, config_path, monkeypatch, capsys):
    shard = break_a_favours_file(network, data_dir)

    def headless(self, *args, **kwargs):
        return App.run(self, headless=True, size=(100, 30))

    monkeypatch.setattr(NetuiApp, "run", headless)
    monkeypatch.setenv("NETUI_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NETUI_CONFIG", str(config_path))
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(data_dir)])
    assert done.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("netui: cannot read") and str(shard) in err and "\n" not in err
