"""The sync state on disk, and the sync tool run around a round (`[sync] command`)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Invalid
from ..storage.errors import StoreError
from ..storage.fsio import atomic_write, read_bytes
from ..storage.layout import SYNC_STATE
from .state import SyncState, dump_state, parse_state


def load_state(root: Path) -> SyncState:
    raw = read_bytes(root / SYNC_STATE)
    if raw is None:
        return SyncState()
    try:
        return parse_state(raw)
    except ValueError as exc:
        raise StoreError(f"the sync state {root / SYNC_STATE} is unreadable ({exc}); move it "
                         "away to sync afresh (nothing is lost: the next round merges by UID)"
                         ) from None


def save_state(root: Path, state: SyncState) -> None:
    atomic_write(root / SYNC_STATE, dump_state(state))


@contextlib.contextmanager
def round_lock(folder: Path) -> Iterator[None]:
    """One netui writer at a time per vdir: a second `netui sync` (from cron and by hand)
    would read the state the first is about to replace, and an export would race the
    round's files."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Invalid(f"another netui sync or export is writing to {folder}; try again "
                          "when it has finished") from None
        yield
    finally:
        os.close(fd)


def run_tool(command: str, when: str, echo: Callable[[str], None]) -> None:
    """Run the sync tool (no shell), its output shown line by line; Invalid on failure."""
    argv = shlex.split(command)
    if not argv:
        return
    echo(f"$ {command}")
    try:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, text=True, errors="replace")
    except OSError as exc:
        raise Invalid(f"cannot run the sync command {argv[0]!r} {when}: "
                      f"{exc.strerror or exc}") from None
    assert proc.stdout is not None
    for line in proc.stdout:
        echo(line.rstrip("\n"))
    code = proc.wait()
    if code != 0:
        raise Invalid(f"the sync command `{command}` failed {when} (exit {code})")
