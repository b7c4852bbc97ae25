"""Files in or handed to the data directory that try to make netui write elsewhere, or to
lose data: a planted journal.json or restore.json, a hostile backup folder, empty or
damaged files, links, loose permissions. Each one: one line, a non-zero exit, nothing
outside the data directory touched, the data left as it was."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import orjson
import pytest

from netui.services import Network
from netui.storage import SHARDS, Store
from tests.cli_helpers import netui_in_process
from tests.conftest import TODAY
from tests.faults.test_bad_data import files, one_line_error
from tests.faults.test_bad_data import netui as netui_process


def netui(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """netui on `data_dir` in this process: what these tests check (the exit code, one
    line on stderr, the files) is the entry point's doing; the reported attack and
    tests/faults/test_bad_data.py run real processes."""
    return netui_in_process({"NETUI_DATA_DIR": str(data_dir), "NETUI_TODAY": TODAY.isoformat()},
                            *args)


@pytest.fixture
def saved(demo_network: Network, data_dir: Path) -> Path:
    """A demo data directory with its daily backup, closed."""
    demo_network.store.close()
    Store(data_dir, today=lambda: TODAY).open().close()
    return data_dir

# -- F1: journal.json is checked before anything is replayed -----------------------------

TMP = "contacts/.00.json.0123abcd.tmp"


def hostile_journals(outside: Path) -> dict[str, object]:
    return {
        "relative escape": [["contacts/payload.json", "../.bashrc"]],
        "absolute destination": [[TMP, str(outside / "victim")]],
        "absolute source": [[str(outside / "victim"), "contacts/00.json"]],
        "dotdot inside": [[TMP, "contacts/../../.bashrc"]],
        "into backups": [[TMP, "backups/auto-2026-11-22/contacts/00.json"]],
        "unknown shard": [[TMP, "contacts/99.json"]],
        "temp of another file": [["contacts/.01.json.0123abcd.tmp", "contacts/00.json"]],
        "not a temp": [["contacts/01.json", "contacts/00.json"]],
        "other collection dir": [["favours/.00.json.0123abcd.tmp", "contacts/00.json"]],
        "meta from elsewhere": [["../meta.json", "meta.json"]],
    }


@pytest.mark.parametrize("kind", list(hostile_journals(Path("/x"))))
def test_a_planted_journal_never_moves_a_file(saved: Path, tmp_path: Path,
                                              kind: str) -> None:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / ".bashrc").write_text("# real bashrc\n")
    (outside / "victim").write_text("victim\n")
    (saved / "contacts" / "payload.json").write_text('"$(touch PWNED)"')
    (saved / "journal.json").write_bytes(
        orjson.dumps({"renames": hostile_journals(outside)[kind]}))
    # The data dir's parent is where "../.bashrc" points: put the bait there too.
    (saved.parent / ".bashrc").write_text("# real bashrc\n")
    before, outside_before = files(saved), files(outside)
    line = one_line_error(netui(saved, "list"))
    assert "journal.json" in line
    assert files(saved) == before and files(outside) == outside_before
    assert (saved.parent / ".bashrc").read_text() == "# real bashrc\n"


def test_the_reported_attack_restore_then_list_leaves_bashrc_alone(saved: Path,
                                                                   tmp_path: Path) -> None:
    """F1 as reported: a "backup" someone sends carries a journal and a payload."""
    bashrc = saved.parent / ".bashrc"
    bashrc.write_text("# real bashrc\n")
    evil = tmp_path / "evil"
    shutil.copytree(next((saved / "backups").iterdir()), evil)
    (evil / "contacts" / "payload.json").write_text('"$(touch PWNED)"')
    (evil / "journal.json").write_text('{"renames": [["contacts/payload.json", "../.bashrc"]]}')
    before = files(saved)
    line = one_line_error(netui_process(saved, "restore", str(evil), "--yes"))
    assert str(evil) in line and "nothing was changed" in line
    assert netui_process(saved, "list").returncode == 0
    assert bashrc.read_text() == "# real bashrc\n"
    assert files(saved) == before  # not even a pre-restore copy


# -- a backup folder is checked completely before a restore changes anything -----------


def _first_shard(folder: Path, collection: str = "contacts") -> Path:
    return next(p for p in sorted((folder / collection).glob("*.json")) if p.stat().st_size > 50)


def _set_first_record(folder: Path, **fields: object) -> None:
    shard = _first_shard(folder)
    data = orjson.loads(shard.read_bytes())
    first = next(iter(data["contacts"]))
    data["contacts"][first].update(fields)
    shard.write_bytes(orjson.dumps(data))


HOSTILE_FOLDERS = {
    "journal.json": lambda f: (f / "journal.json").write_text('{"renames": []}'),
    "restore.json": lambda f: (f / "restore.json").write_text('{"files": ["meta.json"]}'),
    ".lock": lambda f: (f / ".lock").write_text(""),
    "unknown file": lambda f: (f / "contacts" / "payload.json").write_text("{}"),
    "unknown shard": lambda f: (f / "contacts" / "99.json").write_text("{}"),
    "temp file": lambda f: (f / "contacts" / ".00.json.0123abcd.tmp").write_text("{}"),
    "unknown folder": lambda f: (f / "scripts").mkdir(),
    "nested backups": lambda f: shutil.copytree(f / "contacts", f / "backups"),
    "symlinked shard": lambda f: _symlink_shard(f),
    "symlinked folder": lambda f: (shutil.rmtree(f / "checkins", ignore_errors=True),
                                   (f / "checkins").symlink_to("/etc")),
    "no meta.json": lambda f: (f / "meta.json").unlink(),
    "newer schema": lambda f: (f / "meta.json").write_text('{"schema": 99}'),
    "meta not an object": lambda f: (f / "meta.json").write_text("[1]"),
    "garbage shard": lambda f: _first_shard(f).write_bytes(b"\x00\xff not json"),
    "empty shard": lambda f: _first_shard(f).write_bytes(b""),
    "blank shard": lambda f: _first_shard(f).write_bytes(b" \n\t"),
    "truncated shard": lambda f: _first_shard(f).write_bytes(_first_shard(f).read_bytes()[:40]),
    "wrong table": lambda f: _first_shard(f).write_text('{"favours": {}}'),
    "record not a model": lambda f: _set_first_record(f, name=""),
    "bad date": lambda f: _set_first_record(f, birthday="not a date"),
    "id mismatch": lambda f: _set_first_record(f, id="someone-else"),
    "record in the wrong shard": lambda f: _wrong_shard(f),
}


def _symlink_shard(folder: Path) -> None:
    shard = _first_shard(folder)
    shard.unlink()
    shard.symlink_to("/etc/passwd")


def _wrong_shard(folder: Path) -> None:
    shard = _first_shard(folder)
    data = orjson.loads(shard.read_bytes())
    other = next(i for i in range(SHARDS["contacts"]) if i != int(shard.stem))
    target = folder / "contacts" / f"{other:02d}.json"
    moved = orjson.loads(target.read_bytes()) if target.exists() else {"contacts": {}}
    key, record = next(iter(data["contacts"].items()))
    moved["contacts"][key] = record
    target.write_bytes(orjson.dumps(moved))


@pytest.mark.parametrize("kind", list(HOSTILE_FOLDERS))
def test_a_hostile_backup_folder_is_refused_before_anything_changes(
        saved: Path, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "backup"
    shutil.copytree(next((saved / "backups").iterdir()), folder)
    HOSTILE_FOLDERS[kind](folder)
    before = files(saved)
    line = one_line_error(netui(saved, "restore", str(folder), "--yes"))
    assert str(folder) in line
    assert files(saved) == before


def test_a_clean_backup_folder_restores(saved: Path, tmp_path: Path) -> None:
    """The hostile cases above are refused for what they add, not for being copies."""
    folder = tmp_path / "backup"
    shutil.copytree(next((saved / "backups").iterdir()), folder)
    wanted = netui(saved, "list").stdout
    assert netui(saved, "add", "Added After Backup").returncode == 0
    result = netui(saved, "restore", str(folder), "--yes")
    assert result.returncode == 0, result.stderr
    assert "pre-restore-" in result.stdout and str(saved / "backups") in result.stdout
    assert netui(saved, "list").stdout == wanted


# -- F3 / F10: empty, blank or misshapen files are unreadable, and restore clears them --


@pytest.mark.parametrize("content", [b"", b"   \n\t  "])
def test_an_empty_shard_is_unreadable_never_empty(saved: Path, content: bytes) -> None:
    target = _first_shard(saved)
    target.write_bytes(content)
    before = files(saved)
    for _ in range(3):  # reads and writes alike: nothing is written over it
        for command in (["list"], ["add", "Zero Add"]):
            line = one_line_error(netui(saved, *command))
            assert str(target) in line and "backups/auto-2026-11-22" in line
    assert files(saved) == before


DAMAGED_MARKERS = {
    "journal truncated": ("journal.json", b'{"renames": [["contacts/.03.js'),
    "journal renames a number": ("journal.json", b'{"renames": 5}'),
    "journal pair of one": ("journal.json", b'{"renames": [["a"]]}'),
    "journal numbers": ("journal.json", b'{"renames": [[1, 2]]}'),
    "journal a list": ("journal.json", b"[]"),
    "journal empty": ("journal.json", b""),
    "restore garbage": ("restore.json", b"xx"),
    "restore old shape": ("restore.json", b'{"from": "/nonexistent"}'),
    "restore outside": ("restore.json", b'{"files": ["meta.json", "../x"]}'),
    "restore no staging": ("restore.json", b'{"files": ["meta.json"]}'),
    "meta a list": ("meta.json", b"[1]"),
    "meta a number": ("meta.json", b"5"),
    "meta schema text": ("meta.json", b'{"schema": "1"}'),
    "meta schema boolean": ("meta.json", b'{"schema": true}'),
    "meta blank": ("meta.json", b"  "),
}


@pytest.mark.parametrize("kind", list(DAMAGED_MARKERS))
def test_a_damaged_marker_is_one_line_and_restore_clears_it(saved: Path, kind: str) -> None:
    wanted = netui(saved, "list").stdout
    name, content = DAMAGED_MARKERS[kind]
    (saved / name).write_bytes(content)
    before = files(saved)
    line = one_line_error(netui(saved, "list"))
    assert str(saved / name) in line and "backups/auto-2026-11-22" in line
    assert files(saved) == before
    result = netui(saved, "restore", "--yes")
    assert result.returncode == 0, result.stderr
    assert netui(saved, "list").stdout == wanted
    assert not (saved / "journal.json").exists() and not (saved / "restore.json").exists()


def test_after_a_restore_the_default_target_is_a_backup_that_reads_back(saved: Path) -> None:
    """F10 note: the pre-restore copy of damaged files is the newest backup, but it is
    neither named in the hint nor taken as the default next time."""
    wanted = netui(saved, "list").stdout
    target = _first_shard(saved)
    target.write_bytes(b"garbage")
    assert netui(saved, "restore", "--yes").returncode == 0  # keeps a damaged pre-restore copy
    target.write_bytes(b"garbage again")
    line = one_line_error(netui(saved, "list"))
    assert "auto-2026-11-22" in line and "pre-restore" not in line
    result = netui(saved, "restore", "--yes")
    assert result.returncode == 0, result.stderr
    assert netui(saved, "list").stdout == wanted


# -- F14: links inside the data directory are refused, never followed --------------------


def _link(root: Path, name: str, to: Path) -> None:
    path = root / name
    if path.is_dir():
        shutil.copytree(path, to, dirs_exist_ok=True)
        shutil.rmtree(path)
    elif path.exists():
        shutil.copyfile(path, to)
        path.unlink()
    path.symlink_to(to)


@pytest.mark.parametrize("name", ["contacts", "interactions", "backups", "meta.json",
                                  "journal.json", ".lock", "contacts/00.json", "index.jsonl",
                                  "index-delta.jsonl"])
def test_a_link_inside_the_data_directory_is_refused(saved: Path, tmp_path: Path,
                                                     name: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    if name == "contacts/00.json" and not (saved / name).exists():
        (saved / name).write_text('{"contacts": {}}')
    target = outside / "target"
    if name in (".lock", "journal.json", "index.jsonl", "index-delta.jsonl"):  # dangling
        (saved / name).unlink(missing_ok=True)
        (saved / name).symlink_to(target)
    else:
        _link(saved, name, target)
    outside_before = files(outside)
    for command in (["list"], ["add", "Linked Person"], ["backup"]):
        line = one_line_error(netui(saved, *command))
        assert "symbolic link" in line and str(saved / name) in line
    assert files(outside) == outside_before
    if name in (".lock", "journal.json", "index.jsonl", "index-delta.jsonl"):
        assert not os.path.lexists(target)  # a dangling link is not created through
    assert (saved / name).is_symlink()


def test_a_dangling_lock_link_is_not_created_through(saved: Path, tmp_path: Path) -> None:
    (saved / ".lock").unlink(missing_ok=True)
    (saved / ".lock").symlink_to(tmp_path / "x")
    one_line_error(netui(saved, "list"))
    assert not os.path.lexists(tmp_path / "x")


# -- F13: modes are repaired on open ---------------------------------------------------------


def test_loose_permissions_are_repaired_on_open(saved: Path) -> None:
    for path in [saved, *saved.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o644)
    assert netui(saved, "list").returncode == 0
    modes = {str(p.relative_to(saved)): stat.S_IMODE(p.stat().st_mode)
             for p in saved.rglob("*")}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o700
    wrong = {k: oct(m) for k, m in modes.items()
             if m != (0o700 if (saved / k).is_dir() else 0o600)}
    assert not wrong
    assert len(modes) > 20  # backups included


def test_restore_reads_its_source_and_writes_only_inside(saved: Path, tmp_path: Path) -> None:
    """The source folder is only read: its files keep their bytes and modes."""
    folder = tmp_path / "backup"
    shutil.copytree(next((saved / "backups").iterdir()), folder)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    before = {str(p): (p.read_bytes() if p.is_file() else b"", p.stat().st_mode)
              for p in folder.rglob("*")}
    assert netui(saved, "restore", str(folder), "--yes").returncode == 0
    assert {str(p): (p.read_bytes() if p.is_file() else b"", p.stat().st_mode)
            for p in folder.rglob("*")} == before
    assert Store(saved, backups=False).open().count("contacts") > 0
