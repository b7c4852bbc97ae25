"""Snapshots of each pane, the help screen and a form, on the demo network and the
frozen today. Regenerate with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them."""

from __future__ import annotations

from netui.ui.app import NetuiApp

SIZE = (120, 36)


def app_for(demo_network, tmp_path) -> NetuiApp:
    return NetuiApp(demo_network, config_path=tmp_path / "config.toml")


def test_contacts_pane(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), terminal_size=SIZE)


def test_contacts_pane_at_80x24(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), terminal_size=(80, 24))


def test_contacts_filtered(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["slash", *"#founder"],
                        terminal_size=SIZE)


def test_ledger_pane(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["2"], terminal_size=SIZE)


def test_calendar_pane(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["3"], terminal_size=SIZE)


def test_help_screen(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["question_mark"],
                        terminal_size=SIZE)


def test_contact_form(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["e"], terminal_size=SIZE)


def test_health_pane_at_80x24(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(80, 24))


def test_health_pane_at_120x40(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(120, 40))


def test_health_pane_at_200x60(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(200, 60))
