"""Keeps the health file (storage.health_file) in step with this process's commits
(Store.write_hooks), for `netui stats` (services.health_cache, netui.quick_stats).

Under the commit's lock: before the write the file's stamps must still be the data's
(nobody wrote since), after it the records the commit added (notes, favours) go into the
small delta with the new stamps. A commit it cannot fold in (an edit or deletion of a
note or favour, a contact added, removed or changed in what the figures read, a bulk
change) drops the file: the next `netui stats` reads the store again. Imported by every
shell command: it loads nothing the figures need until a contact changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import orjson

from ..storage import health_file
from ..storage.change import Change, Doc
from ..storage.store import Store

PATCH_LIMIT = 200  # records in one commit beyond which the file is dropped, not patched


class HealthHook:
    """Keeps the files in step with this process's commits (Store.write_hooks)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._point: tuple[str, health_file.Stamps, bytes] | None = None
        if not store.readonly:
            store.write_hooks.append(self)

    def before_write(self) -> None:
        root = self.store.root
        try:
            point = health_file.extend_point(root)
            current = point is not None and point[1] == health_file.current_stamps(root)
        except OSError:
            point, current = None, False
        self._point = point if current else None  # stale: rebuilt on the next use

    def after_write(self, changes: Sequence[Change],
                    before: Mapping[tuple[str, str], Doc | None]) -> None:
        point, self._point = self._point, None
        if point is None:
            return
        root = self.store.root
        try:
            lines = _records(changes, before)
            if lines is None:
                health_file.drop(root)
                return
            stamps = health_file.current_stamps(root)
            if not lines and stamps == point[1]:
                return  # nothing the figures read was written
            base_id, _stamps, body = point
            health_file.save_delta(root, base_id, stamps,
                                   body + b"".join(line + b"\n" for line in lines))
        except (OSError, TypeError, orjson.JSONEncodeError):
            health_file.drop(root)  # the commit is done: a cache that cannot follow goes


def _records(changes: Sequence[Change],
             before: Mapping[tuple[str, str], Doc | None]) -> list[bytes] | None:
    """The delta's lines for a commit's changes, None when they cannot be added: an edit
    or deletion of a note or favour, a contact added, removed or changed in what the
    figures read."""
    if len(changes) > PATCH_LIMIT:
        return None
    out = []
    for c in changes:
        if c.collection not in health_file.SOURCES:
            continue
        old = before.get((c.collection, c.id))
        if c.collection == "contacts":
            from ..domain.health_inputs import contact_facts  # only when contacts change

            if old is None or c.doc is None or contact_facts(old) != contact_facts(c.doc):
                return None
        elif old is not None or c.doc is None:
            return None
        else:
            out.append(orjson.dumps([c.collection, c.doc]))
    return out


def keep_in_step(store: Store) -> None:
    """Fold this process's commits into the health file from now on (once per store)."""
    if not any(isinstance(hook, HealthHook) for hook in store.write_hooks):
        HealthHook(store)
