"""Deleting a person leaves no orphan, even racing a shell note (F9): what goes with
them is read under the lock from the disk, and the JSON export always re-imports."""

from __future__ import annotations

from pathlib import Path

import orjson

from netui.domain.models import Contact, Interaction
from netui.services import Network
from tests.conftest import TODAY, open_network
from tests.faults.test_two_processes import netui


def test_delete_racing_a_shell_note_leaves_no_orphan(network: Network, data_dir: Path,
                                                     tmp_path: Path) -> None:
    base = network.add_contact(Contact(name="Base Person", circle="close"))
    keep = network.add_contact(Contact(name="Other Person"))
    network.log_interaction(Interaction(contact_ids=[base.id, keep.id], date=TODAY, text="x"))
    network.load_history()  # the app has every note indexed
    assert network.interactions_for(base.id)
    done = netui(data_dir, "note", "@Base Person coffee racing-note")  # the confirm is open
    assert done.returncode == 0, done.stderr
    network.delete_contact(base.id)  # no poll in between
    exported = network.export_all()
    assert not [i for i in exported["interactions"] if base.id in i["contact_ids"]]
    assert [i["contact_ids"] for i in exported["interactions"]] == [[keep.id]]
    backup = tmp_path / "b.json"
    backup.write_bytes(orjson.dumps(exported))
    fresh = netui(tmp_path / "new", "import", "json", str(backup))
    assert fresh.returncode == 0, fresh.stderr
    assert open_network(tmp_path / "new").contacts()[0].name == "Other Person"


def test_merge_racing_a_shell_note_moves_it(network: Network, data_dir: Path) -> None:
    keep = network.add_contact(Contact(name="Ada Lovelace"))
    dup = network.add_contact(Contact(name="Ada King"))
    network.load_history()
    assert netui(data_dir, "note", "@Ada King late note").returncode == 0
    network.merge_contacts(keep.id, dup.id)
    notes = network.export_all()["interactions"]
    assert [n["contact_ids"] for n in notes] == [[keep.id]]


def test_orphans_another_program_left_on_disk_still_export_to_a_file_that_imports(
        network: Network, data_dir: Path, tmp_path: Path) -> None:
    """Records naming a person who is gone (left by an older netui, or a sync tool that
    dropped one contact file) are exported as deleting that person would have left them."""
    from netui.domain.models import Direction, Favour
    from netui.storage.change import Change

    ada = network.add_contact(Contact(name="Ada Lovelace"))
    gone = network.add_contact(Contact(name="Gone Person"))
    network.log_interaction(Interaction(contact_ids=[ada.id, gone.id], date=TODAY, text="both"))
    network.log_interaction(Interaction(contact_ids=[gone.id], date=TODAY, text="only gone"))
    network.log_favour(Favour(contact_id=gone.id, direction=Direction.gave, date=TODAY,
                              text="their favour"))
    network.log_favour(Favour(contact_id=ada.id, direction=Direction.gave, date=TODAY,
                              text="intro", introduced_id=gone.id))
    network.store.apply([Change("contacts", gone.id, None)])  # the contact alone vanishes
    exported = network.export_all()
    assert [i["text"] for i in exported["interactions"]] == ["both"]
    assert [i["contact_ids"] for i in exported["interactions"]] == [[ada.id]]
    assert [(f["text"], f["introduced_id"]) for f in exported["favours"]] == [("intro", None)]
    backup = tmp_path / "b.json"
    backup.write_bytes(orjson.dumps(exported))
    fresh = netui(tmp_path / "new", "import", "json", str(backup))
    assert fresh.returncode == 0, fresh.stderr
