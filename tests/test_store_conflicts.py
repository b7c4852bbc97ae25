"""A data directory in Syncthing, Dropbox or git: conflict copies merged at open (issue 17
item 7)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Contact
from netui.storage.conflicts import original_of, split_markers
from netui.storage.errors import StoreError
from netui.storage.layout import shard_name
from netui.storage.shards import SHARDS, shard_of
from tests.cli_helpers import run
from tests.conftest import open_network


def _shard(data_dir: Path, cid: str) -> Path:
    return data_dir / shard_name("contacts", shard_of(cid, SHARDS["contacts"]))


def _planted(data_dir: Path) -> tuple[Contact, Path, dict]:
    """Ann in netui; a copy of her shard as another device wrote it (a newer edit)."""
    net = open_network(data_dir)
    ann = net.add_contact(Contact(name="Ann Lee", emails=["ann@home.org"], notes="laptop note"))
    net.store.close()
    shard = _shard(data_dir, ann.id)
    tables = orjson.loads(shard.read_bytes())
    other = dict(tables["contacts"][ann.id])
    other.update(emails=["ann@work.org"], notes="phone note", title="Captain",
                 updated_at=(ann.updated_at + timedelta(minutes=5)).isoformat())
    tables["contacts"][ann.id] = other
    return ann, shard, tables


@pytest.mark.parametrize(("name", "original"), [
    ("00.sync-conflict-20261201-101500-ABCDEF7.json", "00.json"),
    ("meta.sync-conflict-20261201-101500-7XK2QPZ.json", "meta.json"),
    ("03 (conflicted copy).json", "03.json"),
    ("03 (Ann's conflicted copy 2026-12-01).json", "03.json"),
    ("03.json", None),
    (".03.json.1a2b3c4d.tmp", None),
])
def test_conflict_copy_names(name, original):
    assert original_of(name) == original


def test_syncthing_conflict_copies_are_merged_record_by_record(data_dir, capsys, monkeypatch):
    ann, shard, tables = _planted(data_dir)
    copy = shard.with_name(shard.stem + ".sync-conflict-20261201-101500-ABCDEF7.json")
    copy.write_bytes(orjson.dumps(tables))
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    result = run(capsys, "list", "--json")
    assert result.code == 0
    assert "merged a sync conflict" in result.err and copy.name in result.err
    net = open_network(data_dir)
    merged = net.contact(ann.id)
    assert merged.title == "Captain"  # the newer edit wins
    assert merged.emails == ["ann@work.org", "ann@home.org"]  # lists: both kept
    assert "phone note" in merged.notes and "laptop note" in merged.notes
    assert net.contact_count() == 1
    net.store.close()
    assert not copy.exists()
    (kept,) = (data_dir / "backups").glob(f"sync-conflicts-*/contacts/{copy.name}")
    assert orjson.loads(kept.read_bytes()) == tables  # the copy itself, as it was


def test_a_record_only_in_the_dropbox_copy_is_kept(data_dir):
    _planted(data_dir)
    bob = Contact(name="Bob Ray")  # added on the other device
    target = _shard(data_dir, bob.id)
    own = orjson.loads(target.read_bytes()) if target.exists() else {"contacts": {}}
    own.setdefault("contacts", {})[bob.id] = bob.to_doc()
    target.with_name(target.stem + " (conflicted copy).json").write_bytes(orjson.dumps(own))
    net = open_network(data_dir)
    assert net.get_contact(bob.id) is not None
    net.store.close()


def test_git_merge_markers_in_a_shard_are_merged(data_dir):
    ann, shard, tables = _planted(data_dir)
    ours = orjson.dumps(orjson.loads(shard.read_bytes()), option=orjson.OPT_INDENT_2)
    theirs = orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    shard.write_bytes(b"<<<<<<< HEAD\n" + ours + b"\n=======\n" + theirs + b"\n>>>>>>> phone\n")
    assert split_markers(shard.read_bytes()) is not None
    net = open_network(data_dir)
    merged = net.contact(ann.id)
    net.store.close()
    assert merged.title == "Captain" and "laptop note" in merged.notes
    assert split_markers(shard.read_bytes()) is None


def test_a_sync_under_way_is_refused_and_nothing_changes(data_dir, capsys, monkeypatch):
    _ann, shard, _tables = _planted(data_dir)
    before = shard.read_bytes()
    (shard.parent / f".syncthing.{shard.name}.tmp").write_bytes(b"{")
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    result = run(capsys, "list")
    assert result.code == 1 and "still writing the data directory" in result.err
    assert len(result.err.splitlines()) == 1
    assert shard.read_bytes() == before


def test_an_unreadable_conflict_copy_is_one_line_and_nothing_changes(data_dir):
    _ann, shard, _tables = _planted(data_dir)
    before = shard.read_bytes()
    copy = shard.with_name(shard.stem + ".sync-conflict-20261201-101500-ABCDEF7.json")
    copy.write_bytes(b"{not json")
    with pytest.raises(StoreError, match="cannot merge the conflict copy"):
        open_network(data_dir)
    assert copy.exists() and shard.read_bytes() == before


def test_the_undo_log_keeps_this_machines_copy(data_dir):
    _planted(data_dir)
    undo = data_dir / "undo" / "00.json"
    assert undo.exists()
    before = undo.read_bytes()
    copy = undo.with_name("00.sync-conflict-20261201-101500-ABCDEF7.json")
    copy.write_bytes(b'{"undo": {"zz": {"id": "zz"}}}')
    net = open_network(data_dir)
    assert any("kept undo/00.json as it is" in line for line in net.store.sync_conflicts)
    net.store.close()
    assert undo.read_bytes() == before and not copy.exists()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"<<<<<<< HEAD", b"=======", b">>>>>>> other", b"<<<<<<",
                                 b" =======", b'{"a": "======="}', b"x", b"", b"\r"]),
                max_size=8),
       st.sampled_from([b"\n", b"\r\n"]))
def test_the_quick_marker_scan_never_misses_a_marker_the_pattern_finds(lines, newline):
    from netui.storage.conflicts import _MARKERS

    raw = newline.join(lines)
    assert (split_markers(raw) is None) == (_MARKERS.search(raw) is None)
