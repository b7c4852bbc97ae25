"""The paced review with Pilot: a day's budget, `m` for more; the review's boxes speak
the quick-add grammar (B4); snoozes that move what is shown (B5, B6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.config import Config
from netui.domain.models import Contact, Direction, Kind
from tests.conftest import open_network
from tests.ui.test_review_ui import Host, answer, shown

TODAY = date(2026, 11, 22)


@pytest.fixture
def net(data_dir):
    network = open_network(data_dir)
    network.config = Config(review={"daily": 2})
    for n in range(5):
        network.add_contact(Contact(id=f"p{n}", name=f"Person {n}", circle="close",
                                    met_on=date(2026, n + 1, 1)))
    yield network
    network.store.close()


async def test_review_at_budget_ends_with_a_summary_and_more_continues(net):
    app = Host(net)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        assert "to reconnect with: 2 today · 3 later" in shown(app, "heading")
        assert shown(app, "progress") == "1 of 2"
        assert shown(app, "who") == "Person 0 · close"
        await pilot.press("x", "x")
        await pilot.pause()
        assert shown(app, "who") == "All done for today."
        assert "3 more to reconnect with wait for another day" in shown(app, "why")
        assert shown(app, "keys") == "m more · q leave"
        await pilot.press("m")
        await pilot.pause()
        assert shown(app, "progress") == "3 of 5"
        assert shown(app, "who") == "Person 2 · close"
        await pilot.press("x", "x", "x")
        await pilot.pause()
        assert shown(app, "progress") == "5 reviewed: 0 in touch, 0 snoozed, 5 skipped"
        assert shown(app, "keys") == "q leave"


def _card_at(app, name):
    return shown(app, "who").startswith(name)


@pytest.fixture
def one(data_dir):
    network = open_network(data_dir)
    network.add_contact(Contact(id="ben", name="Ben Ode", circle="close",
                                met_on=date(2026, 9, 1)))
    network.add_contact(Contact(id="aoife", name="Aoife Byrne"))
    yield network
    network.store.close()


async def test_b4_give_box_takes_sizes_and_dates(one):
    app = Host(one)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("x")  # Aoife has no circle: skip the triage
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await answer(pilot, "sent her the EU grant database !2 yesterday")
    (f,) = one.favours("ben")
    assert (f.text, f.size, f.date, f.direction) == (
        "sent her the EU grant database", 2, TODAY - timedelta(days=1), Direction.gave)


async def test_b4_done_box_takes_kind_tags_and_a_followup(one):
    app = Host(one)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await answer(pilot, "coffee, Aoife intro went well #design +3w")
    (touch,) = one.interactions_for("ben")
    assert (touch.kind, touch.text, touch.tags) == (
        Kind.meeting, "coffee, Aoife intro went well", ["design"])
    assert one.due("ben").due == TODAY + timedelta(weeks=3)
    assert one.due("ben").reason == "follow-up"


async def test_b4_note_box_takes_a_followup_and_an_intro(one):
    app = Host(one)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await answer(pilot, "intro to Aoife at Studio Lemon +1w")
        assert "Note saved" in " ".join(str(n.message) for n in app._notifications)
    notes = [i for i in one.interactions_for("ben") if i.kind is Kind.note]
    assert [n.text for n in notes] == ["intro to Aoife at Studio Lemon"]
    (follow,) = one.checkins_for("ben", pending_only=True)
    assert follow.due == TODAY + timedelta(weeks=1)  # a note is no touch: Ben is still due


async def test_b4_a_bad_line_in_a_box_saves_nothing(one):
    app = Host(one)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await answer(pilot, "books !7")
        assert _card_at(app, "Ben Ode")
    assert one.favours("ben") == []


async def test_a_card_suggests_gives_and_coaches_open_asks(data_dir):
    from netui.domain.models import Favour

    net = open_network(data_dir)
    net.add_contact(Contact(id="priya", name="Priya Raman", circle="close",
                            met_on=date(2026, 9, 1), looking_for=["climate-tech intros"]))
    net.add_contact(Contact(id="tom", name="Tom Novak", company="Acme Climate"))
    net.log_favour(Favour(contact_id="priya", direction=Direction.asked,
                          text="to find me a job at Acme", date=TODAY - timedelta(days=40)))
    app = Host(net)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")  # Tom has no circle: skip the triage
        await pilot.pause()
        suggest = shown(app, "suggest")
        assert ("give: Priya is looking for climate-tech intros: Tom Novak works at Acme "
                "Climate") in suggest
        # The coach's word on the open ask sits under it, in the open favours.
        history = shown(app, "history")
        assert "Big ask" in history and "ask whether they would be a reference" in history
        assert history.count("to find me a job at Acme") <= 1
    net.store.close()
