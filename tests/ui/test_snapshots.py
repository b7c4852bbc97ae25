"""Snapshots of each pane and dialog at 80x24, 120x40 and 200x60, on the demo network and
the frozen today. Regenerate with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them."""

from __future__ import annotations

import pytest

from netui.ui.app import NetuiApp

SIZES = [(80, 24), (120, 40), (200, 60)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def app_for(demo_network, tmp_path) -> NetuiApp:
    return NetuiApp(demo_network, config_path=tmp_path / "config.toml")


@size_ids
def test_contacts_pane(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), terminal_size=size)


@size_ids
def test_contact_card_and_timeline(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["enter"], terminal_size=size)


@size_ids
def test_contacts_filtered_with_notes(snap_compare, demo_network, tmp_path, size):
    async def type_and_wait(pilot):
        from netui.ui.contacts_pane import FilterInput
        from netui.ui.note_matches import NoteMatches

        await pilot.press("slash", *"coffee")
        pilot.app.query_one(FilterInput).cursor_blink = False  # the same picture every run
        notes = pilot.app.query_one(NoteMatches)
        # The notes section and the card follow once the typing pauses, each on its own
        # timer: wait for the notes, then for the screen to stop changing (on a loaded
        # machine a fixed pause took the picture before the last of them had drawn).
        last, same = "", 0
        for _ in range(100):
            await pilot.pause(0.1)
            shot = pilot.app.export_screenshot()
            same = same + 1 if shot == last else 0
            last = shot
            if notes.display and notes.option_count and same >= 3:
                break

    assert snap_compare(app_for(demo_network, tmp_path), run_before=type_and_wait,
                        terminal_size=size)


@size_ids
def test_ledger_pane(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["2"], terminal_size=size)


@size_ids
def test_calendar_pane(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["3"], terminal_size=size)


@size_ids
def test_help_screen(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["question_mark"],
                        terminal_size=size)


@size_ids
def test_contact_form(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["e"], terminal_size=size)


@size_ids
def test_favour_form(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["f"], terminal_size=size)


@size_ids
def test_interaction_form(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["i"], terminal_size=size)


@size_ids
def test_circle_picker(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["c"], terminal_size=size)


@size_ids
def test_delete_question(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["d"], terminal_size=size)


@size_ids
def test_quick_add(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["a", *"@Aisha coffee"],
                        terminal_size=size)


def test_health_pane_at_80x24(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(80, 24))


def test_health_pane_at_120x40(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(120, 40))


def test_health_pane_at_200x60(snap_compare, demo_network, tmp_path):
    assert snap_compare(app_for(demo_network, tmp_path), press=["5"], terminal_size=(200, 60))


@size_ids
def test_review_card(snap_compare, demo_network, tmp_path, size):
    from netui.ui.review import screenshot_keys

    assert snap_compare(app_for(demo_network, tmp_path), press=screenshot_keys(demo_network),
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_gave_box(snap_compare, demo_network, tmp_path, size):
    from netui.ui.review import screenshot_keys

    assert snap_compare(app_for(demo_network, tmp_path),
                        press=[*screenshot_keys(demo_network), "g"], terminal_size=size)


def test_review_summary_at_80x24(snap_compare, demo_network, tmp_path):
    from netui.ui.review import screenshot_keys

    assert snap_compare(app_for(demo_network, tmp_path),
                        press=[*screenshot_keys(demo_network), "x", "q"],
                        terminal_size=(80, 24))


@size_ids
def test_communities_pane(snap_compare, demo_network, tmp_path, size):
    assert snap_compare(app_for(demo_network, tmp_path), press=["4"], terminal_size=size)
