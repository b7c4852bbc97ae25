"""Every screen at 80x24, 120x40 and 200x60 on the demo network: nothing drawn past the
right edge, and a footer whose every key is whole (B11: `^p palettee` at the edge)."""

from __future__ import annotations

import pytest

from netui.ui.app import NetuiApp
from netui.ui.calendar_pane import CalendarPane
from netui.ui.communities_pane import CommunitiesPane
from netui.ui.contacts_pane import ContactsPane
from netui.ui.health_pane import HealthPane
from netui.ui.ledger_pane import LedgerPane
from netui.ui.review import ReviewScreen, screenshot_keys
from netui.ui.timeline import Timeline

from .screen_text import screen_lines

SIZES = [(80, 24), (120, 40), (200, 60)]
SCREENS = {
    "contacts": [],
    "contact card": ["enter"],
    "timeline focused": ["tab"],
    "ledger": ["2"],
    "calendar": ["3"],
    "calendar agenda": ["3", "tab"],
    "communities": ["4"],
    "communities members": ["4", "tab"],
    "community form": ["4", "n"],
    "health": ["5"],
    "help": ["question_mark"],
    "contact form": ["e"],
    "interaction form": ["i"],
    "favour form": ["f"],
    "circle picker": ["c"],
    "tag prompt": ["t"],
    "delete question": ["d"],
}
# The review after its triage step (as many x as people without a circle), its dialogs.
REVIEW_SCREENS = {
    "review triage": [],
    "review card": [...],
    "review gave box": [..., "g"],
    "review done box": [..., "d"],
    "review note box": [..., "n"],
    "review snooze": [..., "s"],
    "review summary": [..., "x", "q"],
}


def labels() -> set[str]:
    """Every "key Label" a footer may show."""
    out = set()
    for cls in (NetuiApp, ContactsPane, LedgerPane, CalendarPane, CommunitiesPane, HealthPane,
                Timeline, ReviewScreen):
        out |= {b.description for b in cls.BINDINGS if getattr(b, "description", "")}
    return out


def footer_items(footer: str) -> list[str]:
    return [item for item in footer.strip().split("  ") if item]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_fits_and_the_footer_is_whole(demo_network, make_app, size):
    known = labels()
    review = screenshot_keys(demo_network)
    screens = {**SCREENS, **{name: [k for key in keys for k in (review if key is ... else [key])]
                             for name, keys in REVIEW_SCREENS.items()}}
    screens["review triage"] = ["r"]
    for name, keys in screens.items():
        app = make_app(demo_network)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            lines, rightmost = screen_lines(app)
            assert len(lines) == size[1], name
            assert rightmost <= size[0], f"{name}: text drawn to column {rightmost}"
            footer = lines[-1]
            items = footer_items(footer)
            assert items and items[-1] == "? Help", f"{name}: footer {footer!r}"
            for item in items:
                key, _, label = item.partition(" ")
                assert key and label in known, f"{name}: footer item {item!r} in {footer!r}"
