"""`PackedTable`: one table of a shard as kept in memory, record id -> packed document
(storage.packing), read-only.

A dict of one bytes object per record cost ~75 bytes a record on top of the document's
own bytes (the dict's entry and the bytes object's header, malloc-rounded): ~12 MB at
10k contacts and ~60 MB at 50k. Here a table is its documents concatenated in one bytes
object, where each ends (`array`), the ids in a list (the very strings `items` hands to
the indexes, which keep them: no copy of their own), and, built on the first lookup,
an open-addressing hash table of positions in an `array`: ~20 bytes a record, and a
lookup stays O(1) (~0.3 µs in Python, next to ~2 µs to parse the document it finds).

A write never changes a table: the shard's new tables are built whole (`of`) and
replace the old ones once the commit is durable (see ShardStorage)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate, chain

__all__ = ["EMPTY", "PackedTable"]

_NO_SLOTS = array("i")
# A byte that may make a document's strings fold to more than its bytes show: part of a
# UTF-8 character, or a JSON escape.
_UNPLAIN = re.compile(rb"[\x80-\xff\\]")


def _offsets(lengths: Iterator[int] | map[int]) -> array[int]:
    ends = array("q", accumulate(lengths))
    # 4 bytes an offset while the buffer allows it (a shard past 2 GB keeps 8).
    return array("i", ends) if not ends or ends[-1] < 1 << 31 else ends


class PackedTable(Mapping[str, bytes]):
    __slots__ = ("_buf", "_ends", "_ids", "_slots")

    def __init__(self, ids: list[str], blobs: list[bytes]) -> None:
        if len(ids) != len(blobs):
            raise ValueError("one packed document per id")
        self._ids = ids
        self._buf = b"".join(blobs)
        self._ends = _offsets(map(len, blobs))
        self._slots = _NO_SLOTS  # built on the first lookup (`_find`): a pass needs none

    @classmethod
    def of(cls, table: Mapping[str, bytes], like: PackedTable | None = None) -> PackedTable:
        """The table of a mapping of unique ids to packed documents, in its order.
        `like`: the table it replaces, whose lookup it takes over when its ids are the
        same ones, maybe with more after them (a write that edits or adds records)."""
        if isinstance(table, PackedTable):
            return table
        new = cls(list(table), list(table.values()))
        if like is not None and like._slots:
            new._slots = like._carried(new._ids)
        return new

    # -- lookups ---------------------------------------------------------------------------

    def index(self) -> None:
        """Build the lookup by id now (the app's warm-up), not on the first read."""
        if not self._slots:
            self._build()

    def _carried(self, ids: list[str]) -> array[int]:
        """This table's lookup for `ids`, if they start with this table's own ids in the
        same order and it has room for the rest; else none (built on first use)."""
        slots, old = self._slots, self._ids
        if ids[:len(old)] != old or 2 * len(ids) > len(slots):
            return _NO_SLOTS
        if len(ids) == len(old):
            return slots  # never changed once built: shared
        slots = array("i", slots)
        mask = len(slots) - 1
        for p in range(len(old) + 1, len(ids) + 1):
            i = hash(ids[p - 1]) & mask
            while slots[i]:
                i = (i + 1) & mask
            slots[i] = p
        return slots

    def _build(self) -> array[int]:
        size = 8
        while size < 2 * len(self._ids):  # at most half full: short probes
            size <<= 1
        slots = array("i", bytes(4 * size))  # 0: empty, else position + 1
        mask = size - 1
        for p, rid in enumerate(self._ids, 1):
            i = hash(rid) & mask
            while slots[i]:
                i = (i + 1) & mask
            slots[i] = p
        self._slots = slots
        return slots

    def _find(self, record_id: object) -> int:
        """The record's position, -1 if absent."""
        slots = self._slots or self._build()
        mask = len(slots) - 1
        i = hash(record_id) & mask
        ids = self._ids
        while p := slots[i]:
            if ids[p - 1] == record_id:
                return p - 1
            i = (i + 1) & mask
        return -1

    def raw_at(self, p: int) -> bytes:
        """The packed document at position `p`."""
        ends = self._ends
        return self._buf[ends[p - 1] if p else 0:ends[p]]

    def __getitem__(self, record_id: str) -> bytes:
        p = self._find(record_id)
        if p < 0:
            raise KeyError(record_id)
        return self.raw_at(p)

    def get(self, record_id: str, default: bytes | None = None) -> bytes | None:  # type: ignore[override]
        # `_find` and `raw_at` spelled out: the store's reads by id come through here.
        slots = self._slots or self._build()
        mask = len(slots) - 1
        i = hash(record_id) & mask
        ids = self._ids
        while p := slots[i]:
            if ids[p - 1] == record_id:
                ends = self._ends
                return self._buf[ends[p - 2] if p > 1 else 0:ends[p - 1]]
            i = (i + 1) & mask
        return default

    def __contains__(self, record_id: object) -> bool:
        return self._find(record_id) >= 0

    # -- passes (in C: no Python frame per record) -----------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def raws(self) -> Iterator[bytes]:
        """Every packed document, in order."""
        ends = self._ends
        return map(self._buf.__getitem__, map(slice, chain((0,), ends), ends))

    def views(self) -> Iterator[memoryview]:
        """Every packed document as a view of the buffer (no copy), in order."""
        ends = self._ends
        return map(memoryview(self._buf).__getitem__, map(slice, chain((0,), ends), ends))

    def span(self) -> tuple[bytes, array[int]]:
        """The buffer and where each document ends in it, for a reader of its own."""
        return self._buf, self._ends

    def ids(self) -> list[str]:
        return self._ids

    def holding(self, needle: bytes, most: int) -> list[int] | None:
        """Positions (ascending) of the documents whose string values may hold `needle`
        (lower-case ASCII, not empty) once case-folded: each whose bytes, ASCII-lowered,
        contain it, and each that is not plain ASCII or has an escape (its strings may
        fold to more than its bytes show). None past `most` of them. Found by C scans of
        the lowered buffer, one Python step a document found (a plain ASCII JSON string
        is its own bytes)."""
        low = self._buf.lower()  # only A-Z change: every byte keeps its place

        def spelled(at: int) -> int:
            return low.find(needle, at)

        def unplain(at: int) -> int:
            hit = _UNPLAIN.search(low, at)
            return -1 if hit is None else hit.start()

        finders = [spelled]
        if not low.isascii() or b"\\" in low:
            finders.append(unplain)
        ends, found = self._ends, set[int]()
        for find in finders:
            at = 0
            while (i := find(at)) >= 0:
                p = bisect_right(ends, i)  # the document the hit starts in
                found.add(p)
                if len(found) > most:
                    return None
                at = ends[p]  # the next document: one step each
        return sorted(found)

    def values(self) -> Iterator[bytes]:  # type: ignore[override]
        return self.raws()

    def items(self) -> Iterator[tuple[str, bytes]]:  # type: ignore[override]
        return zip(self._ids, self.raws(), strict=True)

    def __repr__(self) -> str:
        return f"PackedTable({len(self)} records, {len(self._buf)} bytes)"


EMPTY = PackedTable([], [])
