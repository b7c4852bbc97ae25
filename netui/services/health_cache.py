"""The health figures' inputs (services.health_inputs) kept between shell commands in the
data directory (storage.health_file), so that `netui stats` works its figures out
without parsing every note, favour and contact (~30 MB at 10k contacts).

A cache, never trusted: used only when its checksum and the stamps of the files it was
read from say it describes the data as it is now, and when it was read with the config
it is used with; otherwise the inputs are read again from the store under the lock (so
no commit is seen half-done) and saved. A shell command's commit that only adds notes
and favours (`netui note`, `gave`, ...) adds them to the small delta file under the same
lock (Store.write_hooks): before the write the stamps must still be the data's, after
it the new records and the new stamps are saved. Anything else (an edit, a deletion, a
contact added) drops the files: the next `netui stats` reads the store again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from ..domain import health
from ..domain.health_inputs import Inputs, contact_facts
from ..storage import health_file
from ..storage.change import Change, Doc
from ..storage.health_body import CORRUPT, encode, kept_inputs, options_for
from ..storage.store import Store
from .health_inputs import read_all

if TYPE_CHECKING:
    from . import Network

PATCH_LIMIT = 200  # records in one commit beyond which the files are dropped, not patched


def inputs_for(network: Network) -> Inputs:
    """The figures' inputs: from the files when they describe the data, else read from
    the store (and saved for the next command)."""
    store = network.store
    if store.readonly:  # a commit may be left halfway: read as the store shows it
        return read_all(network)
    options = options_for(network.config)
    kept = kept_inputs(store.root, options)
    if kept is None:
        return rebuild(network)
    inputs, found, added = kept
    if added:
        _fold(store, inputs, found.stamps, options)
    return inputs


def rebuild(network: Network) -> Inputs:
    """Read the inputs from the store under the lock and save them."""
    store = network.store
    with store.locked():  # one consistent state: no other commit lands meanwhile
        store.refresh()
        inputs = read_all(network)
        try:
            health_file.save(store.root, health_file.current_stamps(store.root),
                             options_for(network.config), encode(inputs))
        except OSError:
            health_file.drop(store.root)  # a full disk: no cache, the data is fine
    return inputs


def _fold(store: Store, inputs: Inputs, stamps: health_file.Stamps,
          options: dict[str, Any]) -> None:
    """Write base and delta as one new base, if they still describe the data."""
    try:
        with store.locked():
            if health_file.current_stamps(store.root) == stamps:
                health_file.save(store.root, stamps, options, encode(inputs))
    except OSError:
        health_file.drop(store.root)


def figures(network: Network, since: date | None = None) -> health.Health:
    """`netui stats`'s figures, from the kept inputs (or, when they cannot be worked out
    from what the file holds, from the store's, read again)."""
    from . import health as health_service

    try:
        return health_service.compute(network, since, inputs=inputs_for(network))
    except CORRUPT:
        if network.store.readonly:
            raise
        health_file.drop(network.store.root)
        return health_service.compute(network, since, inputs=rebuild(network))


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
            if old is None or c.doc is None or contact_facts(old) != contact_facts(c.doc):
                return None
        elif old is not None or c.doc is None:
            return None
        else:
            out.append(orjson.dumps([c.collection, c.doc]))
    return out
