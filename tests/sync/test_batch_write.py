"""Many vdir files written at once (issue 17 item 6): each atomic, all durable, on the
syncfs path (Linux 5.8+) and on the portable one (an fsync per file), and a SIGKILL in
the middle of a 10k-style export never leaves a torn card or a vdir vdirsyncer refuses."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netui.demo import generate
from netui.interop.vcard import card_uid, parse_vcards
from netui.storage import Store, batch_write
from netui.storage.batch_write import SYNCFS_MIN_FILES, remove_stale_temps, write_batch
from tests.cli_helpers import run
from tests.conftest import REPO, TODAY
from tests.sync.servers import BIN

MANY = {f"{i}.vcf": f"card {i}\r\n".encode() * (i % 7 + 1) for i in range(SYNCFS_MIN_FILES + 5)}


class DiskLog:
    """What reached the disk, in order: fsyncs (of the path the fd was opened with),
    syncfs calls and renames, through the fd-relative calls batch_write makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, flush: str) -> None:
        self.log: list[tuple[str, str]] = []
        opened: dict[int, str] = {}
        dirs: dict[int, str] = {}
        real_open, real_fsync, real_rename = os.open, os.fsync, os.rename

        def open_(path, flags, mode=0o777, *, dir_fd=None):
            fd = real_open(path, flags, mode, dir_fd=dir_fd)
            where = os.path.join(dirs[dir_fd], path) if dir_fd is not None else str(path)
            opened[fd] = where
            if flags & os.O_DIRECTORY:
                dirs[fd] = where
            return fd

        def fsync(fd):
            self.log.append(("fsync", opened.get(fd, f"fd {fd}")))
            real_fsync(fd)

        def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
            self.log.append(("rename", f"{src} -> {dst}"))
            real_rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

        def syncfs_call(fd):
            self.log.append(("syncfs", opened[fd]))
            os.sync()  # what syncfs does, for the whole machine

        def refused(fd):
            self.log.append(("syncfs refused", opened[fd]))
            raise OSError(errno.ENOSYS, "Function not implemented")

        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "rename", rename)
        chosen = {"syncfs": syncfs_call, "refused": refused, "none": None}[flush]
        monkeypatch.setattr(batch_write, "syncfs", lambda: chosen)

    def at(self, what: str, arg: str) -> list[int]:
        return [i for i, entry in enumerate(self.log) if entry == (what, arg)]

    def renamed(self, name: str) -> tuple[int, str]:
        hits = [(i, arg.split(" -> ")[0]) for i, (what, arg) in enumerate(self.log)
                if what == "rename" and arg.endswith(f" -> {name}")]
        assert len(hits) == 1, (name, self.log)
        return hits[0]


def written_whole(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        assert (folder / name).read_bytes() == data
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    assert not [n for n in os.listdir(folder) if n.endswith(".tmp")]


@pytest.mark.parametrize("flush", ["none", "refused"])
def test_each_file_is_fsynced_before_its_rename_and_the_folder_after_the_last(
        tmp_path, monkeypatch, flush):
    (tmp_path / "0.vcf").write_bytes(b"old")
    disk = DiskLog(monkeypatch, flush)
    write_batch(tmp_path, MANY)
    written_whole(tmp_path, MANY)
    last = 0
    for name in MANY:
        at, tmp = disk.renamed(name)
        assert tmp.endswith(".tmp") and disk.at("fsync", str(tmp_path / tmp))[0] < at
        last = max(last, at)
    assert [i for i in disk.at("fsync", str(tmp_path)) if i > last]
    assert (flush == "refused") == bool([e for e in disk.log if e[0] == "syncfs refused"])


def test_with_syncfs_every_rename_waits_for_one_flush_and_the_folder_is_fsynced_after(
        tmp_path, monkeypatch):
    disk = DiskLog(monkeypatch, "syncfs")
    write_batch(tmp_path, MANY)
    written_whole(tmp_path, MANY)
    flushes = disk.at("syncfs", str(tmp_path))
    assert len(flushes) == 1
    renames = [disk.renamed(name)[0] for name in MANY]
    assert min(renames) > flushes[0]
    assert [i for i in disk.at("fsync", str(tmp_path)) if i > max(renames)]


def test_a_small_batch_fsyncs_each_file_rather_than_the_whole_file_system(tmp_path, monkeypatch):
    disk = DiskLog(monkeypatch, "syncfs")
    files = {"a.vcf": b"a", "b.vcf": b"b"}
    write_batch(tmp_path, files)
    written_whole(tmp_path, files)
    assert not disk.at("syncfs", str(tmp_path))
    assert len([e for e in disk.log if e[0] == "fsync"]) == 3  # two files, one folder


@pytest.mark.skipif(batch_write.syncfs() is None, reason="no syncfs (not Linux 5.8+)")
def test_the_real_syncfs_writes_a_batch(tmp_path):
    write_batch(tmp_path, MANY)
    written_whole(tmp_path, MANY)


@pytest.mark.parametrize("flush", ["none", "syncfs"])
def test_a_failed_batch_names_the_file_and_leaves_no_temp_files(tmp_path, monkeypatch, flush):
    DiskLog(monkeypatch, flush)
    (tmp_path / "taken.vcf").mkdir()  # a file cannot replace a folder
    files = {**MANY, "taken.vcf": b"b"}
    with pytest.raises(IsADirectoryError) as caught:
        write_batch(tmp_path, files)
    assert caught.value.filename == str(tmp_path / "taken.vcf")
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    for name in os.listdir(tmp_path):  # whatever was renamed is whole
        if name != "taken.vcf":
            assert (tmp_path / name).read_bytes() == files[name]


def test_an_export_that_fails_is_one_line_naming_the_file(capsys, tmp_path):
    run(capsys, "add", "Ann Lee")
    vdir = tmp_path / "vdir"
    assert run(capsys, "export", "vcard", "--vdir", str(vdir)).code == 0
    (name,) = os.listdir(vdir)
    (vdir / name).unlink()
    (vdir / name).mkdir()
    result = run(capsys, "export", "vcard", "--vdir", str(vdir))
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        f"netui: cannot use {vdir / name}: Is a directory"]


