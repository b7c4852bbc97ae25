"""`Store`: every record in memory, written through to disk durably, one transaction
at a time (the on-disk layout and why it has this shape: see the package docstring)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Protocol

import orjson

from ..domain.kinds import SCHEMA_VERSION
from ..perf import gc_paused
from . import journal
from .change import Change, Doc
from .conflicts import resolve_conflicts
from .errors import Conflict, CorruptData, ReadOnlyStore, WriteFailed, reason_of
from .fsio import (
    atomic_write,
    os_error,
    read_bytes,
)
from .layout import JOURNAL, META, clean_leftovers, prepare_dir
from .lock import LOCK_TIMEOUT, DirLock
from .migrations import meta_bytes, migrate, parse_schema
from .shards import LAZY, SHARDS, Packed, Shard, ShardStorage, pack, pack_compact, shard_of
from .store_backups import StoreBackups
from .store_journal import StoreJournal
from .store_splice import StoreSplice


class WriteHook(Protocol):
    """Told about every commit while the lock is held (the shell's derived index)."""

    def before_write(self) -> None:
        """Under the lock, before anything of the commit is written."""

    def after_write(self, changes: Sequence[Change],
                    before: Mapping[tuple[str, str], Doc | None]) -> None:
        """Under the lock, once the commit is durable: `before` holds each record as it
        was. Must not raise: the commit is already done."""


class Store(StoreJournal, StoreBackups, StoreSplice):
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
        lazy: bool = False,
        compact: bool = False,
    ) -> None:
        self.root = Path(root)
        # Every collection read on first use, not only the LAZY ones: a shell command
        # touching a few records reads only their shards.
        self.lazy = lazy
        # Documents kept without their keys (storage.packing), for a store kept open all
        # session (the app): ~a third less memory, but a pass over them costs ~1.5x.
        self.packer = pack_compact if compact else pack
        self.lock_timeout = lock_timeout
        self.keep_backups = backups
        self._today = today
        self.readonly_reason: str | None = None
        self._lock = DirLock(self.root, lock_timeout)
        self._tx: journal.Transaction | None = None
        self._shards: dict[str, list[Shard]] = {}
        self.on_external_change: list[Callable[[set[str]], None]] = []
        self.sync_conflicts: list[str] = []  # conflict copies merged at open (report them)
        self.write_hooks: list[WriteHook] = []
        # Data files known to be unchanged since netui last parsed them (rel -> stamp):
        # the open's scan for git merge markers skips them (see conflicts).
        self.known_clean: Mapping[str, Sequence[int] | None] = {}
        self._peeked = {}  # see StoreSplice

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
                Shard(collection, self.root / collection / f"{i:02d}.json", self._stage,
                      self.packer)
                for i in range(count)
            ]
        with self._locked():
            if not self.readonly and not (self.root / JOURNAL).exists():
                self.sync_conflicts = resolve_conflicts(self.root, self.known_clean).lines()
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
        return self._lock.join_session()

    def close(self) -> None:
        self._lock.close()

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare_dir(self) -> None:
        self.readonly_reason = prepare_dir(self.root, self._lock) or self.readonly_reason

    def _read_schema(self) -> int:
        meta = self.root / META
        try:
            raw = read_bytes(meta)
            if raw is None:
                if self.readonly:
                    return SCHEMA_VERSION
                atomic_write(meta, meta_bytes())
                return SCHEMA_VERSION
            return parse_schema(raw)
        except (ValueError, OSError) as exc:
            raise CorruptData(meta, reason_of(exc), self.newest_backup()) from exc

    def _load_all(self) -> None:
        with gc_paused():
            for collection, shards in self._shards.items():
                for shard in shards:
                    if shard.storage.loaded:
                        self._load_shard(shard)
                    elif not (self.lazy or collection in LAZY):
                        # The first pass over them (the app's contact list) takes the
                        # parsed documents rather than parsing them again.
                        self._load_shard(shard, keep_fresh=True)

    def _ready(self, shards: Iterable[Shard]) -> None:
        """Load shards of a LAZY collection on first use, under the lock like `open`, so
        a commit of several files by another netui is never seen half-done."""
        waiting = [s for s in shards if not s.storage.loaded]
        if waiting:
            with self._locked(), gc_paused():
                for shard in waiting:
                    if not shard.storage.loaded:
                        self._load_shard(shard)

    def _read_ahead(self, shards: Iterable[Shard]) -> None:
        """The bytes of every shard not loaded yet, read together under the lock (so a
        commit of several files by another netui is never seen half-done), to be parsed
        one at a time as a pass reaches them: only one shard's dicts exist at once."""
        waiting = [s for s in shards if not s.storage.loaded and s.storage.read_ahead is None]
        if waiting:
            with self._locked():
                for shard in waiting:
                    try:
                        shard.storage.read_raw()
                    except OSError as exc:
                        raise CorruptData(shard.storage.path, reason_of(exc),
                                          self.newest_backup()) from exc

    def _load_shard(self, shard: Shard, keep_fresh: bool = False) -> None:
        try:
            shard.storage.load(keep_fresh)
        except (ValueError, OSError) as exc:
            raise CorruptData(shard.storage.path, reason_of(exc), self.newest_backup()) from exc

    def _clean_temp_files(self) -> None:
        clean_leftovers(self.root)

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """An exclusive flock on .lock; re-entrant within this process."""
        return self._lock.held(writable=not self.readonly)

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """The data directory's lock, for reads that must see no commit half-done and
        derived files written from them (the shell's index); re-entrant."""
        return self._locked()

    # -- reading -------------------------------------------------------------------------

    def docs(self, collection: str) -> Iterator[Doc]:
        """Every document of `collection`, each a new dict (parsed from the packed copy)."""
        for _rid, doc in self.items(collection):  # a generator: a caller may close it
            yield doc

    def items(self, collection: str) -> Iterator[tuple[str, Doc]]:
        """(record id, document) for every record of `collection`: the id is the store's
        own string, so an index keyed by ids shares it rather than holding a copy.
        Chained in C, a shard at a time: no generator step per record (100k notes: ~3%
        of a pass over them)."""
        return chain.from_iterable(self._shard_items(collection))

    def _shard_items(self, collection: str) -> Iterator[Iterator[tuple[str, Doc]]]:
        """Each shard's pairs, the shard read when the pass reaches it (the bytes of all
        of them read ahead together at the first step: nothing happens before it)."""
        shards = self._shards[collection]
        self._read_ahead(shards)
        for shard in shards:
            if not shard.storage.loaded:
                self._load_shard(shard, keep_fresh=True)
            yield shard.items()

    def holding(self, collection: str, needle: str, most: int) -> list[tuple[str, Doc]] | None:
        """(record id, document), in the order of `items`, of every record of `collection`
        that may hold `needle` (ASCII, not empty) in a string value once case-folded, and
        maybe others (see PackedTable.holding): a search reading only those, not every
        document. None when more than `most` may: the caller reads them all instead."""
        if not needle or not needle.isascii():
            raise ValueError("an ASCII needle to look for")
        shards = self._shards[collection]
        self._ready(shards)
        out: list[tuple[str, Doc]] = []
        for shard in shards:
            found = shard.holding(needle.lower().encode(), most - len(out))
            if found is None:
                return None
            out += found
        return out

    def get(self, collection: str, record_id: str) -> Doc | None:
        shards = self._shards[collection]
        shard = shards[shard_of(record_id, len(shards))]
        if not shard.storage.loaded:
            self._ready([shard])
        return shard.get(record_id)

    def warm_lookups(self) -> Iterator[None]:
        """Build every loaded table's lookup by id now, one table a step (the app's
        warm-up): else the first read by id in each table builds it (10k contacts and
        100k notes: ~25 ms in all, that the calendar's first open paid)."""
        for shards in self._shards.values():
            for shard in shards:
                for table in list(shard.storage.data.values()):
                    table.index()
                    yield

    def count(self, collection: str) -> int:
        self._ready(self._shards[collection])
        return sum(len(s.packed) for s in self._shards[collection])

    def files(self) -> list[Path]:
        """Every data file that exists, meta first."""
        out = [self.root / META]
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
            # Only a shard read before the lock can be stale; one not read yet is read
            # (or spliced into, StoreSplice) under this lock.
            before = {(c.collection, c.id): self.get(c.collection, c.id) for c in changes
                      if self._shard(c).storage.loaded}
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

    def _shard(self, change: Change) -> Shard:
        shards = self._shards[change.collection]
        return shards[shard_of(change.id, len(shards))]

    def _write(self, changes: Sequence[Change], what: str) -> None:
        grouped: dict[Shard, tuple[dict[str, Doc], list[str]]] = {}
        for c in changes:
            shard = self._shard(c)
            puts, deletes = grouped.setdefault(shard, ({}, []))
            if c.doc is None:
                puts.pop(c.id, None)
                deletes.append(c.id)
            else:
                puts[c.id] = c.doc
        # Records only added to a shard not read yet go into its bytes (StoreSplice):
        # none of them was there, and the shard is not decoded for them.
        spliced = self._spliced(grouped)
        before = {(c.collection, c.id): None if self._shard(c) in spliced
                  else self.get(c.collection, c.id) for c in changes}
        for hook in self.write_hooks:
            hook.before_write()
        self._tx = tx = journal.Transaction(self.root)
        try:
            for shard, (puts, deletes) in grouped.items():
                if shard in spliced:
                    tx.stage(shard.storage, None, spliced[shard])
                else:
                    shard.apply(puts, deletes)
            self._commit(tx)
        except OSError as exc:
            raise os_error(exc, what) from exc
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise WriteFailed(f"could not save {what}: {exc}; nothing was changed") from exc
        finally:
            tx.discard()
            self._tx = None
        for hook in self.write_hooks:
            hook.after_write(changes, before)

    def _stage(self, storage: ShardStorage, data: Packed, raw: bytes) -> None:
        if self._tx is None:
            raise RuntimeError("netui writes go through Store.apply")
        self._tx.stage(storage, data, raw)

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
        copy: dict[str, list[Doc]] = orjson.loads(
            orjson.dumps({c: list(self.docs(c)) for c in SHARDS}))
        return copy

    def _migrate(self, schema: int) -> None:
        """Bring data from an older netui up to date, after a backup of the old files."""
        self.backup(label=f"pre-migration-schema-{schema}")
        data = self.snapshot()
        schema = migrate(data, schema)
        self.replace_all(data, "the migrated data")
        atomic_write(self.root / META, meta_bytes(schema))
