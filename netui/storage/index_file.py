"""The derived index's file (`index.jsonl` in the data directory): a cache of what shell
commands need to answer without reading every shard, stamped with the data files it was
built from. TinyDB-free; what the rows hold is netui.services.shell_index's business.

Layout: one header line, then the body: one JSON row per line (no newline inside a row:
JSON escapes it), so a row is found by searching the raw bytes for `\n[ID,`.

    {"netui-index": 1, "stamps": {"contacts/00.json": [mtime_ns, size, inode], ...},
     "body": LENGTH, "crc": CRC32}
    ROW
    ROW

It is a cache, never the only copy of anything and never trusted: `load` returns None
(rebuild it) unless the version, the body's length and checksum and every data file's
stamp (the same stat stamp the store uses to notice another program's writes) are what
the header says. It is replaced atomically (temp file, rename), 0600, but not fsynced:
after a power loss it is either a complete earlier file, which the stamps then reject
unless it still describes the data, or torn, which the checksum rejects."""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from .errors import StoreError
from .fsio import Stamp, read_bytes, stamp, write_temp
from .layout import INDEX, data_names

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
    stamps: Stamps
    body: bytes  # "\n" + every row followed by "\n"

    def current(self, root: Path) -> bool:
        """Whether every data file is as it was when this was written."""
        return self.stamps == current_stamps(root)


def rows_of(body: bytes) -> list[bytes]:
    return body[1:-1].split(b"\n") if len(body) > 1 else []


def body_of(rows: Iterable[bytes]) -> bytes:
    return b"\n" + b"".join(r + b"\n" for r in rows)


def read(root: Path) -> IndexFile | None:
    """The index if it is whole (version, length, checksum), whether or not it still
    describes the data (see IndexFile.current)."""
    try:
        raw = read_bytes(root / INDEX)
    except (OSError, StoreError):  # a link, a folder, unreadable: not ours to use
        return None
    if raw is None:
        return None
    head, _, body = raw.partition(b"\n")
    try:
        header = orjson.loads(head)
    except orjson.JSONDecodeError:
        return None
    if (not isinstance(header, dict) or header.get("netui-index") != VERSION
            or header.get("body") != len(body) or header.get("crc") != zlib.crc32(body)
            or not body.startswith(b"\n") or not body.endswith(b"\n")):
        return None
    stamps = header.get("stamps")
    if not isinstance(stamps, dict):
        return None
    return IndexFile(stamps, body)


def save(root: Path, stamps: Mapping[str, list[int] | None], body: bytes) -> None:
    """Replace the index (atomically; see the module docstring for why without fsync).
    The caller holds the data directory's lock, so `stamps` describe what it read."""
    header = orjson.dumps({"netui-index": VERSION, "stamps": stamps, "body": len(body),
                           "crc": zlib.crc32(body)})
    path = root / INDEX
    tmp = write_temp(path, header + b"\n" + body, sync=False)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def drop(root: Path) -> None:
    """Remove the index (it no longer describes the data): the next command rebuilds it."""
    with contextlib.suppress(OSError):  # gone already, or not a file netui could write
        os.unlink(root / INDEX)
