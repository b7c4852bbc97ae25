"""Backups: complete copies of the data files in backups/<label>/, one automatic one a day
(the newest 14 kept). A copy is made in a hidden folder and renamed in, so a kill never
leaves a half copy named as a backup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .fsio import DIR_MODE, copy_tree, fsync_dir, read_bytes, remove_tree
from .layout import data_names

AUTO_BACKUPS_KEPT = 14


def list_backups(backup_dir: Path) -> list[Path]:
    """Backups, newest first (hidden staging folders and links are not backups)."""
    if not backup_dir.is_dir() or backup_dir.is_symlink():
        return []
    found = [p for p in backup_dir.iterdir()
             if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def copy_current(root: Path, backup_dir: Path, label: str) -> Path:
    """Copy the data files as they are (readable or not) into backups/<label>/."""
    files: dict[str, bytes] = {}
    for rel in sorted(data_names()):
        raw = read_bytes(root / rel)
        if raw is not None:
            files[rel] = raw
    if not backup_dir.is_dir():
        os.mkdir(backup_dir, DIR_MODE)
    final = backup_dir / label
    staging = backup_dir / f".{label}.{os.urandom(4).hex()}"
    try:
        copy_tree(files, staging)
        old = None
        if os.path.lexists(final):  # moved aside first: never a half-deleted backup
            old = backup_dir / f".{label}.old.{os.urandom(4).hex()}"
            os.replace(final, old)
        os.replace(staging, final)
        fsync_dir(backup_dir)
        if old is not None:
            remove_tree(old)
    except BaseException:
        remove_tree(staging)
        raise
    return final


def rotate(backup_dir: Path) -> None:
    """Keep the newest AUTO_BACKUPS_KEPT automatic backups."""
    autos = sorted(p for p in list_backups(backup_dir) if p.name.startswith("auto-"))
    for old in autos[:-AUTO_BACKUPS_KEPT]:
        shutil.rmtree(old, ignore_errors=True)
