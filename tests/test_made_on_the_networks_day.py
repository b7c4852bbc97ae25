"""A record made while the network's today is frozen is made on that day: a new contact
nobody has seen yet falls due a cadence after the frozen day, not after the real clock's
(tests and screenshots freeze today; a due day hung on the real date flipped them as the
calendar moved). A record that says when it was made (an import, the demo) keeps it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from netui.domain.communities import Community, Participation
from netui.domain.models import Contact, Direction, Favour, Interaction, Kind
from tests.cli_helpers import run
from tests.conftest import open_network

# Far from any real date the suite runs on, one in the past and one in the future: with
# the real clock, the contact would be due years away from these.
FROZEN_DAYS = [date(2019, 6, 10), date(2034, 2, 27)]


@pytest.fixture(params=FROZEN_DAYS, ids=str)
def frozen(request: pytest.FixtureRequest) -> date:
    return request.param


def test_a_new_contact_is_due_a_cadence_after_the_frozen_day(data_dir: Path, frozen: date):
    net = open_network(data_dir, frozen)
    ann = net.add_contact(Contact(name="Ann Frost", circle="close"))
    assert ann.created_at.date() == frozen and ann.updated_at.date() == frozen
    due = net.due(ann.id)
    assert due is not None
    assert due.due == frozen + timedelta(days=net.circles()["close"])
    # Still the same after a reopen: what was stored is the frozen day.
    net.store.close()
    again = open_network(data_dir, frozen)
    assert again.contact(ann.id).created_at.date() == frozen
    assert again.due(ann.id) == due
    # An edit is stamped on the network's day too (never before the record was made).
    edited = again.edit_contact(ann.id, company="Frost & Co")
    assert edited.updated_at.date() == frozen
    again.store.close()


def test_netui_add_under_netui_today_makes_the_contact_on_that_day(
        capsys, monkeypatch, data_dir: Path, frozen: date):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    monkeypatch.setenv("NETUI_TODAY", frozen.isoformat())
    assert run(capsys, "add", "Bo Winter", "--circle", "network").code == 0
    net = open_network(data_dir, frozen)
    bo = net.find_one("Bo Winter")
    assert bo.created_at.date() == frozen
    due = net.due(bo.id)
    assert due is not None and due.due == frozen + timedelta(days=net.circles()["network"])
    net.store.close()


def test_people_made_by_a_note_a_favour_or_a_community_are_made_on_the_frozen_day(
        data_dir: Path, frozen: date):
    net = open_network(data_dir, frozen)
    known = net.add_contact(Contact(name="Known Person"))
    met, helped, seen = Contact(name="Met Once"), Contact(name="Helped Once"), Contact(
        name="Seen There")
    net.log_interaction(Interaction(contact_ids=[met.id, known.id], date=frozen,
                                    kind=Kind.call, text="hi"), new_contacts=[met])
    net.log_favour(Favour(contact_id=helped.id, direction=Direction.gave, text="a lift",
                          date=frozen), new_contacts=[helped])
    club = net.communities.add(Community(name="Frost Club"))  # due a cadence after it began
    assert club.started() == frozen
    net.communities.log(Participation(community_id=club.id, date=frozen,
                                      contact_ids=[seen.id]), [seen])
    for person in (met, helped, seen):
        assert net.contact(person.id).created_at.date() == frozen, person.name
    net.store.close()


def test_a_record_that_says_when_it_was_made_keeps_it(data_dir: Path, frozen: date):
    net = open_network(data_dir, frozen)
    made = datetime(2011, 5, 4, 9, 30, tzinfo=UTC)
    old = net.add_contact(Contact(name="Old Friend", circle="close", created_at=made,
                                  updated_at=made))
    assert old.created_at == made
    due = net.due(old.id)
    assert due is not None
    assert due.due == made.date() + timedelta(days=net.circles()["close"])  # long overdue
    net.store.close()


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:frost-{n}\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_people_imported_or_synced_in_are_made_on_the_frozen_day(
        data_dir: Path, tmp_path: Path, frozen: date):
    from netui.interop.importer import run_import
    from netui.sync.contacts_round import sync_contacts
    from netui.sync.state import SyncState

    net = open_network(data_dir, frozen)
    card = tmp_path / "cara.vcf"
    card.write_text(CARD.format(n=1, name="Cara Import"))
    run_import(net, [card])
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    (vdir / "dan.vcf").write_text(CARD.format(n=2, name="Dan Synced"))
    sync_contacts(net, vdir, SyncState())
    for name in ("Cara Import", "Dan Synced"):
        person = net.find_one(name)
        assert person.created_at.date() == frozen, name
        net.edit_contact(person.id, circle="close")  # a cadence to be due by (kept created_at)
        due = net.due(person.id)
        assert due is not None and due.due == frozen + timedelta(days=net.circles()["close"])
    net.store.close()
