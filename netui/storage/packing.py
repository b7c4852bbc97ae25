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
not all text, or that would need a shape past the 65,536th, is packed whole.

A document whose first key is "id", holding the very key its table files it under,
leaves the id out too (a *keyed* shape of the same keys): the table keeps the key
anyway, so reading it back (`unpack`, `unpack_each`, `spelled`) is given the key. 15
bytes a record: 500k notes, 100k favours and 100k links hold ~11 MB less at 50k
contacts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any

import orjson

Doc = dict[str, Any]

_WHOLE = ord("{")
_WIDE = _WHOLE - 1  # a shape numbered past the one-byte ones: two more bytes say which
_MAX_SHAPES = 1 << 16
# Shape number -> keys, and back. Shared by every store in the process: one tuple of
# key strings per shape, whichever collection or shard uses it.
_SHAPES: list[tuple[str, ...]] = []
_KEYED: list[bool] = []  # shape number -> whether its documents leave their id out
_SHAPE_OF: dict[tuple[Any, ...], int] = {}
_KEYED_OF: dict[tuple[Any, ...], int] = {}  # the keyed shapes (see pack_compact)
_PREFIXES: list[bytes] = []


def pack(doc: Doc, key: str | None = None) -> bytes:
    """A document as compact JSON bytes, `orjson.loads` reads it back equal. Copied to a
    bytes object of its own size: orjson returns one that keeps its whole write buffer
    (~4 KB per small document, measured)."""
    return bytes(memoryview(orjson.dumps(doc)))


def pack_compact(doc: Doc, key: str | None = None) -> bytes:
    """A document as its shape's number and the JSON array of its values (without its
    id when that is `key`, its table's key for it); `unpack` reads it back equal, its
    keys in the same order."""
    keys = tuple(doc)
    values = list(doc.values())
    keyed = key is not None and bool(keys) and keys[0] == "id" and values[0] == key \
        and type(values[0]) is str
    shape = (_KEYED_OF if keyed else _SHAPE_OF).get(keys)
    if shape is None:
        shape = _new_shape(keys, keyed)
        if shape is None:
            return pack(doc)
    # The concatenation is a new bytes object of its own size (see pack).
    return _PREFIXES[shape] + orjson.dumps(values[1:] if keyed else values)


def _new_shape(keys: tuple[Any, ...], keyed: bool) -> int | None:
    if len(_SHAPES) >= _MAX_SHAPES or not all(type(k) is str for k in keys):
        return None  # no number left, or keys orjson would refuse: packed whole
    n = (_KEYED_OF if keyed else _SHAPE_OF)[keys] = len(_SHAPES)
    _SHAPES.append(keys)
    _KEYED.append(keyed)
    _PREFIXES.append(bytes([n]) if n < _WIDE else bytes([_WIDE, n >> 8, n & 0xFF]))
    return n


def unpack(raw: bytes, key: str | None = None) -> Doc:
    """The document `pack` or `pack_compact` packed, a new dict each time (`key`: its
    table's key for it, which a keyed shape's document needs)."""
    first = raw[0]
    if first == _WHOLE:
        doc: Doc = orjson.loads(raw)
        return doc
    if first < _WIDE:
        shape, values = first, orjson.loads(memoryview(raw)[1:])
    else:
        shape, values = raw[1] << 8 | raw[2], orjson.loads(memoryview(raw)[3:])
    if _KEYED[shape]:
        if key is None:
            raise ValueError("a document packed without its id is read with its key")
        values.insert(0, key)
    return dict(zip(_SHAPES[shape], values, strict=True))


def unpack_each(buf: bytes, ends: Iterable[int],
                keys: Iterable[str | None] | None = None) -> Iterator[Doc]:
    """`unpack` of each document of a buffer of them (storage.packed_table), in order,
    each with its key from `keys` (the table's ids): one generator step each, no bytes
    object of its own (a pass over 100k notes: ~10% faster than `unpack` of each)."""
    view, loads, shapes, keyed, start = memoryview(buf), orjson.loads, _SHAPES, _KEYED, 0
    each_key = keys if keys is not None else repeat(None)
    for end, key in zip(ends, each_key):  # noqa: B905 (without keys: endless None)
        first = buf[start]
        if first == _WHOLE:
            yield loads(view[start:end])
            start = end
            continue
        if first < _WIDE:
            shape, values = first, loads(view[start + 1:end])
        else:
            shape, values = buf[start + 1] << 8 | buf[start + 2], loads(view[start + 3:end])
        if keyed[shape]:
            if key is None:
                raise ValueError("a document packed without its id is read with its key")
            values.insert(0, key)
        yield dict(zip(shapes[shape], values, strict=True))
        start = end


def spelled(raw: bytes, key: str | None = None) -> bytes:
    """A packed document as the file spells it: a whole one verbatim (never parsed and
    re-serialised), a compact one spelled out with its keys (and its id, `key`)."""
    return raw if raw[0] == _WHOLE else orjson.dumps(unpack(raw, key))


def as_written(value: object) -> orjson.Fragment:
    """orjson's hook for what it cannot serialise: a packed document goes out as the
    file spells it (one packed with its id; a keyed one goes out by `spelled`)."""
    if type(value) is bytes:
        return orjson.Fragment(spelled(value))
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


Packer = Callable[[Doc, str | None], bytes]  # (document, its table's key for it)
