"""A search before the note index is built reads only the notes that may hold a word of
it (Store.holding, a scan of the notes' lowered bytes) and finds exactly what the index
finds: the same hits, in the same order, within the same limit, whatever the words
(regex and JSON specials, case folds such as 'ß' or 'İ', accents, no word at all)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Contact, Interaction
from netui.domain.names import fold
from netui.services import Network, interactions
from netui.services.entries import warm_note_index
from netui.services.results import note_hay
from netui.storage import Change, Store
from netui.storage.packed_table import PackedTable
from netui.storage.shards import pack, pack_compact, unpack

TODAY = date(2026, 11, 22)
# Letters of both cases, what a regex or JSON spells specially, and characters whose
# fold is longer than they are or ASCII though they are not (Kelvin sign, ligatures).
ODD = "aAbBcCeEsSiIkK \"\\/.*+?[](){}^$|#\n\t\x01ßẞİıKéÉﬀﬁøŁæ\u0301Σσς😀"
WORDS = ["coffee", "Coffee", "STRASSE", "Straße", "İstanbul", "istanbul", "café",
         "CAFE", "a.b", "(x)", "say \"hi\"", "back\\slash", "ﬀ", "K"]
TEXT = st.lists(st.sampled_from(WORDS) | st.text(ODD, max_size=8), max_size=5).map(" ".join)
NOTE = st.fixed_dictionaries({
    "text": TEXT,
    "tags": st.lists(st.sampled_from(["work", "Café", "x"]) | st.text(ODD, max_size=4),
                     max_size=2),
    "day": st.sampled_from([date(2026, 1, 1), date(2026, 1, 2), date(2025, 3, 5)]),
})
QUERY = st.sampled_from(["", " ", *WORDS, "ss", "i", "strasse", "k", "ff", "e"]) | st.text(
    ODD, max_size=6)


def _open(root: Path, compact: bool) -> Network:
    store = Store(root, backups=False, today=lambda: TODAY, compact=compact).open()
    return Network(store, today=lambda: TODAY)


def straight_search(store: Store, text: str, limit: int) -> list[str]:
    """Every note's haystack, filtered word by word, newest first (ties in store order)."""
    words = fold(text).split()
    if not words:
        return []
    docs = [d for _rid, d in store.items("interactions")]
    found = [d for d in docs if all(w in note_hay(d) for w in words)]
    found.sort(key=lambda d: d["date"], reverse=True)
    return [d["id"] for d in found[:limit]]


@settings(max_examples=60, deadline=None)
@given(st.lists(NOTE, max_size=25), st.lists(QUERY, min_size=1, max_size=6),
       st.integers(1, 6), st.booleans(), st.sampled_from([1, 4]), st.booleans())
def test_searches_before_the_index_find_what_the_index_finds(notes, queries, limit, compact,
                                                             share, reopen):
    with tempfile.TemporaryDirectory() as tmp, \
            mock.patch.object(interactions, "SCAN_SHARE", share):
        root = Path(tmp) / "data"
        net = _open(root, compact)
        docs = [Interaction(contact_ids=["p"], date=n["day"], text=n["text"],
                            tags=n["tags"]).to_doc() for n in notes]
        if docs:
            net.store.apply([Change("interactions", d["id"], d) for d in docs])
        if reopen:  # shards read from disk on first use
            net.store.close()
            net = _open(root, compact)
        indexed = Network(net.store, today=lambda: TODAY)
        warm_note_index(indexed)
        session = Network(net.store, today=lambda: TODAY)  # scans, then builds the index
        for query in queries:
            want = [i.id for i in indexed.search_notes(query, limit)]
            assert want == straight_search(net.store, query, limit)
            first = Network(net.store, today=lambda: TODAY)
            assert [i.id for i in first.search_notes(query, limit)] == want
            assert [i.id for i in session.search_notes(query, limit)] == want
        net.store.close()


def test_a_first_search_reads_no_more_than_it_needs(network):
    """Answered from the notes holding its word: no index of every note is built."""
    ann = network.add_contact(Contact(name="Ann"))
    for text in ("Coffee in Lisbon", "Straße", *["tea"] * 10):
        network.log_interaction(Interaction(contact_ids=[ann.id], date=TODAY, text=text))
    for query, text in (("COFFEE", "Coffee in Lisbon"), ("strasse", "Straße")):
        fresh = Network(network.store, today=lambda: TODAY)
        assert [i.text for i in fresh.search_notes(query)] == [text]
        assert fresh._ix.note_text is None
    warm_note_index(fresh)
    assert fresh._ix.note_text is not None
    assert [i.text for i in fresh.search_notes("coffee")] == ["Coffee in Lisbon"]


def test_a_session_that_searches_again_builds_the_index(network):
    ann = network.add_contact(Contact(name="Ann"))
    for text in ("coffee", *["tea"] * 10):
        network.log_interaction(Interaction(contact_ids=[ann.id], date=TODAY, text=text))
    fresh = Network(network.store, today=lambda: TODAY)
    for _ in range(interactions.SCANS_BEFORE_INDEX):
        fresh.search_notes("coffee")
        assert fresh._ix.note_text is None
    assert [i.text for i in fresh.search_notes("coffee")] == ["coffee"]
    assert fresh._ix.note_text is not None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]  # keys: compact leaves them out
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


DOC = st.dictionaries(st.sampled_from(["text", "tags", "id", "Date"]) | st.text(ODD, max_size=3),
                      st.text(ODD, max_size=10) | st.lists(st.text(ODD, max_size=5), max_size=2)
                      | st.integers(-1000, 1000), max_size=4)


@settings(max_examples=200)
@given(st.lists(DOC, max_size=12), st.text("abcsik\"\\/.*( #", min_size=1, max_size=3),
       st.booleans(), st.integers(0, 12))
def test_the_scan_misses_no_document_whose_values_hold_the_needle(docs, needle, compact,
                                                                   most):
    packer = pack_compact if compact else pack
    table = PackedTable([f"r{n}" for n in range(len(docs))], [packer(d) for d in docs])
    assert [unpack(table.raw_at(p)) for p in range(len(docs))] == docs
    holding = {p for p, d in enumerate(docs)
               if any(needle in s.lower() or needle in fold(s) for s in _strings(d))}
    found = table.holding(needle.encode(), most)
    if found is None:
        assert len(table.holding(needle.encode(), len(docs)) or ()) > most
    else:
        assert found == sorted(found) and holding <= set(found) and len(found) <= most
