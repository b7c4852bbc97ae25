"""Fixtures shared by every test: a frozen today, private temp data, and no network."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from netui.demo import generate
from netui.services import Network
from netui.storage import Store

# No wall-clock limit per example (hypothesis's 200 ms deadline): on a loaded 2-core CI
# machine a search example took 476 ms and failed a run that found no bug. Tests assert
# behaviour, never time; the examples counts stay as each test sets them.
settings.register_profile("netui", deadline=None)
settings.load_profile("netui")

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


# The longest tests (mostly waiting on child processes or a loaded screen), started first:
# the other worker meanwhile runs the short ones, and steals what is left (--dist worksteal).
LONG_FIRST = (
    "tests/faults/test_crash.py", "tests/faults/test_killed_restore.py",
    "tests/perf/test_bench_smoke.py", "tests/ui/test_every_size.py",
    "tests/sync/test_batch_write.py", "tests/sync/test_radicale.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: keeps order


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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network's data directory, built once per worker and closed: generating
    and importing it is ~0.1 s of CPU, and hundreds of tests start from it."""
    root = tmp_path_factory.mktemp("demo-template") / "data"
    net = open_network(root)
    net.import_all(generate(60, seed=7, today=TODAY))
    net.store.close()
    return root


@pytest.fixture
def demo_network(data_dir: Path, demo_template: Path) -> Iterator[Network]:
    """The seeded 60-person demo network, today frozen: a copy of the template, the very
    files a fresh build writes (modes and all), opened as that build left it (it made no
    backup: the import came after its open, on an empty directory)."""
    shutil.copytree(demo_template, data_dir, symlinks=True)
    net = Network(Store(data_dir, today=lambda: TODAY).open(backup=False), today=lambda: TODAY)
    yield net
    net.store.close()
