"""Exports on the path the user names behave like every Unix tool (issue 12, item 12):
`-` and `/dev/stdout` reach the pipe, a FIFO, a terminal or a device is written to
directly, a link is followed and the file it names replaced with the link kept, and a
folder or a socket is refused with one line. Run as root, `/dev/stdout` once became a
regular file holding the whole network: it must never be replaced."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import orjson
import pytest

from netui.services import Network
from tests.conftest import REPO, TODAY
from tests.faults.test_bad_data import netui, one_line_error


@pytest.fixture
def saved(demo_network: Network, data_dir: Path) -> Path:
    demo_network.store.close()
    return data_dir


def _is_export(raw: bytes) -> bool:
    data = orjson.loads(raw)
    return isinstance(data, dict) and len(data["contacts"]) > 10


def _guard_dev_stdout() -> None:
    """Put /dev/stdout back if a broken netui replaced it, then fail loudly."""
    if not os.path.islink("/dev/stdout"):
        os.unlink("/dev/stdout")
        os.symlink("/proc/self/fd/1", "/dev/stdout")
        pytest.fail("/dev/stdout was replaced by a regular file (put back)")


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_dev_stdout_reaches_the_pipe_and_is_never_replaced(saved: Path, name: str) -> None:
    link_before = os.readlink("/dev/stdout")
    env = {**os.environ, "NETUI_DATA_DIR": str(saved), "NETUI_TODAY": TODAY.isoformat()}
    try:
        result = subprocess.run([sys.executable, "-m", "netui", "export", "json", name],
                                capture_output=True, env=env, cwd=REPO, timeout=60)
    finally:
        _guard_dev_stdout()
    assert result.returncode == 0, result.stderr
    assert _is_export(result.stdout)  # the JSON only: the summary went to stderr
    assert b"Exported" in result.stderr
    assert os.readlink("/dev/stdout") == link_before


def test_dev_stdout_redirected_to_a_file_appends_never_replaces(saved: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"")
    env = {**os.environ, "NETUI_DATA_DIR": str(saved), "NETUI_TODAY": TODAY.isoformat()}
    with out.open("ab") as fh:
        inode = os.fstat(fh.fileno()).st_ino
        try:
            result = subprocess.run([sys.executable, "-m", "netui", "export", "json",
                                     "/dev/stdout"], stdout=fh, stderr=subprocess.PIPE,
                                    env=env, cwd=REPO, timeout=60)
        finally:
            _guard_dev_stdout()
    assert result.returncode == 0, result.stderr
    assert out.stat().st_ino == inode and _is_export(out.read_bytes())


def test_dash_is_stdout(saved: Path) -> None:
    result = netui(saved, "export", "json", "-")
    assert result.returncode == 0 and _is_export(result.stdout.encode())


def test_a_fifo_is_written_directly(saved: Path, tmp_path: Path) -> None:
    area = tmp_path / "area"
    area.mkdir()
    fifo = area / "pipe"
    os.mkfifo(fifo, 0o600)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = netui(saved, "export", "json", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert _is_export(got[0])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, no temp file beside it
    assert sorted(p.name for p in area.iterdir()) == ["pipe"]


def test_a_terminal_is_written_directly(saved: Path) -> None:
    master, slave = os.openpty()
    try:
        tty = os.ttyname(slave)
        chunks: list[bytes] = []

        def drain() -> None:
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                chunks.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        result = netui(saved, "export", "vcard", tty)
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(os.stat(tty).st_mode)
    finally:
        os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    assert b"BEGIN:VCARD" in b"".join(chunks)


def test_dev_null_is_written_and_kept(saved: Path) -> None:
    assert netui(saved, "export", "csv", "/dev/null").returncode == 0
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_symlink_is_followed_and_kept(saved: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "network.json").write_bytes(b"old")
    link = tmp_path / "latest.json"
    link.symlink_to(real / "network.json")
    result = netui(saved, "export", "json", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real / "network.json")
    assert _is_export((real / "network.json").read_bytes())
    assert stat.S_IMODE((real / "network.json").stat().st_mode) == 0o600
    assert sorted(p.name for p in real.iterdir()) == ["network.json"]  # no temp left


def test_a_dangling_symlink_creates_the_file_it_names(saved: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.ics"
    link.symlink_to(tmp_path / "calendar.ics")
    assert netui(saved, "export", "ics", str(link)).returncode == 0
    assert link.is_symlink() and b"BEGIN:VCALENDAR" in (tmp_path / "calendar.ics").read_bytes()


def test_a_regular_file_is_replaced_atomically_and_private(saved: Path, tmp_path: Path) -> None:
    target = tmp_path / "network.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    result = netui(saved, "export", "json", str(target))
    assert result.returncode == 0 and "Exported" in result.stdout
    assert _is_export(target.read_bytes()) and stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["folder", "socket", "missing folder", "trailing slash"])
def test_anything_else_is_refused_with_one_line(saved: Path, tmp_path: Path, kind: str) -> None:
    tmp_path = tmp_path / "area"
    tmp_path.mkdir()
    if kind == "folder":
        target = str(tmp_path)
    elif kind == "socket":
        target = str(tmp_path / "sock")
        server = socket.socket(socket.AF_UNIX)
        server.bind(target)
    elif kind == "missing folder":
        target = str(tmp_path / "nowhere" / "x.json")
    else:
        target = str(tmp_path / "x.json") + "/"
    before = sorted(p.name for p in tmp_path.iterdir())
    for command in (["json"], ["vcard"], ["csv"], ["ics"]):
        line = one_line_error(netui(saved, "export", *command, target))
        assert "cannot export" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before
