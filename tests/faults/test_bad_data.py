"""Data netui cannot use, through the real command line: one clear line, a non-zero
exit, the backup named, and the files left exactly as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from netui.domain.models import Contact, Direction, Favour
from netui.services import Network
from netui.storage import SHARDS, CorruptData, ReadOnlyStore, Store, shard_of
from tests.conftest import TODAY, open_network

REPO = Path(__file__).resolve().parents[2]


def netui(data_dir: Path, *args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETUI_DATA_DIR": str(data_dir), "NETUI_TODAY": TODAY.isoformat()}
    if config:
        env["NETUI_CONFIG"] = str(config)
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode not in (0, 70), result.stderr  # 70 = internal error, a bug
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def files(root: Path) -> dict[str, bytes]:
    """What the directory holds, but for the lock file and the shell's derived index (a
    cache any command may write; tests/test_shell_index.py checks it against the data)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in (".lock", "index.jsonl", "index-delta.jsonl")}


@pytest.fixture
def saved(demo_network: Network, data_dir: Path) -> Path:
    """A demo data directory with its daily backup, closed."""
    demo_network.store.close()
    Store(data_dir, today=lambda: TODAY).open().close()  # the open makes the daily backup
    assert (data_dir / "backups").is_dir()
    return data_dir


