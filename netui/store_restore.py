"""Checking what netui is about to replay or restore, and a restore that never deletes data.

A restore reads and checks the whole backup folder first (known names only, each file
parsed and every record validated by its model), then stages the complete new data in
`.restore-staging/` inside the data directory, fsynced, then writes `restore.json` (the
commit point: the list of files the new data has) and switches file by file. A kill
before the marker leaves the old data; after it, the next open finishes the switch from
the staging folder, which needs nothing outside the data directory."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from .domain.models import COLLECTIONS, SCHEMA_VERSION
from .store_files import (
    DIR_MODE,
    FILE_MODE,
    JOURNAL,
    META,
    RESTORE_MARKER,
    SHARDS,
    STAGING,
    SYNC_STATE,
    StoreError,
    atomic_write,
    data_names,
    fsync_dir,
    known_data_file,
    known_temp_of,
    shard_of,
)

# -- shapes of netui's own files ---------------------------------------------------------


def parse_schema(raw: bytes) -> int:
    meta = orjson.loads(raw)
    if not isinstance(meta, dict) or "schema" not in meta:
        raise ValueError("not a netui meta.json: no schema")
    schema = meta["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise ValueError("the schema is not a version number")
    return schema


def parse_shard(raw: bytes) -> dict[str, dict[str, dict[str, Any]]]:
    """A shard's tables. Empty or blank is unreadable, never "no records": every shard
    netui writes holds at least `{}`, so an empty one was truncated by something."""
    if not raw.strip():
        raise ValueError("the file is empty")
    data = orjson.loads(raw)
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
        for t in data.values()
    ):
        raise ValueError("not a netui data file")
    return data


def journal_plan(raw: bytes) -> list[tuple[str, str]]:
    """The (temp, data file) renames of journal.json; ValueError unless every one is a
    temp file netui writes, renamed onto its own data file."""
    data = orjson.loads(raw)
    renames = data.get("renames") if isinstance(data, dict) else None
    if not isinstance(renames, list):
        raise ValueError("not a netui journal")
    plan = []
    for item in renames:
        if not isinstance(item, list) or len(item) != 2:
            raise ValueError("not a netui journal")
        final = known_data_file(item[1])
        plan.append((known_temp_of(item[0], final), final))
    return plan


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
        from .sync.state import parse_state

        parse_state(raw)
        return
    collection, _, name = rel.partition("/")
    tables = parse_shard(raw)
    if set(tables) - {collection}:
        raise ValueError(f"holds a table other than {collection}")
    model, index = COLLECTIONS[collection], int(name[:2])
    for key, doc in tables.get(collection, {}).items():
        if doc.get("id") != key:
            raise ValueError(f"record {key[:40]!r} has a different id inside")
        if shard_of(key, SHARDS[collection]) != index:
            raise ValueError(f"record {key[:40]!r} is in the wrong file")
        if models:
            model.model_validate(doc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}"[:160]
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


# -- staging and switching ---------------------------------------------------------------


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_tree(files: dict[str, bytes], dest: Path) -> None:
    """Write `files` under `dest`, every file and folder fsynced (the folder is new)."""
    os.mkdir(dest, DIR_MODE)
    folders = {dest}
    for rel, data in files.items():
        target = dest / rel
        if target.parent not in folders:
            os.mkdir(target.parent, DIR_MODE)
            folders.add(target.parent)
        _write_new(target, data)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(folder)
    fsync_dir(dest.parent)


def remove_tree(path: Path) -> None:
    """Remove a folder netui made inside the data directory (a link is only unlinked)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISLNK(os.lstat(path).st_mode):
            os.unlink(path)
        else:
            shutil.rmtree(path)


def stage(root: Path, files: dict[str, bytes]) -> None:
    """The complete new data in .restore-staging/, durable, then the commit point."""
    remove_tree(root / STAGING)
    copy_tree(files, root / STAGING)
    atomic_write(root / RESTORE_MARKER, orjson.dumps({"files": sorted(files)}))


def switch(root: Path, files: list[str]) -> None:
    """Put the staged data in place: idempotent, so a kill halfway is finished by running
    it again (a staged file that is gone was already moved)."""
    staging = root / STAGING
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
