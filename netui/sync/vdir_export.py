"""`netui export vcard --vdir`: netui's people mirrored into a vdir (khard, vdirsyncer),
one file each, only the files that changed rewritten (so a sync tool uploads only real
edits), all of them written in one durable batch (storage.batch_write)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..domain.models import Contact
from ..interop.vcard_read import card_uid
from ..interop.vcard_write import PRODID, to_vcard, vdir_filename
from ..storage.batch_write import remove_stale_temps, write_batch
from ..storage.fsio import fsync_dir
from .card_patch import patch_card
from .fields import fields_of, read_card
from .run import round_lock

_MARK = f"PRODID:{PRODID}".encode()


def _cards_on_disk(folder: Path) -> dict[str, bytes]:
    """Every .vcf file of the folder (its name -> bytes); links and folders left out."""
    out: dict[str, bytes] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".vcf") and entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as f:
                    out[entry.name] = f.read()
    return out


Extras = Callable[[Contact], Sequence[str]]


def _card_for(c: Contact, name: str, raw: bytes, extras: Extras | None) -> bytes:
    """netui's card for `c`: its own vCard, or, where another app wrote the file, that
    card with only netui's changed fields written in (see card_patch)."""
    if not raw or _MARK in raw[:400]:
        return to_vcard(c, extras(c) if extras else ()).encode()
    card = read_card(raw, name, ())
    theirs = fields_of(card.contact) if card.contact else {}
    ours = fields_of(c)
    changed = {k for k in ours if theirs.get(k) != ours[k]}
    if not changed:
        return raw
    return patch_card(raw.decode("utf-8", errors="replace"), c, changed).encode()


def export_vdir(folder: Path, contacts: list[Contact],
                extras: Extras | None = None) -> tuple[int, int]:
    """Mirror `contacts` into the vdir `folder`. A card already there for the UID keeps
    its file name (vdirsyncer must never see two files for one UID) and everything netui
    does not model. Files netui wrote for people no longer exported are removed, so
    deletions sync too; other programs' files are left alone. Returns (files written,
    files removed). `extras` gives a card's further lines (roles' links, X-NETUI-LINK)."""
    return export_vdir_loading(folder, lambda: (contacts, extras))


Load = Callable[[], tuple[list[Contact], Extras | None]]


def export_vdir_loading(folder: Path, load: Load, expected: int = 0) -> tuple[int, int]:
    """export_vdir of what `load` reads, called once the folder is locked and read: into
    an empty vdir the files' inodes are then made while the network is read (`expected`:
    about how many contacts it holds; see batch_write)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with round_lock(folder):
        remove_stale_temps(folder)
        on_disk = _cards_on_disk(folder)
        by_uid: dict[str, str] = {}  # uid -> the file that holds it
        for name in sorted(on_disk):
            if (uid := card_uid(on_disk[name])) is not None:
                by_uid.setdefault(uid, name)
        last: dict[str, int] = {}  # file name -> the last contact it is for

        def changed() -> Iterator[tuple[str, bytes]]:
            contacts, extras = load()
            held = [by_uid.get(c.uid or c.id) or by_uid.get(c.id) for c in contacts]
            names = [h or vdir_filename(c) for h, c in zip(held, contacts, strict=True)]
            last.update((name, n) for n, name in enumerate(names))  # a name twice: the last
            for n, c in enumerate(contacts):
                name = names[n]
                if last[name] != n:
                    continue
                data = _card_for(c, name, on_disk[name] if held[n] else b"", extras)
                if on_disk.get(name) != data:
                    yield name, data

        # Written while the next cards are built; made ahead only for a vdir of no cards
        # (a re-export rewrites only what changed).
        written = write_batch(folder, changed(), expected=0 if on_disk else expected)
        removed = 0
        for name, raw in on_disk.items():
            if name not in last and _MARK in raw[:400]:
                with contextlib.suppress(FileNotFoundError):
                    (folder / name).unlink()
                removed += 1
        if removed:
            fsync_dir(folder)
    return written, removed
