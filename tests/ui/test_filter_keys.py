"""The contacts filter in the app, key by key: after every key typed or deleted the list
shows the contacts the straightforward filter (search.filter_contacts) finds for the
text in the box, in its order; with nobody to show, the notes get the room once typing
pauses."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netui.demo import generate
from netui.domain.search import filter_contacts
from netui.ui.app import NetuiApp
from netui.ui.contact_list import ContactList
from netui.ui.contacts_pane import NOTES_DELAY, FilterInput
from netui.ui.note_matches import NoteMatches
from tests.conftest import TODAY, open_network

keys = st.lists(st.one_of(st.sampled_from(list("aeimnorstk#: ")), st.just("backspace")),
                min_size=1, max_size=12)


async def type_and_compare(network, pressed: list[str]) -> None:
    people = network.contact_rows()
    app = NetuiApp(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        box, rows = app.query_one(FilterInput), app.query_one(ContactList)
        for key in pressed:
            await pilot.press(key)
            want = [c.id for c in filter_contacts(people, box.value)]
            assert [c.id for c in rows.rows] == want, (pressed, box.value)
            current = rows.current
            assert (current is None) == (not want)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pressed=keys)
@example(pressed=[*"mari", "backspace", "o", *["backspace"] * 5])
@example(pressed=[*"aishq", "backspace", *"kk", "backspace", "backspace"])  # close spellings
@example(pressed=[*"#cl", "backspace", "o"])
def test_every_key_shows_what_the_straightforward_filter_finds(tmp_path_factory, pressed):
    network = open_network(tmp_path_factory.mktemp("net") / "data")
    try:
        network.import_all(generate(60, seed=7, today=TODAY))
        asyncio.run(type_and_compare(network, pressed))
    finally:
        network.store.close()


async def test_with_nobody_to_show_the_notes_get_the_room_when_typing_pauses(
        demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"zzqx")
        rows, notes = app.query_one(ContactList), app.query_one(NoteMatches)
        assert rows.rows == [] and rows.message is not None  # the list says so at once
        for _ in range(100):
            if rows.has_class("-no-people"):
                break
            await pilot.pause(NOTES_DELAY / 5)
        assert rows.has_class("-no-people") and notes.has_class("-no-people")
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert not rows.has_class("-no-people")  # an empty box: the list back at once


async def test_typing_a_filter_lists_the_matching_people_with_their_names_as_typed(
        tmp_path):
    """Names are drawn as text, never as markup, whatever the filter matched."""
    from netui.domain.models import Contact

    network = open_network(tmp_path / "data")
    try:
        for name in ("Bob [/]", "Bobby [b]Tables[/b]", "Alice Stone", "Robert Bobson"):
            network.add_contact(Contact(name=name))
        app = NetuiApp(network)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("slash", *"bob")
            await pilot.pause()
            rows = app.query_one(ContactList)
            assert [c.name for c in rows.rows] == ["Bob [/]", "Bobby [b]Tables[/b]",
                                                    "Robert Bobson"]
            drawn = [rows.render_line(y).text for y in range(3)]
            assert "Bob [/]" in drawn[0] and "Bobby [b]Tables[/b]" in drawn[1]
            await pilot.press(*" [/]")
            await pilot.pause()
            assert [c.name for c in rows.rows] == ["Bob [/]"]
            await pilot.press("escape", "slash", *"alcie")  # a close spelling
            await pilot.pause()
            assert [c.name for c in rows.rows] == ["Alice Stone"]
    finally:
        network.store.close()
