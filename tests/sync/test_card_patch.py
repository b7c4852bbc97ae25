"""Writing netui's fields into another app's card (issue 17 item 2; D3): what netui wrote
reads back as netui's values, and every line netui does not own stays byte for byte."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Contact
from netui.storage.fsio import atomic_write_many
from netui.sync.card_patch import patch_card
from netui.sync.fields import SYNCED, fields_of, read_card
from tests.sync.test_sync_round import KEPT, apple_card

CARD = apple_card("noah-1")
BASE = read_card(CARD.encode(), "noah.vcf", ()).contact
assert BASE is not None

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                max_size=40).map(lambda t: " ".join(t.split())).filter(bool)
emails = st.lists(st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.org", fullmatch=True), max_size=3,
                  unique=True)
phones = st.lists(st.from_regex(r"\+44 7700 9[0-9]{5}", fullmatch=True), max_size=3, unique=True)


@settings(max_examples=60, deadline=None)
@given(title=st.none() | words, nickname=st.none() | words, company=st.none() | words,
       location=st.none() | words, notes=st.just("") | words, emails=emails, phones=phones,
       tags=st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=3, unique=True))
def test_patched_fields_read_back_and_the_rest_stays(title, nickname, company, location, notes,
                                                     emails, phones, tags):
    doc = {**BASE.to_doc(), "title": title, "nickname": nickname, "company": company,
           "location": location, "notes": notes, "emails": emails, "phones": phones,
           "tags": tags}
    person = Contact.model_validate(doc)
    changed = {k for k in SYNCED if fields_of(person)[k] != fields_of(BASE)[k]}
    text = patch_card(CARD, person, changed)
    back = read_card(text.encode(), "noah.vcf", ()).contact
    assert back is not None
    assert fields_of(back) == fields_of(person)
    for line in KEPT:
        if line.startswith(("TEL", "item1.", "ORG", "ADR")):
            continue  # netui's own fields: kept only while their values are
        assert line + "\r\n" in text
    if "+44 7700 900123" in phones:  # a kept number keeps its TYPE parameters
        assert "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123\r\n" in text
    if "noah@example.org" in emails:  # and a kept email its item group and label
        assert "item1.X-ABLabel:_$!<Other>!$_\r\n" in text
    else:
        assert "item1." not in text  # a removed email takes its label with it


def test_nothing_changed_is_the_card_unchanged():
    assert patch_card(CARD, BASE, set()) == CARD


def test_a_new_town_keeps_the_street_and_postcode():
    person = BASE.model_copy(update={"location": "Leeds"})
    text = patch_card(CARD, person, {"location"})
    assert "ADR;TYPE=HOME,pref:;;1 Dock Road;Leeds;;PO1 1AA;\r\n" in text


def test_many_files_are_written_private_and_whole(tmp_path):
    (tmp_path / "old.vcf").write_bytes(b"old")
    atomic_write_many(tmp_path, {"old.vcf": b"new", **{f"{i}.vcf": b"x" * i for i in range(50)}})
    assert (tmp_path / "old.vcf").read_bytes() == b"new"
    assert (tmp_path / "49.vcf").read_bytes() == b"x" * 49
    assert {stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()} == {0o600}
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_a_failed_batch_leaves_no_temp_files(tmp_path):
    (tmp_path / "taken.vcf").mkdir()  # a file cannot replace a folder
    with pytest.raises(OSError):
        atomic_write_many(tmp_path, {"a.vcf": b"a", "taken.vcf": b"b"})
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_an_email_netui_did_not_take_is_not_netuis_to_drop():
    card = apple_card("noah-1", "EMAIL;TYPE=WORK:call me on the boat")
    base = read_card(card.encode(), "noah.vcf", ()).contact
    assert base is not None and base.emails == ["noah@example.org"]
    person = base.model_copy(update={"emails": ["noah@new.org"]})
    text = patch_card(card, person, {"emails"})
    assert "EMAIL;TYPE=WORK:call me on the boat\r\n" in text and "EMAIL:noah@new.org" in text
    assert "noah@example.org" not in text


values = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]),
                   st.lists(st.sampled_from(["x", "y"]), max_size=2))
side = st.fixed_dictionaries({k: values for k in SYNCED})


@settings(max_examples=200, deadline=None)
@given(base=side, ours=side, theirs=side)
def test_three_way_merge_takes_each_sides_changes_and_reports_only_true_conflicts(
        base, ours, theirs):
    from netui.sync.fields import merge

    result = merge(base, ours, theirs)
    conflicted = {k for k, _ in result.conflicts}
    for key in SYNCED:
        if theirs[key] == base[key]:
            assert result.fields[key] == ours[key]
        elif ours[key] == base[key]:
            assert result.fields[key] == theirs[key]
        else:
            assert result.fields[key] == ours[key]  # netui's value stays
        both = base[key] != ours[key] != theirs[key] != base[key]
        assert (key in conflicted) == both
    assert dict(result.conflicts) == {k: theirs[k] for k in conflicted}
