"""Notes about people are private: the data directory is 0700 and every file netui
writes is 0600, whatever the umask, including backups, restores and exports."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from netui.cli import main
from netui.config import save_setting
from netui.services import Network
from netui.storage import Store
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def _permissive_umask() -> Iterator[None]:
    """The worst case: a umask that would make new files world-readable."""
    old = os.umask(0o000)
    yield
    os.umask(old)


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
            for p in [root, *root.rglob("*")]}


def assert_private(root: Path) -> None:
    found = modes(root)
    loose = {p: oct(m) for p, m in found.items()
             if m != (0o700 if (root / p).is_dir() else 0o600)}
    assert not loose, f"not private: {loose}"


def run_cli(*args: str) -> None:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    assert done.value.code == 0


def test_data_backups_and_restores_are_private(demo_network: Network, data_dir: Path) -> None:
    demo_network.store.backup("manual")
    demo_network.store.close()
    Store(data_dir, today=lambda: TODAY).open().close()  # the daily backup
    run_cli("--data-dir", str(data_dir), "restore", "--yes")  # keeps pre-restore-* too
    assert (data_dir / "backups" / "auto-2026-11-22").is_dir()
    assert any(p.name.startswith("pre-restore-") for p in (data_dir / "backups").iterdir())
    assert_private(data_dir)


def test_existing_loose_data_directory_is_tightened(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    Store(root).open().close()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_json_export_is_private(demo_network: Network, data_dir: Path, tmp_path: Path) -> None:
    demo_network.store.close()
    target = tmp_path / "out" / "network.json"
    target.parent.mkdir()
    run_cli("--data-dir", str(data_dir), "export", "json", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_saved_config_is_private(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    save_setting(path, "theme", "nord")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
