"""netui's store: TinyDB documents on disk, safe against crashes, sync tools and a second
netui. This is the only module that imports TinyDB.

Layout of a data directory (0700; every file 0600):

    meta.json                  {"schema": N}
    contacts/00.json ...       TinyDB files, one table each, documents keyed by record id
    interactions/00.json ...   records are spread over shards by a hash of their id, so a
    favours/, checkins/        write rewrites one small file, never the whole network
    journal.json               only during a multi-file commit (see `_commit`)
    backups/auto-YYYY-MM-DD/   a copy of the files, one a day, 14 kept
    .lock                      flock'd around every read-modify-write

Why this shape (measured in shared/STORAGE-NOTES.md): TinyDB's own JSON storage rewrites
the whole file in place on every write (about a second at 50 MB, and torn by a kill). Here
every write serialises and fsyncs only the shards it touches to temp files, then renames
them into place; a commit of several files is made atomic by a journal of those renames.
An in-memory copy of every shard is kept in step, and files changed by someone else are
noticed by their stat stamp and re-read before any write, under an exclusive lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import Storage, TinyDB
from tinydb.table import Table

from . import store_restore as restoring
from .domain import registry
from .domain.models import COLLECTIONS, SCHEMA_VERSION
from .domain.text import json_may_hold_controls, scrub_value
from .store_conflicts import resolve_conflicts
from .store_files import (
    BACKUPS,
    DIR_MODE,
    FILE_MODE,
    JOURNAL,
    META,
    RESTORE_MARKER,
    SHARDS,
    STAGING,
    StoreError,
    atomic_write,
    open_lock,
    read_bytes,
    refuse_links,
    repair_modes,
    shard_of,
    unwritable_reason,
)
from .store_files import fsync_dir as _fsync_dir
from .store_files import write_temp as _write_temp


# Read on first use rather than at open: notes are most of the data (18 of 24 MB at
# 10k contacts), a shell command that adds one note needs only the shard it writes, and
# the app's first frame (the contact list) needs contacts only.
class _Lazy:
    """The collections whose kinds say so (netui.domain.registry), read live."""

    def __contains__(self, collection: object) -> bool:
        return collection in registry.lazy_collections()


LAZY = _Lazy()

AUTO_BACKUPS_KEPT = 14
LOCK_TIMEOUT = 5.0

Doc = dict[str, Any]


class StoreLocked(StoreError):
    pass


class CorruptData(StoreError):
    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        hint = (
            f"newest backup: {backup} (netui restore puts it back)"
            if backup
            else "no backup found"
        )
        super().__init__(f"cannot read {path} ({reason}); it was left untouched; {hint}")
        self.path, self.reason, self.backup = path, reason, backup


class ReadOnlyStore(StoreError):
    pass


class Conflict(StoreError):
    pass


class WriteFailed(StoreError):
    pass


@dataclass(frozen=True, slots=True)
class Change:
    """Put `doc` as record `id` of `collection`, or delete it when `doc` is None."""

    collection: str
    id: str
    doc: Doc | None


# -- low-level file helpers ----------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.lstat(path)  # a link's own stamp: links are refused when read
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EDQUOT: "the disk quota is exceeded",
}


def _why(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def _os_error(exc: OSError, what: str) -> WriteFailed:
    return WriteFailed(f"could not save {what}: {_why(exc)}; nothing was changed")


@contextlib.contextmanager


def gc_paused() -> Iterator[None]:
    """Build long-lived data with the cyclic GC paused, then freeze it out of later runs.

    Loading a large network builds millions of objects: the GC would rescan them while
    parsing (measured: 806 ms -> 296 ms paused) and again in every full collection for
    the rest of the session (at 10k contacts, ~0.3-0.7 s pauses while typing in the TUI,
    and opening a Network 0.52 s -> 0.18 s). Records are dicts and lists that reference
    counting frees, so freezing them hides nothing the GC could have collected."""
    enabled = gc.isenabled()
    if enabled:
        gc.collect(1)  # cheap: young garbage is freed now rather than frozen for good
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# -- TinyDB plumbing -----------------------------------------------------------------


class _Table(Table):
    """A TinyDB table whose document ids are netui's string ids."""

    document_id_class = str

    def apply(self, puts: Mapping[str, Doc], deletes: Iterable[str]) -> None:
        def updater(table: dict[str, Doc]) -> None:
            for record_id in deletes:
                table.pop(record_id, None)
            table.update(puts)  # new dicts, never mutated in place

        self._update_table(updater)


