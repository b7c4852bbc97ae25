"""What a shard file must hold to be read as netui's (storage.shards.parse_shard): an
object of tables, each an object of records, each an object; anything else is refused
with a reason, never read as data."""

from __future__ import annotations

import pytest

from netui.storage.shards import parse_shard

GOOD = {"contacts": {"a": {"id": "a", "name": "Ann"}, "b": {"id": "b", "name": "Bo"}}}


@pytest.mark.parametrize("raw", [
    b'[]',
    b'"contacts"',
    b'{"contacts": []}',
    b'{"contacts": {"a": {"id": "a"}, "b": []}}',
    b'{"contacts": {"a": {"id": "a"}, "b": "Bo"}}',
    b'{"contacts": {"a": {"id": "a"}, "b": null}}',
    b'{"contacts": {"a": 1}}',
    b'{"contacts": {"a": {"id": "a"}}, "checkins": {"c": [1]}}',
    b"   ",
], ids=["list", "string", "table-list", "record-list", "record-string", "record-null",
        "record-number", "second-table", "blank"])
def test_a_shard_without_the_shape_is_refused(raw):
    with pytest.raises(ValueError):
        parse_shard(raw)


def test_a_shard_with_the_shape_is_read():
    import orjson

    assert parse_shard(orjson.dumps(GOOD)) == GOOD
    assert parse_shard(b'{"contacts": {}}') == {"contacts": {}}
    assert parse_shard(b"{}") == {}
