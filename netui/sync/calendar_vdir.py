"""Birthdays and check-ins as a calendar vdir: one .ics per event, named from its UID,
for vdirsyncer to sync with a CalDAV server (khal reads the folder directly)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..interop.ics import PRODID, calendar, calendar_events
from ..storage.batch_write import remove_stale_temps, write_batch
from ..storage.fsio import fsync_dir
from .run import round_lock

if TYPE_CHECKING:
    from ..services import Network

_UNSAFE = re.compile(r"[^A-Za-z0-9_.+-]")
_DTSTAMP = re.compile(rb"^DTSTAMP[;:].*\r?\n", re.MULTILINE)
_MARK = f"PRODID:{PRODID}".encode()


def ics_name(uid: str) -> str:
    return _UNSAFE.sub("_", uid) + ".ics"


def _same(a: bytes, b: bytes) -> bool:
    """Equal but for DTSTAMP, which changes on every export (vdirsyncer ignores it too):
    an unchanged event is not rewritten, so nothing is uploaded for it."""
    return _DTSTAMP.sub(b"", a) == _DTSTAMP.sub(b"", b)


def write_calendar_vdir(network: Network, folder: Path) -> tuple[int, int]:
    """Make `folder` hold exactly netui's current events: changed ones written, netui's
    files for events that are gone (a check-in done, a person archived) removed, other
    programs' files left alone. Returns (files written, files removed)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with round_lock(folder):
        remove_stale_temps(folder)
        return _write(network, folder)


def _write(network: Network, folder: Path) -> tuple[int, int]:
    wanted: dict[str, bytes] = {}
    for ev in calendar_events(network):
        wanted[ics_name(ev.uid)] = calendar([ev])
    writes = {}
    for name, data in wanted.items():
        path = folder / name
        if not path.is_file() or not _same(path.read_bytes(), data):
            writes[name] = data
    write_batch(folder, writes)
    removed = 0
    for path in folder.glob("*.ics"):
        if path.name not in wanted and path.is_file() and _MARK in path.read_bytes()[:400]:
            path.unlink()
            removed += 1
    if removed:
        fsync_dir(folder)
    return len(writes), removed
