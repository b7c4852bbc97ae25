"""The note search index (three parallel lists, no documents) finds what the straight
build finds: a dict of id -> (haystack, document) kept in step per write, filtered word
by word, the newest `limit` first (one day's notes in the order they were indexed)."""

from __future__ import annotations

import heapq
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Contact, Interaction
from netui.domain.names import fold
from netui.services.note_index import NoteIndex
from netui.services.results import note_hay

WORDS = ["café", "Cafe", "lisbon", "zanzibar", "e", "tea", "Ünïcode", "x"]
IDS = [f"n{i}" for i in range(10)]
NOTE = st.fixed_dictionaries({
    "text": st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    "tags": st.lists(st.sampled_from(["work", "café", "x"]), max_size=2),
    "date": st.sampled_from(["2026-01-01", "2026-01-02", "2026-03-05", ""])})
STEP = st.tuples(st.sampled_from(IDS), st.none() | NOTE)  # None: the note deleted


def straight_search(notes: dict[str, tuple[str, dict]], text: str, limit: int) -> list[str]:
    found = list(notes.values())
    for w in sorted(fold(text).split(), key=len, reverse=True):
        found = [pair for pair in found if w in pair[0]]
    return [d["id"] for d in heapq.nlargest(limit, (doc for _hay, doc in found),
                                             key=lambda d: d.get("date", ""))]


@settings(max_examples=200)
@given(st.lists(STEP, max_size=25), st.lists(st.sampled_from(WORDS), min_size=1, max_size=2),
       st.integers(1, 6))
def test_the_index_finds_what_the_straight_build_finds(steps, words, limit):
    start = {rid: {"id": rid, "text": "e tea", "tags": [], "date": "2026-01-02"}
             for rid in IDS[:4]}
    index = NoteIndex(start.items())
    straight = {rid: (note_hay(doc), doc) for rid, doc in start.items()}
    for rid, note in steps:
        if note is None:
            index.drop(rid)
            straight.pop(rid, None)
        else:
            doc = {"id": rid, **note}
            index.put(rid, doc)
            straight[rid] = (note_hay(doc), doc)
    text = " ".join(words)
    assert index.search(fold(text).split(), limit) == straight_search(straight, text, limit)
    assert len(index) == len(straight)


def test_search_notes_reads_hits_back_from_the_store(network):
    ann = network.add_contact(Contact(name="Ann"))
    older = network.log_interaction(Interaction(contact_ids=[ann.id], text="Coffee in Lisbon",
                                                date=date(2026, 1, 1)))
    newer = network.log_interaction(Interaction(contact_ids=[ann.id], text="café again",
                                                date=date(2026, 2, 1)))
    assert [i.id for i in network.search_notes("cafe")] == [newer.id]
    network.update_interaction(older.model_copy(update={"text": "cafe by the river"}))
    assert [i.text for i in network.search_notes("CAFE")] == ["café again", "cafe by the river"]
    network.delete_interaction(newer.id)
    assert [i.id for i in network.search_notes("cafe")] == [older.id]


def test_health_in_slices_is_health_at_once(demo_network):
    """The figures read notes and favours a slice at a time (none held all at once):
    any step size gives what one pass gives."""
    from netui.services import health as health_service

    whole = health_service.compute(demo_network)
    for per_step in (1, 7, 10_000):
        steps = health_service.compute_steps(demo_network, notes_per_step=per_step)
        results = [r for r in steps if r is not None]
        assert results == [whole]


def test_a_persons_links_are_their_valid_links_in_stored_order(demo_network):
    from netui.domain.links import Link
    from netui.storage import Change

    net = demo_network
    ids = [c.id for c in net.contacts()][:3]
    first = net.links.add(ids[0], ids[1], "works with")
    second = net.links.add(ids[2], ids[0], "reports to")
    net.store.apply([Change("links", "broken", {"id": "broken", "a_id": ids[0]})])
    straight = [Link.model_validate(d) for d in net.store.docs("links")
                if d.get("kind") and ids[0] in (d.get("a_id"), d.get("b_id"))]
    assert [x.id for x in net.links.of(ids[0])] == [x.id for x in straight]
    assert {first.id, second.id} <= {x.id for x in net.links.of(ids[0])}
    assert "broken" not in {x.id for x in net.links.all()}


def test_everyones_links_at_once_are_each_persons_links(demo_network):
    """by_person (one validation per link, for an export of everyone) gives each person
    exactly what `of` gives them, in the same order, broken links left out."""
    from netui.storage import Change

    net = demo_network
    ids = [c.id for c in net.contacts()][:3]
    net.links.add(ids[0], ids[1], "works with")
    net.links.add(ids[2], ids[0], "reports to")
    net.store.apply([Change("links", "broken", {"id": "broken", "a_id": ids[0]})])
    everyone = net.links.by_person()
    for c in net.contacts(include_archived=True):
        assert [x.id for x in everyone.get(c.id, [])] == [x.id for x in net.links.of(c.id)]
    assert len(everyone[ids[0]]) >= 2


ODD_WORDS = [*WORDS, "🎉", "a\x00b", "\x00", "\ud800", "naïve—"]
ODD_NOTE = st.fixed_dictionaries({
    "text": st.lists(st.sampled_from(ODD_WORDS), max_size=4).map(" ".join),
    "tags": st.lists(st.sampled_from(["work", "café", "🎉", "\x00"]), max_size=2),
    "date": st.sampled_from(["2026-01-01", "2026-01-02", ""])})


@settings(max_examples=300)
@given(st.sampled_from([1, 2, 3, 5]), st.lists(st.tuples(st.sampled_from(IDS), ODD_NOTE),
                                               max_size=12),
       st.lists(st.tuples(st.sampled_from(IDS), st.none() | ODD_NOTE), max_size=12),
       st.lists(st.sampled_from(ODD_WORDS), min_size=1, max_size=3), st.integers(1, 20))
def test_haystacks_in_blocks_find_what_one_string_a_note_finds(block, first, steps, words,
                                                                 limit):
    """Blocks of any size, notes holding NULs, emoji, lone surrogates: the blocks, kept
    in step by writes, hold the haystacks the straight build holds and find the same."""
    start = {rid: {"id": rid, **note} for rid, note in first}
    index = NoteIndex(start.items(), block=block)
    assert index.hays == [note_hay(doc) for doc in start.values()]
    assert NoteIndex.of_store(start.items(), block=block).hays == index.hays
    straight = {rid: (note_hay(doc), doc) for rid, doc in start.items()}
    for rid, note in steps:
        if note is None:
            index.drop(rid)
            straight.pop(rid, None)
        else:
            doc = {"id": rid, **note}
            index.put(rid, doc)
            straight[rid] = (note_hay(doc), doc)
    assert index.hays == [hay for hay, _doc in straight.values()]
    assert index.ids == list(straight)
    folded = [fold(w) for w in words]
    assert index.search(folded, limit) == straight_search(straight, " ".join(words), limit)
