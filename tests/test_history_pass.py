"""Loading history reads each collection once (the store keeps documents packed: every
pass parses them again) and builds every index of it that is not built yet. What it builds
must be what each index builds on its own, from first use, over the same store: written
to, damaged by another program, and with favours counting as touches or not."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.domain.models import Direction, Favour, FavourStatus, Interaction, Kind
from netui.services import Network
from netui.services.note_index import NoteIndex
from netui.storage import Change
from tests.conftest import TODAY

# Documents another program might leave: wrong types, missing fields, odd dates.
DAMAGED = st.sampled_from([
    ("interactions", {"id": "bad-i1", "contact_ids": "not-a-list", "date": "2026-01-01"}),
    ("interactions", {"id": "bad-i2", "date": 20260101, "kind": "call", "text": "x"}),
    ("interactions", {"id": "bad-i3", "contact_ids": [], "date": "9999-99-99"}),
    ("favours", {"id": "bad-f1", "contact_id": 7, "direction": "gave"}),
    ("favours", {"id": "bad-f2", "direction": "asked", "status": "open", "date": "2026-02-30"}),
    ("checkins", {"id": "bad-c1", "status": "pending", "due": "soon"}),
    ("checkins", {"id": "bad-c2", "contact_id": "", "due": "2026-01-01"}),
])


def _indexes(net: Network) -> dict[str, object]:
    """Every index load_history builds, as plain values."""
    ix = net._ix
    notes = ix.note_index()
    return {
        "inter_of": {k: list(v) for k, v in ix.inter_of.items() if v},
        "touch": dict(ix.touch),
        "fav_of": {k: list(v) for k, v in ix.fav_of.items() if v},
        "chk_of": {k: list(v) for k, v in ix.chk_of.items() if v},
        "intro_of": {k: list(v) for k, v in ix.intro_of.items() if v},
        "marks": ix.marks,
        "pending": ix.pending,
        "notes": (notes.ids, notes.days, notes.hays),
    }


def _fresh(net: Network) -> Network:
    return Network(net.store, today=lambda: TODAY)


@pytest.mark.parametrize("favours_touch", [True, False])
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged=st.lists(DAMAGED, max_size=4, unique_by=lambda kind_doc: kind_doc[1]["id"]), notes=st.integers(0, 3),
       favours=st.integers(0, 3))
def test_one_pass_builds_what_each_index_builds_alone(demo_network, favours_touch, damaged,
                                                      notes, favours):
    net = demo_network
    net._ix.config.favours_count_as_touch = favours_touch
    people = [c.id for c in net.contacts()][:4]
    for n in range(notes):
        net.log_interaction(Interaction(contact_ids=people[n:n + 2], date=date(2026, 3, n + 1),
                                        kind=Kind.call, text=f"Café number {n}"))
    for n in range(favours):
        net.log_favour(Favour(contact_id=people[n], introduced_id=people[-1],
                              direction=Direction.gave, status=FavourStatus.done,
                              date=date(2026, 4, n + 1), text="an intro"))
    net.store.apply([Change(kind, doc["id"], doc) for kind, doc in damaged])

    at_once = _fresh(net)
    at_once.load_history()
    built = _indexes(at_once)
    alone = _indexes(_fresh(net))  # each index from its own pass, on first use
    assert built == alone
    assert at_once._ix.note_text is not None and len(at_once._ix.note_text) >= notes


def test_the_history_pass_parses_each_collection_once(demo_network, monkeypatch):
    """The point of the one pass: notes, favours and check-ins are each read once."""
    net = _fresh(demo_network)
    reads: dict[str, int] = defaultdict(int)
    items = net.store.items

    def counted(collection: str):
        reads[collection] += 1
        return items(collection)

    monkeypatch.setattr(net.store, "items", counted)
    monkeypatch.setattr(net.store, "docs", lambda c: (d for _, d in counted(c)))
    net.load_history()
    net.search_notes("coffee")
    assert dict(reads) == {"interactions": 1, "favours": 1, "checkins": 1}


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from([f"n{i}" for i in range(6)]),
                          st.none() | st.sampled_from(["2026-01-01", "2026-01-02", "", "x"]))))
def test_notes_by_day_from_the_index_are_the_stores_by_day(steps):
    """The calendar groups notes by day from the note index, kept in step per write: the
    same notes on the same days as grouping the stored documents afresh."""
    stored = {f"n{i}": {"id": f"n{i}", "date": "2026-01-01", "text": "t"} for i in range(3)}
    index = NoteIndex(stored.items())
    for rid, day in steps:
        if day is None:
            stored.pop(rid, None)
            index.drop(rid)
        else:
            stored[rid] = {"id": rid, "date": day, "text": "t"}
            index.put(rid, stored[rid])
    by_index: dict[str, set[str]] = defaultdict(set)
    for rid, day in index.by_day():
        by_index[day].add(rid)
    straight: dict[str, set[str]] = defaultdict(set)
    for rid, doc in stored.items():
        straight[doc["date"]].add(rid)
    assert by_index == straight


def test_a_note_whose_date_is_not_text_is_no_touch_and_breaks_nothing(network):
    """Another program wrote a note with a number for its date: loading history and a
    write to that person leave it out of their last touch instead of failing."""
    from netui.domain.models import Contact

    ann = network.add_contact(Contact(name="Ann"))
    network.store.apply([Change("interactions", "odd", {
        "id": "odd", "contact_ids": [ann.id], "date": 20260101, "kind": "call"})])
    fresh = _fresh(network)
    fresh.load_history()
    assert fresh.last_touch(ann.id) is None
    fresh.log_interaction(Interaction(contact_ids=[ann.id], date=date(2026, 5, 1),
                                      kind=Kind.call, text="a real call"))
    assert fresh.last_touch(ann.id) == date(2026, 5, 1)
