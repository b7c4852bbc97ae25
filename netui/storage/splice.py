"""A commit that only adds records to a shard, spliced into the shard's bytes instead of
decoding and re-encoding it (`netui note` at 50k contacts: an interactions shard is ~1.3 MB,
~15 ms to decode and pack, ~6 ms to write out again, for one new record).

Byte scans only, no parse (TinyDB-free, as every storage module but `shards`):

- `absent`: the new ids are not in the shard at all, so not among its records;
- `appended`: the bytes the store's normal write (Shard.apply, dump_tables) would write
  for the shard with the records added after its own, or None whenever it cannot promise
  exactly those bytes: then the store takes its normal path, which decides.

What it promises rests on the layout netui writes, `{"COLLECTION":{"ID":DOC,...}}` in
orjson's compact spelling, which is what the normal write re-encodes a parsed shard into:
spliced, those bytes come out as the normal write's. A file in another spelling that a
few scans see (another serialiser's head or final newline, whitespace between tokens,
escapes orjson does not write, another table, what the load would scrub) is declined.
The store splices only a shard whose stamp is still the one the shell index recorded
(netui wrote or parsed it then: valid JSON) and never one it has read in this process.
A file edited by hand into some other spelling these scans miss still gets exactly the
records it should; only its old records keep their spelling. tests/test_splice.py
compares both paths on random shards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import orjson

from ..domain.text import raw_may_hold_controls
from .change import Doc
from .fsio import Stamp, read_bytes, stamp

__all__ = ["absent", "appended", "escapes", "shard_bytes"]

# An id spelled only with these is written as itself, never escaped: found as its bytes.
_PLAIN_ID = re.compile(r"[0-9A-Za-z_-]+")
# The escapes orjson writes whose characters a load keeps (\b \f \r and \u00XX spell
# controls, scrubbed on load: storage.shards; orjson spells no other character escaped).
_KEPT_ESCAPES = frozenset(b'"\\nt')
# Backslashes looked at one by one (memchr each) before the substring scans instead.
_MANY_ESCAPES = 4096
# Where a table could close before the file's end: `}` (its last document) `}` (the
# table) `,` (the next table). Also a nested object ending a document: declined.
_TABLE_END = re.compile(rb"\} *\} *,")


def shard_bytes(path: Path) -> tuple[Stamp, bytes] | None:
    """The shard file's stamp and its bytes, read as one; None when it is not there or
    was replaced while read (then nothing can be told from bytes: the store reads it)."""
    found = stamp(path)
    if found is None:
        return None
    raw = read_bytes(path)
    if raw is None or stamp(path) != found:
        return None
    return found, raw


def escapes(raw: bytes) -> set[int]:
    """The characters escaped in the JSON bytes `raw` (what follows each backslash that
    starts an escape). Past many, what the substring scans see (maybe more: declined)."""
    out: set[int] = set()
    find, at, seen = raw.find, raw.find(b"\\"), 0
    while at >= 0:
        seen += 1
        if seen > _MANY_ESCAPES:
            return {c for c in b'"\\/bfnrtu' if b"\\" + bytes([c]) in raw}
        if at + 1 < len(raw):
            out.add(raw[at + 1])
        at = find(b"\\", at + 2)
    return out


def absent(raw: bytes | None, ids: Iterable[str], escaped: set[int] | None = None) -> bool:
    """True when none of `ids` is a record of the shard `raw` (None: no file). False
    when one may be: its bytes are in the file, or could be spelled with an escape.
    `escaped`: `escapes(raw)`, if the caller has it."""
    if raw is None:
        return True
    if ord("u") in (escapes(raw) if escaped is None else escaped):
        return False  # "\u0061" spells "a": an id could hide behind it
    return all(_PLAIN_ID.fullmatch(rid) and rid.encode() not in raw for rid in ids)


def appended(raw: bytes, collection: str, docs: Mapping[str, Doc]) -> bytes | None:
    """`raw`, a shard of `collection`, with `docs` (id -> document, none of them in it)
    added after its own records, exactly as the normal write spells it; None when that
    cannot be promised from the bytes (the caller then decodes and writes as usual)."""
    head = b"{" + orjson.dumps(collection) + b':{"'
    if not docs or not raw.startswith(head) or not raw.endswith(b"}}"):
        return None  # empty, another table first, or not the compact spelling
    escaped = escapes(raw)
    if not escaped <= _KEPT_ESCAPES or raw_may_hold_controls(raw):
        return None  # what the load scrubs, or an escape orjson does not write
    if not absent(raw, docs, escaped):
        return None  # maybe there already
    # Whitespace between tokens (orjson's compact output escapes these inside strings;
    # another program's spaces show in the head already), a table before the last one.
    if b"\n" in raw or b"\r" in raw or b"\t" in raw or _TABLE_END.search(raw):
        return None
    try:
        added = b"".join(b"," + orjson.dumps(rid) + b":" + orjson.dumps(doc)
                         for rid, doc in docs.items())
    except TypeError:  # orjson's refusal: the normal write says what cannot be saved
        return None
    return b"".join((memoryview(raw)[:-2], added, b"}}"))  # one copy of the shard
