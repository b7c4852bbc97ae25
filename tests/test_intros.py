"""Introductions: a favour with two people, seen and counted on both sides."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netui.domain import intros
from netui.domain.models import Contact, Direction, Favour
from netui.domain.quickadd import Directory, parse, plan
from tests.conftest import TODAY

KENJI = Contact(id="kenji", name="Kenji Sato")
PRIYA = Contact(id="priya", name="Priya Raman")
SAM = Contact(id="sam", name="Sam Lee")
PEOPLE = Directory([KENJI, PRIYA, SAM])


def p(line):
    return parse(line, TODAY, PEOPLE)


def test_b10_an_intro_names_the_person_introduced():
    r = p("gave @Kenji intro to @Priya Raman !2")
    assert r.ok, r.errors
    assert r.intro and r.preview == "Gave to Kenji Sato · intro to Priya Raman · today · size 2"
    (f,) = plan(r).favours
    assert (f.contact_id, f.introduced_id, f.size, f.direction) == (
        "kenji", "priya", 2, Direction.gave)
    assert f.text == "intro to Priya Raman"


def test_one_favour_per_person_introduced():
    out = plan(p("gave @Kenji introductions to @Priya and @Sam"))
    assert [(f.contact_id, f.introduced_id) for f in out.favours] == [
        ("kenji", "priya"), ("kenji", "sam")]
    assert len({f.id for f in out.favours}) == 2


def test_got_an_intro():
    (f,) = plan(p("got @Kenji intro to @Sam yesterday")).favours
    assert (f.contact_id, f.introduced_id, f.direction) == ("kenji", "sam", Direction.received)
    assert f.date == TODAY - timedelta(days=1)


def test_a_favour_that_is_no_intro_stays_with_one_person():
    assert "one person" in p("gave @Kenji @Priya books").errors[0]


@pytest.mark.parametrize(("direction", "a_side", "b_side"), [
    (Direction.gave, "introduced by you to Priya on 2026-11-22",
     "introduced by you to Kenji on 2026-11-22"),
    (Direction.received, "introduced you to Priya on 2026-11-22",
     "met through Kenji on 2026-11-22"),
    (Direction.asked, "asked for an intro to Priya on 2026-11-22",
     "you asked Kenji for an intro on 2026-11-22"),
])
def test_both_sides_read_it(direction, a_side, b_side):
    f = Favour(contact_id="kenji", introduced_id="priya", direction=direction, date=TODAY)
    names = {"kenji": "Kenji", "priya": "Priya"}.get
    assert intros.describe(f, "kenji", names) == a_side
    assert intros.describe(f, "priya", names) == b_side
    assert intros.describe(f.model_copy(update={"introduced_id": None}), "kenji", names) is None


def test_saved_intro_is_on_both_timelines_and_a_touch_with_both(network):
    k = network.add_contact(Contact(name="Kenji Sato", circle="close"))
    pr = network.add_contact(Contact(name="Priya Raman", circle="close"))
    network.quick_add(plan(parse("gave @Kenji intro to @Priya 3 days ago", TODAY,
                                 network.people())))
    day = TODAY - timedelta(days=3)
    assert network.last_touch(k.id) == network.last_touch(pr.id) == day
    (on_b,) = [e.record for e in network.timeline(pr.id)]
    assert on_b.contact_id == k.id and on_b.introduced_id == pr.id
    assert [e.record.id for e in network.timeline(k.id)] == [on_b.id]
    assert network.standing(pr.id).given == 0  # the favour is Kenji's in the ledger


def test_deleting_or_merging_the_person_introduced_keeps_the_favour_true(network):
    k = network.add_contact(Contact(name="Kenji Sato"))
    pr = network.add_contact(Contact(name="Priya Raman"))
    pr2 = network.add_contact(Contact(name="Priya R"))
    f = network.log_favour(Favour(contact_id=k.id, introduced_id=pr2.id,
                                  direction=Direction.gave, date=TODAY))
    network.merge_contacts(pr.id, pr2.id)
    assert network.favour(f.id).introduced_id == pr.id
    assert [e.record.id for e in network.timeline(pr.id)] == [f.id]
    network.delete_contact(pr.id)
    assert network.favour(f.id).introduced_id is None
    z = network.add_contact(Contact(name="Zoe"))
    g = network.log_favour(Favour(contact_id=k.id, introduced_id=z.id,
                                  direction=Direction.gave, date=TODAY))
    network.merge_contacts(z.id, k.id)  # the intro's two people turn out to be one
    assert network.favour(g.id).contact_id == z.id
    assert network.favour(g.id).introduced_id is None
