"""Adding records to shards not read in this process without reading them: `absent` from
the shard's bytes, and a commit that only adds records spliced into them (storage.splice).
Part of `Store` (a base class of it, as `StoreJournal` is)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import splice
from .change import Doc
from .errors import StoreError
from .fsio import Stamp, stamp
from .shards import Shard, shard_of


class StoreSplice:
    """`absent` and the splice of a commit, for `Store`; the names declared first are
    Store's own."""

    root: Path
    _shards: dict[str, list[Shard]]
    known_clean: Mapping[str, Sequence[int] | None]
    # The bytes of shards not read yet, looked at by `absent`, by path, with the ids
    # found absent from them: the commit that follows splices into them without reading
    # the file again (if its stamp held), and a second `absent` of an id scans nothing.
    _peeked: dict[Path, tuple[Stamp, bytes, set[str]]]

    if TYPE_CHECKING:  # Store's own, declared here for the type checker only
        def _ready(self, shards: Iterable[Shard]) -> None: ...
        def _locked(self) -> contextlib.AbstractContextManager[None]: ...

    def absent(self, collection: str, ids: Iterable[str]) -> bool:
        """Whether none of `ids` is a record of `collection`. A shard not read yet is
        answered from its bytes when they tell (new ids, as a note makes: they do), else
        read as for `get`."""
        shards = self._shards[collection]
        wanted: dict[Shard, list[str]] = {}
        for rid in ids:
            wanted.setdefault(shards[shard_of(rid, len(shards))], []).append(rid)
        for shard, rids in wanted.items():
            if not shard.storage.loaded:
                peeked = self._peek(shard)
                if peeked is not None:
                    _stamp, raw, proven = peeked
                    if splice.absent(raw, [rid for rid in rids if rid not in proven]):
                        proven.update(rids)
                        continue
                self._ready([shard])
            if any(rid in shard.packed for rid in rids):
                return False
        return True

    def _peek(self, shard: Shard) -> tuple[Stamp, bytes, set[str]] | None:
        """The bytes of a shard not read yet, with their stamp (read under the lock, so no
        commit of another netui is seen half-done); None when they cannot be had so."""
        storage = shard.storage
        if storage.loaded or storage.read_from is not None or storage.read_ahead is not None:
            return None
        path = storage.path
        with self._locked():
            kept = self._peeked.get(path)
            if kept is not None and stamp(path) == kept[0]:
                return kept
            try:
                got = splice.shard_bytes(path)
            except (OSError, StoreError):
                got = None  # read the usual way, which says what is wrong
            if got is None:
                self._peeked.pop(path, None)
                return None
            kept = self._peeked[path] = (*got, set())
            return kept

    def _spliced(self, grouped: Mapping[Shard, tuple[dict[str, Doc], list[str]]]
                 ) -> dict[Shard, bytes]:
        """The new bytes of each shard of a commit that only adds records to it, spliced:
        a shard not read in this process whose file is still the one the shell index
        stamped (Store.known_clean). Under the commit's lock."""
        out: dict[Shard, bytes] = {}
        for shard, (puts, deletes) in grouped.items():
            if deletes or not puts:
                continue
            rel = shard.storage.path.relative_to(self.root).as_posix()
            recorded = self.known_clean.get(rel)
            if recorded is None:
                continue
            peeked = self._peek(shard)
            if peeked is None or list(peeked[0]) != list(recorded):
                continue
            raw = splice.appended(peeked[1], shard.collection, puts)
            del self._peeked[shard.storage.path]  # spliced, or read the usual way
            if raw is not None:
                out[shard] = raw
        return out
