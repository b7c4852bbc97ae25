"""The derived index's files: a cache of what shell commands need to answer without
reading every shard, stamped with the data files it was built from. TinyDB-free; what
the rows hold is netui.services.shell_index's business.

- `index.jsonl`, the base: one header line, the keys, then one JSON row per line (no
  newline inside a row: JSON escapes it), so a row is found by searching the raw bytes
  for `\\n[ID,`. A key line per row, `[OFFSET, LENGTH, CRC32, ID, NAMES]`, says where
  the row is, its checksum and the names a lookup of @names searches (NAMES: the caller's
  text), so that `netui note @name` reads the keys (~1.5 MB at 50k contacts) and the rows
  it names, not the rows' 15 MB.
- The listing, between the keys and the rows: one JSON value the caller derives from
  the rows (what `netui list` shows of each contact, in its order), so that a listing
  parses some 4 MB at 50k contacts, not the rows' 15 MB of names, fields and haystacks.
- `index-delta.jsonl`: the rows the commits since the base was written changed (a row, or
  `[ID, null]` for a contact gone), with the stamps of the data files after the last of
  them. A commit rewrites this small file, not the base; once it holds many rows the
  base is rewritten with them and the delta removed.

    {"netui-index": 3, "id": TOKEN, "stamps": {"contacts/00.json": [mtime_ns, size, inode],
     ...}, "keys": LENGTH, "keys_crc": CRC32, "listing": LENGTH, "listing_crc": CRC32,
     "body": LENGTH, "crc": CRC32}
    KEY ...
    LISTING
    ROW ...

A delta's header names the base it extends (`"base": TOKEN`) and has no keys. It is a
cache, never the only copy of anything and never trusted: it is used only when the
version, the lengths and every data file's stamp (the stat stamp the store uses to
notice another program's writes) are what the headers say (the delta's when it extends
this base, else the base's), and each part only once its checksum holds: the header and
the keys (and the whole delta) when read, a row looked up by key when it is (its own
checksum), all the rows before any is read wholesale (`Base.whole`), the listing before
it is read (`Base.listing`). Files are replaced
atomically (temp file, rename), 0600, but not fsynced: after a power loss each is a
complete earlier file, which the stamps then reject unless it still describes the data,
or torn, which the checksums reject before the torn part is used."""

from __future__ import annotations

import contextlib
import os
import weakref
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .fsio import Stamp, open_cache, read_cache, replace_file, stamp
from .layout import INDEX, INDEX_DELTA, data_names

VERSION = 3
Stamps = dict[str, list[int] | None]


class Torn(ValueError):
    """A part of the base does not hold what its checksum says (a ValueError: shell_index
    treats it as any line it cannot decode, and rebuilds)."""


def current_stamps(root: Path) -> Stamps:
    """Every data file's stat stamp (None: not there), by its name in the directory."""
    out: Stamps = {}
    for rel in sorted(data_names()):
        found: Stamp | None = stamp(root / rel)
        out[rel] = list(found) if found is not None else None
    return out


class _Rows:
    """The base file, open, to read its rows from (closed when the last reader goes):
    the file netui renamed into place stays whole while open, whoever replaces it."""

    __slots__ = ("__weakref__", "at", "fd", "length", "listing_at", "listing_length")

    def __init__(self, fd: int, at: int, length: int, listing_at: int,
                 listing_length: int) -> None:
        self.fd, self.at, self.length = fd, at, length
        self.listing_at, self.listing_length = listing_at, listing_length
        weakref.finalize(self, os.close, fd)

    def read(self, at: int, length: int) -> bytes:
        """`length` bytes from `at` in the rows (fewer: the file was cut short)."""
        return os.pread(self.fd, length, self.at + at)

    def read_listing(self) -> bytes:
        return os.pread(self.fd, self.listing_length, self.listing_at)


