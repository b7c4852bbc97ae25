"""What the tests of a derived file (the shell's index, the health figures' file) share:
the damages a torn or planted file can have, and a SIGKILL while one is being written
(through fsio.write_temp, which dies half-way through the temp file, "mid" in `where`, or
just before the rename), after which the store must hold exactly what it held, plus the
note a commit made before the kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from netui.storage import Store
from tests.conftest import REPO, TODAY

TORN = ("truncated", "flipped byte", "empty", "other version", "not json", "a folder")


def tear(path: Path, damage: str, version: bytes) -> bool:
    """Damage the file at `path` as `damage` in TORN says (`version` is its format's
    version field, as `"netui-index":1`); False for a damage that is not one of these."""
    raw = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) - 40])
    elif damage == "flipped byte":
        path.write_bytes(raw[:-20] + bytes([raw[-20] ^ 1]) + raw[-19:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other version":
        assert version in raw, "the file no longer names its version as the test thinks"
        path.write_bytes(raw.replace(version, version[:-1] + b"9", 1))
    elif damage == "not json":
        path.write_bytes(b"\x00\xff" + raw)
    elif damage == "a folder":
        path.unlink()
        path.mkdir()
    else:
        return False
    return True


def dying_writer(prefix: str) -> str:
    """The start of a killer script: argv is root, where, a contact id; `real` is the
    true writer and `dying` the one that kills the process on a file named `prefix`..."""
    return f'''
import os, signal, sys
from datetime import date
from netui.storage import fsio
where = sys.argv[2]
real = fsio.write_temp
def dying(final, data, *, sync=True):
    if not final.name.startswith({prefix!r}):
        return real(final, data, sync=sync)
    if "mid" in where:
        fd = os.open(final.with_name(f".{{final.name}}.0badf00d.tmp"),
                     os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, data[: len(data) // 2])
    else:
        real(final, data, sync=sync)
    os.kill(os.getpid(), signal.SIGKILL)
'''


def assert_a_kill_loses_nothing(root: Path, killer: str, where: str, contact_id: str, *,
                                committed: bool, temps: str) -> None:
    """Run `killer`; it must die of SIGKILL, leave the data as it was (with the one note
    "k" when `committed`) and leave no temp file matching `temps` once the store opens."""
    before = Store(root, today=lambda: TODAY).open(backup=False)
    want = before.snapshot()
    before.close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", killer, str(root), where, contact_id],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    after = Store(root, today=lambda: TODAY).open(backup=False)
    got = after.snapshot()
    after.close()
    if committed:  # the note was committed before the derived file was written
        assert len(got["interactions"]) == len(want["interactions"]) + 1
        got["interactions"] = [d for d in got["interactions"] if d.get("text") != "k"]
        got["undo"], want["undo"] = [], []
    assert got == want
    assert not list(root.glob(temps))  # the open cleaned the temp
