"""Power loss, not only SIGKILL (F19): every commit below is recorded call by call, every
on-disk state a POSIX file system allows after a power cut at any point is built (see
powerloss.py), and each one must open to the old data or the new, nothing in between."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from netui.storage import SHARDS, Change, Store, shard_of
from tests.faults.powerloss import Recorder, crash_states, materialize

EXPLORED: dict[str, int] = {}


def ids_in(collection: str, shard: int, count: int) -> list[str]:
    """Record ids that land in one shard, so a commit touches exactly the files meant."""
    out, n = [], 0
    while len(out) < count:
        candidate = f"{collection[0]}{n:05d}"
        if shard_of(candidate, SHARDS[collection]) == shard:
            out.append(candidate)
        n += 1
    return out


def doc(record_id: str, **fields: object) -> dict:
    return {"id": record_id, "name": f"Person {record_id}", **fields}


def seed(store: Store) -> None:
    for collection in ("contacts", "interactions", "favours"):
        store.apply([Change(collection, i, doc(i)) for i in ids_in(collection, 1, 3)])


def one_shard(store: Store) -> list[Change]:
    return [Change("contacts", i, doc(i, title="new")) for i in ids_in("contacts", 1, 2)]


def new_shard_file(store: Store) -> list[Change]:
    return [Change("contacts", ids_in("contacts", 2, 1)[0], doc("x"))]


def three_collections(store: Store) -> list[Change]:
    """A delete of a person with their notes and favours: one journaled commit."""
    return [Change("contacts", ids_in("contacts", 1, 1)[0], None),
            Change("interactions", ids_in("interactions", 1, 1)[0], None),
            Change("favours", ids_in("favours", 1, 1)[0], doc("f", text="changed")),
            Change("checkins", ids_in("checkins", 0, 1)[0], doc("c"))]


def shards_sharing_a_folder(store: Store) -> list[Change]:
    """Three contacts shards and a note: several temps in one folder, any subset lost."""
    return [*(Change("contacts", ids_in("contacts", s, 1)[0], doc("y")) for s in (1, 2, 3)),
            Change("interactions", ids_in("interactions", 1, 1)[0], doc("n", text="x"))]


COMMITS: dict[str, Callable[[Store], list[Change]]] = {
    "three shards of one folder and a note": shards_sharing_a_folder,
    "one shard rewritten": one_shard,
    "a new shard file": new_shard_file,
    "four files, journaled": three_collections,
}


def _fix_ids(changes: list[Change]) -> list[Change]:
    return [Change(c.collection, c.id, None if c.doc is None else {**c.doc, "id": c.id})
            for c in changes]


@pytest.mark.parametrize("commit", list(COMMITS))
def test_every_power_loss_state_opens_to_old_or_new(tmp_path: Path, commit: str) -> None:
    root = tmp_path / "data"
    with Store(root, backups=False) as store:
        seed(store)
    store = Store(root, backups=False).open()
    old = store.snapshot()
    changes = _fix_ids(COMMITS[commit](store))
    recorder = Recorder(root)
    with pytest.MonkeyPatch.context() as patch:
        recorder.install(patch)
        store.apply(changes)
    new = store.snapshot()
    store.close()
    assert old != new and recorder.ops
    assert any(op.kind == "fsync_dir" for op in recorder.ops)
    explored = 0
    for n, state in enumerate(crash_states(recorder)):
        crashed = tmp_path / f"crash{n}"
        materialize(state, crashed)
        with Store(crashed, backups=False) as after:
            got = after.snapshot()
            leftovers = [p for c in SHARDS for p in (crashed / c).glob(".*.tmp")]
        assert got in (old, new), f"state {n} after a power cut is neither old nor new"
        assert not (crashed / "journal.json").exists() and not leftovers
        shutil.rmtree(crashed)
        explored += 1
    EXPLORED[commit] = explored
    assert explored >= {"one shard rewritten": 3, "a new shard file": 3,
                        "four files, journaled": 50,
                        "three shards of one folder and a note": 50}[commit]
    if os.environ.get("NETUI_POWERLOSS_REPORT"):
        print(f"\n{commit}: {len(recorder.ops)} recorded steps, {explored} crash states")
