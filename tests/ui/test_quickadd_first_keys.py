"""Keys typed the moment quick-add opens reach its box (B16): `a` and the line after it in
one burst, as a fast typist or a terminal sends them, before the box has taken focus."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from netui.domain.models import Contact
from netui.ui.quickadd import QuickAddScreen

NAMED_KEYS = {"@": "at", " ": "space", "#": "number_sign", "+": "plus", "/": "slash"}


def burst(app, text: str) -> None:
    """Queue every key at once, with no pause for the app to draw in between."""
    for char in text:
        app.post_message(events.Key(NAMED_KEYS.get(char, char), char))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def typed_fast(pilot, text: str) -> None:
    """The app settled, `text` in one burst, and the app settled again."""
    await settle(pilot)
    burst(pilot.app, text)
    await settle(pilot)


async def test_a_burst_right_after_a_is_typed_into_quick_add(network, make_app):
    network.add_contact(Contact(id="ben", name="Ben Okafor"))
    app = make_app(network)
    async with app.run_test() as pilot:
        await typed_fast(pilot, "a@Ben coffee #climate")
        assert isinstance(app.screen, QuickAddScreen)
        assert app.screen.query_one("#qa-input", Input).value == "@Ben coffee #climate"
        await pilot.press("enter")
        await settle(pilot)
        (note,) = network.interactions_for("ben")
        assert note.text == "coffee" and note.tags == ["climate"]


async def test_a_paste_as_quick_add_opens_lands_in_the_box(network, make_app):
    app = make_app(network)
    async with app.run_test() as pilot:
        await settle(pilot)
        burst(app, "a")
        app.post_message(events.Paste("called the bank"))
        await settle(pilot)
        assert app.screen.query_one("#qa-input", Input).value == "called the bank"


async def test_keys_after_the_box_has_focus_still_go_to_it_once(network, make_app):
    app = make_app(network)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("h", "i", "space", "x")
        assert app.screen.query_one("#qa-input", Input).value == "hi x"
