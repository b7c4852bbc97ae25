"""netui's store: TinyDB documents on disk, safe against crashes, sync tools and a second
netui. Only `shards` imports TinyDB.

Layout of a data directory (0700; every file 0600):

    meta.json                  {"schema": N}
    contacts/00.json ...       TinyDB files, one table each, documents keyed by record id
    interactions/00.json ...   records are spread over shards by a hash of their id, so a
    favours/, checkins/        write rewrites one small file, never the whole network
    journal.json               only during a multi-file commit (see `journal`)
    backups/auto-YYYY-MM-DD/   a copy of the files, one a day, 14 kept
    .lock                      flock'd around every read-modify-write

Why this shape (measured in shared/STORAGE-NOTES.md): TinyDB's own JSON storage rewrites
the whole file in place on every write (about a second at 50 MB, and torn by a kill). Here
every write serialises and fsyncs only the shards it touches to temp files, then renames
them into place; a commit of several files is made atomic by a journal of those renames.
An in-memory copy of every shard is kept in step, and files changed by someone else are
noticed by their stat stamp and re-read before any write, under an exclusive lock.

The modules:

    errors      the store's errors (TinyDB-free: the UI imports these)
    change      `Change`, the unit of a transaction (TinyDB-free)
    fsio        atomic writes, fsynced temps and folders, stamps (TinyDB-free: the config)
    shards      SHARDS, LAZY, shard_of and the TinyDB plumbing: the only TinyDB importer
    packing     a document as the store keeps it in memory (whole, or without its keys)
    layout      the names a data directory may hold
    lock        the flock and the session lock
    journal     the staged commit of several files, and its checked replay
    store       `Store`: open, get, docs, apply, refresh, replace_all, snapshot
    store_backups  `Store`'s backup, backups, daily_backup and restore (a base class)
    store_journal  `Store`'s commit and the replay of a commit left halfway (a base class)
    splice      records only added to a shard, spliced into its bytes (no decode; TinyDB-free)
    store_splice   `Store`'s absent and its splice of such a commit (a base class)
    backups     backups, the daily one and their rotation
    restore     a restore and the checks of a backup folder before it
    migrations  schema versions and the steps between them

`from netui.storage import Store, Change, StoreError, ...` keeps working, but each name is
imported on first use (PEP 562), so importing `netui.storage.errors` or `netui.storage.fsio`
loads no TinyDB."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.models import COLLECTIONS
    from ..perf import gc_paused
    from .change import Change, Doc
    from .errors import (
        Conflict,
        CorruptData,
        ReadOnlyStore,
        StoreError,
        StoreLocked,
        WriteFailed,
    )
    from .fsio import atomic_write
    from .migrations import MIGRATIONS
    from .shards import LAZY, SHARDS, shard_of
    from .store import Store

# name -> the module that defines it
_HOMES = {
    "Change": ".change", "Doc": ".change",
    "Conflict": ".errors", "CorruptData": ".errors", "ReadOnlyStore": ".errors",
    "StoreError": ".errors", "StoreLocked": ".errors", "WriteFailed": ".errors",
    "atomic_write": ".fsio",
    "MIGRATIONS": ".migrations",
    "LAZY": ".shards", "SHARDS": ".shards", "shard_of": ".shards",
    "Store": ".store",
    "COLLECTIONS": "netui.domain.models",
    "gc_paused": "netui.perf",  # moved to netui.perf; kept here for older imports
}

__all__ = [  # the names in _HOMES, spelled out for the linters and type checkers
    "COLLECTIONS", "LAZY", "MIGRATIONS", "SHARDS", "Change", "Conflict", "CorruptData", "Doc",
    "ReadOnlyStore", "Store", "StoreError", "StoreLocked", "WriteFailed", "atomic_write",
    "gc_paused", "shard_of",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
