"""A shard's table kept as one buffer (storage.packed_table) behaves as the dict of
record id -> packed document it replaces: same lookups, same order, same bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.storage.packed_table import EMPTY, PackedTable, _offsets
from netui.storage.packing import pack, pack_compact, unpack, unpack_each
from tests.test_store_packed import DOC_FIELDS

IDS = st.text(max_size=14)
BLOBS = st.binary(min_size=1, max_size=40)
TABLES = st.dictionaries(IDS, BLOBS, max_size=60)


@given(TABLES, st.lists(IDS, max_size=20))
def test_a_packed_table_answers_as_the_dict_it_was_made_of(model, probes):
    table = PackedTable.of(model)
    assert len(table) == len(model)
    assert list(table) == list(model) == table.ids()
    assert list(table.items()) == list(model.items())
    assert list(table.values()) == list(table.raws()) == list(model.values())
    assert [bytes(v) for v in table.views()] == list(model.values())
    assert table == model
    assert bool(table) == bool(model)
    for rid in [*model, *probes]:
        assert table.get(rid) == model.get(rid)
        assert (rid in table) == (rid in model)
        if rid in model:
            assert table[rid] == model[rid]
        else:
            with pytest.raises(KeyError):
                table[rid]


@given(st.lists(IDS, max_size=40, unique=True))
def test_ids_whose_hashes_collide_are_each_found(ids):
    """Every id in a table of 8 slots probes on past the others (and empty strings,
    whose hash is 0, among them)."""
    table = PackedTable(ids, [rid.encode() + b"!" for rid in ids])
    for rid in ids:
        assert table.get(rid) == rid.encode() + b"!"
    assert table.get("not there" * 3) is None


def test_an_empty_table_holds_nothing():
    assert len(EMPTY) == 0 and list(EMPTY.items()) == [] and EMPTY.get("x") is None
    assert "x" not in EMPTY and not EMPTY


def test_ids_and_documents_must_pair_up():
    with pytest.raises(ValueError):
        PackedTable(["a", "b"], [b"{}"])


def test_offsets_take_8_bytes_only_past_2_gb():
    assert _offsets(map(int, [10, 20])).itemsize == 4
    big = _offsets(map(int, [1 << 30, 1 << 30, 5]))
    assert big.itemsize == 8 and list(big) == [1 << 30, 1 << 31, (1 << 31) + 5]


@given(st.lists(DOC_FIELDS, max_size=12))
def test_a_buffer_of_documents_unpacks_as_each_one_does(docs):
    """Both packers, mixed in one buffer (a compact store keeps a document whose keys
    it cannot name by a shape whole)."""
    blobs = [(pack if n % 3 == 0 else pack_compact)(d) for n, d in enumerate(docs)]
    table = PackedTable([str(n) for n in range(len(docs))], blobs)
    back = list(unpack_each(*table.span()))
    assert back == [unpack(b) for b in blobs] == docs
    assert [list(d) for d in back] == [list(d) for d in docs]


def test_documents_of_shapes_past_the_one_byte_ones_unpack_from_a_buffer():
    docs = [{f"wide{n}": n, "id": str(n)} for n in range(300)]
    blobs = list(map(pack_compact, docs))
    assert any(b[0] == 122 for b in blobs)  # shapes numbered in two more bytes
    assert list(unpack_each(*PackedTable([str(n) for n in range(300)], blobs).span())) == docs


@given(TABLES, st.lists(IDS, max_size=30), st.lists(IDS, max_size=10), st.binary(min_size=1))
def test_a_table_that_replaces_another_finds_what_its_dict_holds(model, added, gone, blob):
    """A write's new table takes over the old lookup (same ids, maybe more after them)
    or builds its own: either way every lookup answers as the dict does."""
    old = PackedTable.of(model)
    old.index()
    new_model = {rid: (blob if n % 2 else doc) for n, (rid, doc) in enumerate(model.items())}
    for rid in added:
        new_model.setdefault(rid, blob)
    for rid in gone:
        new_model.pop(rid, None)
    new = PackedTable.of(new_model, like=old)
    for rid in [*model, *added, *gone]:
        assert new.get(rid) == new_model.get(rid)
        assert (rid in new) == (rid in new_model)
    assert list(new.items()) == list(new_model.items())
    assert old == model  # the old table is never changed


def test_a_table_with_the_same_ids_shares_the_lookup_and_one_with_more_copies_it():
    old = PackedTable.of({"a": b"1", "b": b"2"})
    old.index()
    same = PackedTable.of({"a": b"3", "b": b"4"}, like=old)
    more = PackedTable.of({"a": b"1", "b": b"2", "c": b"5"}, like=old)
    assert same._slots is old._slots
    assert more._slots and more._slots is not old._slots and more.get("c") == b"5"
    assert old.get("c") is None
