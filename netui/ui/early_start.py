"""`netui` opening on its first-frame file (storage.frame_file): the contact list painted
before the models, the services and the store are loaded, then those opened after it,
one step at a time, keys held meanwhile (NetuiApp.on_event) and acted on once the pane
shows the opened store's rows.

Only when the file describes the data and the config as they are now; otherwise (and for
the demo, which has no file) the app opens the normal way, everything loaded before its
first frame. The config is validated after the first frame: an error ends the app with
the same one line as before it starts."""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import frame_file

if TYPE_CHECKING:
    from ..config import Config
    from ..services import Network

# Loaded after the first frame one per step (each costs 10-100 ms at import), so keys and
# repaints are handled between them rather than after all of them.
# The models first: netui.domain.models sets pydantic up before any validator is built.
MODULES = ("pydantic", "netui.domain.models", "netui.config_model")
MORE_MODULES = ("netui.storage.store", "netui.services", "netui.ui.contacts_pane")

Step = Callable[[], object | Awaitable[object]]


class EarlyStart:
    """What the app needs to open the network after its first frame."""

    def __init__(self, root: Path, config_path: Path, frame: frame_file.FirstFrame, *,
                 today: Callable[[], date],
                 opened: Callable[[Network], None] = lambda _network: None) -> None:
        self.root = root
        self.config_path = config_path
        self.frame = frame
        self.today = today
        self._opened = opened  # the caller closes the store at exit
        self.config: Config | None = None
        self.network: Network | None = None

    def steps(self) -> list[Step]:
        """The work, in order; the app runs one, lets keys and repaints through, then
        the next. A step may be awaitable."""
        def imports(names: tuple[str, ...]) -> list[Step]:
            return [partial(importlib.import_module, m) for m in names]

        return [*imports(MODULES), self._load_config, *imports(MORE_MODULES),
                self._open_network]

    def _load_config(self) -> None:
        from ..config import load_config
        from .settings_check import check_ui_settings

        config = load_config(self.config_path)
        check_ui_settings(config, f"config {self.config_path}")
        self.config = config

    def _open_network(self) -> None:
        from ..services import open_network

        network = open_network(self.root, config=self.config, today=self.today, backup=False,
                               compact=True)  # kept all session (storage.packing)
        self._opened(network)
        self.network = network


def early_start(root: Path, config_path: Path, *, today: Callable[[], date],
                opened: Callable[[Network], None]) -> EarlyStart | None:
    """An early start over `root` if its first-frame file can paint the first frame."""
    frame = frame_file.read(root, config_path)
    if frame is None:
        return None
    if len(frame.rows) < frame.count and shutil.get_terminal_size().lines > len(frame.rows):
        return None  # a terminal taller than the rows kept: they would not fill it
    return EarlyStart(root, config_path, frame, today=today, opened=opened)
