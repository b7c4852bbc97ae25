"""A restore or a backup SIGKILLed at every step it takes (F4, F15): a child process kills
itself with SIGKILL just before its K-th file system step (rename, unlink, fsync, mkdir),
for K = 1, 2, ... until it finishes. After each kill the source folder is removed (the
drive is unplugged) and the data opened: it must be the old network or the new one, and
no half copy may count as a backup."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netui.domain.models import Contact, Interaction
from netui.storage import Store
from tests.conftest import REPO, TODAY, open_network

CHILD = """
import os, signal, sys
from pathlib import Path
from netui.storage import Store
root, source, what, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
steps = 0
def counted(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step
if what == "backup":
    store = Store(root, backups=False).open()
for name in ("replace", "rename", "unlink", "fsync", "mkdir", "rmdir"):
    setattr(os, name, counted(getattr(os, name)))
if what == "restore":
    Store.restore(root, source)
else:
    store.backup()
print(steps)
"""


def run_child(root: Path, source: Path, what: str, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(root), str(source), what,
                           str(kill_at)], capture_output=True, text=True, cwd=REPO, timeout=60)


def contents(root: Path) -> dict[str, list[dict]]:
    store = Store(root, backups=False).open()
    try:
        return store.snapshot()
    finally:
        store.close()


@pytest.fixture
def old_and_new(tmp_path: Path) -> tuple[Path, Path]:
    """A data directory (the old network) and a backup folder of an earlier state (new)."""
    root = tmp_path / "template"
    net = open_network(root)
    ada = net.add_contact(Contact(name="Ada Lovelace"))
    net.add_contact(Contact(name="Grace Hopper"))
    net.log_interaction(Interaction(contact_ids=[ada.id], text="tea", date=TODAY))
    source = tmp_path / "usb-backup"
    shutil.copytree(net.store.backup("manual-test"), source)
    net.add_contact(Contact(name="Added After Backup"))
    net.log_interaction(Interaction(contact_ids=[ada.id], text="later note", date=TODAY))
    net.store.close()
    shutil.rmtree(root / "backups")
    return root, source


def test_a_restore_killed_at_any_step_leaves_the_old_or_the_new_network(
        old_and_new: tuple[Path, Path], tmp_path: Path) -> None:
    template, source = old_and_new
    old = contents(template)
    new = _restored_contents(template, source, tmp_path)
    assert old != new and old["contacts"] and new["contacts"]
    seen = {"old": 0, "new": 0}
    for kill_at in range(1, 1000):
        root, usb = tmp_path / f"run{kill_at}", tmp_path / f"usb{kill_at}"
        shutil.copytree(template, root)
        shutil.copytree(source, usb)
        result = run_child(root, usb, "restore", kill_at)
        shutil.rmtree(usb)  # the drive is unplugged
        if result.returncode == 0:
            assert contents(root) == new
            break
        assert result.returncode == -9, result.stderr
        after = contents(root)
        assert after in (old, new), f"killed at step {kill_at}: neither old nor new"
        seen["old" if after == old else "new"] += 1
        assert not (root / "restore.json").exists() and not (root / ".restore-staging").exists()
        # The pre-restore copy, if it was made, is complete: it is the old data.
        for kept in (root / "backups").glob("pre-restore-*"):
            assert contents_of(kept) == old
        shutil.rmtree(root)
    else:
        pytest.fail("the restore never finished")
    assert kill_at > 20 and seen["old"] and seen["new"]  # both sides of the switch were hit


def _restored_contents(template: Path, source: Path, tmp_path: Path) -> dict:
    root = tmp_path / "reference"
    shutil.copytree(template, root)
    Store.restore(root, source)
    return contents(root)


def test_a_backup_killed_at_any_step_leaves_no_half_copy(
        old_and_new: tuple[Path, Path], tmp_path: Path) -> None:
    template, _source = old_and_new
    for kill_at in range(1, 1000):
        root = tmp_path / f"run{kill_at}"
        shutil.copytree(template, root)
        result = run_child(root, root, "backup", kill_at)
        if result.returncode == 0:
            break
        assert result.returncode == -9, result.stderr
        store = Store(root, backups=False).open()
        try:
            for backup in store.backups():  # whatever counts as a backup is complete
                assert contents_of(backup) == contents(root)
        finally:
            store.close()
        assert not [p for p in (root / "backups").glob(".*")], "stale staging kept"
        shutil.rmtree(root)
    else:
        pytest.fail("the backup never finished")
    assert kill_at > 5


def contents_of(backup: Path) -> dict[str, list[dict]]:
    copy = backup.parent.parent.parent / f"{backup.parent.parent.name}-check"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(backup, copy)
    try:
        return contents(copy)
    finally:
        shutil.rmtree(copy)

