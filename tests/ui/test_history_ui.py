"""The person's timeline as a list you can fix (B7), notes in the `/` filter, the footer,
focus, the 80-column layout, one-key edits and where the cursor lands (B18)."""

from __future__ import annotations

from textual.widgets import Input

from netui.domain.models import Contact, Interaction, Kind
from netui.ui.confirm import ConfirmScreen
from netui.ui.contacts_pane import ContactsPane
from netui.ui.form_base import FormScreen
from netui.ui.key_footer import KeyFooter
from netui.ui.note_matches import NoteMatches
from netui.ui.quick_edits import CirclePicker, TagPrompt
from netui.ui.timeline import Timeline


def pane_of(app) -> ContactsPane:
    return app.query_one(ContactsPane)


async def _first_with_note(app, pilot, network) -> tuple[str, Interaction]:
    pane = pane_of(app)
    for n, row in enumerate(pane.contact_list.rows):
        notes = network.interactions_for(row.id)
        if notes:
            pane.contact_list.cursor = n
            await pilot.pause()
            return row.id, notes[0]
    raise AssertionError("the demo has notes")


async def test_timeline_delete_asks_then_deletes_and_undo_brings_it_back(demo_network,
                                                                         make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        cid, note = await _first_with_note(app, pilot, demo_network)
        timeline = app.query_one(Timeline)
        await pilot.press("enter")  # the card: focus on its timeline
        await pilot.pause()
        assert timeline.has_focus
        timeline.highlighted = next(n for n in range(timeline.option_count)
                                    if timeline.get_option_at_index(n).id == note.id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing deleted
        await pilot.pause()
        assert note.id in {i.id for i in demo_network.interactions_for(cid)}
        await pilot.press("d", "y")
        await pilot.pause()
        assert note.id not in {i.id for i in demo_network.interactions_for(cid)}
        assert note.id not in timeline.entry_ids()
        assert demo_network.get_contact(cid) is not None  # the entry went, not the person
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert note.id in {i.id for i in demo_network.interactions_for(cid)}
        assert note.id in timeline.entry_ids()


async def test_timeline_enter_edits_the_entry_in_its_form(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _cid, note = await _first_with_note(app, pilot, demo_network)
        timeline = app.query_one(Timeline)
        timeline.focus()
        await pilot.pause()
        timeline.highlighted = next(n for n in range(timeline.option_count)
                                    if timeline.get_option_at_index(n).id == note.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        text = app.screen.query_one("#f-text")
        text.text = "fixed the typo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_network.interaction(note.id).text == "fixed the typo"
        assert any("fixed the typo" in line for line in timeline.entry_lines())


async def test_j_and_k_move_in_the_timeline(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _first_with_note(app, pilot, demo_network)
        await pilot.press("tab")
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert timeline.has_focus  # Tab from the list goes to the timeline
        start = timeline.highlighted
        await pilot.press("j")
        assert timeline.highlighted == start + 1
        await pilot.press("k")
        assert timeline.highlighted == start


async def test_the_footer_shows_the_focused_lists_keys(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        on_list = str(footer.line(78))
        assert "Details" in on_list and "Delete entry" not in on_list
        assert on_list.endswith("? Help")
        await pilot.press("enter")
        await pilot.pause()
        on_timeline = str(footer.line(78))
        assert "Edit entry" in on_timeline and "Delete entry" in on_timeline
        for width in (30, 50, 78, 118, 198):
            line = footer.line(width)
            assert line.cell_len <= width and line.plain.endswith("? Help")


async def test_at_80_columns_the_list_takes_the_width_and_enter_opens_the_card(demo_network,
                                                                               make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        side = app.query_one("#contact-side")
        assert pane.contact_list.size.width >= 70 and side.size.width == 0
        await pilot.press("enter")
        await pilot.pause()
        assert side.size.width >= 70 and pane.contact_list.size.width == 0
        await pilot.press("escape")
        await pilot.pause()
        assert pane.contact_list.has_focus and side.size.width == 0
    async with make_app(demo_network).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert pilot.app.query_one("#contact-side").size.width > 30


async def test_slash_matches_notes_too_with_the_line_highlighted(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"coffee")
        await pilot.pause(0.4)  # the notes follow once the typing pauses
        notes = app.query_one(NoteMatches)
        assert notes.display and notes.hits
        assert all("coffee" in h.note.text.lower() for h in notes.hits)
        dates = [h.note.date for h in notes.hits]
        assert dates == sorted(dates, reverse=True)
        hit = notes.hits[0]
        a, b = hit.snippet.spans[0]
        assert hit.snippet.text[a:b].lower() == "coffee"
        await pilot.press("escape")
        await pilot.pause()
        assert not notes.display


async def test_the_palette_offers_search_notes(demo_network, make_app):
    from netui.ui.commands import all_commands

    assert any(c.title == "Search notes…" and c.action == "filter" for c in all_commands())


async def test_c_sets_the_circle_with_one_more_key(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row = pane_of(app).contact_list.current
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CirclePicker)
        await pilot.press("1")
        await pilot.pause()
        assert demo_network.contact(row.id).circle == next(iter(demo_network.circles()))
        await pilot.press("c", "0")
        await pilot.pause()
        assert demo_network.contact(row.id).circle is None


async def test_t_adds_a_tag(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row = pane_of(app).contact_list.current
        before = list(demo_network.contact(row.id).tags)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagPrompt)
        await pilot.press(*"#podcast", "enter")
        await pilot.pause()
        assert demo_network.contact(row.id).tags == [*before, "podcast"]


async def test_after_a_delete_the_cursor_goes_to_the_next_row(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        pane.contact_list.cursor = 5
        await pilot.pause()
        following = pane.contact_list.rows[6].id
        await pilot.press("d", "y")
        await pilot.pause()
        assert pane.contact_list.current.id == following
        pane.contact_list.cursor = 3
        await pilot.pause()
        following = pane.contact_list.rows[4].id
        await pilot.press("A", "y")
        await pilot.pause()
        assert pane.contact_list.current.id == following


async def test_esc_on_a_changed_form_asks_before_discarding(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Nadia")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is form and form.query_one("#f-name", Input).value == "Nadia"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, (FormScreen, ConfirmScreen))


async def test_the_favour_forms_person_field_completes_names(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "n")
        await pilot.pause()
        person = app.screen.query_one("#f-person", Input)
        person.value = ""
        person.focus()
        await pilot.press(*"ais")
        await pilot.pause(0.2)
        await pilot.press("right")  # accepts the greyed completion
        await pilot.pause()
        assert person.value == "Aisha Khan"


async def test_todays_notes_are_in_todays_agenda(demo_network, make_app, today):
    who = demo_network.contacts()[0]
    demo_network.log_interaction(Interaction(contact_ids=[who.id], date=today,
                                             kind=Kind.call, text="a call today"))
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        agenda = app.query_one("#agenda")
        lines = [str(agenda.get_option_at_index(n).prompt) for n in range(agenda.option_count)]
        start = next(n for n, line in enumerate(lines) if line.startswith("Today"))
        end = next(n for n, line in enumerate(lines) if line.startswith("Next"))
        assert any("a call today" in line for line in lines[start:end])


async def test_quick_add_creates_a_new_two_word_name_once_confirmed(network, make_app):
    network.add_contact(Contact(name="Priya Raman"))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"@Nadia Petrova coffee about the fund", "enter")
        await pilot.pause()
        assert not network.find("Nadia Petrova")  # the preview says new; not yet saved
        await pilot.press("enter")
        await pilot.pause()
        [nadia] = network.find("Nadia Petrova")
        [note] = network.interactions_for(nadia.id)
        assert note.text == "coffee about the fund"


async def test_timeline_edits_a_favour_in_its_form_and_moves_a_check_in(demo_network,
                                                                         make_app, today):
    from datetime import timedelta

    from netui.domain.models import CheckIn, Favour
    from netui.ui.date_picker import DatePrompt
    from netui.ui.favour_form import FavourForm

    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        timeline = app.query_one(Timeline)
        row = next(n for n, r in enumerate(pane.contact_list.rows)
                   if demo_network.favours(r.id) and demo_network.checkins_for(r.id))
        pane.contact_list.cursor = row
        await pilot.pause()
        cid = pane.contact_list.current.id
        demo_network.add_checkin(CheckIn(contact_id=cid, due=today + timedelta(days=3),
                                         reason="send the deck"))
        await pilot.pause()
        timeline.focus()
        for kind, screen in ((Favour, FavourForm), (CheckIn, DatePrompt)):
            timeline.highlighted = next(
                n for n, entry in enumerate(timeline.entries())
                if isinstance(entry, kind)
                and (kind is not CheckIn or entry.reason == "send the deck"))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)
            if screen is DatePrompt:
                app.screen.query_one(Input).value = "2w"
                await pilot.press("enter")
                await pilot.pause()
                moved = [c for c in demo_network.checkins_for(cid) if c.reason == "send the deck"]
                assert [c.due for c in moved] == [today + timedelta(days=14)]
            else:
                await pilot.press("escape")
                await pilot.pause()
