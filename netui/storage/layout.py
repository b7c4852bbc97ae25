"""What may exist in a data directory: known names only, never through a symbolic link.

Every name netui reads, writes, renames or deletes is derived here from `SHARDS`, so a
collection added later is covered by every check (journal, restore, backups) at once."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from functools import cache
from pathlib import Path

from ..domain import registry
from .errors import StoreError
from .fsio import DIR_MODE, link_message, remove_tree, repair_modes, unwritable_reason
from .lock import DirLock, open_lock
from .shards import SHARDS

META = "meta.json"
JOURNAL = "journal.json"
RESTORE_MARKER = "restore.json"
STAGING = ".restore-staging"  # a restore's complete new data, before the switch
BACKUPS = "backups"
SYNC_STATE = "sync.json"  # `netui sync`: what the vdir held at the last round
# The shell's derived index (storage.index_file): a cache, never data, never backed up or
# restored; rebuilt whenever it does not describe the data files.
INDEX = "index.jsonl"
INDEX_DELTA = "index-delta.jsonl"  # the rows changed since index.jsonl was written
# The health figures' inputs (storage.health_file): a cache like the index.
HEALTH = "health.json"
HEALTH_DELTA = "health-delta.json"  # the records added since health.json was written
# Names directly in the data directory that must be what they say, never a link.
FIXED_NAMES = (META, JOURNAL, RESTORE_MARKER, ".lock", ".session", BACKUPS, STAGING, SYNC_STATE,
               INDEX, INDEX_DELTA, HEALTH, HEALTH_DELTA)

_TEMP = re.compile(r"\.(?P<final>[^/]+)\.[0-9a-f]{8}\.tmp")


def shard_name(collection: str, index: int) -> str:
    return f"{collection}/{index:02d}.json"


def data_names() -> frozenset[str]:
    """Every data file's path relative to the data directory: meta.json, the shards and the
    sync state (backed up and restored with the records it describes)."""
    return _data_names(registry.version())


@cache
def _data_names(_version: int) -> frozenset[str]:
    shards = {shard_name(c, i) for c, n in SHARDS.items() for i in range(n)}
    return frozenset({META, SYNC_STATE} | shards)


def known_data_file(rel: object) -> str:
    """`rel` if it names a data file, else ValueError saying why."""
    if not isinstance(rel, str):
        raise ValueError(f"{rel!r} is not a path")
    if rel not in data_names():  # exact names only: no "..", no absolute path, no "./"
        raise ValueError(f"{rel[:80]!r} is not a netui data file")
    return rel


def known_temp_of(tmp: object, final: str) -> str:
    """`tmp` if it is a temp file netui writes beside data file `final`."""
    if not isinstance(tmp, str):
        raise ValueError(f"{tmp!r} is not a path")
    head, _, name = tmp.rpartition("/")
    match = _TEMP.fullmatch(name)
    final_head, _, final_name = final.rpartition("/")
    if not match or head != final_head or match["final"] != final_name:
        raise ValueError(f"{tmp[:80]!r} is not a temp file of {final}")
    return tmp


def refuse_links(root: Path) -> None:
    """One line if a fixed name or a collection folder in `root` is a symbolic link."""
    for name in (*FIXED_NAMES, *SHARDS):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            if stat.S_ISLNK(os.lstat(root / name).st_mode):
                raise StoreError(link_message(root / name))


def clean_leftovers(root: Path) -> None:
    """A kill between writing a temp file and renaming it leaves the temp behind, a
    killed backup its hidden staging folder, a restore killed before its commit point
    its staging folder: none of them is data."""
    if not (root / JOURNAL).exists():  # else the journal's temps are still needed
        for folder in (root, *(root / c for c in SHARDS)):
            for tmp in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()
    if not (root / RESTORE_MARKER).exists():
        remove_tree(root / STAGING)
    with contextlib.suppress(OSError):
        for stale in (root / BACKUPS).glob(".*"):  # backups are staged under the lock
            remove_tree(stale)


def prepare_dir(root: Path, lock: DirLock) -> str | None:
    """The data directory and its folders, private, with no link in netui's names, and
    `lock`'s fd opened. Returns why the directory opens read-only (a read-only disk or
    snapshot), if it does."""
    try:
        if not root.is_dir():
            root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        refuse_links(root)
        if lock.fd is None:
            try:
                lock.fd = open_lock(root / ".lock", writable=True)
            except OSError as exc:
                unwritable = unwritable_reason(root, exc)
                if unwritable is None:
                    raise
                # Read-only: reads go on, under a read-only lock fd, or none if there is
                # no .lock to open.
                lock.fd = open_lock(root / ".lock", writable=False)
                return f"{unwritable}; opened read-only, nothing can be changed"
        if root.stat().st_mode & 0o077:
            root.chmod(DIR_MODE)
        for collection in SHARDS:
            (root / collection).mkdir(mode=DIR_MODE, exist_ok=True)
        repair_modes(root)
    except OSError as exc:
        raise StoreError(f"cannot use data directory {root}: {exc.strerror or exc}") from exc
    return None
