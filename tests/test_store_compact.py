"""The app's store (`Store(compact=True)`) keeps documents without their keys (storage.packing.pack_compact):
what it reads back and what it writes are exactly what a store packing documents whole
reads and writes, and a typical note takes far less room that way."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.storage import Change, Store
from netui.storage.packed_table import PackedTable
from netui.storage.packing import as_written, pack, pack_compact, spelled, unpack, unpack_each
from tests.test_store_packed import DOC_FIELDS, VALUE

NOTE = {"id": "c5eceb7b044f", "rev": 0, "contact_ids": ["69d454dd528c"], "kind": "call",
        "date": "2026-02-12", "text": "shared a family job post", "tags": [],
        "created_at": "2026-02-12T09:00:00+00:00", "updated_at": "2026-02-12T09:00:00+00:00"}


@given(VALUE.filter(lambda v: isinstance(v, dict)) | DOC_FIELDS)
def test_a_compact_document_reads_back_equal_with_its_keys_in_order(doc):
    back = unpack(pack_compact(doc))
    assert back == doc
    assert list(back) == list(doc)
    assert orjson.dumps(back) == orjson.dumps(doc)


@given(VALUE.filter(lambda v: isinstance(v, dict)) | DOC_FIELDS)
def test_a_document_is_written_as_the_file_spells_it_in_either_form(doc):
    assert orjson.dumps([pack_compact(doc), pack(doc)], default=as_written) == \
        orjson.dumps([doc, doc])


def test_a_document_with_keys_that_are_not_text_is_refused_as_a_whole_one_is():
    """As whole (orjson's TypeError, which a write reports as nothing saved), and its
    keys never become a shape."""
    for packer in (pack, pack_compact):
        with pytest.raises(TypeError):
            packer({1: "x"})
    assert unpack(pack_compact({"a": 1})) == {"a": 1}


def test_past_the_one_byte_shapes_a_document_still_reads_back_equal():
    for n in range(300):  # more shapes than one byte numbers
        doc = {f"k{n}": n, "id": "x"}
        assert unpack(pack_compact(doc)) == doc
        assert orjson.dumps(pack_compact(doc), default=as_written) == orjson.dumps(doc)


def test_a_note_kept_compact_takes_under_two_thirds_of_its_json():
    assert unpack(pack_compact(NOTE)) == NOTE
    assert len(pack_compact(NOTE)) < len(pack(NOTE)) * 2 / 3


def test_the_apps_store_and_the_shells_write_the_same_files(tmp_path: Path):
    """The app's store (compact) and a shell command's (lazy, whole) write the same bytes."""
    files = []
    for name, compact in (("app", True), ("shell", False)):
        root = tmp_path / name
        store = Store(root, backups=False, lazy=not compact, compact=compact).open()
        store.apply([Change("interactions", f"n{i}", {**NOTE, "id": f"n{i}", "text": str(i)})
                     for i in range(30)])
        store.apply([Change("interactions", "n3", {**NOTE, "id": "n3", "extra": True}),
                     Change("interactions", "n4", None)])
        assert store.get("interactions", "n3") == {**NOTE, "id": "n3", "extra": True}
        assert store.count("interactions") == 29
        files.append({p.relative_to(root): p.read_bytes()
                      for p in sorted((root / "interactions").glob("*.json"))})
        store.close()
    assert files[0] == files[1]
    assert any(b'"extra":true' in raw for raw in files[0].values())


def test_only_the_apps_store_keeps_documents_compact(data_dir):
    from netui.services.opening import open_network

    open_network(data_dir, backup=False).commit([Change("interactions", "n1", NOTE)], "a note")
    whole = open_network(data_dir, backup=False)
    kept = open_network(data_dir, backup=False, compact=True)
    assert whole.store.get("interactions", "n1") == kept.store.get("interactions", "n1") == \
        {**NOTE, "rev": 1}
    assert whole.store.packer is pack and kept.store.packer is pack_compact


def test_the_warm_up_builds_every_loaded_lookup_and_reads_stay_the_same(tmp_path: Path):
    """`warm_lookups` (the app's warm-up) builds each loaded table's lookup by id, a
    step each; the shards of a collection not read yet stay unread."""
    with Store(tmp_path, compact=True, backups=False) as store:
        docs = [{**NOTE, "id": f"n{i:05d}"} for i in range(200)]
        store.apply([Change("interactions", d["id"], d) for d in docs])
        store.apply([Change("contacts", "c1", {"id": "c1", "name": "Ana"})])
    with Store(tmp_path, compact=True, backups=False, lazy=True) as store:
        store.get("contacts", "c1")
        steps = list(store.warm_lookups())
        tables = [t for shards in store._shards.values() for s in shards
                  for t in s.storage.data.values()]
        assert len(steps) == len(tables) >= 1
        assert all(t._slots for t in tables)
        assert not any(s.storage.loaded for s in store._shards["interactions"])
        assert [store.get("interactions", d["id"]) for d in docs] == docs
        assert store.get("contacts", "c1") == {"id": "c1", "name": "Ana"}


KEYS = st.sampled_from(["c5eceb7b044f", "other", ""])


@given(VALUE.filter(lambda v: isinstance(v, dict)) | DOC_FIELDS, KEYS, st.booleans(),
       st.booleans())
def test_a_document_packed_without_its_id_reads_back_equal_given_its_key(doc, key, with_id,
                                                                         id_first):
    """Keyed only when the first key is "id" holding the table's key for it: read back
    with that key (alone, in a pass, spelled for the file), it is the document as
    given, keys in order; any other document is packed with its id as before."""
    if with_id:
        rest = {k: v for k, v in doc.items() if k != "id"}
        doc = {"id": key, **rest} if id_first else {**rest, "id": key}
    raw = pack_compact(doc, key)
    back = unpack(raw, key)
    assert back == doc and list(back) == list(doc)
    assert spelled(raw, key) == orjson.dumps(doc)
    table = PackedTable([key, "x"], [raw, pack_compact(doc)])
    assert list(unpack_each(*table.span(), table.ids())) == [doc, doc]
    keyed = bool(doc) and next(iter(doc)) == "id" and doc["id"] == key
    assert (len(raw) < len(pack_compact(doc)) or not key) if keyed else raw == pack_compact(doc)
    if keyed and key:
        with pytest.raises(ValueError):
            unpack(raw)  # without its key it cannot be read: never guessed


def test_the_apps_store_keeps_a_note_without_its_id_and_writes_it_with_it(tmp_path: Path):
    for n in range(2):  # written, then read from the file by a store opened again
        store = Store(tmp_path / "data", backups=False, compact=True).open()
        if n == 0:
            store.apply([Change("interactions", NOTE["id"], NOTE)])
        assert next(store.docs("interactions")) == NOTE == store.get("interactions", NOTE["id"])
        shard = next(s for s in store._shards["interactions"] if len(s.packed))
        assert NOTE["id"].encode() not in shard.packed[NOTE["id"]]
        written = orjson.loads(shard.storage.path.read_bytes())
        assert written["interactions"] == {NOTE["id"]: NOTE}
        store.close()
