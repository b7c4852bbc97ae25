"""F11 on a real read-only file system: the data copied to a tmpfs that is then remounted
read-only, in a private mount namespace (`unshare -m`, needs root; skipped otherwise).
Reading and exporting work, with or without a `.lock` file; a change is refused with one
line and nothing else happens."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netui.services import Network
from tests.conftest import REPO, TODAY

SCRIPT = """
set -e
mount -t tmpfs -o mode=0700 none "$MNT"
cp -a "$SRC/." "$MNT/"
[ "$NO_LOCK" = 1 ] && rm -f "$MNT/.lock"
mount -o remount,ro "$MNT"
for cmd in list due "export json -" "add Ada-Lovelace"; do
    name=$(echo "$cmd" | cut -d' ' -f1)
    set +e
    "$PY" -m netui $cmd > "$OUT/$name.out" 2> "$OUT/$name.err"
    echo $? > "$OUT/$name.rc"
    set -e
done
"""


def _can_unshare() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs root and unshare -m")
@pytest.mark.parametrize("no_lock", [False, True])
def test_a_read_only_disk_can_be_read_and_exported(demo_network: Network, data_dir: Path,
                                                   tmp_path: Path, no_lock: bool) -> None:
    demo_network.store.close()
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    env = {**os.environ, "MNT": str(mnt), "SRC": str(data_dir), "OUT": str(out),
           "PY": sys.executable, "NO_LOCK": "1" if no_lock else "0",
           "NETUI_DATA_DIR": str(mnt), "NETUI_TODAY": TODAY.isoformat()}
    result = subprocess.run(["unshare", "-m", "sh", "-c", SCRIPT], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr

    def rc(name: str) -> int:
        return int((out / f"{name}.rc").read_text())

    for name in ("list", "due", "export"):
        assert rc(name) == 0, (out / f"{name}.err").read_text()
        assert (out / f"{name}.out").read_text().strip()
    assert '"contacts"' in (out / "export.out").read_text()
    assert rc("add") not in (0, 70)
    err = (out / "add.err").read_text().strip().splitlines()
    assert len(err) == 1 and "read-only" in err[0] and "Traceback" not in err[0]
