"""Shards: each collection spread over small TinyDB files by a hash of the record id. The
only module that imports TinyDB.

Reads never go through TinyDB: `Shard.docs` is the in-memory copy. Writes go through
TinyDB's public table API (`remove`, `insert_multiple` of `Document`s), buffered in
`ShardStorage` so that one commit serialises and stages each shard it touches once."""

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
Stage = Callable[["ShardStorage", Tables, bytes], None]


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
    """orjson on disk, an in-memory copy in step, and writes staged for the journal.

    TinyDB's writes land in `pending` (a new dict each time: the copy in memory is never
    changed in place, so a write that fails, a value that does not serialise or a full
    disk, leaves nothing half-applied); `flush` serialises and stages them once."""

    def __init__(self, path: Path, stage: Stage) -> None:
        self.path = path
        self._stage = stage
        self.data: Tables = {}
        self.pending: Tables | None = None
        self.stamp: Stamp | None = None
        self.loaded = False
        self.read_from: Path | None = None  # a journal's temp, read-only (see Store.open)

    def load(self) -> None:
        """(Re)read the file from disk. Raises ValueError with the reason if unreadable."""
        source = self.read_from or self.path
        found = stamp(source)
        raw = read_bytes(source) if found is not None else None
        if raw is None:
            self.data, self.stamp, self.loaded = {}, None, True
            return
        data = parse_shard(raw)
        if json_may_hold_controls(raw):  # written by another program: no escapes (F7)
            data = scrub_value(data)
        self.data, self.stamp, self.loaded = data, found, True

    def changed_on_disk(self) -> bool:
        return stamp(self.read_from or self.path) != self.stamp

    def read(self) -> dict[str, dict[str, Any]]:
        return dict(self.pending if self.pending is not None else self.data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.pending = data

    def flush(self, keep_order_of: str | None) -> None:
        """Stage the pending tables. `keep_order_of`: a table whose replaced records go back
        to their old place (TinyDB's remove-then-insert moves them to the end)."""
        data, self.pending = self.pending, None
        if data is None:
            return
        if keep_order_of is not None:
            old, new = self.data.get(keep_order_of, {}), data[keep_order_of]
            ordered = {k: new[k] for k in old if k in new}
            ordered.update(new)
            data[keep_order_of] = ordered
        self._stage(self, data, orjson.dumps(data))

    def adopt(self, data: Tables) -> None:
        self.data, self.stamp, self.loaded = data, stamp(self.path), True

    def close(self) -> None:
        pass


class Shard:
    __slots__ = ("collection", "db", "storage", "table")

    def __init__(self, collection: str, path: Path, stage: Stage) -> None:
        self.collection = collection
        self.db = _ShardDB(path, stage, storage=ShardStorage)
        storage = self.db.storage
        assert isinstance(storage, ShardStorage)
        self.storage = storage
        self.table = self.db.table(collection, cache_size=0)

    @property
    def docs(self) -> dict[str, Doc]:
        return self.storage.data.get(self.collection, {})

    def apply(self, puts: Mapping[str, Doc], deletes: Iterable[str]) -> None:
        """Stage this shard with `puts` put (whole documents) and `deletes` gone. A put
        replaces the record (remove, then insert: TinyDB's update merges fields in
        place), and keeps its place in the file."""
        current = self.docs
        replaced = [i for i in puts if i in current]
        gone = [i for i in dict.fromkeys(deletes) if i in current and i not in puts] + replaced
        try:
            if gone:
                self.table.remove(doc_ids=gone)  # type: ignore[arg-type]
            if puts:
                self.table.insert_multiple(
                    Document(doc, doc_id=i) for i, doc in puts.items())  # type: ignore[arg-type]
            if self.storage.pending is None:  # nothing to remove or put: rewritten as is
                self.storage.pending = {**self.storage.data, self.collection: dict(current)}
            self.storage.flush(self.collection if replaced else None)
        finally:
            self.storage.pending = None
