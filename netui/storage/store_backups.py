"""The store's backups and restore: today's automatic backup, manual ones, the list of
them, and finishing a restore a kill interrupted. Part of `Store` (a base class of it, so
`store.backup()` and `Store.restore(...)` stay where callers find them); the copying
itself is in `backups`, the restore's steps in `restore`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import backups as backing
from . import restore as restoring
from .errors import CorruptData, StoreError, reason_of
from .fsio import os_error
from .layout import BACKUPS, RESTORE_MARKER
from .lock import LOCK_TIMEOUT
from .shards import Shard


class StoreBackups:
    """Backups and restore, for `Store`; the names declared first are Store's own."""

    root: Path
    keep_backups: bool
    _today: Callable[[], date]
    _shards: dict[str, list[Shard]]

    if TYPE_CHECKING:  # Store's own, declared here for the type checker only
        @property
        def readonly(self) -> bool: ...
        def _locked(self) -> contextlib.AbstractContextManager[None]: ...
        def _ready(self, shards: Iterable[Shard]) -> None: ...

    @property
    def backup_dir(self) -> Path:
        return self.root / BACKUPS

    def backups(self) -> list[Path]:
        """Backups, newest first (hidden staging folders and links are not backups)."""
        return backing.list_backups(self.backup_dir)

    def newest_backup(self) -> Path | None:
        return restoring.newest_readable(self.backup_dir)

    def backup(self, label: str | None = None) -> Path:
        """Copy every data file into backups/<label>/ (see `backups`)."""
        label = label or f"manual-{datetime.now():%Y-%m-%dT%H%M%S}"
        try:
            with self._locked():
                return backing.copy_current(self.root, self.backup_dir, label)
        except OSError as exc:
            raise os_error(exc, "the backup") from exc

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
        if not any(s.packed for shards in self._shards.values() for s in shards):
            return
        try:
            self.backup(label)
        except StoreError:
            return  # a full disk must not stop netui from opening; the next open retries
        backing.rotate(self.backup_dir)

    @classmethod
    def restore(cls, root: Path, source: Path, *, lock_timeout: float = LOCK_TIMEOUT) -> Path:
        """Put backup `source` back in `root` (see `restore.restore_backup`); returns the
        backup of the files it replaced."""
        return restoring.restore_backup(Path(root), Path(source), lock_timeout)

    def _finish_restore(self) -> None:
        """Complete a restore that passed its commit point (restore.json) before a kill."""
        try:
            files = restoring.pending_restore(self.root)
        except (ValueError, OSError) as exc:
            marker = self.root / RESTORE_MARKER
            raise CorruptData(marker, reason_of(exc), self.newest_backup()) from exc
        if files is not None:
            restoring.switch(self.root, files)
