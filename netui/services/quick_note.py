"""Saving one quick-add note with people the shell index knows, without the façade, the
models or pydantic: `netui note '@Name …'`'s short path (cli.note_fast), ~100 ms of
imports and validator builds shorter than the models' path.

It writes what Network.quick_add writes for the same line, in one transaction under the
store's lock: the interaction, a follow-up per person (+2w), the pending check-ins a touch
closes (Schedule.complete_checkins), each put at its next revision (services.revisions)
and the undo-log entry recording them (unit_of_work.record), checked against what was
read before the lock as the unit of work checks it. The store's write hooks keep the
shell index (and `netui stats`'s inputs) in step, as for any commit. Whenever a record
is not of the shape this path knows, it saves nothing and says so (None): the caller
then runs the models' path, which decides."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..domain import note_docs
from ..domain.kinds import new_id
from ..storage.change import Change
from .revisions import Doc, changed_on_disk, stamp

if TYPE_CHECKING:
    from ..domain.quickadd import Parsed
    from ..storage.store import Store
    from .shell_index import ShellIndex

UNDO_KEPT = 50  # unit_of_work.UNDO_KEPT (tests/test_note_docs.py holds them equal)
PROCESS = "shell"


class _NotMine(Exception):
    """A record under the lock is not of the shape this path knows: nothing is written."""


def save(store: Store, index: ShellIndex, parsed: Parsed) -> bool:
    """Save the note `parsed` stands for; False (nothing written) when this path cannot
    promise to write what the models' path would."""
    found = _changes(store, index, parsed)
    if found is None:
        return False
    changes, made = found
    names = [index.name_of(cid) for cid in _ids(parsed)]
    label = f"{parsed.kind.value} with {', '.join(n or '' for n in names)}"
    # The records it makes are new: their ids are checked absent (from the shards'
    # bytes, storage.splice), so the shards they go into are never decoded for them.
    before = {(c.collection, c.id): None if (c.collection, c.id) in made
              else store.get(c.collection, c.id) for c in changes}
    if not all(_absent(store, key) for key in made):
        return False

    def get(collection: str, record_id: str) -> Doc | None:
        return None if (collection, record_id) in made else store.get(collection, record_id)

    def build() -> list[Change]:
        for (collection, record_id), doc in before.items():
            if (collection, record_id) in made:
                if not _absent(store, (collection, record_id)):
                    raise changed_on_disk(collection)
            elif store.get(collection, record_id) != doc:
                raise changed_on_disk(collection)
        stamped = stamp(changes, get, force=False)
        return stamped + _undo(store, stamped, before, label)

    try:
        store.apply(build, "the change")
    except _NotMine:
        return False
    return True


def _absent(store: Store, key: tuple[str, str]) -> bool:
    return store.absent(key[0], [key[1]])


def _ids(parsed: Parsed) -> list[str]:
    return list(dict.fromkeys(m.person.id for m in parsed.mentions if m.person is not None))


def _changes(store: Store, index: ShellIndex, parsed: Parsed
             ) -> tuple[list[Change], set[tuple[str, str]]] | None:
    """The note's records as the models' path makes them, and which of them are new;
    None when it cannot say."""
    if (parsed.errors or parsed.direction is not None or not parsed.mentions
            or any(m.person is None for m in parsed.mentions)):
        return None
    ids = _ids(parsed)
    if any(index.name_of(cid) is None for cid in ids):  # not a valid contact it knows
        return None
    doc = note_docs.interaction_doc(new_id(), ids, parsed.day, parsed.kind, parsed.body,
                                    parsed.tag_names)
    if doc is None:
        return None
    changes = [Change("interactions", doc["id"], doc)]
    made = {("interactions", doc["id"])}
    if parsed.kind.value != "note":  # a touch: what was due by its date is done
        for cid in ids:
            pending = index.pending_ids(cid)
            if pending is None:
                return None
            for chk_id in pending:
                chk = store.get("checkins", chk_id)
                shut = note_docs.closes(chk, parsed.day) if chk is not None else None
                if chk is None or shut is None:
                    return None
                if shut:
                    changes.append(Change("checkins", chk_id, note_docs.closed(chk)))
    if parsed.followup is not None:
        reason = parsed.body[:80] or "follow up"
        for cid in ids:
            chk_doc = note_docs.followup_doc(new_id(), cid, parsed.followup, reason)
            if chk_doc is None:
                return None
            changes.append(Change("checkins", chk_doc["id"], chk_doc))
            made.add(("checkins", chk_doc["id"]))
    return changes, made


def _undo(store: Store, stamped: list[Change], before: dict[tuple[str, str], Any],
          label: str) -> list[Change]:
    """unit_of_work.record for these changes: a new entry, the oldest dropped."""
    entries: list[tuple[int, str]] = []
    for doc in store.docs("undo"):
        seq = note_docs.undo_seq(doc)
        if seq is None:
            raise _NotMine
        entries.append((seq, doc["id"]))
    entries.sort(key=lambda e: e[0])
    kept: list[Doc] = [{"collection": c.collection, "id": c.id,
                        "before": before[(c.collection, c.id)], "after": c.doc}
                       for c in stamped]
    seq = entries[-1][0] + 1 if entries else 1
    entry = note_docs.undo_doc(new_id(), seq, datetime.now(UTC), label, PROCESS, kept)
    out = [Change("undo", entry["id"], entry)]
    out += [Change("undo", old_id, None)
            for _, old_id in entries[: max(0, len(entries) + 1 - UNDO_KEPT)]]
    return out

