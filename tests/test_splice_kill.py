"""A real SIGKILL inside a spliced commit (`netui note`'s short path adding a note to a
shard's bytes, storage.splice) loses nothing and half-writes nothing: after the kill the
store holds what it held, or that plus the whole note, and the whole note once the kill
came after the journal was renamed into place (the commit point). The crash harness
(tests/faults) opens its store directly, so it never takes the splice; this does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from netui.domain.models import Contact, Interaction, Kind
from netui.services import Network
from netui.storage import Store
from netui.storage.shards import SHARDS
from tests.conftest import REPO, TODAY

KILLER = '''
import os, signal, sys
from pathlib import Path
from netui.storage import fsio, journal, splice
from netui.cli import note_fast
root, where, at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
real_temp, real_replace, real_appended = fsio.write_temp, os.replace, splice.appended
calls = {"temp": 0, "replace": 0}

def appended(*args):
    raw = real_appended(*args)
    if raw is not None:
        (root.parent / "spliced").write_text("yes")
    return raw

def dying_temp(final, data, *, sync=True):
    calls["temp"] += 1
    if where.startswith("temp") and calls["temp"] == at:
        if where == "temp-mid":
            fd = os.open(final.with_name(f".{final.name}.0badf00d.tmp"),
                         os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, data[: len(data) // 2])
        else:
            real_temp(final, data, sync=sync)
        os.kill(os.getpid(), signal.SIGKILL)
    return real_temp(final, data, sync=sync)

def dying_replace(src, dst, **kw):
    calls["replace"] += 1
    real_replace(src, dst, **kw)
    if where == "replace" and calls["replace"] == at:
        os.kill(os.getpid(), signal.SIGKILL)

splice.appended = appended
fsio.write_temp = journal.write_temp = dying_temp
os.replace = dying_replace
sys.exit(note_fast.run(["note", "@Ana", "note", "prefers", "mornings"]) or 0)
'''


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "NETUI_DATA_DIR": str(root),
            "NETUI_CONFIG": str(root.parent / "config.toml"),
            "NETUI_TODAY": TODAY.isoformat()}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two people and notes until every interactions shard has a file."""
    root = tmp_path_factory.mktemp("seed") / "data"
    store = Store(root, backups=False, today=lambda: TODAY).open()
    net = Network(store, today=lambda: TODAY)
    people = [net.add_contact(Contact(name=n)).id for n in ("Ana Lima", "Bo Chen")]
    folder, i = root / "interactions", 0
    while i < 200 or len(list(folder.glob("*.json"))) < SHARDS["interactions"]:
        net.log_interaction(Interaction(contact_ids=[people[i % 2]], date=date(2026, 1, 1),
                                        kind=Kind.call, text=f"earlier call {i}"))
        i += 1
        assert i < 5000
    store.close()
    return root


def _index(root: Path) -> None:
    """The shell index of this copy (a copy's files are new inodes: an index copied
    with them would not describe them, and nothing would be spliced)."""
    listed = subprocess.run([sys.executable, "-m", "netui", "list"], env=_env(root),
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr


def _records(root: Path) -> dict[str, list[dict]]:
    store = Store(root, backups=False, today=lambda: TODAY).open(backup=False)
    try:
        return {c: sorted(store.docs(c), key=lambda d: d["id"])
                for c in ("contacts", "interactions", "favours", "checkins")}
    finally:
        store.close()


@pytest.mark.parametrize(("where", "at"), [
    ("temp-mid", 1), ("temp-after", 1), ("temp-mid", 2), ("temp-after", 2),
    ("replace", 1), ("replace", 2), ("replace", 3)])
def test_a_kill_inside_a_spliced_note_loses_nothing(seeded, tmp_path, where, at):
    root = tmp_path / "data"
    subprocess.run(["cp", "-a", str(seeded), str(root)], check=True)
    (root.parent / "config.toml").touch()
    _index(root)
    before = _records(root)
    done = subprocess.run([sys.executable, "-c", KILLER, str(root), where, str(at)],
                          env=_env(root), capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr)
    assert (root.parent / "spliced").read_text() == "yes"  # the commit it died in spliced
    after = _records(root)
    new = [d for d in after["interactions"] if d not in before["interactions"]]
    assert {k: v for k, v in after.items() if k != "interactions"} == \
        {k: v for k, v in before.items() if k != "interactions"}
    assert [d for d in after["interactions"] if d not in new] == before["interactions"]
    assert new == [] or [d["text"] for d in new] == ["prefers mornings"]
    if where == "replace":  # past the journal's rename, the commit point: it is kept
        assert [d["text"] for d in new] == ["prefers mornings"]
    assert not list(root.rglob("*.tmp"))  # the open cleaned what the kill left
