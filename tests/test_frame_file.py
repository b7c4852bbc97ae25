"""The app's first-frame file (storage.frame_file, services.first_frame): what it records
is the contact list the app opens on, and it is trusted only while the contact files,
the schema and the config are the ones it was written from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netui.domain.models import Contact
from netui.services.first_frame import first_frame_files, save_first_frame
from netui.storage import frame_file, layout
from netui.storage.migrations import SCHEMA_VERSION
from netui.storage.shards import SHARDS
from netui.ui.contact_list import natural_widths
from tests.conftest import open_network


def save(network, config_path: Path | None, theme: str | None = "nord") -> object:
    return save_first_frame(network, theme=theme, config_path=config_path,
                            natural=natural_widths)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n')
    return path


def test_it_records_the_list_the_app_opens_on(demo_network, data_dir, config):
    demo_network.set_archived(demo_network.contact_rows()[0].id)
    save(demo_network, config)
    found = frame_file.read(data_dir, config)
    assert found is not None
    listed = demo_network.contact_rows()  # name order, archived left out
    assert found.rows == listed[:frame_file.HEAD_ROWS]
    assert found.count == len(listed) == demo_network.active_count()
    assert found.natural == natural_widths(listed)
    assert found.theme == "nord"
    assert os.stat(data_dir / frame_file.NAME).st_mode & 0o777 == 0o600


def test_it_keeps_the_first_rows_only(network, data_dir, config):
    people = [Contact(name=f"Person {n:04d}") for n in range(frame_file.HEAD_ROWS + 5)]
    network.import_all({"schema": SCHEMA_VERSION, "contacts": [c.to_doc() for c in people]})
    save(network, config)
    found = frame_file.read(data_dir, config)
    assert found is not None and found.count == frame_file.HEAD_ROWS + 5
    assert [r.name for r in found.rows] == [f"Person {n:04d}"
                                           for n in range(frame_file.HEAD_ROWS)]


def test_the_files_it_stamps_are_the_contacts_shards_and_the_schema():
    names = first_frame_files()
    assert set(names) == {layout.META} | {layout.shard_name("contacts", i)
                                          for i in range(SHARDS["contacts"])}
    assert frame_file.FOLDER == "contacts" and frame_file.SCHEMA_FILE == layout.META
    assert set(names) <= layout.data_names()


def test_a_write_by_another_netui_makes_it_stale(demo_network, data_dir, config):
    save(demo_network, config)
    other = open_network(data_dir)
    other.add_contact(Contact(name="Aaron Early"))
    other.store.close()
    assert frame_file.read(data_dir, config) is None


def test_a_write_to_other_records_keeps_it(demo_network, data_dir, config):
    """Only contact files feed the rows: a note logged leaves the file usable."""
    save(demo_network, config)
    first = demo_network.contact_rows()[0]
    demo_network.mark_done(first.id)
    found = frame_file.read(data_dir, config)
    assert found is not None and found.rows[0] == first


@pytest.mark.parametrize("change", ["config edited", "another config", "no config",
                                    "schema rewritten", "unknown shard", "torn", "not json",
                                    "another version", "a link"])
def test_anything_else_changed_and_it_is_not_used(demo_network, data_dir, config, tmp_path,
                                                   change):
    save(demo_network, config)
    path = data_dir / frame_file.NAME
    assert frame_file.read(data_dir, config) is not None
    where = config
    if change == "config edited":
        config.write_text('theme = "gruvbox"\n')
    elif change == "another config":
        where = tmp_path / "other.toml"
        where.write_bytes(config.read_bytes())
    elif change == "no config":
        config.unlink()
    elif change == "schema rewritten":
        meta = data_dir / layout.META
        meta.write_bytes(meta.read_bytes() + b" ")
    elif change == "unknown shard":
        (data_dir / "contacts" / "99.json").write_text("{}")
    elif change == "torn":
        path.write_bytes(path.read_bytes()[:-20])
    elif change == "not json":
        path.write_bytes(b"\x00\x01")
    elif change == "another version":
        path.write_bytes(path.read_bytes().replace(b'"netui-first-frame":1', b'"netui-first-frame":2'))
    elif change == "a link":
        real = tmp_path / "elsewhere.json"
        real.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(real)
    assert frame_file.read(data_dir, where) is None


def test_it_is_rewritten_only_when_something_changed(demo_network, data_dir, config):
    state = save(demo_network, config)
    path = data_dir / frame_file.NAME
    before = path.stat()
    assert save_first_frame(demo_network, theme="nord", config_path=config,
                            natural=natural_widths, unless=state) == state
    assert path.stat().st_ino == before.st_ino  # not replaced
    demo_network.add_contact(Contact(name="Aaron Early"))
    save(demo_network, config)
    found = frame_file.read(data_dir, config)
    assert found is not None and found.rows[0].name == "Aaron Early"


def test_read_only_data_gets_no_file(demo_network, data_dir, config, monkeypatch):
    monkeypatch.setattr(type(demo_network.store), "readonly", property(lambda self: True))
    assert save(demo_network, config) is None
    assert not (data_dir / frame_file.NAME).exists()
