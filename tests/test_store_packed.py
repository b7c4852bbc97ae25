"""The store keeps every document packed (its JSON bytes) and parses it when read: what it
reads back is exactly what a dict copy would have held, what the files hold, and what a
fresh open reads; a pass over a collection read lazily still never shows half a commit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.storage import Change, Store
from netui.storage.shards import SHARDS, pack, parse_shard, unpack

# JSON values as orjson writes and reads them exactly: 64-bit ints, finite floats, text
# without the control and format characters a load scrubs from files other programs wrote.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf")), max_size=12)
SCALAR = (st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
          | st.floats(allow_nan=False, allow_infinity=False) | TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
IDS = st.sampled_from([f"r{i}" for i in range(12)])
DOC_FIELDS = st.dictionaries(TEXT.filter(lambda k: k != "id"), VALUE, max_size=4)
# A commit: ids put (a document) or deleted (None), in one collection.
COMMIT = st.tuples(st.sampled_from(["contacts", "interactions"]),
                   st.dictionaries(IDS, st.none() | DOC_FIELDS, min_size=1, max_size=4))


def files_hold(root: Path, collection: str) -> dict[str, dict]:
    """Every document of `collection` as its files hold it, parsed straight from disk."""
    out: dict[str, dict] = {}
    for i in range(SHARDS[collection]):
        path = root / collection / f"{i:02d}.json"
        if path.exists():
            out.update(parse_shard(path.read_bytes()).get(collection, {}))
    return out


@given(VALUE.filter(lambda v: isinstance(v, dict)) | DOC_FIELDS)
def test_a_packed_document_reads_back_equal(doc):
    assert unpack(pack(doc)) == doc
    assert len(pack(doc)) == len(orjson.dumps(doc))


@pytest.mark.parametrize("compact", [False, True])  # the app's store: see test_store_compact
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COMMIT, min_size=1, max_size=5))
def test_what_the_store_reads_back_is_what_a_dict_copy_holds(compact, commits):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        store = Store(root, backups=False, compact=compact).open()
        held: dict[str, dict[str, dict]] = {"contacts": {}, "interactions": {}}
        for collection, changes in commits:
            batch = []
            for rid, fields in changes.items():
                doc = None if fields is None else {"id": rid, **fields}
                batch.append(Change(collection, rid, doc))
                if doc is None:
                    held[collection].pop(rid, None)
                else:
                    held[collection][rid] = doc
            store.apply(batch)
            for name, docs in held.items():
                assert {rid: store.get(name, rid) for rid in docs} == docs
                assert sorted(store.docs(name), key=lambda d: d["id"]) == \
                    sorted(docs.values(), key=lambda d: d["id"])
                assert store.count(name) == len(docs)
                assert dict(store.items(name)) == docs
        again = Store(root, backups=False, compact=compact).open()
        for name, docs in held.items():
            assert files_hold(root, name) == docs
            assert dict(again.items(name)) == docs  # the first pass: the parsed documents
            assert dict(again.items(name)) == docs  # later passes: parsed from the packed
        store.close()
        again.close()


def test_a_returned_document_is_the_callers_to_change(data_dir):
    store = Store(data_dir, backups=False).open()
    store.apply([Change("contacts", "a", {"id": "a", "tags": ["x"]})])
    got = store.get("contacts", "a")
    assert got is not None
    got["tags"].append("changed in place")
    assert store.get("contacts", "a") == {"id": "a", "tags": ["x"]}
    assert next(store.docs("contacts")) == {"id": "a", "tags": ["x"]}


def test_a_pass_begun_before_another_netui_commits_shows_the_commit_before_it_whole(data_dir):
    """Notes are read on first use, one shard at a time as a pass reaches it: the bytes
    of every shard are read together under the lock first, so another netui committing
    meanwhile is seen on neither shard or both (here: neither, until a refresh)."""
    ids = [f"n{i}" for i in range(40)]
    Store(data_dir, backups=False).open().apply(
        [Change("interactions", i, {"id": i, "text": "old"}) for i in ids])
    reader = Store(data_dir, backups=False).open()  # notes not read yet
    passing = reader.docs("interactions")
    seen = [next(passing)["text"]]
    Store(data_dir, backups=False).open().apply(  # touches every note shard
        [Change("interactions", i, {"id": i, "text": "new"}) for i in ids])
    seen += [d["text"] for d in passing]
    assert seen == ["old"] * len(ids)
    assert reader.refresh() == {"interactions"}
    assert {d["text"] for d in reader.docs("interactions")} == {"new"}


def test_a_pass_left_halfway_leaves_the_rest_to_the_same_read(data_dir):
    ids = [f"n{i}" for i in range(40)]
    Store(data_dir, backups=False).open().apply(
        [Change("interactions", i, {"id": i, "text": "old"}) for i in ids])
    reader = Store(data_dir, backups=False).open()
    passing = reader.docs("interactions")
    next(passing)
    passing.close()  # e.g. `any(...)` stopped at its first match
    Store(data_dir, backups=False).open().apply(
        [Change("interactions", i, {"id": i, "text": "new"}) for i in ids])
    # The shards the pass never reached show the state it began on, not a newer one.
    assert {d["text"] for d in reader.docs("interactions")} == {"old"}
    assert reader.get("interactions", ids[-1]) == {"id": ids[-1], "text": "old"}


@given(st.dictionaries(TEXT, st.dictionaries(st.text(max_size=8), DOC_FIELDS, max_size=4),
                       max_size=3))
def test_tables_of_whole_documents_dump_as_orjson_dumps_them(tables) -> None:
    from netui.storage.packing import as_written
    from netui.storage.shards import dump_tables

    packed = {name: {rid: pack(doc) for rid, doc in t.items()} for name, t in tables.items()}
    assert dump_tables(packed) == orjson.dumps(packed, default=as_written)
    assert orjson.loads(dump_tables(packed)) == tables