def test_future_schema_opens_read_only_and_is_never_downgraded(saved: Path) -> None:
    meta = saved / "meta.json"
    meta.write_bytes(orjson.dumps({"schema": 99, "app": "netui"}))
    before = files(saved)
    net = open_network(saved)
    try:
        assert net.readonly
        assert net.contacts()  # still readable
        with pytest.raises(ReadOnlyStore, match="newer netui"):
            net.add_contact(Contact(name="Ada"))
    finally:
        net.store.close()
    line = one_line_error(netui(saved, "add", "Ada Lovelace"))
    assert "newer netui" in line and "read-only" in line
    assert netui(saved, "list").returncode == 0  # reading still works
    assert files(saved) == before
    assert orjson.loads(meta.read_bytes())["schema"] == 99


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong shape", "empty meta"])
def test_corrupt_data_file_is_one_line_naming_the_backup(saved: Path, damage: str) -> None:
    target = saved / "meta.json" if damage == "empty meta" else next(
        p for p in sorted((saved / "contacts").glob("*.json")) if p.stat().st_size > 100)
    raw = target.read_bytes()
    target.write_bytes({"truncated": raw[: len(raw) // 2], "garbage": b"\x00\xff not json",
                        "wrong shape": b"[1, 2, 3]", "empty meta": b""}[damage])
    before = files(saved)
    line = one_line_error(netui(saved, "list"))
    assert str(target) in line and "backups/auto-2026-11-22" in line
    assert files(saved) == before  # nothing overwritten, no backup of the broken data


def test_restore_brings_back_corrupt_data(saved: Path) -> None:
    target = next(p for p in sorted((saved / "contacts").glob("*.json")) if p.stat().st_size)
    good = target.read_bytes()
    target.write_bytes(good[:10])
    assert netui(saved, "restore", "--yes").returncode == 0
    assert target.read_bytes() == good
    assert netui(saved, "list").returncode == 0


@pytest.mark.parametrize("text", ["circles = ", "week_start = 'friday'",
                                  "[circles]\ninner = 0", "theme = 3", "\xff\xfe"])
def test_bad_config_is_one_line(saved: Path, tmp_path: Path, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(text.encode("utf-8", "surrogateescape") if text != "\xff\xfe"
                       else b"\xff\xfe")
    line = one_line_error(netui(saved, "list", config=config))
    assert str(config) in line


def test_data_directory_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    line = one_line_error(netui(blocker / "data", "list"))
    assert str(blocker / "data") in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_data_directory_is_one_line(saved: Path) -> None:
    saved.chmod(0o500)
    try:
        line = one_line_error(netui(saved, "add", "Ada Lovelace"))
        assert "permission denied" in line.lower()
    finally:
        saved.chmod(0o700)


# Root ignores permissions, so this runs the real CLI with the kernel's answer for a
# directory the user may read but not write: every open for writing is refused.
REFUSE_WRITES = """
import errno, os, sys
import netui.storage.fsio as storage
real_open = os.open
def refusing_open(path, flags, *args, **kwargs):
    if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return real_open(path, flags, *args, **kwargs)
storage.os.open = refusing_open
from netui.cli import main
sys.argv[0] = "netui"
main()
"""


def refused_writes(saved: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETUI_DATA_DIR": str(saved), "NETUI_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-c", REFUSE_WRITES, *command], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def test_data_directory_refusing_writes_is_one_line(saved: Path) -> None:
    before = files(saved)
    line = one_line_error(refused_writes(saved, "add", "Ada Lovelace"))
    assert str(saved) in line and "permission denied" in line.lower()
    assert files(saved) == before


@pytest.mark.parametrize("command", [["list"], ["due"], ["export", "json", "-"]])
def test_data_directory_refusing_writes_can_still_be_read(saved: Path, command: list[str]) -> None:
    """F11: a read-only disk or snapshot can be viewed and exported (the lock is opened
    read-only or skipped); only writes are refused."""
    before = files(saved)
    result = refused_writes(saved, *command)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert files(saved) == before


def test_a_damaged_favours_file_is_found_when_read_and_never_written(saved: Path) -> None:
    """Favours are read on first use, not at open: a command that needs them says so in
    one line; one that does not still works; the damaged file is never rewritten."""
    target = next(p for p in sorted((saved / "favours").glob("*.json")) if p.stat().st_size > 2)
    target.write_bytes(b"\x00 not json")
    assert netui(saved, "add", "Zed Newcomer").returncode == 0  # contacts only
    line = one_line_error(netui(saved, "ledger"))
    assert str(target) in line and "backups/auto-2026-11-22" in line
    # A favour whose id puts it in the damaged file: refused, the file left as it is.
    fid = next(f"f{n}" for n in range(1000)
               if shard_of(f"f{n}", SHARDS["favours"]) == int(target.stem))
    net = open_network(saved)
    try:
        someone = net.contact_rows()[0]
        with pytest.raises(CorruptData, match=str(target)):
            net.log_favour(Favour(id=fid, contact_id=someone.id, direction=Direction.gave,
                                  text="help", date=TODAY))
    finally:
        net.store.close()
    assert target.read_bytes() == b"\x00 not json"


def test_read_only_with_a_commit_left_halfway_shows_it_finished(saved: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               ) -> None:
    """A journal that cannot be replayed (read-only disk) is read through: the shards it
    renames are read from their temps, so the view is the commit done, never half of it."""
    with Store(saved, backups=False) as store:
        ids = [next(f"p{n}" for n in range(1000) if shard_of(f"p{n}", SHARDS[c]) == 1)
               for c in ("contacts", "interactions")]
        plan = []
        for collection, record_id in zip(("contacts", "interactions"), ids, strict=True):
            final = saved / collection / "01.json"
            data = orjson.loads(final.read_bytes()) if final.exists() else {collection: {}}
            data.setdefault(collection, {})[record_id] = {"id": record_id, "name": "New"}
            tmp = final.with_name(".01.json.0123abcd.tmp")
            tmp.write_bytes(orjson.dumps(data))
            plan.append([str(tmp.relative_to(saved)), str(final.relative_to(saved))])
        # The commit stopped after renaming the first file: only the second is pending.
        os.replace(saved / plan[0][0], saved / plan[0][1])
    (saved / "journal.json").write_bytes(orjson.dumps({"renames": plan}))
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):  # the kernel's answer, read-only
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(30, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    store = Store(saved, backups=False).open()
    try:
        assert store.readonly and "read-only" in (store.readonly_reason or "")
        assert store.get("contacts", ids[0]) is not None
        assert store.get("interactions", ids[1]) is not None  # from the pending temp
        assert store.refresh() == set()  # and it is not taken for a change on every poll
    finally:
        store.close()
