"""Checking a backup before it is restored, and a restore that never deletes data.

A restore reads and checks the whole backup folder first (known names only, each file
parsed and every record validated by its model), then stages the complete new data in
`.restore-staging/` inside the data directory, fsynced, then writes `restore.json` (the
commit point: the list of files the new data has) and switches file by file. A kill
before the marker leaves the old data; after it, the next open finishes the switch from
the staging folder, which needs nothing outside the data directory."""

from __future__ import annotations

import contextlib
import os
import stat
from datetime import datetime
from pathlib import Path

import orjson

from ..domain import registry
from ..domain.kinds import SCHEMA_VERSION
from . import index_file
from .backups import copy_current, list_backups
from .errors import ReadOnlyStore, StoreError
from .fsio import DIR_MODE, atomic_write, copy_tree, fsync_dir, os_error, read_bytes, remove_tree
from .layout import (
    BACKUPS,
    JOURNAL,
    META,
    RESTORE_MARKER,
    STAGING,
    SYNC_STATE,
    clean_leftovers,
    data_names,
    known_data_file,
    prepare_dir,
)
from .lock import DirLock
from .migrations import parse_schema
from .shards import SHARDS, parse_shard, shard_of


def restore_files(raw: bytes) -> list[str]:
    """The data files a restore in progress puts in place (restore.json)."""
    data = orjson.loads(raw)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or META not in files:
        raise ValueError("not a netui restore marker")
    return [known_data_file(f) for f in files]


# -- checking a backup folder ------------------------------------------------------------


def read_backup(source: Path, *, models: bool = True) -> dict[str, bytes]:
    """Every file of backup folder `source` (relative name -> bytes), checked completely
    before anything changes: StoreError naming the first problem otherwise. `models=False`
    checks names and shapes only (a quick "does it read back")."""
    from pydantic import ValidationError  # the models check the records (a restore only)

    if not source.is_dir():
        raise StoreError(f"{source} is not a backup folder (see netui restore --list)")
    found: dict[str, bytes] = {}
    _collect(source, source, found)
    if META not in found:
        raise StoreError(f"{source} is not a netui backup (it has no meta.json)")
    for rel, raw in sorted(found.items(), key=lambda kv: kv[0] != META):  # meta first
        try:
            if rel == META and parse_schema(raw) < SCHEMA_VERSION:
                models = False  # older records are checked after their migration, at open
            _check(rel, raw, models)
        except (ValueError, ValidationError) as exc:
            raise StoreError(f"cannot restore {source}: {rel}: {_reason(exc)}; "
                             "nothing was changed") from None
    return found


def _collect(source: Path, folder: Path, found: dict[str, bytes]) -> None:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = os.path.relpath(entry.path, source)
        st = entry.stat(follow_symlinks=False)
        if folder == source and entry.name in SHARDS and stat.S_ISDIR(st.st_mode):
            _collect(source, Path(entry.path), found)
        elif rel in data_names() and stat.S_ISREG(st.st_mode):
            found[rel] = Path(entry.path).read_bytes()
        else:
            kind = "a link" if stat.S_ISLNK(st.st_mode) else "a file netui does not restore"
            raise StoreError(f"cannot restore {source}: {rel[:80]!r} is {kind}; "
                             "nothing was changed")


def _check(rel: str, raw: bytes, models: bool) -> None:
    if rel == META:
        schema = parse_schema(raw)
        if schema > SCHEMA_VERSION:
            raise ValueError(f"written by a newer netui (schema {schema}); upgrade netui")
        return
    if rel == SYNC_STATE:
        from ..sync.state import parse_state

        parse_state(raw)
        return
    collection, _, name = rel.partition("/")
    tables = parse_shard(raw)
    if set(tables) - {collection}:
        raise ValueError(f"holds a table other than {collection}")
    model, index = registry.kind(collection).model, int(name[:2])
    for key, doc in tables.get(collection, {}).items():
        if doc.get("id") != key:
            raise ValueError(f"record {key[:40]!r} has a different id inside")
        if shard_of(key, SHARDS[collection]) != index:
            raise ValueError(f"record {key[:40]!r} is in the wrong file")
        if models:
            model.model_validate(doc)


def _reason(exc: BaseException) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}"[:160]
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


# -- staging and switching ---------------------------------------------------------------


def stage(root: Path, files: dict[str, bytes]) -> None:
    """The complete new data in .restore-staging/, durable, then the commit point."""
    remove_tree(root / STAGING)
    copy_tree(files, root / STAGING)
    atomic_write(root / RESTORE_MARKER, orjson.dumps({"files": sorted(files)}))


def switch(root: Path, files: list[str]) -> None:
    """Put the staged data in place: idempotent, so a kill halfway is finished by running
    it again (a staged file that is gone was already moved)."""
    staging = root / STAGING
    index_file.drop(root)  # the shell's index described the data being replaced
    if os.path.lexists(root / JOURNAL):  # an older commit must not replay over the new data
        os.unlink(root / JOURNAL)
    wanted = set(files)
    for rel in sorted(data_names()):
        staged, final = staging / rel, root / rel
        if rel in wanted:
            if os.path.lexists(staged):
                final.parent.mkdir(mode=DIR_MODE, exist_ok=True)
                os.replace(staged, final)
        elif os.path.lexists(final):
            os.unlink(final)
    for collection in SHARDS:
        fsync_dir(root / collection)
    fsync_dir(root)
    os.unlink(root / RESTORE_MARKER)
    fsync_dir(root)
    remove_tree(staging)


def pending_restore(root: Path) -> list[str] | None:
    """The files of a restore that passed its commit point (restore.json) before a kill,
    None if there is none; ValueError/OSError when its marker or staging cannot be used."""
    raw = read_bytes(root / RESTORE_MARKER)
    if raw is None:
        return None
    files = restore_files(raw)
    if not (root / STAGING).is_dir():
        raise ValueError(f"its staging folder {STAGING} is gone")
    return files


def newest_readable(backup_dir: Path) -> Path | None:
    """The newest backup whose files all read back (a pre-restore copy of damaged
    files is a backup too, but not one to point the user at)."""
    with contextlib.suppress(OSError):
        for found in list_backups(backup_dir):
            with contextlib.suppress(StoreError, OSError):
                read_backup(found, models=False)
                return found
    return None


def restore_backup(root: Path, source: Path, lock_timeout: float) -> Path:
    """Put the files of backup `source` back in `root`, even when the current data (or
    its journal or meta.json) is unreadable. The whole folder is read and checked
    before anything changes; the current files are kept in backups/pre-restore-*/
    (returned). A kill at any point leaves the old data or the new, whether or not
    `source` still exists."""
    files = read_backup(source)
    lock = DirLock(root, lock_timeout)
    try:
        if readonly := prepare_dir(root, lock):
            raise ReadOnlyStore(readonly)
        with lock.held(writable=True):
            try:  # an earlier restore killed halfway is finished first
                earlier = pending_restore(root)
            except (ValueError, OSError):  # a damaged marker: this restore replaces it all
                os.unlink(root / RESTORE_MARKER)
            else:
                if earlier is not None:
                    switch(root, earlier)
            kept = copy_current(root, root / BACKUPS,
                                f"pre-restore-{datetime.now():%Y-%m-%dT%H%M%S}")
            stage(root, files)
            switch(root, sorted(files))
            clean_leftovers(root)
    except OSError as exc:
        raise os_error(exc, "the restore") from exc
    finally:
        lock.close()
    return kept
