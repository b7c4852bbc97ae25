"""The health figures' derived files: what `netui stats` works its figures out from (see
services.health_cache; what the body holds is its business), stamped with the data files
it was read from, so that a shell command need not parse every shard. TinyDB-free.

- `health.json`, the base: one header line, then the body.
- `health-delta.json`: the records the commits since the base was written added (each
  folded in as a read of every record would read it), with the stamps of the data files
  after the last of them: a commit rewrites this small file, not the base.

    {"netui-health": 1, "id": TOKEN, "stamps": {"contacts/00.json": [mtime_ns, size,
     inode], ...}, "options": {...}, "body": LENGTH, "crc": CRC32}
    BODY

A delta's header names the base it extends (`"base": TOKEN`). A cache, never the only
copy of anything and never trusted: used only when the version, each file's length and
checksum, and the stamp of every file it was read from (meta.json, the shards of
contacts, interactions and favours, and their folders) are what the headers say, the
delta's when it extends this base. Files are replaced atomically (temp file, rename), 0600, not fsynced:
after a power loss each is a complete earlier file, which the stamps then reject unless
it still describes the data, or torn, which the checksum rejects."""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .fsio import read_cache, replace_file, stamp
from .layout import HEALTH, HEALTH_DELTA, META, data_names

VERSION = 1
HEADER_MAX = 1 << 20  # a header line holds a stamp per shard: some 10 KB
# The collections the figures are read from: a write to any other leaves the file current.
SOURCES = ("contacts", "interactions", "favours")
Stamps = dict[str, list[int] | None]


def source_names() -> list[str]:
    """meta.json (the schema), the folders of SOURCES (a sync tool's conflict copy or
    temp file beside a shard changes its folder, which the store's open must see to) and
    every shard of theirs, relative to the data directory."""
    return [META, *(f"{c}/" for c in SOURCES),
            *sorted(n for n in data_names() if n.split("/", 1)[0] in SOURCES)]


def current_stamps(root: Path) -> Stamps:
    out: Stamps = {}
    for rel in source_names():
        found = stamp(root / rel)
        out[rel] = list(found) if found is not None else None
    return out


@dataclass(frozen=True, slots=True)
class HealthFile:
    stamps: Stamps  # the data files it describes (the delta's, when there is one)
    options: dict[str, Any]  # what the body was read with (the config's, as the cache says)
    base_id: str
    body: memoryview  # the base's body
    delta: memoryview | None  # the delta's body, when there is one for this base

    def current(self, root: Path) -> bool:
        """Whether every file it was read from is as it was when this was written."""
        return self.stamps == current_stamps(root)


def _whole(root: Path, name: str) -> tuple[dict[str, Any], memoryview] | None:
    """(header, body) if the file is whole and of this version, None otherwise."""
    raw = read_cache(root / name)
    if raw is None:
        return None
    cut = raw.find(b"\n") + 1
    if cut <= 0:
        return None
    body = memoryview(raw)[cut:]
    try:
        header = orjson.loads(memoryview(raw)[:cut])
    except orjson.JSONDecodeError:
        return None
    if (not isinstance(header, dict) or header.get("netui-health") != VERSION
            or header.get("body") != len(body) or header.get("crc") != zlib.crc32(body)
            or not isinstance(header.get("stamps"), dict)):
        return None
    return header, body


def read(root: Path) -> HealthFile | None:
    """The file if it is whole (version, lengths, checksums), whether or not it still
    describes the data (see HealthFile.current)."""
    base = _whole(root, HEALTH)
    if base is None:
        return None
    header, body = base
    stamps, base_id, options = header["stamps"], header.get("id"), header.get("options")
    if not isinstance(base_id, str) or not isinstance(options, dict):
        return None
    delta = None
    extra = _whole(root, HEALTH_DELTA)
    if extra is not None and extra[0].get("base") == base_id:
        stamps, delta = extra[0]["stamps"], extra[1]
    return HealthFile(stamps, options, base_id, body, delta)


def _header(root: Path, name: str) -> dict[str, Any] | None:
    """A file's header line alone (its body is not read, nor checked)."""
    try:
        fd = os.open(root / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        head = os.read(fd, HEADER_MAX)
    except OSError:
        return None
    finally:
        os.close(fd)
    cut = head.find(b"\n")
    try:
        header = orjson.loads(head[:cut]) if cut > 0 else None
    except orjson.JSONDecodeError:
        return None
    return header if isinstance(header, dict) and header.get("netui-health") == VERSION \
        else None


def extend_point(root: Path) -> tuple[str, Stamps, bytes] | None:
    """(base id, the stamps the base and its delta describe, the delta's body) as a commit
    reads them before it adds its records to the delta: the base's header alone (its body
    is checked when it is used). None: no base to extend."""
    base = _header(root, HEALTH)
    if base is None or not isinstance(base.get("id"), str) \
            or not isinstance(base.get("stamps"), dict):
        return None
    extra = _whole(root, HEALTH_DELTA)
    if extra is not None and extra[0].get("base") == base["id"]:
        return base["id"], extra[0]["stamps"], bytes(extra[1])
    return base["id"], base["stamps"], b""


def _replace(path: Path, header: dict[str, Any], body: bytes) -> None:
    head = orjson.dumps({**header, "netui-health": VERSION, "body": len(body),
                         "crc": zlib.crc32(body)})
    replace_file(path, head + b"\n" + body, sync=False)


def save(root: Path, stamps: Mapping[str, list[int] | None], options: Mapping[str, Any],
         body: bytes) -> str:
    """Replace the base and remove any delta; returns the new base's id. The caller holds
    the data directory's lock, so `stamps` describe what it read."""
    base_id = os.urandom(8).hex()
    _replace(root / HEALTH, {"id": base_id, "stamps": dict(stamps), "options": dict(options)},
             body)
    with contextlib.suppress(OSError):
        os.unlink(root / HEALTH_DELTA)
    return base_id


def save_delta(root: Path, base_id: str, stamps: Mapping[str, list[int] | None],
               body: bytes) -> None:
    """Replace the delta of base `base_id` (under the lock, as `save`)."""
    _replace(root / HEALTH_DELTA, {"base": base_id, "stamps": dict(stamps)}, body)


def drop(root: Path) -> None:
    """Remove both files (they no longer describe the data): the next use rebuilds them."""
    for name in (HEALTH_DELTA, HEALTH):
        with contextlib.suppress(OSError):  # gone already, or not a file netui could write
            os.unlink(root / name)