class _ShardDB(TinyDB):
    table_class = _Table


class _ShardStorage(Storage):
    """orjson on disk, an in-memory copy in step, and writes staged for `Store._commit`.

    `read` hands TinyDB a shallow copy, so a write that fails (a value that does not
    serialise, a full disk) never leaves a half-applied copy behind in memory."""

    def __init__(self, path: Path, stage: Callable[[_ShardStorage, dict, bytes], None]) -> None:
        self.path = path
        self._stage = stage
        self.data: dict[str, dict[str, Doc]] = {}
        self.stamp: tuple[int, int, int] | None = None
        self.loaded = False
        self.read_from: Path | None = None  # a journal's temp, read-only (see open)

    def load(self) -> None:
        """(Re)read the file from disk. Raises ValueError with the reason if unreadable."""
        source = self.read_from or self.path
        stamp = _stamp(source)
        raw = read_bytes(source) if stamp is not None else None
        if raw is None:
            self.data, self.stamp, self.loaded = {}, None, True
            return
        data = restoring.parse_shard(raw)
        if json_may_hold_controls(raw):  # written by another program: no escapes (F7)
            data = scrub_value(data)
        self.data, self.stamp, self.loaded = data, stamp, True

    def changed_on_disk(self) -> bool:
        return _stamp(self.read_from or self.path) != self.stamp

    def read(self) -> dict[str, dict[str, Doc]]:
        return dict(self.data)

    def write(self, data: dict[str, dict[str, Doc]]) -> None:
        self._stage(self, data, orjson.dumps(data))

    def adopt(self, data: dict[str, dict[str, Doc]]) -> None:
        self.data, self.stamp, self.loaded = data, _stamp(self.path), True

    def close(self) -> None:
        pass


class _Shard:
    __slots__ = ("collection", "db", "storage", "table")

    def __init__(self, collection: str, path: Path, stage: Callable[..., None]) -> None:
        self.collection = collection
        self.db = _ShardDB(path, stage, storage=_ShardStorage)
        self.storage: _ShardStorage = self.db.storage  # type: ignore[assignment]
        self.table: _Table = self.db.table(collection, cache_size=0)  # type: ignore[assignment]

    @property
    def docs(self) -> dict[str, Doc]:
        return self.storage.data.get(self.collection, {})


# -- the store -------------------------------------------------------------------------


