"""The unit of work: every write, as one transaction with its revisions and its undo-log
entry, then the indexes kept in step and the listeners told; undo; changes another
process made. The rules for writing over what is on disk:

Every write is computed under the store's lock from the disk state (see Store.apply with
a function). There, each record put is checked against the revision it was derived from
(a form keeps the revision it was opened on, whatever the app reloaded since) and gets
the next revision; and one entry of the persistent undo log (the "undo" collection, the
last UNDO_KEPT changes of any netui process) is written in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.models import STORED, UndoEntry
from ..errors import NetuiError
from ..storage.change import Change
from ..storage.store import Store
from .events import Changed, Listener, emit
from .indexes import Indexes
from .revisions import Doc, Getter, changed_on_disk, stamp
from .revisions import Stale as Stale  # re-exported: the forms catch it from here
from .revisions import changed_fields as changed_fields

UNDO_KEPT = 50
# An entry holding more records than this is listed but not kept whole: the log is
# rewritten on every change, and a 10k-contact import would make each write slow.
UNDO_MAX_RECORDS = 2000
class UndoRefused(NetuiError):
    pass


def log_entries(get_all: Callable[[], Any]) -> list[UndoEntry]:
    """The undo log, oldest first (entries another program broke are skipped)."""
    out = []
    for doc in get_all():
        try:
            out.append(UndoEntry.model_validate(doc, context=STORED))
        except ValueError:
            continue
    out.sort(key=lambda e: e.seq)
    return out


def record(entries: list[UndoEntry], changes: Sequence[Change], before: dict[tuple[str, str],
           Doc | None], label: str, process: str, undoes: str | None = None) -> list[Change]:
    """The undo-log changes that record `changes`: a new entry, and the oldest dropped.
    An undo is recorded on the entry it undid (marked undone), not as an entry of its
    own: undoing fifty times goes back fifty changes."""
    if undoes is not None:
        return [Change("undo", e.id, {**e.to_doc(), "undone": True, "changes": e.changes})
                for e in entries if e.id == undoes]
    complete = len(changes) <= UNDO_MAX_RECORDS
    kept = [{"collection": c.collection, "id": c.id, "before": before[(c.collection, c.id)],
             "after": c.doc} for c in changes] if complete else []
    seq = entries[-1].seq + 1 if entries else 1
    entry = UndoEntry(seq=seq, label=label, process=process, complete=complete)
    # The records go in as they are stored (already validated by their own models).
    out = [Change("undo", entry.id, {**entry.to_doc(), "changes": kept})]
    out += [Change("undo", e.id, None) for e in entries[: max(0, len(entries) + 1 - UNDO_KEPT)]]
    return out


def last_undoable(entries: list[UndoEntry]) -> UndoEntry | None:
    """The newest change not undone yet."""
    for e in reversed(entries):
        if not e.undone:
            return e
    return None


@dataclass(frozen=True, slots=True)
class Reversal:
    entry: UndoEntry
    changes: list[Change]


def reverse(entry: UndoEntry, get: Getter) -> Reversal:
    """The changes that put back what `entry` changed; refused when a record it wrote
    was changed since (by anyone) or when the entry was too large to keep."""
    if not entry.complete:
        raise UndoRefused(f"cannot undo {entry.label}: it changed too many records to keep "
                          f"(more than {UNDO_MAX_RECORDS}); netui restore puts a backup back")
    out = []
    for c in entry.changes:
        if get(c["collection"], c["id"]) != c["after"]:
            raise UndoRefused(f"cannot undo {entry.label}: those records changed since; "
                              "nothing was undone")
        out.append(Change(c["collection"], c["id"], c["before"]))
    return Reversal(entry, out)


Plan = Callable[[], tuple[list[Change], str, str | None]]


class UnitOfWork:
    def __init__(self, store: Store, indexes: Indexes, listeners: list[Listener]) -> None:
        self.store = store
        self.indexes = indexes
        self.listeners = listeners
        # Which kind of netui writes, as the undo log lists it ("shell", "app").
        self.process = "shell"
        store.on_external_change.append(self._on_external_change)

    def commit(self, changes: list[Change] | Callable[[], list[Change]], label: str, *,
               force: bool = False) -> Changed:
        """Write `changes` (or what a function computes from the disk state under the
        lock) at the next revisions, with their undo-log entry, as one transaction.
        Unless `force`, a put derived from an older revision than the disk's is refused
        (Stale): whatever this process reloaded since, a stale edit never wins."""
        # What this process holds now: a list of changes was computed from it, so a record
        # another program rewrote meanwhile (even one that keeps its revision, as a sync
        # tool may) refuses the write once the lock is held.
        before = ({} if callable(changes) or force else
                  {(c.collection, c.id): self.store.get(c.collection, c.id) for c in changes})

        def plan() -> tuple[list[Change], str, str | None]:
            for (collection, record_id), doc in before.items():
                if self.store.get(collection, record_id) != doc:
                    raise changed_on_disk(collection)
            return (changes() if callable(changes) else changes), label, None

        return self._logged(plan, force=force) or Changed(frozenset(), label=label)

    def _logged(self, plan: Plan, *, force: bool) -> Changed | None:
        """One transaction: `plan` (run under the lock) gives the changes, their label and
        the undo-log entry they undo, if any. None when it had nothing to change."""
        done: dict[str, Any] = {}

        def build() -> list[Change]:
            wanted, label, undoes = plan()
            if not wanted:
                return []
            stamped = stamp(wanted, self.store.get, force=force)
            old = {(c.collection, c.id): self.store.get(c.collection, c.id) for c in stamped}
            entries = log_entries(lambda: self.store.docs("undo"))
            done.update(changes=stamped, old=old, label=label)
            return stamped + record(entries, stamped, old, label, self.process, undoes=undoes)

        self.store.apply(build, "the change")
        if not done:
            return None
        affected = self.indexes.reindex(done["changes"], done["old"])
        event = Changed(frozenset(c.collection for c in done["changes"]), frozenset(affected),
                        label=done["label"])
        emit(self.listeners, event)
        return event

    def undo_log(self) -> list[UndoEntry]:
        """The last changes made by any netui on this data, oldest first."""
        self.refresh()
        return log_entries(lambda: self.store.docs("undo"))

    def undo(self) -> str | None:
        """Revert the last change made by any netui on this data (the undo log); returns
        what was undone, None when there is nothing. UndoRefused (nothing changed) when
        its records changed since."""
        def plan() -> tuple[list[Change], str, str | None]:
            entry = last_undoable(log_entries(lambda: self.store.docs("undo")))
            if entry is None:
                return [], "", None
            return reverse(entry, self.store.get).changes, f"undo {entry.label}", entry.id

        event = self._logged(plan, force=True)
        return event.label.removeprefix("undo ") if event else None

    def _on_external_change(self, collections: set[str]) -> None:
        self.indexes.rebuild()
        emit(self.listeners, Changed(frozenset(collections), external=True, label="reloaded"))

    def refresh(self) -> bool:
        """Pick up changes another netui or a sync tool wrote. True when there were any."""
        return bool(self.store.refresh())
