"""Boundaries a hand mutation run found untested (code-audit §2: L3, D3, Q6, R3, R5 and
UNDO_DEPTH): each test here fails when the rule it names is bent by one."""

from __future__ import annotations

from datetime import date, timedelta

from netui.domain import ledger
from netui.domain.dates import parse_date
from netui.domain.models import Contact, Direction, Favour
from netui.domain.quickadd import parse, plan
from netui.domain.review import Reason, ReviewItem, Session, triage_keys

TODAY = date(2026, 11, 22)


# -- L3: giving and receiving on the same day ------------------------------------------------


def test_giving_back_on_the_day_you_received_settles_it():
    assert ledger.owes_back(last_given=TODAY, last_received=TODAY) is False
    assert ledger.owes_back(last_given=TODAY - timedelta(days=1), last_received=TODAY) is True


def test_same_day_give_and_receive_is_no_nudge(network):
    ann = network.add_contact(Contact(name="Ann"))
    bo = network.add_contact(Contact(name="Bo"))
    for who, directions in ((ann, (Direction.received, Direction.gave)),
                            (bo, (Direction.gave, Direction.received))):
        for d in directions:
            network.log_favour(Favour(contact_id=who.id, direction=d, text="help", date=TODAY))
    assert network.nudges().owes_back == []
    network.log_favour(Favour(contact_id=bo.id, direction=Direction.received, text="a lift",
                              date=TODAY + timedelta(days=1)))
    assert [c.name for c, _ in network.nudges().owes_back] == ["Bo"]


# -- D3: "22 nov" said on 22 November ---------------------------------------------------------


def test_a_day_and_month_said_on_that_day_is_today():
    assert parse_date("22 nov", TODAY) == TODAY
    assert parse_date("nov 22", TODAY) == TODAY
    assert parse_date("23 nov", TODAY) == date(2025, 11, 23)  # not yet this year: last year's
    assert parse_date("21 nov", TODAY) == date(2026, 11, 21)


# -- Q6: the check-in reason quick-add stores -------------------------------------------------


def test_quick_add_follow_up_stores_what_the_note_said(network):
    network.add_contact(Contact(id="priya", name="Priya Raman"))
    r = parse("@Priya lunch, talk about the move +2w", TODAY, network.contacts())
    network.quick_add(plan(r))
    (chk,) = network.checkins_for("priya")
    assert chk.reason == "lunch, talk about the move"
    assert chk.due == TODAY + timedelta(weeks=2)


def test_quick_add_follow_up_with_no_words_says_follow_up(network):
    network.add_contact(Contact(id="priya", name="Priya Raman"))
    network.quick_add(plan(parse("@Priya +1w", TODAY, network.contacts())))
    (chk,) = network.checkins_for("priya")
    assert chk.reason == "follow up"


def test_quick_add_follow_up_reason_is_cut_to_eighty_characters(network):
    network.add_contact(Contact(id="priya", name="Priya Raman"))
    words = "word " * 40
    network.quick_add(plan(parse(f"@Priya {words}+1w", TODAY, network.contacts())))
    (chk,) = network.checkins_for("priya")
    assert chk.reason == words.strip()[:80].strip()


# -- R3: moving past the last review card ------------------------------------------------------


def _items(*names: str) -> list[ReviewItem]:
    return [ReviewItem(Contact(id=n.lower(), name=n), (Reason("due", "due", 1),), 0)
            for n in names]


def test_moving_past_either_end_of_the_queue_stays_on_the_end_card():
    s = Session(_items("Ann", "Bo", "Cy"))
    for _ in range(5):
        s.move(1)
    assert (s.position, s.current.contact.name, s.progress()) == (2, "Cy", "3 of 3")
    s.move(-10)
    assert (s.position, s.current.contact.name) == (0, "Ann")


# -- R5: triage never binds `s` ---------------------------------------------------------------


def test_triage_keys_never_take_skip_snooze_or_quit_letters():
    """`s` snoozes on the cards that follow triage, `x` skips, `q` leaves: a circle
    starting with one of them gets only its number."""
    keys = triage_keys(["inner", "social", "xmas", "quarterly", "work"])
    assert keys == {"1": "inner", "2": "social", "3": "xmas", "4": "quarterly",
                    "5": "work", "i": "inner", "w": "work"}


# -- UNDO_DEPTH: the last 50 changes (README: ctrl+z) -----------------------------------------


def test_undo_goes_back_exactly_fifty_changes(network):
    for i in range(53):
        network.add_contact(Contact(name=f"P{i:02d}"))
    undone = 0
    while network.can_undo:
        assert network.undo()
        undone += 1
    assert undone == 50
    assert network.undo() is None
    assert [c.name for c in network.contacts()] == ["P00", "P01", "P02"]
