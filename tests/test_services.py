"""The services both the CLI and the TUI use: derived values kept in step with writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain.models import (
    CheckIn,
    CheckInStatus,
    Contact,
    Direction,
    Favour,
    FavourStatus,
    Interaction,
    Kind,
)
from netui.errors import Invalid, NotFound
from netui.services import validate_export
from tests.conftest import TODAY, open_network
from tests.revisions import content


def person(network, name, **kw):
    return network.add_contact(Contact(name=name, **kw))


def meet(network, *people, days_ago=0, kind=Kind.meeting, **kw):
    return network.log_interaction(
        Interaction(contact_ids=[p.id for p in people], date=TODAY - timedelta(days=days_ago),
                    kind=kind, text="hi"), **kw)


def test_last_touch_ignores_notes_and_follows_deletes(network):
    p = person(network, "Priya Raman", circle="close")
    assert network.last_touch(p.id) is None
    meet(network, p, days_ago=1, kind=Kind.note)
    assert network.last_touch(p.id) is None
    old = meet(network, p, days_ago=10)
    new = meet(network, p, days_ago=3)
    assert network.last_touch(p.id) == TODAY - timedelta(days=3)
    network.delete_interaction(new.id)
    assert network.last_touch(p.id) == TODAY - timedelta(days=10)
    network.delete_interaction(old.id)
    assert network.last_touch(p.id) is None


def test_due_list_orders_most_overdue_then_closest_circle(network):
    a = person(network, "Ana", circle="acquaintance")
    b = person(network, "Ben", circle="inner")
    c = person(network, "Cy", circle="close")
    meet(network, a, days_ago=400)  # 35 days overdue
    meet(network, b, days_ago=20)  # 6 days overdue
    meet(network, c, days_ago=36)  # 6 days overdue, wider circle than Ben
    names = [e.contact.name for e in network.due_list()]
    assert names == ["Ana", "Ben", "Cy"]
    assert network.due_list()[0].overdue_days == 35


def test_followup_from_a_meeting_and_its_completion(network):
    p = person(network, "Priya", circle="network")
    meet(network, p, followup=TODAY + timedelta(days=14), followup_reason="send deck")
    d = network.due(p.id)
    assert d.due == TODAY + timedelta(days=14) and d.reason == "follow-up" and d.detail == "send deck"
    network.mark_done(p.id, note="sent the deck", on=TODAY + timedelta(days=15))
    assert all(c.status is CheckInStatus.done for c in network.checkins_for(p.id))
    assert network.due(p.id).reason == "cadence"


def test_snooze_then_touch(network):
    p = person(network, "Tom", circle="inner")
    meet(network, p, days_ago=30)
    assert network.due(p.id).overdue_days(TODAY) == 16
    network.snooze(p.id, TODAY + timedelta(days=7))
    assert network.due(p.id).due == TODAY + timedelta(days=7)
    network.snooze(p.id, TODAY + timedelta(days=2))  # a new snooze replaces the old one
    assert network.due(p.id).due == TODAY + timedelta(days=2)
    with pytest.raises(Invalid):
        network.snooze(p.id, TODAY)
    network.mark_done(p.id)
    assert network.due(p.id).due == TODAY + timedelta(days=14)
    assert network.last_touch(p.id) == TODAY


def test_delete_contact_cascades_and_undo_restores_everything(network):
    p, q = person(network, "Priya"), person(network, "Quinn")
    shared = meet(network, p, q)
    solo = meet(network, p)
    network.log_favour(Favour(contact_id=p.id, direction=Direction.gave, text="intro",
                              date=TODAY))
    network.add_checkin(CheckIn(contact_id=p.id, due=TODAY))
    before = network.export_all()
    network.delete_contact(p.id)
    assert network.interaction(shared.id).contact_ids == [q.id]
    with pytest.raises(NotFound):
        network.interaction(solo.id)
    assert network.favours() == [] and network.checkins_for(p.id) == []
    assert network.undo() == "delete Priya"
    assert content(network.export_all()) == content(before)
    assert network.last_touch(p.id) == TODAY


def test_undo_keeps_twenty_steps_and_more(network):
    for i in range(25):
        person(network, f"P{i}")
    labels = [network.undo() for _ in range(25)]
    assert labels == [f"add P{i}" for i in reversed(range(25))]  # newest first
    assert network.contacts() == [] and not network.can_undo


def test_ledger_and_nudges(network):
    p, q = person(network, "Priya"), person(network, "Quinn")
    network.log_favour(Favour(contact_id=p.id, direction=Direction.received, size=2,
                              text="feedback", date=TODAY - timedelta(days=5)))
    ask = network.log_favour(Favour(contact_id=q.id, direction=Direction.asked,
                                    text="a reference", date=TODAY - timedelta(days=45)))
    assert network.balance(p.id) == -2
    n = network.nudges()
    assert [c.name for c, _ in n.owes_back] == ["Priya"]
    assert [(c.name, age) for c, _, age in n.stale_asks] == [("Quinn", 45)]
    assert [c.name for c, _ in n.over_asked] == ["Quinn"]
    network.set_favour_status(ask.id, FavourStatus.done)
    assert network.balance(q.id) == -1 and network.nudges().stale_asks == []
    network.log_favour(Favour(contact_id=p.id, direction=Direction.gave, size=2, text="a lift",
                              date=TODAY))
    assert network.balance(p.id) == 0 and network.nudges().owes_back[0][0].name == "Quinn"


def test_birthdays_this_week(network):
    person(network, "Soon", birthday=f"--{(TODAY + timedelta(days=3)):%m-%d}")
    person(network, "Later", birthday=f"--{(TODAY + timedelta(days=30)):%m-%d}")
    person(network, "Gone", birthday=f"--{TODAY:%m-%d}", archived=True)
    assert [(c.name, s.in_days) for c, s in network.birthdays(7)] == [("Soon", 3)]


def test_unknown_circle_is_refused(network):
    with pytest.raises(Invalid, match="circle"):
        person(network, "X", circle="besties")
    assert network.contacts() == []


def test_find_is_accent_and_case_insensitive_and_never_guesses(network):
    person(network, "Tomasz Wiśniewski")
    person(network, "Alex Chen")
    person(network, "Alex Park")
    assert [c.name for c in network.find("tomasz")] == ["Tomasz Wiśniewski"]
    assert [c.name for c in network.find("wisniewski")] == ["Tomasz Wiśniewski"]
    assert len(network.find("alex")) == 2
    with pytest.raises(Invalid, match="ambiguous"):
        network.find_one("@alex")
    assert network.find_one("alex park").name == "Alex Park"


def test_export_import_round_trips_exactly(demo_network, tmp_path):
    exported = demo_network.export_all()
    fresh = open_network(tmp_path / "other")
    fresh.import_all(exported)
    assert fresh.export_all() == exported
    fresh.import_all(exported)  # idempotent
    assert fresh.export_all() == exported


def test_import_refuses_a_bad_record_and_writes_nothing(network):
    data = {"schema": 1, "contacts": [{"id": "a", "name": "A"}, {"id": "b", "name": ""}]}
    with pytest.raises(Invalid, match=r"contacts\[2\] name"):
        network.import_all(data)
    assert network.contacts() == []
    with pytest.raises(Invalid, match="unknown contact"):
        network.import_all({"schema": 1, "interactions": [
            {"id": "i", "contact_ids": ["zz"], "date": "2026-01-01"}]})
    with pytest.raises(Invalid, match="newer netui"):
        validate_export({"schema": 99})


def test_replace_import_makes_the_network_exactly_the_file(demo_network):
    exported = demo_network.export_all()
    person(demo_network, "Extra")
    demo_network.import_all(exported, replace=True)
    assert demo_network.export_all() == exported


def test_another_process_write_is_picked_up(data_dir):
    a = open_network(data_dir)
    b = open_network(data_dir)
    events = []
    a.listeners.append(events.append)
    p = person(b, "From the shell", circle="inner")
    meet(b, p, days_ago=2)
    assert a.refresh()
    assert a.contact(p.id).name == "From the shell"
    assert a.last_touch(p.id) == TODAY - timedelta(days=2)
    assert events and events[-1].external


def test_demo_network_has_something_on_every_screen(demo_network):
    assert 55 <= demo_network.contact_count() <= 60
    assert any(e.overdue_days > 0 for e in demo_network.due_list())
    assert demo_network.birthdays(7)
    n = demo_network.nudges()
    assert n.owes_back and n.stale_asks
    assert demo_network.needs_triage()


def test_search_notes(demo_network):
    hits = demo_network.search_notes("CLIMATE")
    assert hits and all("climate" in (h.text + " ".join(h.tags)).lower() for h in hits)
    assert hits == sorted(hits, key=lambda i: i.date, reverse=True)
    assert demo_network.search_notes("   ") == []


def test_edit_contact_validates_like_a_form(network):
    p = person(network, "Priya")
    with pytest.raises(Invalid, match="emails"):
        network.edit_contact(p.id, emails=["nope"])
    assert network.contact(p.id).emails == []
    edited = network.edit_contact(p.id, company="Acme", birthday="--02-29")
    assert edited.company == "Acme" and str(edited.birthday) == "--02-29"
    assert edited.updated_at >= p.updated_at


def test_met_on_starts_the_cadence_for_someone_never_touched(network):
    p = person(network, "New", circle="close", met_on=date(2026, 11, 1))
    assert network.due(p.id).due == date(2026, 12, 1)


def test_people_reads_names_without_building_contact_models(data_dir, monkeypatch):
    net = open_network(data_dir)
    kept = person(net, "Priya Raman", nickname="Pri", company="Acme")
    person(net, "Gone", archived=True)
    validated: list[str] = []
    real = Contact.model_validate.__func__

    def counting(cls, obj, *args, **kwargs):
        validated.append(obj["name"])
        return real(cls, obj, *args, **kwargs)

    monkeypatch.setattr(Contact, "model_validate", classmethod(counting))
    fresh = open_network(data_dir)  # a shell command: nothing built yet
    people = fresh.people()
    assert [(p.name, p.nickname, p.company) for p in people] == [("Priya Raman", "Pri", "Acme")]
    assert {p.name for p in fresh.people(include_archived=True)} == {"Priya Raman", "Gone"}
    assert validated == []
    assert fresh.contact(kept.id).name == "Priya Raman"
    assert validated == ["Priya Raman"]  # one lookup validates one record
    assert [c.name for c in fresh.contacts()] == ["Priya Raman"]
    assert sorted(validated) == ["Gone", "Priya Raman", "Priya Raman"]  # the counter counts


def test_writes_before_and_after_the_contact_models_are_built_agree(data_dir):
    net = open_network(data_dir)
    a = person(net, "Ana")
    fresh = open_network(data_dir)
    b = person(fresh, "Ben")  # written before the models exist
    fresh.edit_contact(a.id, company="Acme")
    fresh.delete_contact(b.id)
    assert [(c.name, c.company) for c in fresh.contacts()] == [("Ana", "Acme")]
    c = person(fresh, "Cy")  # and after
    assert [c.name for c in fresh.contacts()] == ["Ana", "Cy"]
    assert fresh.undo() == "add Cy" and [x.name for x in fresh.contacts()] == ["Ana"]
    assert c.id not in {x.id for x in fresh.people()}
