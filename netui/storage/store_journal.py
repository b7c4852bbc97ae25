"""The store's journal: committing a transaction, rolling a commit a kill or a full disk
stopped halfway forward, and reading through one this process may not finish (opened
read-only). Part of `Store` (a base class of it, as `StoreBackups` is); the journal's
format and steps are in `journal`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import journal
from .errors import CorruptData, WriteFailed, reason_of
from .fsio import why
from .layout import JOURNAL
from .shards import Shard


class StoreJournal:
    """Commit and replay, for `Store`; the names declared first are Store's own."""

    root: Path
    readonly_reason: str | None
    _shards: dict[str, list[Shard]]

    if TYPE_CHECKING:  # Store's own, declared here for the type checker only
        def newest_backup(self) -> Path | None: ...
        def _load_all(self) -> None: ...
        def _clean_temp_files(self) -> None: ...

    def _commit(self, tx: journal.Transaction) -> None:
        try:
            tx.commit()
        except BaseException as exc:
            if not tx.past_commit_point:
                raise
            # Past the commit point the temps belong to the journal: roll forward now.
            try:
                self._replay_journal()  # on success every shard is reloaded from disk
            except BaseException:
                # The next open finishes it; until then this process must not write on top
                # of a half-renamed commit.
                self.readonly_reason = ("a change was only partly written; restart netui "
                                        "to finish it (nothing is lost)")
                if isinstance(exc, OSError):
                    raise WriteFailed(f"saving stopped halfway ({why(exc)}); "
                                      f"{self.readonly_reason}") from exc
                raise exc from None
            if not isinstance(exc, Exception):
                raise  # an interrupt: the change is saved, but the interrupt still stands

    def _journal_plan(self) -> journal.Plan | None:
        try:
            return journal.read_plan(self.root)
        except (ValueError, OSError) as exc:
            raise CorruptData(self.root / JOURNAL, reason_of(exc), self.newest_backup()) from exc

    def _read_through_journal(self) -> None:
        """Read-only with a commit left halfway, which cannot be finished here: show it
        finished, each shard read from the temp the journal names while it is there."""
        temps = journal.temps_to_read(self.root, self._journal_plan() or [])
        for shards in self._shards.values():
            for shard in shards:
                if shard.storage.path in temps:
                    shard.storage.read_from = temps[shard.storage.path]

    def _replay_journal(self) -> None:
        plan = self._journal_plan()  # only netui's own temps onto its own files
        if plan is None:
            return
        journal.replay(self.root, plan)
        self._clean_temp_files()
        self._load_all()
