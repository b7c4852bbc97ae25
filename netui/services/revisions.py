"""Revisions: every put goes in at the next revision of the record on disk, and a put
derived from an older one is refused (Stale). Apart from the unit of work so that
`netui note`'s short path (services.quick_note) stamps its records the same way without
loading the models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..storage.change import Change
from ..storage.errors import Conflict

Doc = dict[str, Any]
Getter = Callable[[str, str], Doc | None]

# Fields that change on every write: not "what changed".
_BOOKKEEPING = frozenset({"rev", "updated_at"})


class Stale(Conflict):
    """A save made against an older revision of a record than the one on disk."""

    def __init__(self, collection: str, record_id: str, mine: Doc, current: Doc | None) -> None:
        self.collection, self.record_id, self.current = collection, record_id, current
        what = collection[:-1]
        if current is None:
            message = f"this {what} was deleted by another program; nothing was saved"
        else:
            fields = changed_fields(mine, current)
            which = f" ({', '.join(fields)})" if fields else ""
            message = (f"this {what} was changed by another program{which} since you opened "
                       "it; nothing was saved")
        super().__init__(message)


def changed_on_disk(collection: str) -> Conflict:
    """A record read before the lock that another program rewrote before it was taken."""
    return Conflict(f"a {collection[:-1]} was changed on disk by another program while you "
                    "edited it; the new version is loaded, nothing was saved")


def changed_fields(base: Doc, current: Doc) -> list[str]:
    """The fields whose values differ, bookkeeping left out, in the record's order."""
    keys = list(dict.fromkeys([*base, *current]))
    return [k for k in keys if k not in _BOOKKEEPING and base.get(k) != current.get(k)]


def stamp(changes: Sequence[Change], get: Getter, *, force: bool) -> list[Change]:
    """The changes with each put at the next revision of the disk record. Unless `force`,
    a put whose revision is not the disk record's (someone wrote since it was read), or
    of a record deleted since, raises Stale."""
    out = []
    for c in changes:
        if c.doc is None:
            out.append(c)
            continue
        disk = get(c.collection, c.id)
        disk_rev = disk.get("rev", 0) if disk is not None else 0
        base = c.doc.get("rev", 0)
        if not force and (base != disk_rev if disk is not None else base > 0):
            raise Stale(c.collection, c.id, c.doc, disk)
        out.append(Change(c.collection, c.id, {**c.doc, "rev": disk_rev + 1}))
    return out
