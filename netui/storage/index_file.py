"""The derived index's files: a cache of what shell commands need to answer without
reading every shard, stamped with the data files it was built from. TinyDB-free; what
the rows hold is netui.services.shell_index's business.

- `index.jsonl`, the base: one header line, then one JSON row per line (no newline inside
  a row: JSON escapes it), so a row is found by searching the raw bytes for `\\n[ID,`.
- `index-delta.jsonl`: the rows the commits since the base was written changed (a row, or
  `[ID, null]` for a contact gone), with the stamps of the data files after the last of
  them. A commit rewrites this small file, not the base (15 MB at 50k contacts); once it
  holds many rows the base is rewritten with them and the delta removed.

    {"netui-index": 1, "id": TOKEN, "stamps": {"contacts/00.json": [mtime_ns, size, inode],
     ...}, "body": LENGTH, "crc": CRC32}
    ROW
    ...

A delta's header names the base it extends (`"base": TOKEN`). It is a cache, never the
only copy of anything and never trusted: it is used only when the version, each file's
length and checksum, and every data file's stamp (the stat stamp the store uses to notice
another program's writes) are what the headers say: the delta's when it extends this
base, else the base's. Files are replaced atomically (temp file, rename), 0600, but not
fsynced: after a power loss each is a complete earlier file, which the stamps then reject
unless it still describes the data, or torn, which the checksum rejects."""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from .fsio import Stamp, read_cache, replace_file, stamp
from .layout import INDEX, INDEX_DELTA, data_names

VERSION = 1
Stamps = dict[str, list[int] | None]


def current_stamps(root: Path) -> Stamps:
    """Every data file's stat stamp (None: not there), by its name in the directory."""
    out: Stamps = {}
    for rel in sorted(data_names()):
        found: Stamp | None = stamp(root / rel)
        out[rel] = list(found) if found is not None else None
    return out


@dataclass(frozen=True, slots=True)
class IndexFile:
    stamps: Stamps  # the data files it describes (the delta's, when there is one)
    body: bytes  # the base file: from `start` on, "\n" + every row followed by "\n"
    base_id: str
    delta: dict[str, bytes | None]  # contact id -> its row's JSON, None: gone
    start: int = 0  # where the rows begin: the file is kept whole, not copied (15 MB)

    def current(self, root: Path) -> bool:
        """Whether every data file is as it was when this was written."""
        return self.stamps == current_stamps(root)


def rows_of(body: bytes, start: int = 0) -> list[bytes]:
    return body[start + 1:-1].split(b"\n") if len(body) > start + 1 else []


def body_of(rows: Iterable[bytes]) -> bytes:
    return b"\n" + b"".join(r + b"\n" for r in rows)


def _whole(root: Path, name: str) -> tuple[dict[str, object], bytes, int] | None:
    """(header, the file, where its rows start) if it is whole, None otherwise."""
    raw = read_cache(root / name)
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
            or header.get("body") != len(raw) - cut
            or header.get("crc") != zlib.crc32(memoryview(raw)[cut:])
            or not raw.endswith(b"\n") or not isinstance(header.get("stamps"), dict)):
        return None
    return header, raw, cut


def read(root: Path) -> IndexFile | None:
    """The index if it is whole (versions, lengths, checksums), whether or not it still
    describes the data (see IndexFile.current)."""
    base = _whole(root, INDEX)
    if base is None:
        return None
    header, body, start = base
    stamps, base_id = header["stamps"], header.get("id")
    if not isinstance(base_id, str):
        return None
    delta: dict[str, bytes | None] = {}
    extra = _whole(root, INDEX_DELTA)
    if extra is not None and extra[0].get("base") == base_id:
        stamps = extra[0]["stamps"]
        for line in rows_of(extra[1], extra[2]):
            cid = _id_of(line)
            if cid is None:
                return None
            delta[cid] = None if line == orjson.dumps([cid, None]) else line
    return IndexFile(stamps, body, base_id, delta, start)  # type: ignore[arg-type]


def _id_of(line: bytes) -> str | None:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return row[0] if isinstance(row, list) and row and isinstance(row[0], str) else None


def gone(cid: str) -> bytes:
    """A delta's line for a contact no longer there."""
    return orjson.dumps([cid, None])


def _replace(path: Path, header: dict[str, object], body: bytes) -> None:
    head = orjson.dumps({**header, "netui-index": VERSION, "body": len(body),
                         "crc": zlib.crc32(body)})
    replace_file(path, head + body, sync=False)


def save(root: Path, stamps: Mapping[str, list[int] | None], body: bytes,
         start: int = 0) -> str:
    """Replace the base (atomically; see the module docstring for why without fsync) and
    remove any delta; returns the new base's id. The caller holds the data directory's
    lock, so `stamps` describe what it read."""
    base_id = os.urandom(8).hex()
    _replace(root / INDEX, {"id": base_id, "stamps": dict(stamps)},
             body[start:] if start else body)
    with contextlib.suppress(OSError):
        os.unlink(root / INDEX_DELTA)
    return base_id


def save_delta(root: Path, base_id: str, stamps: Mapping[str, list[int] | None],
               rows: Iterable[bytes]) -> None:
    """Replace the delta of base `base_id` (under the lock, as `save`)."""
    _replace(root / INDEX_DELTA, {"base": base_id, "stamps": dict(stamps)}, body_of(rows))


def drop(root: Path) -> None:
    """Remove the index (it no longer describes the data): the next command rebuilds it."""
    for name in (INDEX_DELTA, INDEX):
        with contextlib.suppress(OSError):  # gone already, or not a file netui could write
            os.unlink(root / name)
