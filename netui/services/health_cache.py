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

from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain import health
from ..domain.health_inputs import Inputs
from ..storage import health_file
from ..storage.health_body import CORRUPT, encode, kept_inputs, options_for
from ..storage.store import Store
from .health_hook import keep_in_step
from .health_inputs import read_all

if TYPE_CHECKING:
    from . import Network

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
    keep_in_step(store)
    if added:
        _fold(store, inputs, found.stamps, options)
    return inputs


def rebuild(network: Network) -> Inputs:
    """Read the inputs from the store under the lock and save them."""
    store = network.store
    with store.locked():  # one consistent state: no other commit lands meanwhile
        store.refresh()
        inputs = read_all(network)
        keep_in_step(store)
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
