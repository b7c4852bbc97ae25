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
import secrets
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import Storage, TinyDB
from tinydb.table import Table

from .domain.models import COLLECTIONS, SCHEMA_VERSION
from .domain.text import json_may_hold_controls, scrub_value
from .errors import NetuiError

# Shards per collection: at ten years of use (10k contacts, 100k notes) a shard stays
# around 1-2k records, and at five times that under 8k: small enough that a durable
# write stays well under the 15 ms budget.
SHARDS: dict[str, int] = {"contacts": 8, "interactions": 64, "favours": 8, "checkins": 4,
                          "undo": 1}  # the undo log: the last 50 changes (services)

# Read on first use rather than at open: notes are most of the data (18 of 24 MB at
# 10k contacts), a shell command that adds one note needs only the shard it writes, and
# the app's first frame (the contact list) needs contacts only.
LAZY = frozenset({"interactions", "favours", "checkins", "undo"})

AUTO_BACKUPS_KEPT = 14
LOCK_TIMEOUT = 5.0
DIR_MODE = 0o700
FILE_MODE = 0o600

Doc = dict[str, Any]


class StoreError(NetuiError):
    """A problem with the data directory, worded for the user in one line."""


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


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse directory fsync
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(final: Path, data: bytes) -> Path:
    """Write `data` to a fresh private temp file beside `final`, flushed and fsynced."""
    tmp = final.with_name(f".{final.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    return tmp


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    if not path.name:  # "" or "/": no file name to write a temp file beside
        raise StoreError(f"cannot write to {str(path)!r}: not a file name")
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
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


def shard_of(record_id: str, shards: int) -> int:
    return zlib.crc32(record_id.encode()) % shards


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

    def load(self) -> None:
        """(Re)read the file from disk. Raises ValueError with the reason if unreadable."""
        stamp = _stamp(self.path)
        if stamp is None:
            self.data, self.stamp, self.loaded = {}, None, True
            return
        raw = self.path.read_bytes()
        data = orjson.loads(raw) if raw.strip() else {}
        if not isinstance(data, dict) or not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        ):
            raise ValueError("not a netui data file")
        if json_may_hold_controls(raw):  # written by another program: no escapes (F7)
            data = scrub_value(data)
        self.data, self.stamp, self.loaded = data, stamp, True

    def changed_on_disk(self) -> bool:
        return _stamp(self.path) != self.stamp

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
            schema = self._read_schema()
            if schema > SCHEMA_VERSION:
                self.readonly_reason = (
                    f"this data was written by a newer netui (schema {schema}, this netui "
                    f"reads up to {SCHEMA_VERSION}); opened read-only, upgrade netui to edit it"
                )
            else:
                self._finish_restore()
                self._clean_temp_files()
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
                self._session_fd = os.open(self.root / ".session", os.O_RDWR | os.O_CREAT,
                                           FILE_MODE)
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
        try:
            self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            if self.root.stat().st_mode & 0o077:
                self.root.chmod(DIR_MODE)
            for collection in SHARDS:
                (self.root / collection).mkdir(mode=DIR_MODE, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot use data directory {self.root}: {exc.strerror or exc}"
            ) from exc

    def _read_schema(self) -> int:
        meta = self.root / "meta.json"
        if not meta.exists():
            atomic_write(meta, orjson.dumps({"schema": SCHEMA_VERSION, "app": "netui"}))
            return SCHEMA_VERSION
        try:
            schema = orjson.loads(meta.read_bytes())["schema"]
            if not isinstance(schema, int):
                raise ValueError("schema is not a number")
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptData(meta, _reason(exc), self.newest_backup()) from exc
        return schema

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
        """A kill between writing a temp file and renaming it leaves the temp behind."""
        if (self.root / "journal.json").exists():
            return  # the journal's temps are still needed
        for tmp in self.root.glob("**/.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

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
                self._lock_fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
            except OSError as exc:
                if self.readonly:
                    yield
                    return
                raise StoreError(f"cannot lock {self.root}: {exc.strerror or exc}") from exc
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
        journal = self.root / "journal.json"
        if len(staged) > 1:
            plan = [[str(tmp.relative_to(self.root)), str(s.path.relative_to(self.root))]
                    for s, _d, tmp in staged]
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

    def _replay_journal(self) -> None:
        journal = self.root / "journal.json"
        if not journal.exists():
            return
        try:
            plan = orjson.loads(journal.read_bytes())["renames"]
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptData(journal, _reason(exc), self.newest_backup()) from exc
        for tmp_rel, final_rel in plan:
            tmp = self.root / tmp_rel
            if tmp.exists():
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
        return self.root / "backups"

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)

    def newest_backup(self) -> Path | None:
        with contextlib.suppress(OSError):
            found = self.backups()
            return found[0] if found else None
        return None

    def backup(self, label: str | None = None) -> Path:
        """Copy every data file into backups/<label>/ (made complete, then renamed in)."""
        label = label or f"manual-{datetime.now():%Y-%m-%dT%H%M%S}"
        self.backup_dir.mkdir(mode=DIR_MODE, exist_ok=True)
        final = self.backup_dir / label
        staging = self.backup_dir / f".{label}.{secrets.token_hex(4)}"
        try:
            with self._locked():
                for path in self.files():
                    target = staging / path.relative_to(self.root)
                    target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
                    data = path.read_bytes()
                    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(data)
                        fh.flush()
                        os.fsync(fh.fileno())
                if final.exists():
                    shutil.rmtree(final)
                os.replace(staging, final)
                _fsync_dir(self.backup_dir)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise _os_error(exc, "the backup") from exc
        return final

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
        """Put the files of backup `source` back in `root`, even when the current data is
        unreadable. The current files are first kept in backups/pre-restore-*/. Returns
        that folder. A crash halfway is finished at the next open (restore.json)."""
        source = Path(source)
        _check_backup(source)
        store = cls(root, lock_timeout=lock_timeout, backups=False)
        store._prepare_dir()
        try:
            with store._locked():
                kept = store._copy_current(f"pre-restore-{datetime.now():%Y-%m-%dT%H%M%S}")
                atomic_write(root / "restore.json", orjson.dumps({"from": str(source.resolve())}))
                store._finish_restore()
        finally:
            store.close()
        return kept

    def _copy_current(self, label: str) -> Path:
        """Copy the data files as they are (readable or not) into backups/<label>/."""
        dest = self.backup_dir / label
        for path in [self.root / "meta.json", *self.root.glob("*/[0-9]*.json")]:
            if path.is_file() and "backups" not in path.parts[len(self.root.parts) :]:
                target = dest / path.relative_to(self.root)
                target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                target.chmod(FILE_MODE)
        return dest

    def _finish_restore(self) -> None:
        marker = self.root / "restore.json"
        if not marker.exists():
            return
        source = Path(orjson.loads(marker.read_bytes())["from"])
        for path in self.root.glob("*/[0-9]*.json"):
            if path.parent.name in SHARDS and not (source / path.relative_to(self.root)).exists():
                path.unlink()
        for path in source.rglob("*.json"):
            rel = path.relative_to(source)
            (self.root / rel).parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            atomic_write(self.root / rel, path.read_bytes())
        marker.unlink()
        _fsync_dir(self.root)


def _check_backup(source: Path) -> None:
    if not (source / "meta.json").is_file():
        raise StoreError(f"{source} is not a netui backup (it has no meta.json)")
    for path in source.rglob("*.json"):
        try:
            orjson.loads(path.read_bytes())
        except (ValueError, OSError) as exc:
            raise CorruptData(path, _reason(exc), None) from exc


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
