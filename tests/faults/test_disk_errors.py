"""A write the disk refuses (full, read-only, no permission) changes nothing, on disk or
in memory, says so in one line, and the next write works once the disk does."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from netui.domain.models import Contact, Favour, Interaction, Kind
from netui.services import Network
from netui.storage import WriteFailed

ERRORS = [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "the file system is read-only"),
    (errno.EACCES, "permission denied"),
]
# Where the store meets the disk: creating the temp file, writing it, renaming it in.
CALLS = ["open", "write", "replace"]


def disk_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))
            if "backups" not in p.parts}


def refuse(monkeypatch: pytest.MonkeyPatch, call: str, code: int, after: int = 0) -> None:
    """Make netui.storage's os.<call> fail with `code`, after `after` successful calls."""
    import netui.storage.fsio as storage

    real = getattr(os, call)
    seen = {"n": 0}

    def failing(*args, **kwargs):
        seen["n"] += 1
        if seen["n"] > after:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(storage.os, call, failing)


def note_for(net: Network, text: str = "coffee") -> Interaction:
    who = net.contacts()[0].id
    return Interaction(contact_ids=[who], date=date(2026, 11, 20), kind=Kind.meeting, text=text)


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(("code", "reason"), ERRORS)
def test_refused_write_changes_nothing_and_says_why(
    demo_network: Network, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    call: str, code: int, reason: str,
) -> None:
    net = demo_network
    on_disk = disk_bytes(data_dir)
    in_memory = net.store.snapshot()
    note = note_for(net)
    touched_before = net.last_touch(note.contact_ids[0])
    with monkeypatch.context() as m:
        refuse(m, call, code)
        with pytest.raises(WriteFailed) as info:
            net.log_interaction(note)
    message = str(info.value)
    assert "\n" not in message and reason in message and "nothing was changed" in message
    assert disk_bytes(data_dir) == on_disk
    assert net.store.snapshot() == in_memory
    assert net.last_touch(note.contact_ids[0]) == touched_before
    assert not [p for p in data_dir.rglob("*.tmp")]
    # The store keeps working once the disk does.
    net.log_interaction(note)
    assert net.interaction(note.id).text == "coffee"


@pytest.mark.parametrize(("code", "reason"), ERRORS)
def test_refused_multi_file_commit_is_all_or_nothing(
    demo_network: Network, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    code: int, reason: str,
) -> None:
    """A new contact with a note and a favour touches several files; when the disk refuses
    the second rename, none of it may be half-saved."""
    net = demo_network
    on_disk = disk_bytes(data_dir)
    in_memory = net.store.snapshot()
    new = Contact(name="Ada Lovelace")
    note = Interaction(contact_ids=[new.id], date=date(2026, 11, 20), kind=Kind.call, text="hi")
    with monkeypatch.context() as m:
        refuse(m, "replace", code, after=2)  # journal and first shard go in, then it fails
        with pytest.raises(WriteFailed) as info:
            net.log_interaction(note, new_contacts=[new])
    assert reason in str(info.value)
    # Either way, netui reopened from disk shows the transaction whole or not at all.
    from tests.conftest import open_network

    net.store.close()
    again = open_network(data_dir)
    try:
        has_contact = again.get_contact(new.id) is not None
        has_note = again.store.get("interactions", note.id) is not None
        assert has_contact == has_note
        if not has_contact:
            assert disk_bytes(data_dir) == on_disk
            assert again.store.snapshot() == in_memory
    finally:
        again.store.close()


def test_unserialisable_value_changes_nothing(demo_network: Network, data_dir: Path) -> None:
    """A value that cannot be stored never lingers in memory to break later writes."""
    from netui.storage import Change

    net = demo_network
    on_disk = disk_bytes(data_dir)
    with pytest.raises(WriteFailed):
        net.commit([Change("favours", "bad", {"id": "bad", "text": object()})], "bad")
    assert net.store.get("favours", "bad") is None
    assert disk_bytes(data_dir) == on_disk
    who = net.contacts()[0].id
    fav = Favour(contact_id=who, direction="gave", text="intro", date=date(2026, 11, 1))
    net.log_favour(fav)
    assert net.favour(fav.id).text == "intro"