def test_only_netuis_stale_temp_files_are_removed(tmp_path):
    for name in (".ann.vcf.0a1b2c3d.tmp", ".x.ics.deadbeef.tmp", "ann.vcf", ".hidden",
                 ".ann.vcf.tmp", "keep.tmp"):
        (tmp_path / name).write_bytes(b"x")
    assert remove_stale_temps(tmp_path) == 2
    assert sorted(os.listdir(tmp_path)) == [".ann.vcf.tmp", ".hidden", "ann.vcf", "keep.tmp"]


# -- SIGKILL in the middle of a real export ------------------------------------------------

KILLED_EXPORT = """
import sys
import netui.storage.batch_write as batch
if sys.argv[1] == "portable":
    batch.syncfs = lambda: None
from netui.cli import main
main(["export", "vcard", "--vdir", sys.argv[2]])
"""


@pytest.fixture(scope="module")
def big_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "data"
    data = generate(3000, seed=5, today=TODAY, interactions=0, favours=0, checkins=0)
    store = Store(root, backups=False, today=lambda: TODAY).open()
    store.replace_all(data, "the test data")
    store.close()
    return root


def _kill_when(folder: Path, proc: subprocess.Popen[bytes], files: int) -> None:
    """SIGKILL the export once `files` entries are in the folder (or it ended)."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if len(os.listdir(folder)) >= files:
                break
        except FileNotFoundError:
            pass
        time.sleep(0.0005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _check_vdir(folder: Path, tmp: Path) -> int:
    """Every card whole and readable, one file per UID, and vdirsyncer syncs the folder
    into another one (it aborts on a collection it cannot read)."""
    import vobject

    uids = []
    for path in folder.glob("*.vcf"):
        raw = path.read_bytes()
        parsed = parse_vcards(raw, path.name)
        assert len(parsed.drafts) == 1 and not parsed.problems, path.name
        assert raw.endswith(b"END:VCARD\r\n")
        vobject.readOne(raw.decode())
        uids.append(card_uid(raw))
    assert len(uids) == len(set(uids))
    mirror = tmp / "mirror"
    mirror.mkdir(parents=True)
    conf = tmp / "vdirsyncer.conf"
    conf.write_text(f"""[general]
status_path = "{tmp / 'status'}/"
[pair check]
a = "killed"
b = "mirror"
collections = null
[storage killed]
type = "filesystem"
path = "{folder}/"
fileext = ".vcf"
[storage mirror]
type = "filesystem"
path = "{mirror}/"
fileext = ".vcf"
""")
    for args in (["discover"], ["sync"]):
        done = subprocess.run([str(BIN / "vdirsyncer"), "-c", str(conf), *args], input="y\n",
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    assert len(list(mirror.glob("*.vcf"))) == len(uids)
    return len(uids)


@pytest.mark.parametrize("path", ["syncfs", "portable"])
def test_a_sigkill_mid_export_leaves_whole_cards_and_the_next_export_finishes(
        big_network, tmp_path, path):
    if path == "syncfs" and batch_write.syncfs() is None:
        pytest.skip("no syncfs (not Linux 5.8+)")
    env = {**os.environ, "NETUI_DATA_DIR": str(big_network), "PYTHONPATH": str(REPO)}
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    for round_, after in enumerate((1, 400, 1500)):
        before = len(os.listdir(vdir))
        proc = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, path, str(vdir)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _kill_when(vdir, proc, before + after)
        _check_vdir(vdir, tmp_path / f"check-{round_}")
    done = subprocess.run([sys.executable, "-c", KILLED_EXPORT, path, str(vdir)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not [n for n in os.listdir(vdir) if n.endswith(".tmp")]  # the killed runs' temps
    assert _check_vdir(vdir, tmp_path / "check-final") == 3000
