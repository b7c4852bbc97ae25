"""The app says which sync conflict copies it merged at open (issue 17 item 7)."""

from __future__ import annotations

import orjson

from netui.domain.models import Contact
from netui.store_files import SHARDS, shard_name, shard_of
from tests.conftest import open_network
from tests.ui.notices import notice_with


async def test_merged_conflict_copies_are_shown_at_start(data_dir, make_app):
    net = open_network(data_dir)
    ann = net.add_contact(Contact(name="Ann Lee", notes="laptop"))
    net.store.close()
    shard = data_dir / shard_name("contacts", shard_of(ann.id, SHARDS["contacts"]))
    tables = orjson.loads(shard.read_bytes())
    tables["contacts"][ann.id]["notes"] = "phone"
    copy = shard.with_name(shard.stem + ".sync-conflict-20261201-101500-ABCDEF7.json")
    copy.write_bytes(orjson.dumps(tables))
    net = open_network(data_dir)
    app = make_app(net)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        shown = await notice_with(app, pilot, "merged a sync conflict", copy.name)
        assert shown.startswith("Sync conflicts merged\n")
    net.store.close()
