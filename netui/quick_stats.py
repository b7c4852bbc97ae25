"""`netui stats` without opening the store: the figures from the health file
(storage.health_file) when it describes the data files as they are now, before the
services, the store or TinyDB are imported (~120 ms of a 10k-contact shell command).

Reads only: no lock, no backup, no write. Anything else is None, and the command then
opens the store as every command does (services.health_cache, which reads the data
again and saves the file): no file, a stale, torn or planted one, one read with other
options, a commit left halfway (the journal) or a restore under way, whose files the
open must finish first, or a delta too long to fold in at every command."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .domain.health import Health
from .perf import gc_paused
from .storage.health_body import CORRUPT, kept_inputs, options_for
from .storage.layout import JOURNAL, RESTORE_MARKER

if TYPE_CHECKING:
    from .config import Config

# Records in the delta beyond which the open folds it into a new base (services.
# health_cache) rather than each command folding the same records in again.
DELTA_LIMIT = 1_000


def figures(root: Path, config: Config, today: date, since: date | None) -> Health | None:
    """The figures from the health file, None when the store must be opened for them."""
    if (root / JOURNAL).exists() or (root / RESTORE_MARKER).exists():
        return None
    kept = kept_inputs(root, options_for(config))
    if kept is None or kept[2] > DELTA_LIMIT:
        return None
    try:
        with gc_paused():
            return kept[0].figures(today, since, config.circles, config.first_weekday)
    except CORRUPT:  # numbers no figure can be worked out from: read the data again
        return None
