"""A data directory synced by Syncthing, Dropbox or git: the conflict copies such tools
leave are merged into the data at open, record by record, and moved into backups/.

- Syncthing: `00.sync-conflict-20261201-101500-ABCDEF7.json` beside `00.json`;
- Dropbox: `00 (conflicted copy).json`, `00 (Ann's conflicted copy 2026-12-01).json`;
- git: a shard holding merge markers (`<<<<<<<`, `=======`, `>>>>>>>`).

Per record the newer `updated_at` wins; list fields hold both sides' values and text
(notes) keeps both texts. A Syncthing transfer under way (its temp files) is refused:
netui never opens a half-synced directory as if it were whole. Pure functions over the
data directory: Store.open calls `resolve_conflicts` once, before it reads anything."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from ..domain import registry
from .errors import StoreError
from .fsio import DIR_MODE, atomic_write, fsync_dir, read_bytes
from .layout import BACKUPS, META, SYNC_STATE, data_names
from .shards import SHARDS, parse_shard

Doc = dict[str, Any]
_SYNCTHING = re.compile(r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]+)?(?P<ext>\.[^.]+)?$")
_DROPBOX = re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.[^.]+)?$")
_IN_TRANSFER = re.compile(r"^(?:\.syncthing\..+\.tmp|~syncthing~.+\.tmp)$")
_MARKER_TAGS = (b"<<<<<<<", b"=======", b">>>>>>>")
_MARKERS = re.compile(rb"^(<<<<<<<|=======|>>>>>>>)( .*)?$", re.MULTILINE)
_TEXT = ("notes", "text", "reason")  # free text: both sides' words are kept
# The people and their history (every kind the registry marks as people data) merge
# record by record; any other collection (the undo log) keeps this machine's file: its
# entries describe changes to this copy only.
def _records() -> frozenset[str]:
    return frozenset(k.collection for k in registry.people_kinds())


@dataclass
class Resolved:
    merged: list[str] = field(default_factory=list)  # one line per conflict copy merged
    moved_to: Path | None = None

    def lines(self) -> list[str]:
        where = f" (the copies are in {self.moved_to})" if self.moved_to else ""
        return [f"merged a sync conflict: {m}{where}" for m in self.merged]


def original_of(name: str) -> str | None:
    """`00.json` for a conflict copy's file name, None for any other name."""
    for pattern in (_SYNCTHING, _DROPBOX):
        if m := pattern.match(name):
            return m["stem"] + (m["ext"] or "")
    return None


def _stamp(doc: Doc) -> str:
    return str(doc.get("updated_at") or doc.get("created_at") or "")


def merge_record(ours: Doc, theirs: Doc) -> Doc:
    """The newer record, with the other's list values and text added."""
    new, old = (theirs, ours) if _stamp(theirs) > _stamp(ours) else (ours, theirs)
    out = dict(new)
    for key, value in old.items():
        mine = out.get(key)
        if isinstance(value, list) and isinstance(mine, list) and key != "contact_ids":
            out[key] = mine + [v for v in value if v not in mine]
        elif key in _TEXT and isinstance(value, str) and isinstance(mine, str):
            if value.strip() and value not in mine:
                out[key] = f"{mine}\n\n{value}".strip() if mine else value
        elif key not in out:
            out[key] = value
    return out


def merge_tables(ours: dict[str, dict[str, Doc]],
                 theirs: dict[str, dict[str, Doc]]) -> dict[str, dict[str, Doc]]:
    """Two copies of one shard as one: every record of either, merged where in both. A
    record deleted on one side comes back: a deletion cannot be told from an addition,
    and losing a record is worse than deleting it again."""
    out: dict[str, dict[str, Doc]] = {}
    for table in sorted(set(ours) | set(theirs)):
        a, b = ours.get(table, {}), theirs.get(table, {})
        merged = {rid: merge_record(a[rid], b[rid]) if rid in b else a[rid] for rid in a}
        merged.update({rid: doc for rid, doc in b.items() if rid not in a})
        out[table] = merged
    return out


