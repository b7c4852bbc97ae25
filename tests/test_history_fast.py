"""The history pass and the note index read every note in one loop, with the note
haystack, the id check and the year check inlined: what they build is exactly what the
straightforward build gives (per-contact checks, `note_hay`, `same_id`, `in_years`),
whatever another program left in the documents."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.services.history_pass import index_interactions, same_id
from netui.services.note_index import NoteIndex
from netui.services.results import in_years, note_hay

DAYS = st.sampled_from(["2026-01-01", "2026-01-02", "2019-11-23", "1899-12-31", "2201-01-01",
                        "2026-02-30", "9999-99-99", "", "x", "2026-1-1"]) | st.integers(0, 3)
TEXTS = st.sampled_from(["Coffee in Lisbon", "café", "tea", "", "ÜBER", "x y"]) | st.none()
NOTE = st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["k0", "k1", "other", ""]) | st.integers(0, 2),
    "date": DAYS,
    "kind": st.sampled_from(["note", "call", "meeting", None]),
    "contact_ids": st.lists(st.sampled_from(["a", "b", "c"]), max_size=3) | st.just("ab"),
    "text": TEXTS,
    "tags": st.lists(st.sampled_from(["work", "Café", "x"]), max_size=2),
})


def straight(items: list[tuple[str, dict[str, Any]]]) -> tuple[dict, dict, tuple]:
    """The build the one loop stands for, written plainly."""
    inter_of: dict[str, dict[str, None]] = defaultdict(dict)
    latest: dict[str, str] = {}
    hays, days, ids = [], [], []
    for key, doc in items:
        iid = same_id(key, doc)
        day = doc.get("date", "")
        hays.append(note_hay(doc))
        days.append(day if isinstance(day, str) else "")
        ids.append(iid)
        for cid in doc.get("contact_ids", ()):
            inter_of[cid][iid] = None
            if doc.get("kind") != "note" and type(day) is str and day > latest.get(cid, "") \
                    and in_years(day):
                latest[cid] = day
    touch = {}
    for cid, day in latest.items():
        try:
            touch[cid] = date.fromisoformat(day)
        except ValueError:
            continue
    return ({k: list(v) for k, v in inter_of.items()}, touch, (hays, days, ids))


def _documents(notes: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for n, doc in enumerate(notes):
        if isinstance(doc.get("text", ""), str):  # else note_hay raises, as the loop does
            out.append((f"k{n}", doc))
    return out


@settings(max_examples=300)
@given(st.lists(NOTE, max_size=12))
def test_the_one_loop_builds_what_the_straight_build_builds(notes):
    items = _documents(notes)
    index = NoteIndex(block=3)  # sealed blocks, not just the tail
    inter_of, touch = index_interactions(items, index)
    want_of, want_touch, want_notes = straight(items)
    assert {k: list(v) for k, v in inter_of.items()} == want_of
    assert touch == want_touch
    assert (index.hays, index.days, index.ids) == want_notes
    for block in (2, 64):
        alone = NoteIndex.of_store(items, block=block)  # the first note search's build
        assert (alone.hays, alone.days, alone.ids) == want_notes
    assert index_interactions(items, None) == (inter_of, touch)


@settings(max_examples=100)
@given(st.lists(NOTE, max_size=6))
def test_a_note_added_one_at_a_time_is_indexed_as_in_the_pass(notes):
    items = _documents(notes)
    one_by_one = NoteIndex()
    for key, doc in items:
        one_by_one.add(same_id(key, doc), doc)
    at_once = NoteIndex.of_store(items)
    assert (one_by_one.hays, one_by_one.days, one_by_one.ids) == \
        (at_once.hays, at_once.days, at_once.ids)


OWNED = st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["k0", "other", ""]) | st.integers(0, 2),
    "contact_id": st.sampled_from(["a", "b", ""]) | st.integers(0, 2) | st.none(),
    "contact_ids": st.lists(st.sampled_from(["a", "b", "c"]), max_size=3) | st.none(),
})


@settings(max_examples=200)
@given(st.lists(OWNED, max_size=10))
def test_an_owner_index_is_what_each_records_owner_ids_give(docs):
    from netui.domain import registry
    from netui.services.history_pass import owner_index

    items = [(f"k{n}", doc) for n, doc in enumerate(docs)]
    for kind in ("favours", "checkins", "interactions"):
        for owner in registry.kind(kind).owners:
            want: dict[str, dict[str, None]] = defaultdict(dict)
            for key, doc in items:
                for cid in owner.ids(doc):
                    want[cid][same_id(key, doc)] = None
            got = owner_index(items, owner)
            assert {k: list(v) for k, v in got.items()} == {k: list(v) for k, v in want.items()}


OPS = st.lists(st.tuples(st.booleans(), st.sampled_from(["a", "b"]),
                         st.sampled_from(["n1", "n2", "n3"])), max_size=12)


@settings(max_examples=200)
@given(st.lists(OWNED, max_size=6), OPS)
def test_an_owner_index_kept_in_step_by_writes_is_the_ordered_sets_it_stands_for(docs, ops):
    """Tuples replaced per write (owned_add, owned_drop) hold what a dict per owner used
    as an ordered set holds, owners left with nothing gone as a fresh build leaves them."""
    from netui.domain import registry
    from netui.services.history_pass import owned_add, owned_drop, owned_of, owner_index

    owner = registry.kind("favours").owners[0]
    items = [(f"k{n}", doc) for n, doc in enumerate(docs)]
    got = owner_index(items, owner)
    want: dict[str, dict[str, None]] = {k: dict.fromkeys(v) for k, v in got.items()}
    for put, cid, rid in ops:
        if put:
            owned_add(got, cid, rid)
            want.setdefault(cid, {})[rid] = None
        else:
            owned_drop(got, cid, rid)
            if cid in want:
                want[cid].pop(rid, None)
                if not want[cid]:
                    del want[cid]
        assert {k: list(v) for k, v in got.items()} == {k: list(v) for k, v in want.items()}
        assert all(type(v) is tuple and v for v in got.values())
    assert owned_of(want) == got
