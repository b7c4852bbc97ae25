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
