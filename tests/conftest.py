"""Fixtures shared by every test: a frozen today, private temp data, and no network."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netui.demo import generate
from netui.services import Network
from netui.storage import Store

TODAY = date(2026, 11, 22)  # the project's frozen "today" for tests and snapshots
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


# A run keeps ~250 MB of temp data and pytest keeps the last three runs: a container's
# default 64 MB /dev/shm would fill mid-run, so a small tmpfs is left alone.
_SHM_NEEDED = 2 << 30


def _free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def pytest_configure(config: pytest.Config) -> None:
    """Test data in RAM when the machine has a tmpfs and no TMPDIR was chosen. Every netui
    write is fsynced (file and folder): ~1 ms each on a disk, microseconds on tmpfs, and
    the suite makes tens of thousands, so on disk it mostly waits. No test can see the
    difference: a power cut is simulated (tests/faults/powerloss.py), never left to a
    disk. xdist workers inherit it; `TMPDIR=... pytest` still chooses."""
    shm = Path("/dev/shm")
    if ("TMPDIR" not in os.environ and shm.is_dir() and os.access(shm, os.W_OK | os.X_OK)
            and _free_bytes(shm) >= _SHM_NEEDED):
        os.environ["TMPDIR"] = str(shm)
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real data or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NETUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("NETUI_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("NETUI_TODAY", TODAY.isoformat())
    # Shell tables fit COLUMNS, else the terminal: one width for every run, whether pytest
    # runs in a terminal, a pipe or an xdist worker (which sets COLUMNS=80).
    monkeypatch.setenv("COLUMNS", "100")


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """netui never opens a network connection; any attempt fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkAccessError(f"netui tried to open a network connection: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def open_network(path: Path, day: date = TODAY) -> Network:
    return Network(Store(path, today=lambda: day).open(), today=lambda: day)


@pytest.fixture
def network(data_dir: Path) -> Iterator[Network]:
    """An empty network on a private temp directory, today frozen."""
    net = open_network(data_dir)
    yield net
    net.store.close()


@pytest.fixture
def demo_network(data_dir: Path) -> Iterator[Network]:
    """The seeded 60-person demo network, today frozen."""
    net = open_network(data_dir)
    net.import_all(generate(60, seed=7, today=TODAY))
    yield net
    net.store.close()
