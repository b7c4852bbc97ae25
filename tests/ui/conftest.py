"""Fixtures for the TUI tests: an app over a temp data dir with today frozen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netui.services import Network
from netui.ui.app import NetuiApp


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


@pytest.fixture
def make_app(config_path: Path) -> Callable[[Network], NetuiApp]:
    def make(network: Network) -> NetuiApp:
        return NetuiApp(network, config_path=config_path)

    return make
