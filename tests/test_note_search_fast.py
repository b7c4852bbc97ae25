"""The first note search of a session (the store's pass chained a shard at a time, the
index built in one loop with no call a note) finds exactly what the straight reading
finds: every stored note read shard by shard, `note_hay` of each, filtered word
by word, newest first with one day's notes in the store's order; whole or compact
packing, before and after the store is opened again (shards then read lazily)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Interaction
from netui.domain.names import fold
from netui.services import Network
from netui.services.results import note_hay
from netui.storage import Change, Store
from netui.storage.shards import unpack

TODAY = date(2026, 11, 22)
WORDS = ["Coffee", "café", "CAFE", "lisbon", "tea", "Ünïcode", "e", "ŁÓDŹ", "x"]
NOTE = st.fixed_dictionaries({
    "text": st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    "tags": st.lists(st.sampled_from(["work", "Café", "x"]), max_size=2),
    "day": st.sampled_from([date(2026, 1, 1), date(2026, 1, 2), date(2025, 3, 5)]),
})
QUERY = st.lists(st.sampled_from([*WORDS, "cafe", "lodz", "unicode"]), min_size=1,
                 max_size=2).map(" ".join)


def straight_items(store: Store) -> list[tuple[str, dict[str, Any]]]:
    """Every note as each shard holds it, read one record at a time."""
    out = []
    for shard in store._shards["interactions"]:
        store._ready([shard])
        out += [(rid, unpack(raw, rid)) for rid, raw in shard.packed.items()]
    return out


def straight_search(items: list[tuple[str, dict[str, Any]]], text: str,
                    limit: int) -> list[str]:
    words = fold(text).split()
    found = [doc for _rid, doc in items if all(w in note_hay(doc) for w in words)]
    found.sort(key=lambda d: d["date"], reverse=True)  # stable: ties in the store's order
    return [d["id"] for d in found[:limit]]


def _open(root: Path, compact: bool) -> Network:
    store = Store(root, backups=False, today=lambda: TODAY, compact=compact).open()
    return Network(store, today=lambda: TODAY)


@settings(max_examples=40, deadline=None)
@given(st.lists(NOTE, max_size=30), QUERY, st.integers(1, 8), st.booleans())
def test_the_first_search_finds_what_the_straight_reading_finds(notes, query, limit,
                                                                 compact):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        net = _open(root, compact)
        docs = [Interaction(contact_ids=["p"], date=n["day"], text=n["text"],
                            tags=n["tags"]).to_doc() for n in notes]
        if docs:
            net.store.apply([Change("interactions", d["id"], d) for d in docs])
        for again in (False, True):
            if again:  # opened anew: each shard read (and parsed once) as the pass meets it
                net.store.close()
                net = _open(root, compact)
                got_items = list(net.store.items("interactions"))
                net.store.close()
                net = _open(root, compact)
            else:
                got_items = list(net.store.items("interactions"))
            items = straight_items(net.store)
            assert got_items == items
            assert list(net.store.docs("interactions")) == [d for _rid, d in items]
            fresh = Network(net.store, today=lambda: TODAY)
            got = [i.id for i in fresh.search_notes(query, limit)]
            assert got == straight_search(items, query, limit)
            assert got == [i.id for i in fresh.search_notes(query, limit)]  # and again
        net.store.close()