def split_markers(raw: bytes) -> tuple[bytes, bytes] | None:
    """Both sides of a file git left with merge markers, or None if it has none."""
    # A marker starts a line. netui writes each file as one line: a byte search for a
    # newline (memchr) clears 26 MB in a few ms where the regex takes ~150 ms per open.
    if (b"\n" not in raw and not raw.startswith(_MARKER_TAGS)) or not _MARKERS.search(raw):
        return None
    sides: tuple[list[bytes], list[bytes]] = ([], [])
    state = "both"
    for line in raw.splitlines(keepends=True):
        tag = line[:7]
        if tag == b"<<<<<<<":
            state = "ours"
        elif tag == b"=======" and state == "ours":
            state = "theirs"
        elif tag == b">>>>>>>" and state == "theirs":
            state = "both"
        else:
            if state in ("both", "ours"):
                sides[0].append(line)
            if state in ("both", "theirs"):
                sides[1].append(line)
    return b"".join(sides[0]), b"".join(sides[1])


def _folders(root: Path) -> list[tuple[str, Path]]:
    return [("", root), *((c + "/", root / c) for c in SHARDS)]


def _refuse_transfer(root: Path) -> None:
    for prefix, folder in _folders(root):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if _IN_TRANSFER.match(name):
                raise StoreError(f"a sync tool is still writing the data directory "
                                 f"({prefix}{name}); open netui when the sync has finished")


def _parse(rel: str, raw: bytes, what: str) -> dict[str, dict[str, Doc]]:
    try:
        return parse_shard(raw)
    except ValueError as exc:
        raise StoreError(f"cannot merge {what} of {rel} ({exc}); resolve it by hand or "
                         "move it away, then open netui again") from None


def resolve_conflicts(root: Path) -> Resolved:
    """Find the conflict copies in `root`, merge them into the data, move them to
    backups/. Raises StoreError (nothing changed) for what cannot be merged."""
    _refuse_transfer(root)
    copies: list[tuple[str, str]] = []  # (copy's rel path, original's rel path)
    for prefix, folder in _folders(root):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            original = original_of(name)
            if original is not None and prefix + original in data_names():
                copies.append((prefix + name, prefix + original))
    marked: dict[str, tuple[bytes, bytes]] = {}
    for rel in sorted(data_names() - {META, SYNC_STATE}):
        raw = read_bytes(root / rel)
        if raw is not None and (sides := split_markers(raw)) is not None:
            marked[rel] = sides
    result = Resolved()
    if not copies and not marked:
        return result
    merged: dict[str, dict[str, dict[str, Doc]]] = {}
    for rel, (ours, theirs) in marked.items():
        mine = _parse(rel, ours, "git's side")
        records = rel.partition("/")[0] in _records()
        merged[rel] = merge_tables(mine, _parse(rel, theirs, "the other side")) if records else mine
        result.merged.append(f"{rel} (git merge markers)")
    for copy, rel in copies:
        if rel.partition("/")[0] not in _records():  # meta, sync state, undo: this one stays
            result.merged.append(f"{copy} (kept {rel} as it is)")
            continue
        raw = read_bytes(root / copy) or b""
        copied = _parse(copy, raw, "the conflict copy")
        if rel not in merged:
            current = read_bytes(root / rel)
            merged[rel] = _parse(rel, current, "the data file") if current else {}
        merged[rel] = merge_tables(merged[rel], copied)
        result.merged.append(f"{copy} into {rel}")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    dest = root / BACKUPS / f"sync-conflicts-{stamp}"
    for rel in (*marked, *(c for c, _ in copies)):  # the copies first, as they were
        target = dest / rel
        target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        atomic_write(target, read_bytes(root / rel) or b"")
    for rel, tables in merged.items():
        atomic_write(root / rel, orjson.dumps(tables))
    for copy, _ in copies:
        os.unlink(root / copy)
    for _prefix, folder in _folders(root):
        fsync_dir(folder)
    result.moved_to = dest
    return result
