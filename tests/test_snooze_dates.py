"""Snoozes that mean what they say (B5, B6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain import review as rv
from netui.domain.cadence import snooze_base
from netui.domain.models import Contact, Interaction
from tests.cli_helpers import run
from tests.conftest import TODAY


def test_snooze_base_is_the_later_of_today_and_the_due_date():
    assert snooze_base(TODAY, TODAY + timedelta(days=10)) == TODAY + timedelta(days=10)
    assert snooze_base(TODAY, TODAY - timedelta(days=10)) == TODAY
    assert snooze_base(TODAY, None) == TODAY


@pytest.fixture
def netui(capsys):
    return lambda *args: run(capsys, *args)


def test_b5_snooze_of_a_checkin_not_due_yet_pushes_it_later(netui):
    # Due 2 Dec (met 2 Nov, every 30 days); today is 22 Nov.
    assert netui("add", "Siobhan Kelly", "--circle", "close", "--met-on", "2026-11-02").code == 0
    r = netui("snooze", "@Siobhan", "1d")
    assert r.code == 0, r.err
    assert "Snoozed Siobhan Kelly until 2026-12-03 (was due 2026-12-02)" in r.out
    due = netui("due", "--days", "30", "--json").json()
    assert [(e["name"], e["due"]) for e in due] == [("Siobhan Kelly", "2026-12-03")]


def test_b5_a_date_before_the_due_date_is_refused(netui):
    assert netui("add", "Siobhan Kelly", "--circle", "close", "--met-on", "2026-11-02").code == 0
    r = netui("snooze", "@Siobhan", "2026-11-25")
    assert r.code != 0
    assert "not due until 2026-12-02" in r.err and len(r.err.strip().splitlines()) == 1


def test_b6_snoozing_a_birthday_card_hides_it_until_the_birthday(network):
    p = network.add_contact(Contact(name="Priya Shah", circle="close", birthday="1990-11-29"))
    network.log_interaction(Interaction(contact_ids=[p.id], date=TODAY))
    assert [i.contact.id for i in rv.build_all(network)] == [p.id]
    assert [k[3] for k in network.review_order(rv.BIRTHDAY_DAYS)] == [p.id]
    network.snooze(p.id, snooze_base(TODAY, network.due(p.id).due) + timedelta(weeks=1))
    assert rv.build_all(network) == []
    assert network.review_order(rv.BIRTHDAY_DAYS) == []
    assert list(rv.queue_for(network)) == []
    assert [c.id for c, _ in network.birthdays(7)] == [p.id]  # the calendar still shows it
    on_the_day = type(network)(network.store, today=lambda: date(2026, 11, 29))
    assert [i.contact.id for i in rv.build_all(on_the_day)] == [p.id]
