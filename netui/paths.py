"""Where netui keeps things. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP = "netui"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then NETUI_DATA_DIR, then the platform's user data directory."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("NETUI_DATA_DIR"):
        return Path(env).expanduser()
    import platformdirs  # only here: a path given by option or environment needs none

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """--config wins, then NETUI_CONFIG, then config.toml in the user config directory."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("NETUI_CONFIG"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"
