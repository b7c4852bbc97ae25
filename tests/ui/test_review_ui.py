"""A whole daily review with Pilot: triage, every card key, the summary, and that each
action was on disk as it happened."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.app import App
from textual.widgets import Input, Static

from netui.domain.models import CheckInKind, Contact, Direction, Favour, Kind
from netui.ui.review import LinePrompt, ReviewScreen
from tests.conftest import open_network

TODAY = date(2026, 11, 22)


class Host(App):
    def __init__(self, network):
        super().__init__()
        self.network = network
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.network), self.results.append)


def seed(net) -> None:
    for c in (Contact(id="nadia", name="Nadia Novak"),
              Contact(id="tom", name="Tom Wiśniewski", circle="inner", met_on=date(2026, 10, 1)),
              Contact(id="lea", name="Léa Dubois", circle="network", met_on=date(2026, 8, 1)),
              Contact(id="priya", name="Priya Raman [b]", circle="close", birthday="1990-11-24",
                      met_on=date(2026, 11, 20), company="Acme"),
              Contact(id="kenji", name="Kenji Tanaka", circle="acquaintance",
                      met_on=date(2026, 11, 1))):
        net.add_contact(c)
    net.log_favour(Favour(contact_id="priya", direction=Direction.received, text="feedback",
                          date=date(2026, 11, 10)))
    net.log_favour(Favour(contact_id="kenji", direction=Direction.asked, text="an intro",
                          date=TODAY - timedelta(days=40)))


@pytest.fixture
def net(data_dir):
    network = open_network(data_dir)
    seed(network)
    yield network
    network.store.close()


def shown(app, name: str) -> str:
    return str(app.screen.query_one(f"#rv-{name}", Static).content)


async def answer(pilot, text: str) -> None:
    """Type the answer key by key, as a person would (the prompt must have focus)."""
    await pilot.press(*("space" if ch == " " else ch for ch in text))
    assert pilot.app.screen.query_one(Input).value == text
    await pilot.press("enter")
    await pilot.pause()


async def test_a_full_review_session(net, data_dir):
    app = Host(net)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        # Triage first: one key puts Nadia in a circle.
        assert shown(app, "progress").startswith("Triage 1 of 1")
        assert shown(app, "who") == "Nadia Novak"
        await pilot.press("2")
        await pilot.pause()
        assert net.contact("nadia").circle == "close"

        assert shown(app, "progress") == "1 of 4"
        assert shown(app, "who") == "Tom Wiśniewski · inner"
        assert shown(app, "why") == "• check-in (every 14 days), overdue 38d · late"
        assert shown(app, "last") == "last touch: never"
        await pilot.press("d")
        await pilot.pause()
        await answer(pilot, "caught up on the move")
        assert net.last_touch("tom") == TODAY

        assert shown(app, "progress") == "2 of 4"
        assert shown(app, "who").startswith("Léa Dubois")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert net.due("lea").due == TODAY + timedelta(weeks=1)

        assert shown(app, "progress") == "3 of 4"
        assert shown(app, "who") == "Priya Raman [b] · Acme · close"
        assert "birthday in 2 days" in shown(app, "why")
        assert "helped you on 2026-11-10" in shown(app, "why")
        assert shown(app, "balance") == "balance: -1 (gave 0, received 1)"
        assert "give something back" in shown(app, "suggest")
        await pilot.press("k", "k")
        await pilot.pause()
        assert shown(app, "progress") == "1 of 4 · done"
        await pilot.press("j", "j")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "likes [i]jazz[/i]")
        assert shown(app, "progress") == "3 of 4"  # a note keeps the card
        assert shown(app, "last") == "last touch: note today"
        assert "likes [i]jazz[/i]" in shown(app, "history")
        await pilot.press("g")
        await pilot.pause()
        await answer(pilot, "sent the article")

        assert shown(app, "progress") == "4 of 4"
        assert "open ask from 40 days ago: an intro" in shown(app, "why")
        await pilot.press("x")
        await pilot.pause()
        assert shown(app, "progress") == (
            "4 reviewed: 1 in touch, 1 snoozed, 1 skipped, 1 gave back; 1 given a circle")
        assert shown(app, "who") == "All done for today."
        await pilot.press("q")
        await pilot.pause()
        assert app.results == [
            "4 reviewed: 1 in touch, 1 snoozed, 1 skipped, 1 gave back; 1 given a circle"]

    net.store.close()
    again = open_network(data_dir)
    assert again.contact("nadia").circle == "close"
    tom_touch = again.interactions_for("tom")[0]
    assert (tom_touch.date, tom_touch.text) == (TODAY, "caught up on the move")
    (snooze,) = again.checkins_for("lea", pending_only=True)
    assert snooze.kind is CheckInKind.snooze and snooze.due == TODAY + timedelta(weeks=1)
    notes = [i for i in again.interactions_for("priya") if i.kind is Kind.note]
    assert [n.text for n in notes] == ["likes [i]jazz[/i]"]
    assert again.standing("priya").balance == 0
    again.store.close()


async def test_leaving_halfway_keeps_what_was_done(net, data_dir):
    app = Host(net)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("x")  # skip triage
        await pilot.pause()
        assert net.contact("nadia").circle is None
        await pilot.press("d")
        await pilot.pause()
        await answer(pilot, "")  # done without a note
        await pilot.press("q")
        await pilot.pause()
        # One q leaves; the summary is a screen of its own (B17).
        assert shown(app, "summary") == "1 reviewed: 1 in touch, 0 snoozed, 0 skipped"
        assert shown(app, "who") == "Review paused."
        assert app.results == ["1 reviewed: 1 in touch, 0 snoozed, 0 skipped"]
    # The app stopped mid-review (as if killed): the done card is on disk.
    net.store.close()
    again = open_network(data_dir)
    assert again.last_touch("tom") == TODAY
    assert again.interactions_for("tom")[0].text == "Checked in"
    again.store.close()


async def test_escape_in_a_prompt_changes_nothing(net):
    app = Host(net)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "progress") == "1 of 4"
    assert net.last_touch("tom") is None
    assert net.checkins_for("tom") == []


async def test_nothing_to_review(network):
    app = Host(network)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(app, "who") == "All done for today."
        await pilot.press("q")
        await pilot.pause()
        assert app.results == ["0 reviewed: 0 in touch, 0 snoozed, 0 skipped"]


async def test_triage_by_letter_then_cards(net):
    app = Host(net)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "1/i inner" in shown(app, "keys") and "3/n network" in shown(app, "keys")
        await pilot.press("n")  # network, not "note": the card keys wait for the cards
        await pilot.pause()
        assert net.contact("nadia").circle == "network"
        assert shown(app, "progress") == "1 of 4"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LinePrompt)


async def test_typing_a_done_note_inside_the_real_app(demo_network, tmp_path):
    """In NetuiApp (which turns auto-focus off) the prompt must still take the keys."""
    from netui.ui.app import NetuiApp
    from netui.ui.review import screenshot_keys

    app = NetuiApp(demo_network, config_path=tmp_path / "config.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*screenshot_keys(demo_network))  # past the triage step
        await pilot.pause()
        who = app.screen.session.current.contact  # the first card
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LinePrompt)
        await answer(pilot, "called about the new job")
        notes = [i.text for i in demo_network.interactions_for(who.id)]
        assert "called about the new job" in notes
