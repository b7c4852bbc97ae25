"""Opening a network from a data directory (the default one, or `--data-dir`): the store
opened, its backup made or left for later, the `Network` façade over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..storage import Store

if TYPE_CHECKING:
    from . import Network


def open_network(
    data_dir: Any = None,
    *,
    config: Config | None = None,
    today: Callable[[], date] = date.today,
    lock_timeout: float | None = None,
    backup: bool = True,
    compact: bool = False,
) -> Network:
    """Open the store in `data_dir` (or the default) and wrap it (`backup`: see Store.open;
    `compact`: see Store, for a network kept open all session)."""
    from ..paths import data_dir as default_dir
    from . import Network  # the façade imports this module: resolved at call time

    store = (Store(default_dir(data_dir), today=today, compact=compact) if lock_timeout is None
             else Store(default_dir(data_dir), today=today, lock_timeout=lock_timeout,
                        compact=compact))
    return Network(store.open(backup=backup), config, today)
