"""How the store keeps a document in memory: its JSON bytes, parsed when read.

Two forms. `pack` keeps the document's JSON as the file holds it. `pack_compact` (the app:
every record is kept all session) leaves the keys out: most documents of a collection
have the same keys in the same order, so a document is kept as one byte naming its
*shape* (its keys, in order) and the JSON array of its values. The keys are a third of a
note's bytes: at 10k contacts and 100k notes the store holds ~10 MB less, and ~50 MB
less at 50k. A compact document is spelled out again only when its shard is written
(`as_written`): a few µs a document, which a one-shot shell command, whose store packs
whole, does not pay.

The first byte tells the forms apart: `{` (123) starts a whole document, a lower byte is
a shape's number (122: the number is in the next two bytes). A document whose keys are
not all text, or that would need a shape past the 65,536th, is packed whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

Doc = dict[str, Any]

_WHOLE = ord("{")
_WIDE = _WHOLE - 1  # a shape numbered past the one-byte ones: two more bytes say which
_MAX_SHAPES = 1 << 16
# Shape number -> keys, and back. Shared by every store in the process: one tuple of
# key strings per shape, whichever collection or shard uses it.
_SHAPES: list[tuple[str, ...]] = []
_SHAPE_OF: dict[tuple[Any, ...], int] = {}
_PREFIXES: list[bytes] = []


def pack(doc: Doc) -> bytes:
    """A document as compact JSON bytes, `orjson.loads` reads it back equal. Copied to a
    bytes object of its own size: orjson returns one that keeps its whole write buffer
    (~4 KB per small document, measured)."""
    return bytes(memoryview(orjson.dumps(doc)))


def pack_compact(doc: Doc) -> bytes:
    """A document as its shape's number and the JSON array of its values; `unpack` reads
    it back equal, its keys in the same order."""
    keys = tuple(doc)
    shape = _SHAPE_OF.get(keys)
    if shape is None:
        shape = _new_shape(keys)
        if shape is None:
            return pack(doc)
    # The concatenation is a new bytes object of its own size (see pack).
    return _PREFIXES[shape] + orjson.dumps(list(doc.values()))


def _new_shape(keys: tuple[Any, ...]) -> int | None:
    if len(_SHAPES) >= _MAX_SHAPES or not all(type(k) is str for k in keys):
        return None  # no number left, or keys orjson would refuse: packed whole
    n = _SHAPE_OF[keys] = len(_SHAPES)
    _SHAPES.append(keys)
    _PREFIXES.append(bytes([n]) if n < _WIDE else bytes([_WIDE, n >> 8, n & 0xFF]))
    return n


def unpack(raw: bytes) -> Doc:
    """The document `pack` or `pack_compact` packed, a new dict each time."""
    first = raw[0]
    if first == _WHOLE:
        doc: Doc = orjson.loads(raw)
        return doc
    if first < _WIDE:
        return dict(zip(_SHAPES[first], orjson.loads(memoryview(raw)[1:]), strict=True))
    shape = _SHAPES[raw[1] << 8 | raw[2]]
    return dict(zip(shape, orjson.loads(memoryview(raw)[3:]), strict=True))


def unpack_each(buf: bytes, ends: Iterable[int]) -> Iterator[Doc]:
    """`unpack` of each document of a buffer of them (storage.packed_table), in order:
    one generator step each, no bytes object of its own (a pass over 100k notes: ~10%
    faster than `unpack` of each one's bytes)."""
    view, loads, shapes, start = memoryview(buf), orjson.loads, _SHAPES, 0
    for end in ends:
        first = buf[start]
        if first < _WIDE:
            yield dict(zip(shapes[first], loads(view[start + 1:end]), strict=True))
        elif first == _WHOLE:
            yield loads(view[start:end])
        else:
            shape = shapes[buf[start + 1] << 8 | buf[start + 2]]
            yield dict(zip(shape, loads(view[start + 3:end]), strict=True))
        start = end


def as_written(value: object) -> orjson.Fragment:
    """orjson's hook for what it cannot serialise: a packed document goes out as the
    file spells it (a whole one verbatim, never parsed and re-serialised)."""
    if type(value) is bytes:
        return orjson.Fragment(value if value[0] == _WHOLE else orjson.dumps(unpack(value)))
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


Packer = Callable[[Doc], bytes]