@dataclass(slots=True)
class Base:
    """The base's keys and rows: read from the file (the rows when used) or built here.

    `keys`: "\n" then each key line and "\n"; `body`, the rows: "\n" then each row and
    "\n" (a key's OFFSET counts from its start), None until read from `source`. `crc`:
    the rows' checksum still to check before they are read wholesale, None once it held
    (or for rows built here). `listing_part` and `listing_crc` likewise for the listing."""

    keys: bytes
    body: bytes | None
    listing_part: bytes | None
    crc: int | None = None
    listing_crc: int | None = None
    source: _Rows | None = None
    # Rows already found and checked, by contact id: a note names its people, then
    # reads and patches their rows (the rows never change: a commit's go to the delta).
    seen: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[tuple[str, bytes, str]], listing: bytes) -> Base:
        """A base of (contact id, its row, its names) rows and their listing."""
        body, keys, at = [b"\n"], [], 1
        for cid, row, names in rows:
            keys.append(orjson.dumps([at, len(row), zlib.crc32(row), cid, names]))
            body += (row, b"\n")
            at += len(row) + 1
        return cls(body_of(keys), b"".join(body), listing)

    def listing(self) -> bytes:
        """The listing, once its checksum holds (Torn otherwise)."""
        if self.listing_part is None:
            assert self.source is not None
            part = self.source.read_listing()
            if len(part) != self.source.listing_length:
                raise Torn("the index is shorter than its header says")
            self.listing_part = part
        if self.listing_crc is not None:
            if zlib.crc32(self.listing_part) != self.listing_crc:
                raise Torn("the index's listing does not match its checksum")
            self.listing_crc = None
        return self.listing_part

    def whole(self) -> bytes:
        """Every row (`body`), once their checksum holds (Torn otherwise)."""
        if self.body is None:
            assert self.source is not None
            body = self.source.read(0, self.source.length)
            if len(body) != self.source.length:
                raise Torn("the index is shorter than its header says")
            self.body = body
        if self.crc is not None:
            if zlib.crc32(self.body) != self.crc:
                raise Torn("the index's rows do not match their checksum")
            self.crc = None
        return self.body

    def rows(self) -> list[bytes]:
        return rows_of(self.whole())

    def named(self, needle: bytes) -> Iterator[tuple[int, str, bytes]]:
        """(where the row starts in `body`, contact id, row) of each row whose key line
        holds `needle`, in the rows' order, each row checked against its key."""
        keys = self.keys
        at = keys.find(needle, 1)
        while at >= 0:
            cut = keys.find(b"\n", at)
            where, cid, row = self._row(keys[keys.rfind(b"\n", 0, at) + 1:cut])
            self.seen[cid] = (where, row)
            yield where, cid, row
            at = keys.find(needle, cut)

    def row_of(self, cid: str) -> tuple[int, bytes] | None:
        """(where it starts in `body`, the row) of contact `cid`, checked; None: no row.
        In a key line `,"ID",` can only be its id: a quote inside a JSON string is
        escaped."""
        if (known := self.seen.get(cid)) is not None:
            return known
        keys = self.keys
        at = keys.find(b"," + orjson.dumps(cid) + b",")
        if at < 0:
            return None
        where, found, row = self._row(keys[keys.rfind(b"\n", 0, at) + 1:keys.find(b"\n", at)])
        if found != cid:
            raise Torn("the index's key is not its row's")
        self.seen[cid] = (where, row)
        return where, row

    def names(self) -> dict[str, str]:
        """Every key's contact id -> names (a new base of these rows reuses them)."""
        out: dict[str, str] = {}
        for key in rows_of(self.keys):
            _at, _n, _crc, cid, names = orjson.loads(key)
            out[cid] = names
        return out

    def _row(self, key: bytes) -> tuple[int, str, bytes]:
        at, length, crc, cid, _names = orjson.loads(key)
        if type(at) is not int or type(length) is not int or type(cid) is not str or at < 1:
            raise Torn("not an index key")
        if self.body is not None:
            framed = self.body[at - 1:at + length + 1]
        else:
            assert self.source is not None
            framed = self.source.read(at - 1, length + 2)
        row = framed[1:-1]
        if (len(framed) != length + 2 or framed[:1] != b"\n" or framed[-1:] != b"\n"
                or zlib.crc32(row) != crc):
            raise Torn("an index row does not match its key")
        return at, cid, row


@dataclass(frozen=True, slots=True)
class IndexFile:
    stamps: Stamps  # the data files it describes (the delta's, when there is one)
    base: Base  # the base file: kept whole, not copied (15 MB)
    base_id: str
    delta: dict[str, bytes | None]  # contact id -> its row's JSON, None: gone

    def current(self, root: Path) -> bool:
        """Whether every data file is as it was when this was written."""
        return self.stamps == current_stamps(root)


def rows_of(body: bytes, start: int = 0) -> list[bytes]:
    return body[start + 1:-1].split(b"\n") if len(body) > start + 1 else []


def body_of(rows: Iterable[bytes]) -> bytes:
    return b"\n" + b"".join(r + b"\n" for r in rows)


def _header(raw: bytes | None) -> tuple[dict[str, object], int] | None:
    """(header, where it ends) of a file of this version; None for anything else."""
    if raw is None:
        return None
    cut = raw.find(b"\n")
    if cut < 0:
        return None
    try:
        header = orjson.loads(raw[:cut])
    except orjson.JSONDecodeError:
        return None
    if (not isinstance(header, dict) or header.get("netui-index") != VERSION
            or not isinstance(header.get("stamps"), dict)):
        return None
    return header, cut


HEAD_READ = 1 << 16  # the header and, at a few thousand contacts, every key: one read


