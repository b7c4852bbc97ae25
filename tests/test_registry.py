"""The collection registry: every kind of record declared once, and everything that
stores, exports, imports, cascades or invalidates derived answers driven from it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import Field

from netui.domain import models, registry
from netui.domain.communities import Community, Participation
from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction, Kind, Record
from netui.domain.registry import OnDelete, OwnerField, RecordKind
from netui.errors import Invalid
from netui.storage.change import Change
from netui.storage.layout import data_names
from netui.storage.shards import LAZY, SHARDS
from tests.conftest import TODAY, open_network


def test_every_kind_is_known_everywhere():
    kinds = registry.KINDS
    assert set(kinds) == set(models.COLLECTIONS) == set(SHARDS)
    assert {k for k, v in kinds.items() if v.people_data} == set(models.PEOPLE_DATA)
    assert list(models.PEOPLE_DATA) == ["contacts", "interactions", "favours", "checkins",
                                        "communities", "participations", "links"]
    for name, kind in kinds.items():
        assert models.COLLECTIONS[name] is kind.model
        assert SHARDS[name] == kind.shards >= 1
        assert (name in LAZY) is kind.lazy
        assert all(f"{name}/{i:02d}.json" in data_names() for i in range(kind.shards))
        for owner in kind.owners:  # every owner field is a field of the model
            assert owner.name in kind.model.model_fields
            assert owner.distinct_from in (None, *kind.model.model_fields)
            assert owner.of in kinds
    depends = registry.memo_depends()
    assert set(depends) == registry.MEMOS
    assert all("contacts" in cols for cols in depends.values())  # every answer shows people
    assert depends["nudges"] == {"contacts", "favours"}
    # a community is due too (calendar, review): taking part or editing one drops the list
    assert depends["due_list"] == {"contacts", "interactions", "favours", "checkins",
                                   "communities", "participations"}


def test_every_owned_kind_cascades_on_delete_and_merge(network):
    # one record of every kind that names contacts, each naming `a` in every owner field
    a = network.add_contact(Contact(name="Ana Lima"))
    b = network.add_contact(Contact(name="Bea Cruz"))
    c = network.add_contact(Contact(name="Cy Roy"))
    network.log_interaction(Interaction(contact_ids=[a.id, c.id], date=TODAY, kind=Kind.call))
    network.log_favour(Favour(contact_id=b.id, direction=Direction.gave, date=TODAY,
                              introduced_id=a.id))
    network.log_favour(Favour(contact_id=a.id, direction=Direction.received, date=TODAY,
                              text="a lift"))

    network.add_checkin(CheckIn(contact_id=a.id, due=TODAY + timedelta(days=3)))
    group = network.communities.add(Community(name="ACM Lagos", member_ids=[a.id, b.id]))
    network.communities.log(Participation(community_id=group.id, date=TODAY,
                                          contact_ids=[a.id]))
    network.links.add(a.id, b.id, "works with")
    network.links.add(b.id, a.id, "reports to")
    for kind in registry.owned_kinds():
        for owner in registry.owners_of(kind):
            assert any(a.id in owner.ids(d) for d in network.store.docs(kind.collection)), \
                f"{kind.collection}.{owner.name}: no test record names the owner"
    exported = network.export_all()  # every people-data kind is exported, none else
    assert set(exported) - {"schema"} == {k.collection for k in registry.people_kinds()}
    network.merge_contacts(c.id, a.id)
    for kind in registry.owned_kinds():
        for owner in registry.owners_of(kind):
            docs = list(network.store.docs(kind.collection))
            assert not any(a.id in owner.ids(d) for d in docs)
            assert any(c.id in owner.ids(d) for d in docs), f"{kind.collection}.{owner.name}"
    network.delete_contact(c.id)
    for kind in registry.owned_kinds():
        for owner in registry.owners_of(kind):
            assert not any(c.id in owner.ids(d) for d in network.store.docs(kind.collection))
    # the participation's note (same id) stays with nobody in it: it goes; the
    # participation itself stays, with nobody met
    assert network.store.count("interactions") == 0  # nobody left in it
    assert [f.introduced_id for f in network.favours(b.id)] == [None]  # detached, kept
    assert network.communities.community(group.id).member_ids == [b.id]  # left it
    assert [p.contact_ids for p in network.communities.history(group.id)] == [[]]
    assert network.store.count("links") == 0  # went with them


def test_a_community_takes_its_participation_with_it(network):
    a = network.add_contact(Contact(name="Ana Lima"))
    group = network.communities.add(Community(name="ACM Lagos", member_ids=[a.id]))
    kept = network.communities.add(Community(name="PyCon Africa"))
    for community in (group, kept):
        network.communities.log(Participation(community_id=community.id, date=TODAY,
                                              contact_ids=[a.id], text="meetup"))
    assert [k.collection for k in registry.owned_kinds("communities")] == ["participations"]
    network.communities.delete(group.id)
    assert [d["community_id"] for d in network.store.docs("participations")] == [kept.id]
    assert network.store.count("interactions") == 2  # the notes of people met stay
    network.undo()
    assert len(network.communities.history(group.id)) == 1


def test_a_merge_drops_links_to_oneself_and_duplicates(network):
    a, b, c, d = (network.add_contact(Contact(name=n)).id
                  for n in ("Ana Lima", "Bea Cruz", "Cy Roy", "Di Wu"))
    network.links.add(a, c, "works with")  # becomes Bea-Cy: Bea has it already (other way)
    network.links.add(c, b, "works with")
    network.links.add(a, b, "partner of")  # becomes Bea-Bea: goes
    network.links.add(a, d, "introduced")  # directed: Bea introduced Di, new to Bea
    network.links.add(d, b, "introduced")  # the other direction: a different link
    network.merge_contacts(b, a)
    edges = sorted((x["a_id"], x["b_id"], x["kind"]) for x in network.store.docs("links"))
    assert edges == sorted([(c, b, "works with"), (b, d, "introduced"),
                            (d, b, "introduced")])
    network.undo()
    assert network.store.count("links") == 5


class Pledge(Record):
    """A test-only kind: a promise to someone, witnessed by others."""

    contact_id: str = Field(min_length=1)
    witness_ids: list[str] = Field(default_factory=list)
    mentor_id: str | None = None
    text: str = ""


PLEDGES = RecordKind(
    "pledges", Pledge, shards=3, lazy=True,
    owners=(OwnerField("contact_id", OnDelete.cascade),
            OwnerField("witness_ids", OnDelete.detach, many=True),
            OwnerField("mentor_id", OnDelete.detach, distinct_from="contact_id")),
)


@pytest.fixture
def pledges():
    with registry.registered(PLEDGES):
        yield
    assert "pledges" not in SHARDS and "pledges" not in models.PEOPLE_DATA


def _pledge(network, **fields):
    p = Pledge(**fields)
    network.commit([Change("pledges", p.id, p.to_doc())], "pledge")
    return p.id


def test_a_new_kind_needs_no_other_edit(pledges, tmp_path: Path):
    data = tmp_path / "data"
    network = open_network(data)
    a = network.add_contact(Contact(name="Ana Lima"))
    b = network.add_contact(Contact(name="Bea Cruz"))
    c = network.add_contact(Contact(name="Cy Roy"))
    kept = _pledge(network, contact_id=a.id, witness_ids=[b.id], mentor_id=c.id, text="x")
    gone = _pledge(network, contact_id=b.id, witness_ids=[a.id])
    mentored = _pledge(network, contact_id=c.id, mentor_id=b.id)
    # storage: its own shards on disk, read back lazily by a second process
    on_disk = {p.name for p in (data / "pledges").iterdir()}
    assert on_disk and on_disk <= {"00.json", "01.json", "02.json"}
    other = open_network(data)
    assert {d["id"] for d in other.store.docs("pledges")} == {kept, gone, mentored}
    other.store.close()
    # export / import round trip, with its references checked
    exported = network.export_all()
    assert {d["id"] for d in exported["pledges"]} == {kept, gone, mentored}
    fresh = open_network(tmp_path / "fresh")
    assert fresh.import_all(exported)["pledges"] == 3
    assert fresh.export_all() == exported
    broken = {**exported, "pledges": [{**exported["pledges"][0], "contact_id": "nobody"}]}
    with pytest.raises(Invalid, match=r"pledges\[1\]: unknown contact id nobody"):
        open_network(tmp_path / "third").import_all(broken)
    fresh.store.close()
    # merge: every owner field re-pointed; a mentor who becomes the pledger is detached
    network.merge_contacts(a.id, c.id)
    doc = network.store.get("pledges", kept)
    assert (doc["contact_id"], doc["witness_ids"], doc["mentor_id"]) == (a.id, [b.id], None)
    assert network.store.get("pledges", mentored)["contact_id"] == a.id
    # delete: cascade, remove from the list, detach
    network.delete_contact(b.id)
    assert network.store.get("pledges", gone) is None
    doc = network.store.get("pledges", kept)
    assert doc["witness_ids"] == []  # a detached list may empty: the record stays
    assert network.store.get("pledges", mentored)["mentor_id"] is None
    # undo puts the cascade back
    network.undo()
    assert network.store.get("pledges", gone)["witness_ids"] == [a.id]
    network.store.close()


def test_registering_checks_the_declaration():
    with pytest.raises(ValueError, match="already registered"):
        registry.register(registry.kind("contacts"))
    with pytest.raises(ValueError, match="unknown memo"):
        registry.register(RecordKind("odd", Pledge, shards=1, feeds=frozenset({"nope"})))
    assert "odd" not in registry.KINDS


def test_a_reissued_contact_id_follows_into_every_owner_field(network):
    # an export whose contact id is not a safe token (it could name a path) gets a new
    # id on import, and every field the registry says holds a contact id follows it
    bad = "../evil"
    data = {"schema": models.SCHEMA_VERSION,
            "contacts": [{"id": bad, "name": "Eve"}, {"id": "k1", "name": "Kim"}],
            "favours": [{"id": "f1", "contact_id": "k1", "direction": "gave",
                         "date": TODAY.isoformat(), "introduced_id": bad}],
            "interactions": [{"id": "i1", "contact_ids": [bad], "date": TODAY.isoformat(),
                              "kind": "call", "text": "hi"}]}
    network.import_all(data)
    eve = network.find_one("Eve")
    assert eve.id != bad
    assert network.favour("f1").introduced_id == eve.id
    assert network.interaction("i1").contact_ids == [eve.id]


def test_an_unknown_owner_id_is_named_on_one_line(network):
    """An id from a damaged file can hold a line break or an escape: the one-line error
    shows it escaped, never split over lines (hypothesis found checkins[1] naming '0\\n0')."""
    exported = network.export_all()
    bad = {**exported, "checkins": [{"id": "c1", "contact_id": "0\n0", "due": "2026-12-01",
                                    "reason": "x"}]}
    with pytest.raises(Invalid) as caught:
        network.import_all(bad)
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message
    assert message.startswith("checkins[1]: unknown contact id '0\\n0'"), message