class Store:
    """All of netui's records, loaded in memory, written through to disk durably.

    Every write is one transaction (`apply`): it takes the lock, re-reads any file another
    process changed, refuses to overwrite a record that changed under it, then commits."""

    def __init__(
        self,
        root: Path,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        backups: bool = True,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.keep_backups = backups
        self._today = today
        self.readonly_reason: str | None = None
        self._lock_fd: int | None = None
        self._session_fd: int | None = None
        self._lock_depth = 0
        self._staged: list[tuple[_ShardStorage, dict, Path]] | None = None
        self._shards: dict[str, list[_Shard]] = {}
        self.on_external_change: list[Callable[[set[str]], None]] = []
        self.sync_conflicts: list[str] = []  # conflict copies merged at open (report them)

    # -- opening -----------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    def open(self, *, backup: bool = True) -> Store:
        """Read the data (lazy collections on first use). `backup=False` leaves today's
        automatic backup to a later `daily_backup()`: the app makes it after its first
        frame, as it reads every file for the backup (a copy of unreadable data would
        push a good one out of the fourteen kept)."""
        self._prepare_dir()
        for collection, count in SHARDS.items():
            self._shards[collection] = [
                _Shard(collection, self.root / collection / f"{i:02d}.json", self._stage)
                for i in range(count)
            ]
        with self._locked():
            if not self.readonly and not (self.root / JOURNAL).exists():
                self.sync_conflicts = resolve_conflicts(self.root).lines()
            if not self.readonly:
                self._finish_restore()  # first: it may put back meta.json itself
            schema = self._read_schema()
            if schema > SCHEMA_VERSION and not self.readonly:
                self.readonly_reason = (
                    f"this data was written by a newer netui (schema {schema}, this netui "
                    f"reads up to {SCHEMA_VERSION}); opened read-only, upgrade netui to edit it"
                )
            elif not self.readonly:
                self._clean_temp_files()
            if self.readonly:
                self._read_through_journal()
            self._load_all()
            if not self.readonly:
                self._replay_journal()
                if schema < SCHEMA_VERSION:
                    self._migrate(schema)
                if self.keep_backups and backup:
                    self._daily_backup()
        return self

    def join_session(self) -> bool:
        """Mark this process as an open netui session (for its lifetime) and say whether
        another session already has this data open. Writes stay safe either way (each
        is locked and re-reads first); this lets the app tell the user."""
        if self._session_fd is None:
            try:
                self._session_fd = os.open(self.root / ".session",
                                           os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
            except OSError:
                return False
        others = False
        try:
            fcntl.flock(self._session_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            others = True
        fcntl.flock(self._session_fd, fcntl.LOCK_SH)
        return others

    def close(self) -> None:
        if self._session_fd is not None:
            os.close(self._session_fd)
            self._session_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare_dir(self) -> None:
        """The data directory and its folders, private, with no link in netui's names.
        An unwritable directory (a read-only disk or snapshot) opens read-only."""
        try:
            if not self.root.is_dir():
                self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            refuse_links(self.root)
            if self._lock_fd is None:
                try:
                    self._lock_fd = open_lock(self.root / ".lock", writable=True)
                except OSError as exc:
                    unwritable = unwritable_reason(self.root, exc)
                    if unwritable is None:
                        raise
                    # Read-only (a read-only disk or snapshot): reads go on, under a
                    # read-only lock fd, or none if there is no .lock to open.
                    self.readonly_reason = f"{unwritable}; opened read-only, nothing can be changed"
                    self._lock_fd = open_lock(self.root / ".lock", writable=False)
                    return
            if self.root.stat().st_mode & 0o077:
                self.root.chmod(DIR_MODE)
            for collection in SHARDS:
                (self.root / collection).mkdir(mode=DIR_MODE, exist_ok=True)
            repair_modes(self.root)
        except OSError as exc:
            raise StoreError(
                f"cannot use data directory {self.root}: {exc.strerror or exc}"
            ) from exc

    def _read_schema(self) -> int:
        meta = self.root / META
        try:
            raw = read_bytes(meta)
            if raw is None:
                if self.readonly:
                    return SCHEMA_VERSION
                atomic_write(meta, orjson.dumps({"schema": SCHEMA_VERSION, "app": "netui"}))
                return SCHEMA_VERSION
            return restoring.parse_schema(raw)
        except (ValueError, OSError) as exc:
            raise CorruptData(meta, _reason(exc), self.newest_backup()) from exc

    def _load_all(self) -> None:
        with gc_paused():
            for collection, shards in self._shards.items():
                for shard in shards:
                    if collection not in LAZY or shard.storage.loaded:
                        self._load_shard(shard)

    def _ready(self, shards: Iterable[_Shard]) -> None:
        """Load shards of a LAZY collection on first use, under the lock like `open`, so
        a commit of several files by another netui is never seen half-done."""
        waiting = [s for s in shards if not s.storage.loaded]
        if waiting:
            with self._locked(), gc_paused():
                for shard in waiting:
                    if not shard.storage.loaded:
                        self._load_shard(shard)

    def _load_shard(self, shard: _Shard) -> None:
        try:
            shard.storage.load()
        except (ValueError, OSError) as exc:
            raise CorruptData(shard.storage.path, _reason(exc), self.newest_backup()) from exc

    def _clean_temp_files(self) -> None:
        """A kill between writing a temp file and renaming it leaves the temp behind, a
        killed backup its hidden staging folder, a restore killed before its commit point
        its staging folder: none of them is data."""
        if not (self.root / JOURNAL).exists():  # else the journal's temps are still needed
            for folder in (self.root, *(self.root / c for c in SHARDS)):
                for tmp in folder.glob(".*.tmp"):
                    with contextlib.suppress(OSError):
                        tmp.unlink()
        if not (self.root / RESTORE_MARKER).exists():
            restoring.remove_tree(self.root / STAGING)
        with contextlib.suppress(OSError):
            for stale in self.backup_dir.glob(".*"):  # backups are staged under the lock
                restoring.remove_tree(stale)

    # -- locking -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive flock on .lock; re-entrant within this process."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        if self._lock_fd is None:
            try:
                # A read-only directory is only read: flock on a read-only fd, or no lock
                # at all when there is no .lock to open (nobody can write there either).
                self._lock_fd = open_lock(self.root / ".lock", writable=not self.readonly)
            except OSError as exc:
                raise StoreError(f"cannot lock {self.root}: {exc.strerror or exc}") from exc
            if self._lock_fd is None:
                yield
                return
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLocked(
                        f"another netui is busy with {self.root}; waited "
                        f"{self.lock_timeout:g}s, try again"
                    ) from None
                time.sleep(0.005)
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    # -- reading -------------------------------------------------------------------------

    def docs(self, collection: str) -> Iterator[Doc]:
        self._ready(self._shards[collection])
        for shard in self._shards[collection]:
            yield from shard.docs.values()

    def get(self, collection: str, record_id: str) -> Doc | None:
        shards = self._shards[collection]
        shard = shards[shard_of(record_id, len(shards))]
        if not shard.storage.loaded:
            self._ready([shard])
        return shard.docs.get(record_id)

    def count(self, collection: str) -> int:
        self._ready(self._shards[collection])
        return sum(len(s.docs) for s in self._shards[collection])

    def files(self) -> list[Path]:
        """Every data file that exists, meta first."""
        out = [self.root / "meta.json"]
        out += [s.storage.path for shards in self._shards.values() for s in shards]
        return [p for p in out if p.exists()]

    def refresh(self) -> set[str]:
        """Re-read files that changed on disk (another netui, a sync tool). Returns the
        collections that changed; listeners are told."""
        # A shard not loaded yet has nothing stale: it is read fresh when first used.
        stale = [s for shards in self._shards.values() for s in shards
                 if s.storage.loaded and s.storage.changed_on_disk()]
        if not stale:
            return set()
        with self._locked():
            changed: set[str] = set()
            for shard in stale:
                if shard.storage.changed_on_disk():
                    self._load_shard(shard)
                    changed.add(shard.collection)
        if changed:
            for listener in self.on_external_change:
                listener(changed)
        return changed

    # -- writing ------------------------------------------------------------------------

    def apply(self, changes: Sequence[Change] | Callable[[], Sequence[Change]],
              what: str = "the change") -> None:
        """Commit `changes` as one durable, atomic transaction.

        `changes` may be a function: it is called under the lock once every file another
        process changed is re-read, so it computes the changes from the disk state (and
        may refuse by raising). Raises Conflict (nothing written) when a record it
        replaces was changed on disk by someone else since this netui read it,
        WriteFailed when the disk refuses."""
        if self.readonly_reason:
            raise ReadOnlyStore(self.readonly_reason)
        if callable(changes):
            with self._locked():
                self.refresh()
                built = changes()
                self._check_collections(built)
                if built:
                    self._write(built, what)
            return
        if not changes:
            return
        self._check_collections(changes)
        with self._locked():
            before = {(c.collection, c.id): self.get(c.collection, c.id) for c in changes}
            if self.refresh():
                for (collection, record_id), doc in before.items():
                    if self.get(collection, record_id) != doc:
                        raise Conflict(
                            f"a {collection[:-1]} was changed on disk by another program "
                            "while you edited it; the new version is loaded, nothing was saved"
                        )
            self._write(changes, what)

    def _check_collections(self, changes: Sequence[Change]) -> None:
        for change in changes:
            if change.collection not in self._shards:
                raise ValueError(f"unknown collection {change.collection!r}")

    def _write(self, changes: Sequence[Change], what: str) -> None:
        grouped: dict[_Shard, tuple[dict[str, Doc], list[str]]] = {}
        for c in changes:
            shards = self._shards[c.collection]
            shard = shards[shard_of(c.id, len(shards))]
            puts, deletes = grouped.setdefault(shard, ({}, []))
            if c.doc is None:
                puts.pop(c.id, None)
                deletes.append(c.id)
            else:
                puts[c.id] = c.doc
        self._staged = []
        try:
            for shard, (puts, deletes) in grouped.items():
                shard.table.apply(puts, deletes)
            self._commit(self._staged)
        except OSError as exc:
            raise _os_error(exc, what) from exc
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise WriteFailed(f"could not save {what}: {exc}; nothing was changed") from exc
        finally:
            for _storage, _data, tmp in self._staged or ():
                with contextlib.suppress(OSError):
                    tmp.unlink()
            self._staged = None

    def _stage(self, storage: _ShardStorage, data: dict, raw: bytes) -> None:
        if self._staged is None:
            raise RuntimeError("netui writes go through Store.apply")
        self._staged.append((storage, data, _write_temp(storage.path, raw)))

    def _commit(self, staged: list[tuple[_ShardStorage, dict, Path]]) -> None:
        """Rename staged temp files into place. Every temp is already durable; with more
        than one file, a journal listing the renames is written first, so a crash halfway
        is completed at the next open (renames are idempotent: a missing temp is done)."""
        journal = self.root / JOURNAL
        if len(staged) > 1:
            plan = [[str(tmp.relative_to(self.root)), str(s.path.relative_to(self.root))]
                    for s, _d, tmp in staged]
            # The temps' names must be durable before the journal says they exist: a
            # replay takes a missing temp for one already renamed (power-loss test).
            for folder in {tmp.parent for _s, _d, tmp in staged}:
                _fsync_dir(folder)
            atomic_write(journal, orjson.dumps({"renames": plan}))
        dirs = set()
        try:
            for storage, data, tmp in staged:
                os.replace(tmp, storage.path)
                storage.adopt(data)
                dirs.add(storage.path.parent)
        except BaseException as exc:
            if not journal.exists():
                raise
            # Past the commit point the temps belong to the journal: roll forward now.
            staged.clear()
            try:
                self._replay_journal()  # on success every shard is reloaded from disk
            except BaseException:
                # The next open finishes it; until then this process must not write on top
                # of a half-renamed commit.
                self.readonly_reason = ("a change was only partly written; restart netui "
                                        "to finish it (nothing is lost)")
                if isinstance(exc, OSError):
                    raise WriteFailed(f"saving stopped halfway ({_why(exc)}); "
                                      f"{self.readonly_reason}") from exc
                raise exc from None
            if not isinstance(exc, Exception):
                raise  # an interrupt: the change is saved, but the interrupt still stands
            return  # the rename failed once, the roll-forward saved it: a success
        staged.clear()
        for d in dirs:
            _fsync_dir(d)
        if journal.exists():
            journal.unlink()
            _fsync_dir(self.root)

    def _read_through_journal(self) -> None:
        """Read-only with a commit left halfway, which cannot be finished here: show it
        finished, each shard read from the temp the journal names while it is there."""
        journal = self.root / JOURNAL
        try:
            raw = read_bytes(journal)
            plan = restoring.journal_plan(raw) if raw is not None else []
        except (ValueError, OSError) as exc:
            raise CorruptData(journal, _reason(exc), self.newest_backup()) from exc
        by_path = {s.storage.path: s for shards in self._shards.values() for s in shards}
        for tmp_rel, final_rel in plan:
            shard = by_path.get(self.root / final_rel)
            if shard is not None and os.path.lexists(self.root / tmp_rel):
                shard.storage.read_from = self.root / tmp_rel

    def _replay_journal(self) -> None:
        journal = self.root / JOURNAL
        try:
            raw = read_bytes(journal)
            if raw is None:
                return
            plan = restoring.journal_plan(raw)  # only netui's own temps onto its own files
        except (ValueError, OSError) as exc:
            raise CorruptData(journal, _reason(exc), self.newest_backup()) from exc
        for tmp_rel, final_rel in plan:
            tmp = self.root / tmp_rel
            if os.path.lexists(tmp):
                os.replace(tmp, self.root / final_rel)
        for d in {(self.root / f).parent for _t, f in plan}:
            _fsync_dir(d)
        journal.unlink()
        _fsync_dir(self.root)
        self._clean_temp_files()
        self._load_all()

    def replace_all(self, data: Mapping[str, Iterable[Doc]], what: str = "the data") -> int:
        """Make the store hold exactly `data` (a restore), as one transaction.
        Returns how many records changed."""
        changes: list[Change] = []
        for collection in SHARDS:
            wanted = {d["id"]: d for d in data.get(collection, ())}
            for doc in list(self.docs(collection)):
                if doc["id"] not in wanted:
                    changes.append(Change(collection, doc["id"], None))
            for record_id, doc in wanted.items():
                if self.get(collection, record_id) != doc:
                    changes.append(Change(collection, record_id, doc))
        self.apply(changes, what)
        return len(changes)

    def snapshot(self) -> dict[str, list[Doc]]:
        """A deep copy of every record: callers may change it freely."""
        return orjson.loads(orjson.dumps({c: list(self.docs(c)) for c in SHARDS}))

    # -- schema migrations ---------------------------------------------------------------

    def _migrate(self, schema: int) -> None:
        """Bring data from an older netui up to date, after a backup of the old files."""
        self.backup(label=f"pre-migration-schema-{schema}")
        data = self.snapshot()
        while schema < SCHEMA_VERSION:
            if schema not in MIGRATIONS:
                raise StoreError(f"no migration from schema {schema}; restore a backup")
            MIGRATIONS[schema](data)
            schema += 1
        self.replace_all(data, "the migrated data")
        atomic_write(self.root / "meta.json", orjson.dumps({"schema": schema, "app": "netui"}))

    # -- backups -------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self.root / BACKUPS

    def backups(self) -> list[Path]:
        """Backups, newest first (hidden staging folders and links are not backups)."""
        if not self.backup_dir.is_dir() or self.backup_dir.is_symlink():
            return []
        found = [p for p in self.backup_dir.iterdir()
                 if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()]
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)

    def newest_backup(self) -> Path | None:
        """The newest backup whose files all read back (a pre-restore copy of damaged
        files is a backup too, but not one to point the user at)."""
        with contextlib.suppress(OSError):
            for found in self.backups():
                with contextlib.suppress(StoreError, OSError):
                    restoring.read_backup(found, models=False)
                    return found
        return None

    def backup(self, label: str | None = None) -> Path:
        """Copy every data file into backups/<label>/: made complete and durable in a
        hidden folder, then renamed in, so a kill never leaves a half copy named as a
        backup (a stale hidden folder is removed at the next open)."""
        label = label or f"manual-{datetime.now():%Y-%m-%dT%H%M%S}"
        try:
            with self._locked():
                return self._copy_current(label)
        except OSError as exc:
            raise _os_error(exc, "the backup") from exc

    def daily_backup(self) -> None:
        """Today's automatic backup, if `open(backup=False)` left it to now."""
        if self.keep_backups and not self.readonly:
            with self._locked():
                self._daily_backup()

    def _daily_backup(self) -> None:
        label = f"auto-{self._today():%Y-%m-%d}"
        if (self.backup_dir / label).exists():
            return
        for shards in self._shards.values():  # raises CorruptData: no backup of that
            self._ready(shards)
        if not any(s.docs for shards in self._shards.values() for s in shards):
            return
        try:
            self.backup(label)
        except StoreError:
            return  # a full disk must not stop netui from opening; the next open retries
        autos = sorted(p for p in self.backups() if p.name.startswith("auto-"))
        for old in autos[:-AUTO_BACKUPS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def restore(cls, root: Path, source: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> Path:
        """Put the files of backup `source` back in `root`, even when the current data (or
        its journal or meta.json) is unreadable. The whole folder is read and checked
        before anything changes; the current files are kept in backups/pre-restore-*/
        (returned). A kill at any point leaves the old data or the new (see
        store_restore), whether or not `source` still exists."""
        files = restoring.read_backup(Path(source))
        store = cls(root, lock_timeout=lock_timeout, backups=False)
        store._prepare_dir()
        if store.readonly_reason:
            raise ReadOnlyStore(store.readonly_reason)
        try:
            with store._locked():
                try:  # an earlier restore killed halfway is finished first
                    store._finish_restore()
                except CorruptData:  # a damaged marker: this restore replaces it all
                    os.unlink(root / RESTORE_MARKER)
                kept = store._copy_current(f"pre-restore-{datetime.now():%Y-%m-%dT%H%M%S}")
                restoring.stage(store.root, files)
                restoring.switch(store.root, sorted(files))
                store._clean_temp_files()
        except OSError as exc:
            raise _os_error(exc, "the restore") from exc
        finally:
            store.close()
        return kept

    def _copy_current(self, label: str) -> Path:
        """Copy the data files as they are (readable or not) into backups/<label>/."""
        files: dict[str, bytes] = {}
        for rel in sorted(restoring.data_names()):
            raw = read_bytes(self.root / rel)
            if raw is not None:
                files[rel] = raw
        if not self.backup_dir.is_dir():
            os.mkdir(self.backup_dir, DIR_MODE)
        final = self.backup_dir / label
        staging = self.backup_dir / f".{label}.{os.urandom(4).hex()}"
        try:
            restoring.copy_tree(files, staging)
            old = None
            if os.path.lexists(final):  # moved aside first: never a half-deleted backup
                old = self.backup_dir / f".{label}.old.{os.urandom(4).hex()}"
                os.replace(final, old)
            os.replace(staging, final)
            _fsync_dir(self.backup_dir)
            if old is not None:
                restoring.remove_tree(old)
        except BaseException:
            restoring.remove_tree(staging)
            raise
        return final

    def _finish_restore(self) -> None:
        """Complete a restore that passed its commit point (restore.json) before a kill."""
        marker = self.root / RESTORE_MARKER
        try:
            raw = read_bytes(marker)
            if raw is None:
                return
            files = restoring.restore_files(raw)
            if not (self.root / STAGING).is_dir():
                raise ValueError(f"its staging folder {STAGING} is gone")
        except (ValueError, OSError) as exc:
            raise CorruptData(marker, _reason(exc), self.newest_backup()) from exc
        restoring.switch(self.root, files)


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


# Schema migrations: MIGRATIONS[n] turns schema-n data (collection -> list of documents)
# into schema n+1 in place. Schema 1 is the first; later netuis add steps here.
MIGRATIONS: dict[int, Callable[[dict[str, list[Doc]]], None]] = {}

__all__ = [
    "COLLECTIONS",
    "Change",
    "Conflict",
    "CorruptData",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "StoreLocked",
    "WriteFailed",
    "atomic_write",
    "gc_paused",
]