def _base(path: Path) -> tuple[dict[str, object], Base] | None:
    """The base's header and keys if its lengths and its keys' checksum hold; the rows
    are read (and checked) when used."""
    fd = open_cache(path)
    if fd is None:
        return None
    rows = None
    try:
        size = os.fstat(fd).st_size
        first = os.pread(fd, HEAD_READ, 0)
        while b"\n" not in first and len(first) < size:  # a header of many stamps
            more = os.pread(fd, HEAD_READ, len(first))
            if not more:  # cut short meanwhile
                return None
            first += more
        found = _header(first)
        if found is None:
            return None
        header, cut = found
        keys, body, crc = header.get("keys"), header.get("body"), header.get("crc")
        listing, listing_crc = header.get("listing"), header.get("listing_crc")
        if (type(keys) is not int or type(body) is not int or type(crc) is not int
                or type(listing) is not int or type(listing_crc) is not int
                or keys < 1 or body < 1 or listing < 0 or cut + keys + listing + body != size):
            return None
        key_part = first[cut:cut + keys]
        if len(key_part) < keys:
            key_part += os.pread(fd, keys - len(key_part), cut + len(key_part))
        if (len(key_part) != keys or key_part[:1] != b"\n" or key_part[-1:] != b"\n"
                or header.get("keys_crc") != zlib.crc32(key_part)):
            return None
        rows = _Rows(fd, cut + keys + listing, body, cut + keys, listing)  # closes the
        # file from here on
        return header, Base(key_part, None, None, crc, listing_crc, rows)
    except OSError:
        return None
    finally:
        if rows is None:
            os.close(fd)


def _delta(raw: bytes | None) -> tuple[dict[str, object], bytes, int] | None:
    """(header, the file, where its rows start) if it is whole, None otherwise."""
    found = _header(raw)
    if found is None:
        return None
    assert raw is not None
    header, cut = found
    if (header.get("body") != len(raw) - cut or not raw.endswith(b"\n")
            or header.get("crc") != zlib.crc32(memoryview(raw)[cut:])):
        return None
    return header, raw, cut


def read(root: Path) -> IndexFile | None:
    """The index if its headers, lengths and key checksums hold, whether or not it still
    describes the data (see IndexFile.current); its rows are checked when used."""
    found = _base(root / INDEX)
    if found is None:
        return None
    header, base = found
    stamps, base_id = header["stamps"], header.get("id")
    if not isinstance(base_id, str):
        return None
    delta: dict[str, bytes | None] = {}
    extra = _delta(read_cache(root / INDEX_DELTA))
    if extra is not None and extra[0].get("base") == base_id:
        stamps = extra[0]["stamps"]
        for line in rows_of(extra[1], extra[2]):
            cid = _id_of(line)
            if cid is None:
                return None
            delta[cid] = None if line == orjson.dumps([cid, None]) else line
    return IndexFile(stamps, base, base_id, delta)  # type: ignore[arg-type]


def _id_of(line: bytes) -> str | None:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return row[0] if isinstance(row, list) and row and isinstance(row[0], str) else None


def gone(cid: str) -> bytes:
    """A delta's line for a contact no longer there."""
    return orjson.dumps([cid, None])


def save(root: Path, stamps: Mapping[str, list[int] | None], base: Base) -> str:
    """Replace the base (atomically; see the module docstring for why without fsync) and
    remove any delta; returns the new base's id. The caller holds the data directory's
    lock, so `stamps` describe what it read."""
    base_id = os.urandom(8).hex()
    keys, listing, body = base.keys, base.listing(), base.whole()
    head = orjson.dumps({"id": base_id, "stamps": dict(stamps), "netui-index": VERSION,
                         "keys": len(keys), "keys_crc": zlib.crc32(keys),
                         "listing": len(listing), "listing_crc": zlib.crc32(listing),
                         "body": len(body), "crc": zlib.crc32(body)})
    replace_file(root / INDEX, head + keys + listing + body, sync=False)
    with contextlib.suppress(OSError):
        os.unlink(root / INDEX_DELTA)
    return base_id


def save_delta(root: Path, base_id: str, stamps: Mapping[str, list[int] | None],
               rows: Iterable[bytes]) -> None:
    """Replace the delta of base `base_id` (under the lock, as `save`)."""
    body = body_of(rows)
    head = orjson.dumps({"base": base_id, "stamps": dict(stamps), "netui-index": VERSION,
                         "body": len(body), "crc": zlib.crc32(body)})
    replace_file(root / INDEX_DELTA, head + body, sync=False)


def drop(root: Path) -> None:
    """Remove the index (it no longer describes the data): the next command rebuilds it."""
    for name in (INDEX_DELTA, INDEX):
        with contextlib.suppress(OSError):  # gone already, or not a file netui could write
            os.unlink(root / name)
