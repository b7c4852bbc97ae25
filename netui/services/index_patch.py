"""Folding a commit's changes into the shell index's rows (services.shell_index): the
rows a commit reads and changes, by contact id, and what each kind of record changes in
its contacts' rows; None when a change cannot be folded in (see shell_index)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from ..storage import index_file
from ..storage.change import Change, Doc
from .index_rows import Entry, entry_of, favour_touches, note_touches, pending_rows

# More changes than this in one commit (an import, a merge of many) drop the index
# rather than patch it line by line: rebuilding once is cheaper.
PATCH_LIMIT = 200


class Lines:
    """The rows a commit reads and changes, by contact id: the delta's, else the base's."""

    def __init__(self, base: index_file.Base, delta: dict[str, bytes | None]) -> None:
        self.base, self.delta = base, delta
        self.changed: dict[str, Entry | None] = {}

    def get(self, cid: str) -> Entry | None:
        if cid in self.changed:
            return self.changed[cid]
        if cid in self.delta:
            line = self.delta[cid]
            return None if line is None else Entry.decode(line)
        found = self.base.row_of(cid)
        return None if found is None else Entry.decode(found[1])

    def put(self, cid: str, entry: Entry | None) -> None:
        self.changed[cid] = entry

    def result(self) -> dict[str, bytes | None]:
        """The delta with this commit's rows in it."""
        out = dict(self.delta)
        for cid, entry in self.changed.items():
            out[cid] = entry.encode() if entry is not None else None
        return out


def patched(lines: Lines, changes: Sequence[Change],
            before: Mapping[tuple[str, str], Doc | None]) -> dict[str, bytes | None] | None:
    """The delta of `lines` with `changes` folded in, None when they cannot be (see the
    module doc)."""
    if len(changes) > PATCH_LIMIT:
        return None
    by_kind: dict[str, list[Change]] = {}
    for c in changes:
        by_kind.setdefault(c.collection, []).append(c)
    for c in by_kind.get("contacts", ()):  # first: a new contact's note lands on its entry
        old = lines.get(c.id)
        new = entry_of(c.doc) if c.doc is not None else None
        if new is not None and old is not None:
            new.note_touch, new.favour_touch, new.pending = (old.note_touch, old.favour_touch,
                                                             old.pending)
        lines.put(c.id, new)
    for collection, read, attr in (("interactions", note_touches, "note_touch"),
                                   ("favours", favour_touches, "favour_touch")):
        for c in by_kind.get(collection, ()):
            if not _touch(lines, read, attr, before.get((c.collection, c.id)), c.doc):
                return None
    for c in by_kind.get("checkins", ()):
        _checkin(lines, c.id, before.get((c.collection, c.id)), c.doc)
    return lines.result()


def _touch(lines: Lines, read: Callable[[Doc], Iterator[tuple[str, str]]], attr: str,
           old: Doc | None, new: Doc | None) -> bool:
    """Fold one record's touches in; False when one it removes may have been the latest."""
    now = dict(read(new)) if new is not None else {}
    for cid, day in (read(old) if old is not None else ()):
        entry = lines.get(cid)
        if entry is not None and getattr(entry, attr) == day and now.get(cid, "") < day:
            return False  # the latest touch went: only every record of theirs can tell
    for cid, day in now.items():
        entry = lines.get(cid)
        if entry is not None and day > (getattr(entry, attr) or ""):
            setattr(entry, attr, day)
            lines.put(cid, entry)
    return True


def _checkin(lines: Lines, rid: str, old: Doc | None, new: Doc | None) -> None:
    owners = {d.get("contact_id") for d in (old, new) if d is not None}
    for cid in owners:
        if isinstance(cid, str) and (entry := lines.get(cid)) is not None:
            entry.pending = [p for p in entry.pending if p[0] != rid]
            lines.put(cid, entry)
    for cid, pend in (pending_rows(new) if new is not None else ()):
        entry = lines.get(cid)
        if entry is not None:
            entry.pending.append(pend)
            entry.pending.sort(key=lambda p: p[1])
            lines.put(cid, entry)
