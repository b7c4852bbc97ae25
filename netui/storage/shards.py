"""Shards: each collection spread over small TinyDB files by a hash of the record id. The
only module that imports TinyDB.

Reads never go through TinyDB: `ShardStorage.data` is the in-memory copy, every document
kept as its JSON bytes (`pack`, or without its keys: `pack_compact`, see storage.packing),
a table's in one buffer (storage.packed_table), and parsed when read (`Shard.docs`,
`Store.get`): 100k notes take ~30 MB that way instead of ~85 MB as dicts. Writes go through TinyDB's public
table API (`remove`, `insert_multiple` of `Document`s), buffered in `ShardStorage` so that
one commit serialises and stages each shard it touches once; a document already packed is
written out as it is (`orjson.Fragment`), never parsed and re-serialised (a compact one
is spelled out with its keys)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import Storage, TinyDB
from tinydb.table import Document, Table

from ..domain import registry
from ..domain.text import json_may_hold_controls, scrub_value
from .change import Doc
from .fsio import Stamp, read_bytes, stamp
from .packed_table import EMPTY, PackedTable
from .packing import Packer, pack, pack_compact, spelled, unpack, unpack_each

__all__ = ["LAZY", "SHARDS", "Packed", "Shard", "ShardStorage", "dump_tables", "pack",
           "pack_compact", "parse_shard", "shard_of", "unpack"]


# Shards per collection, as each record kind declares them (netui.domain.registry): a
# live view, so a kind registered later is covered by everything derived from it.
class _Shards(Mapping[str, int]):
    def __getitem__(self, collection: str) -> int:
        return registry.kind(collection).shards

    def __iter__(self) -> Iterator[str]:
        return iter(list(registry.KINDS))

    def __len__(self) -> int:
        return len(registry.KINDS)


SHARDS: Mapping[str, int] = _Shards()


# Read on first use rather than at open (each kind says so): notes are most of the data,
# a shell command that adds one note needs only the shard it writes, and the app's first
# frame (the contact list) needs contacts only.
class _Lazy:
    def __contains__(self, collection: object) -> bool:
        return collection in registry.lazy_collections()


LAZY = _Lazy()

Tables = dict[str, dict[str, Doc]]
# A shard's tables as kept in memory: record id -> the document's JSON bytes (`pack`),
# each table one buffer (storage.packed_table). While a write is staged, TinyDB's new
# table is a dict, packed documents and the dicts it inserted (see `flush`).
Packed = dict[str, PackedTable]
Stage = Callable[["ShardStorage", Packed, bytes], None]


def pack_tables(tables: Tables, packer: Packer = pack) -> Packed:
    return {name: PackedTable(list(table), list(map(packer, table.values(), table)))
            for name, table in tables.items()}


def dump_tables(data: Packed) -> bytes:
    """`orjson.dumps(data, default=as_written)` for tables of whole documents (`pack`'s):
    each goes out as it is, joined in C rather than through a Python hook per document
    (a note's shard at 50k contacts holds ~8,000; tests/test_packing.py compares them)."""
    return b"{" + b",".join(
        orjson.dumps(name) + b":{" + b",".join(map(b":".join, zip(
            map(orjson.dumps, table), table.values(), strict=True))) + b"}"
        for name, table in data.items()) + b"}"


def _dump_spelled(data: Packed | dict[str, dict[str, bytes]]) -> bytes:
    """Tables of compact documents as the file holds them: each spelled out with its
    keys and, when it was packed without it, its id (its key in the table)."""
    return orjson.dumps({name: {rid: orjson.Fragment(spelled(raw, rid))
                                for rid, raw in table.items()}
                         for name, table in data.items()})


def shard_of(record_id: str, shards: int) -> int:
    return zlib.crc32(record_id.encode()) % shards


def parse_shard(raw: bytes) -> Tables:
    """A shard's tables. Empty or blank is unreadable, never "no records": every shard
    netui writes holds at least `{}`, so an empty one was truncated by something."""
    if not raw.strip():
        raise ValueError("the file is empty")
    data = orjson.loads(raw)
    # orjson makes plain dicts, never a subclass: the types of a table's records are
    # checked as a set built in C (100k notes: a Python-level loop was a fifth of a load).
    if type(data) is not dict or not all(
        type(t) is dict and {*map(type, t.values())} <= {dict} for t in data.values()
    ):
        raise ValueError("not a netui data file")
    return data


class _Table(Table):
    """A TinyDB table whose document ids are netui's string ids (`document_id_class` is the
    public class attribute TinyDB converts ids with; its annotations say int, hence the
    ignores on ids below)."""

    document_id_class = str  # type: ignore[assignment]


class _ShardDB(TinyDB):
    table_class = _Table


class ShardStorage(Storage):
    """orjson on disk, an in-memory copy in step (packed), and writes staged for the journal.

    TinyDB's writes land in `pending` (a new dict each time: the copy in memory is never
    changed in place, so a write that fails, a value that does not serialise or a full
    disk, leaves nothing half-applied); `flush` serialises and stages them once."""

    def __init__(self, path: Path, stage: Stage, packer: Packer = pack) -> None:
        self.path = path
        self._stage = stage
        self.packer = packer  # how documents are kept (see storage.packing)
        self.data: Packed = {}
        # TinyDB's tables while a write is staged: packed, and the dicts it wrote.
        self.pending: dict[str, Any] | None = None
        self.stamp: Stamp | None = None
        self.loaded = False
        self.read_from: Path | None = None  # a journal's temp, read-only (see Store.open)
        # The file's (stamp, bytes) read ahead under the lock with its sibling shards, so
        # that parsing it later still shows their commit whole (see Store.docs).
        self.read_ahead: tuple[Stamp | None, bytes | None] | None = None
        # The tables as parsed by the last load, until one pass over them takes them
        # (`take_fresh`): the first read of a shard costs no second parse.
        self.fresh: Tables | None = None

    def read_raw(self) -> None:
        """Read the file's bytes now (under the caller's lock), to be parsed by `load`."""
        source = self.read_from or self.path
        found = stamp(source)
        self.read_ahead = (found, read_bytes(source) if found is not None else None)

    def load(self, keep_fresh: bool = False) -> None:
        """(Re)read the file (or the bytes `read_raw` read). Raises ValueError with the
        reason if unreadable. `keep_fresh`: keep the parsed tables for one pass."""
        if self.read_ahead is None:
            self.read_raw()
        assert self.read_ahead is not None
        (found, raw), self.read_ahead = self.read_ahead, None
        if raw is None:
            self.data, self.stamp, self.loaded, self.fresh = {}, None, True, None
            return
        data = parse_shard(raw)
        if json_may_hold_controls(raw):  # written by another program: no escapes (F7)
            data = scrub_value(data)
        self.data, self.stamp, self.loaded = pack_tables(data, self.packer), found, True
        self.fresh = data if keep_fresh else None

    def take_fresh(self, table: str) -> dict[str, Doc] | None:
        fresh, self.fresh = self.fresh, None
        return fresh.get(table, {}) if fresh is not None else None

    def changed_on_disk(self) -> bool:
        return stamp(self.read_from or self.path) != self.stamp

    def read(self) -> dict[str, Any]:
        return dict(self.pending if self.pending is not None else self.data)

    def write(self, data: dict[str, Any]) -> None:
        self.pending = data

    def flush(self, keep_order_of: str | None) -> None:
        """Stage the pending tables. `keep_order_of`: a table whose replaced records go back
        to their old place (TinyDB's remove-then-insert moves them to the end)."""
        data, self.pending = self.pending, None
        if data is None:
            return
        if keep_order_of is not None:
            old, new = self.data.get(keep_order_of, EMPTY), data[keep_order_of]
            ordered = {k: new[k] for k in old if k in new}
            ordered.update(new)
            data[keep_order_of] = ordered
        for name, table in data.items():  # the documents TinyDB inserted, packed like the rest
            fresh: dict[str, Any] = (dict(table.items()) if isinstance(table, PackedTable)
                                     else table)
            for rid, doc in fresh.items():
                if type(doc) is not bytes:
                    fresh[rid] = self.packer(doc, rid)
            data[name] = fresh
        raw = dump_tables(data) if self.packer is pack else _dump_spelled(data)
        # A table whose ids did not change keeps its lookup (a contact edited: the next
        # read by id does not rebuild it).
        self._stage(self, {name: PackedTable.of(t, self.data.get(name))
                           for name, t in data.items()}, raw)

    def adopt(self, data: Packed | None) -> None:
        """The committed file's tables as the new copy in memory; None (a commit spliced
        into bytes never decoded, see storage.splice): not read yet, read on first use."""
        if data is None:
            self.data, self.stamp, self.loaded = {}, None, False
        else:
            self.data, self.stamp, self.loaded = data, stamp(self.path), True
        self.fresh = self.read_ahead = None

    def close(self) -> None:
        pass


class Shard:
    __slots__ = ("collection", "db", "storage", "table")

    def __init__(self, collection: str, path: Path, stage: Stage,
                 packer: Packer = pack) -> None:
        self.collection = collection
        self.db = _ShardDB(path, stage, packer, storage=ShardStorage)
        storage = self.db.storage
        assert isinstance(storage, ShardStorage)
        self.storage = storage
        self.table = self.db.table(collection, cache_size=0)

    @property
    def packed(self) -> PackedTable:
        return self.storage.data.get(self.collection, EMPTY)

    def docs(self) -> Iterator[Doc]:
        fresh = self.storage.take_fresh(self.collection)
        if fresh is not None:
            return iter(fresh.values())
        return self._parsed(self.packed)

    def items(self) -> Iterator[tuple[str, Doc]]:
        """(record id, document): the id is the store's own string, for indexes to share."""
        fresh = self.storage.take_fresh(self.collection)
        if fresh is not None:
            return iter(fresh.items())
        packed = self.packed
        return zip(packed.ids(), self._parsed(packed), strict=True)

    def _parsed(self, packed: PackedTable) -> Iterator[Doc]:
        """Each of the table's documents parsed: every one of them was packed by its
        storage's packer (loaded, flushed or adopted), and a whole one is plain JSON,
        parsed in C with no Python frame per record (100k notes: ~20 ms less)."""
        if self.storage.packer is pack:
            return map(orjson.loads, packed.views())
        return unpack_each(*packed.span(), packed.ids())

    def holding(self, needle: bytes, most: int) -> list[tuple[str, Doc]] | None:
        """(record id, document) of each record that may hold `needle` (PackedTable.holding),
        in order; None past `most` of them."""
        packed = self.packed
        found = packed.holding(needle, most)
        if found is None:
            return None
        ids = packed.ids()
        return [(ids[p], unpack(packed.raw_at(p), ids[p])) for p in found]

    def get(self, record_id: str) -> Doc | None:
        table = self.storage.data.get(self.collection)
        raw = table.get(record_id) if table is not None else None
        return unpack(raw, record_id) if raw is not None else None

    def apply(self, puts: Mapping[str, Doc], deletes: Iterable[str]) -> None:
        """Stage this shard with `puts` put (whole documents) and `deletes` gone. A put
        replaces the record (remove, then insert: TinyDB's update merges fields in
        place), and keeps its place in the file."""
        current = self.packed
        replaced = [i for i in puts if i in current]
        gone = [i for i in dict.fromkeys(deletes) if i in current and i not in puts] + replaced
        try:
            if gone:
                self.table.remove(doc_ids=gone)  # type: ignore[arg-type]
            if puts:
                self.table.insert_multiple(
                    Document(doc, doc_id=i) for i, doc in puts.items())  # type: ignore[arg-type]
            if self.storage.pending is None:  # nothing to remove or put: rewritten as is
                self.storage.pending = {**self.storage.data,
                                        self.collection: dict(current.items())}
            self.storage.flush(self.collection if replaced else None)
        finally:
            self.storage.pending = None
