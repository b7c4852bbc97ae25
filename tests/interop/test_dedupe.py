"""Finding duplicates and merging them: nothing of either record is lost, history moves
to the kept one, and undo puts both back exactly."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from netui.domain.dedupe import candidates, merge_fields
from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction
from netui.errors import Invalid
from tests.revisions import content

from ..cli_helpers import run


def test_candidates_by_email_phone_and_close_names():
    a = Contact(name="Ann Lee", emails=["Ann@Example.com"])
    b = Contact(name="A. Lee", emails=["ann@example.com"])
    c = Contact(name="Bob Stone", phones=["+44 7700 900123"])
    d = Contact(name="Robert Stone", phones=["07700 900123"])
    e = Contact(name="Tomasz Wiśniewski")
    f = Contact(name="tomasz wisniewski")
    g = Contact(name="Jon Doe")
    h = Contact(name="John Doe")
    lone = Contact(name="Somebody Else")
    pairs = candidates([a, b, c, d, e, f, g, h, lone], region="GB")
    found = {frozenset((p.a.id, p.b.id)): p.reasons for p in pairs}
    assert found[frozenset((a.id, b.id))] == ["same email ann@example.com"]
    assert found[frozenset((c.id, d.id))][0].startswith("same phone")
    assert found[frozenset((e.id, f.id))] == ["same name"]
    assert found[frozenset((g.id, h.id))][0].startswith("similar names")
    assert all(lone.id not in k for k in found)
    assert pairs[0].score >= pairs[-1].score


def test_candidates_scale_past_one_chunk():
    people = [Contact(name=f"Person Number {i:05d}") for i in range(600)]
    people.append(Contact(name="Person Number 00599"))
    pairs = candidates(people)
    assert any({p.a.name, p.b.name} == {"Person Number 00599"} for p in pairs)


def test_merge_fields_keeps_everything():
    keep = Contact(name="Ann Lee", emails=["a@x.com"], company="Acme", tags=["python"],
                   met_on=date(2022, 1, 1), notes="likes tea", circle="close")
    other = Contact(name="Annie Lee", emails=["b@x.com"], company="Globex", tags=["music"],
                    phones=["123456"], title="CTO", met_on=date(2019, 5, 5), notes="plays cello",
                    birthday="--04-15", circle="inner")
    doc = merge_fields(keep, other)
    assert doc["emails"] == ["a@x.com", "b@x.com"] and doc["tags"] == ["python", "music"]
    assert doc["phones"] == ["123456"] and doc["title"] == "CTO" and doc["birthday"] == "--04-15"
    assert doc["company"] == "Acme" and doc["circle"] == "close" and doc["name"] == "Ann Lee"
    assert doc["met_on"] == "2019-05-05"
    assert doc["notes"].startswith("likes tea\n\nplays cello\n\nMerged from Annie Lee: ")
    for kept in ("name: Annie Lee", "company: Globex", "circle: inner"):
        assert kept in doc["notes"]


def test_merge_contacts_moves_history_and_undo_restores(network):
    keep = network.add_contact(Contact(name="Ann Lee", emails=["a@x.com"]))
    other = network.add_contact(Contact(name="Ann L.", emails=["a2@x.com"]))
    third = network.add_contact(Contact(name="Bob"))
    both = network.log_interaction(Interaction(contact_ids=[keep.id, other.id], date=date(2026, 1, 1)))
    shared = network.log_interaction(Interaction(contact_ids=[other.id, third.id],
                                                 date=date(2026, 2, 1), text="lunch"))
    fav = network.log_favour(Favour(contact_id=other.id, direction=Direction.gave,
                                    date=date(2026, 3, 1), text="intro"))
    chk = network.add_checkin(CheckIn(contact_id=other.id, due=date(2026, 12, 1)))
    before = network.export_all()

    merged = network.merge_contacts(keep.id, other.id)
    assert merged.emails == ["a@x.com", "a2@x.com"]
    assert network.get_contact(other.id) is None
    assert network.interaction(both.id).contact_ids == [keep.id]
    assert network.interaction(shared.id).contact_ids == [keep.id, third.id]
    assert network.favour(fav.id).contact_id == keep.id
    assert network.checkin(chk.id).contact_id == keep.id
    assert len(network.timeline(keep.id)) == 4
    assert network.last_touch(keep.id) == date(2026, 3, 1)  # the favour moved is a touch
    assert network.balance(keep.id) == 1

    assert network.undo().startswith("merge Ann L. into Ann Lee")
    assert content(network.export_all()) == content(before)
    assert network.balance(other.id) == 1 and network.balance(keep.id) == 0


def test_merge_refuses_the_same_contact_twice(network):
    c = network.add_contact(Contact(name="Ann"))
    with pytest.raises(Invalid):
        network.merge_contacts(c.id, c.id)


def test_dedupe_from_the_shell(capsys, tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    run(capsys, *data, "add", "Ann Lee", "--email", "ann@example.com")
    refused = run(capsys, *data, "add", "Annie Lee", "--email", "ANN@example.com")
    assert refused.code == 1 and "looks like someone you have: Ann Lee" in refused.err
    assert "same email ann@example.com" in refused.err
    run(capsys, *data, "add", "Annie Lee", "--email", "ANN@example.com", "--company", "Acme",
        "--force")
    listed = run(capsys, *data, "dedupe")
    assert listed.code == 0 and "same email ann@example.com" in listed.out
    pairs = run(capsys, *data, "dedupe", "--json").json()
    assert len(pairs) == 1
    merged = run(capsys, *data, "dedupe", "--merge", "Ann Lee", "Annie Lee")
    assert merged.code == 0 and "Merged Annie Lee into Ann Lee" in merged.out
    assert run(capsys, *data, "dedupe").out.strip() == "No likely duplicates."
    shown = run(capsys, *data, "export", "md", "Ann Lee")
    assert "Acme" in shown.out


def test_interactive_dedupe_merges_and_undoes(capsys, tmp_path, monkeypatch):
    data = ["--data-dir", str(tmp_path / "data")]
    run(capsys, *data, "add", "Ann Lee", "--email", "ann@example.com")
    run(capsys, *data, "add", "Annie Lee", "--email", "ann@example.com", "--force")
    run(capsys, *data, "add", "Bob Stone", "--phone", "+44 7700 900123")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # the region for "07700 …"
    assert run(capsys, *data, "add", "Rob Stone", "--phone", "07700 900123").code == 1
    run(capsys, *data, "add", "Rob Stone", "--phone", "07700 900123", "--force")
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\nu\n"))
    result = run(capsys, *data, "dedupe", "-i")
    assert result.code == 0, result.err
    # Which of a pair is shown first depends on the random ids; answer "1" keeps the first.
    ann = re.search(r"Merged (Annie Lee|Ann Lee) into (Ann Lee|Annie Lee)", result.out)
    stone = re.search(r"Merged (Bob Stone|Rob Stone) into (Rob Stone|Bob Stone)", result.out)
    assert ann and stone and ann[1] != ann[2] and stone[1] != stone[2]
    assert f"Undone: merge {stone[1]} into {stone[2]}" in result.out
    names = sorted(c["name"] for c in run(capsys, *data, "list", "--json").json())
    assert names == sorted([ann[2], "Bob Stone", "Rob Stone"])
