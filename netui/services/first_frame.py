"""Writing the app's first-frame file (storage.frame_file): the contact list as the
app opens on it, from the rows the network holds, stamped with the contact files they
were read from. Under the data directory's lock, after picking up any change another
program made, so the stamps recorded are those of the files the rows came from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.rows import ContactRow
from ..storage import frame_file
from ..storage.layout import META, shard_name
from ..storage.shards import SHARDS

if TYPE_CHECKING:
    from . import Network


def first_frame_files() -> list[str]:
    """The data files the contact list's rows are read from: every contacts shard, and
    meta.json (a schema migration may rewrite them)."""
    count = SHARDS[frame_file.FOLDER]
    return [META, *(shard_name(frame_file.FOLDER, i) for i in range(count))]


def save_first_frame(network: Network, *, theme: str | None, config_path: Path | None,
                     natural: Callable[[list[ContactRow]], tuple[int, int, int]],
                     unless: object = None) -> object:
    """Record what the contact list shows when the app opens (nothing when the data is
    read-only). `natural`: the list's column widths for a list of rows. Returns what it
    recorded it for: given back as `unless`, nothing is written while that still holds."""
    store = network.store
    if store.readonly:
        return None
    with store.locked():  # no commit lands between reading the rows and their stamps
        network.refresh()
        stamps = frame_file.stamps_of(store.root, first_frame_files())
        state = (stamps, theme, frame_file.config_stamp(config_path))
        if state == unless and (store.root / frame_file.NAME).is_file():
            return state
        found = frame_file.read(store.root, config_path)
        if found is not None and found.theme == theme:
            return state  # what the file holds describes these very files
        rows = network.contact_rows()
        frame_file.save(store.root, stamps, rows, len(rows), natural(rows), theme, config_path)
    return state
