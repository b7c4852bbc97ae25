"""A sync tool or an editor changes a data file while netui has it open: netui notices,
never writes over what it did not see, and refuses a broken file without touching it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from netui.services import Network
from netui.storage import SHARDS, Conflict, CorruptData, shard_of


def shard_path(data_dir: Path, collection: str, record_id: str) -> Path:
    return data_dir / collection / f"{shard_of(record_id, SHARDS[collection]):02d}.json"


def rewrite_record(path: Path, collection: str, record_id: str, **fields: object) -> bytes:
    """What a sync tool does: a whole new file, with one record changed."""
    data = orjson.loads(path.read_bytes())
    data[collection][record_id].update(fields)
    raw = orjson.dumps(data)
    tmp = path.with_name("synced.part")
    tmp.write_bytes(raw)
    tmp.replace(path)
    return raw


def test_edit_of_a_record_changed_on_disk_is_refused(demo_network: Network,
                                                     data_dir: Path) -> None:
    net = demo_network
    person = net.contacts()[0]
    path = shard_path(data_dir, "contacts", person.id)
    theirs = rewrite_record(path, "contacts", person.id, company="Synced Co")
    with pytest.raises(Conflict, match="changed on disk"):
        net.edit_contact(person.id, company="Mine Co")
    assert path.read_bytes() == theirs  # never clobbered
    assert net.contact(person.id).company == "Synced Co"  # and the new version is loaded
    net.edit_contact(person.id, company="Mine Co")  # a retry on the new version works
    assert net.contact(person.id).company == "Mine Co"


def test_write_to_another_record_keeps_the_external_change(demo_network: Network,
                                                           data_dir: Path) -> None:
    net = demo_network
    people = net.contacts()
    first = people[0]
    path = shard_path(data_dir, "contacts", first.id)
    rewrite_record(path, "contacts", first.id, company="Synced Co")
    neighbour = next(c for c in people[1:] if shard_path(data_dir, "contacts", c.id) == path)
    net.edit_contact(neighbour.id, company="Mine Co")
    on_disk = orjson.loads(path.read_bytes())["contacts"]
    assert on_disk[first.id]["company"] == "Synced Co"
    assert on_disk[neighbour.id]["company"] == "Mine Co"


def test_corrupt_replacement_is_reported_and_left_alone(demo_network: Network,
                                                        data_dir: Path) -> None:
    net = demo_network
    person = net.contacts()[0]
    path = shard_path(data_dir, "contacts", person.id)
    broken = path.read_bytes()[:-40]  # a sync that stopped halfway
    path.write_bytes(broken)
    with pytest.raises(CorruptData) as info:
        net.edit_contact(person.id, company="Mine Co")
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "untouched" in message
    assert "backup" in message
    assert path.read_bytes() == broken


def test_refresh_picks_up_a_deleted_record(demo_network: Network, data_dir: Path) -> None:
    net = demo_network
    person = net.contacts()[0]
    path = shard_path(data_dir, "contacts", person.id)
    data = orjson.loads(path.read_bytes())
    del data["contacts"][person.id]
    path.write_bytes(orjson.dumps(data))
    assert net.refresh() is True
    assert net.get_contact(person.id) is None
