"""Quick-add and the note editor, driven with Pilot on a tiny host app."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.app import App
from textual.widgets import Input, OptionList, Static, TextArea

from netui.domain.models import Contact, Direction, Favour
from netui.ui.quickadd import QuickAddScreen

TODAY = date(2026, 11, 22)


class Host(App):
    """Stands in for the main app: opens the screen and keeps what it dismissed with."""

    def __init__(self, screen_factory):
        super().__init__()
        self.factory = screen_factory
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.factory(), self.results.append)


@pytest.fixture
def people(network):
    for c in (Contact(id="priya", name="Priya Raman", company="Acme"),
              Contact(id="tom", name="Tom Wiśniewski"),
              Contact(id="tomasz", name="Tomasz Nowak", company="Globex"),
              Contact(id="alexc", name="Alex Chen", company="Acme"),
              Contact(id="alexp", name="Alex Park", company="Globex"),
              Contact(id="bob", name="Bob [/]")):
        network.add_contact(c)
    return network


def text_of(app, selector) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_line(pilot, text: str) -> None:
    field = pilot.app.screen.query_one(Input)
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


async def test_type_preview_and_save(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Priya @Tom coffee at Blue Bottle #climate yesterday +2w")
        assert text_of(app, "#qa-preview") == (
            "Meeting with Priya Raman, Tom Wiśniewski · yesterday · #climate · follow-up in 2 weeks")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [
            "Meeting with Priya Raman, Tom Wiśniewski · yesterday · #climate · follow-up in 2 weeks"]
        assert not isinstance(app.screen, QuickAddScreen)
    (meeting,) = people.interactions_for("priya")
    assert meeting.contact_ids == ["priya", "tom"]
    assert meeting.date == TODAY - timedelta(days=1) and meeting.tags == ["climate"]
    assert [c.due for c in people.checkins_for("tom")] == [TODAY + timedelta(weeks=2)]


async def test_typing_at_completes_names_with_company(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("@", "a", "l", "e", "x")
        options = app.screen.query_one("#qa-complete", OptionList)
        assert options.display
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[:2] == ["Alex Chen  Acme", "Alex Park  Globex"]
        await pilot.press("down", "tab")
        assert app.screen.query_one(Input).value == "@Alex Park "
        assert not options.display
        await pilot.press(*"lunch")
        assert text_of(app, "#qa-preview") == "Meeting with Alex Park · today"
        await pilot.press("enter")
        await pilot.pause()
    assert len(people.interactions_for("alexp")) == 1


async def test_accent_insensitive_completion_and_enter_accepts(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("@", "w", "i", "s", "n")
        await pilot.press("enter")  # with the list open, Enter takes the highlighted name
        assert app.screen.query_one(Input).value == "@Tom Wiśniewski "
        assert people.interactions_for("tom") == []


async def test_ambiguous_name_is_refused_with_both_names(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Alex lunch")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
        status = text_of(app, "#qa-status")
        assert "ambiguous" in status and "Alex Chen (Acme)" in status
        assert "Alex Park (Globex)" in status
        assert app.results == []
    assert people.interactions_for("alexc") == people.interactions_for("alexp") == []


async def test_unknown_name_is_offered_for_creation(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Samira lunch")
        assert "Samira is new" in text_of(app, "#qa-status")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)  # the first Enter only offers
        assert "Enter again to create Samira" in text_of(app, "#qa-status")
        assert text_of(app, "#qa-preview") == "Meeting with Samira (new) · today"
        assert people.contact_count() == 6
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["Meeting with Samira (new) · today"]
    samira = people.find_one("Samira")
    assert [i.text for i in people.interactions_for(samira.id)] == ["lunch"]


async def test_editing_after_the_offer_withdraws_it(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Samira lunch")
        await pilot.press("enter")
        await type_line(pilot, "@Samir lunch")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
    assert people.contact_count() == 6


async def test_escape_cancels(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Priya lunch")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
    assert people.interactions_for("priya") == []


async def test_an_ask_shows_balance_habit_and_warning(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "asked @Priya for a reference")
        advice = app.screen.query_one("#qa-advice", Static)
        assert advice.display and advice.has_class("-warn")
        text = str(advice.render())
        assert "Balance with Priya Raman: +0" in text and "Give first" in text
        assert "You have given Priya Raman nothing yet" in text
        await pilot.press("enter")
        await pilot.pause()
    (ask,) = people.favours("priya")
    assert ask.direction is Direction.asked and ask.status.value == "open"


async def test_no_warning_after_giving(people):
    people.log_favour(Favour(contact_id="tom", direction=Direction.gave, text="a book",
                             date=TODAY, size=2))
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "asked @Tom for ideas")
        advice = app.screen.query_one("#qa-advice", Static)
        assert "Balance with Tom Wiśniewski: +2" in str(advice.render())
        assert not advice.has_class("-warn")


async def test_markup_in_names_and_text_is_literal(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, '@"Bob [/]" [b]lunch[/b] @"[x]"')
        assert text_of(app, "#qa-preview") == "Meeting with Bob [/], [x]? · today"
        assert "[x] is new" in text_of(app, "#qa-status")
        await type_line(pilot, "@bo")
        options = app.screen.query_one("#qa-complete", OptionList)
        assert str(options.get_option_at_index(0).prompt) == "Bob [/]"


async def test_ctrl_n_note_editor_parses_the_first_line(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "@Priya call #hiring")
        await pilot.press("ctrl+n")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text.startswith("@Priya call #hiring")
        area.insert("She is hiring two designers.\nAsk about remote work.")
        await pilot.pause()
        assert text_of(app, "#qa-preview") == "Call with Priya Raman · today · #hiring"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["Call with Priya Raman · today · #hiring"]
        assert not isinstance(app.screen, QuickAddScreen)
    (call,) = people.interactions_for("priya")
    assert call.text == "call\nShe is hiring two designers.\nAsk about remote work."
    assert call.tags == ["hiring"]


async def test_note_editor_refuses_a_bad_first_line(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("lunch with nobody\nmore")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "mention someone" in text_of(app, "#qa-status")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
    assert people.interactions_for("priya") == []


async def test_the_ask_coach_speaks_before_saving(people):
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_line(pilot, "asked @Priya to find me a job at Acme")
        advice = str(app.screen.query_one("#qa-advice", Static).render())
        assert "Big ask: a job is not theirs to give and hard to refuse." in advice
        assert ("Try: tell them you are looking at Acme and ask whether they would be a "
                "reference, or who you should talk to.") in advice
        assert people.favours("priya") == []  # nothing saved while typing
        await type_line(pilot, "asked @Priya for a reference")
        advice = str(app.screen.query_one("#qa-advice", Static).render())
        assert "Small ask: information, ideas, advice or a pointer" in advice
        assert "Big ask" not in advice


async def test_typing_ampersand_completes_community_names(people):
    """`&` completes a community's name as `@` completes a person's (issue 16): a name of
    two words is written quoted, so the line reads back as that community."""
    from netui.domain.communities import Community

    people.communities.add(Community(name="ACM Lagos"))
    people.communities.add(Community(name="PyConAfrica"))
    app = Host(lambda: QuickAddScreen(people))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("&", "a", "c")
        options = app.screen.query_one("#qa-complete", OptionList)
        assert options.display
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["ACM Lagos"]
        await pilot.press("tab")
        assert app.screen.query_one(Input).value == '&"ACM Lagos" '
        await pilot.press(*"chapter meetup, met @Priya")
        await pilot.press("tab")  # the person after it completes as before
        assert app.screen.query_one(Input).value == '&"ACM Lagos" chapter meetup, met @Priya Raman '
        await pilot.press("enter")
        await pilot.pause()
    (acm,) = [c for c in people.communities.all() if c.name == "ACM Lagos"]
    (took_part,) = people.communities.history(acm.id)
    assert took_part.contact_ids == ["priya"]
