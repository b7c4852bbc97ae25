"""The store: durable round trips, never overwriting what it cannot read, one writer at a
time, noticing other programs, refusing newer data, backups and restore."""

from __future__ import annotations

import os
import stat
import threading
from datetime import date
from pathlib import Path

import orjson
import pytest

from netui.storage import (
    MIGRATIONS,
    Change,
    Conflict,
    CorruptData,
    ReadOnlyStore,
    Store,
    StoreLocked,
    WriteFailed,
    shard_of,
)


def doc(i: int, **extra):
    return {"id": f"id{i:04d}", "name": f"Person {i}", **extra}


def put(store: Store, *docs, collection="contacts"):
    store.apply([Change(collection, d["id"], d) for d in docs])


def reopen(path: Path) -> Store:
    return Store(path, backups=False).open()


def test_round_trip_survives_reopen(data_dir):
    with Store(data_dir) as s:
        put(s, *[doc(i) for i in range(50)])
        s.apply([Change("contacts", "id0003", None)])
    with reopen(data_dir) as s:
        assert s.count("contacts") == 49
        assert s.get("contacts", "id0007") == doc(7)
        assert s.get("contacts", "id0003") is None


def test_a_write_rewrites_only_its_shard(data_dir):
    with Store(data_dir) as s:
        put(s, *[doc(i) for i in range(40)])
        before = {p: p.stat().st_mtime_ns for p in s.files()}
        put(s, doc(5, name="Renamed"))
        changed = [p for p in s.files() if p.stat().st_mtime_ns != before[p]]
        assert [p.name for p in changed] == [f"{shard_of('id0005', 8):02d}.json"]


def test_private_permissions(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1))
        s.backup()
        paths = [*s.files(), *s.backup_dir.rglob("*.json")]
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for p in paths:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    for d in [p for p in data_dir.rglob("*") if p.is_dir()]:
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d


def test_corrupt_file_is_named_never_overwritten(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1))
        s.backup("auto-2026-11-21")
        path = s.files()[1]
    path.write_bytes(b'{"contacts": {"id0001": {"id": "id0')  # torn by another program
    damaged = path.read_bytes()
    with pytest.raises(CorruptData) as err:
        Store(data_dir).open()
    message = str(err.value)
    assert str(path) in message and "auto-2026-11-21" in message and "\n" not in message
    assert path.read_bytes() == damaged


def test_restore_works_when_the_data_is_unreadable(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1), doc(2))
        backup = s.backup("auto-2026-11-21")
        put(s, doc(3))
        damaged = s.files()[1]
    damaged.write_bytes(b"garbage")
    kept = Store.restore(data_dir, backup)
    assert (kept / damaged.relative_to(data_dir)).read_bytes() == b"garbage"  # kept aside
    with reopen(data_dir) as s:
        assert {d["id"] for d in s.docs("contacts")} == {"id0001", "id0002"}


def test_locked_by_another_writer_is_a_clear_message(data_dir):
    import fcntl

    with Store(data_dir) as s:
        put(s, doc(1))
    fd = os.open(data_dir / ".lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(StoreLocked, match="another netui"):
            Store(data_dir, lock_timeout=0.1).open()
    finally:
        os.close(fd)


def test_two_stores_on_one_directory_lose_nothing(data_dir):
    a, b = Store(data_dir).open(), Store(data_dir).open()
    for i in range(30):
        put(a if i % 2 else b, doc(i))
    assert a.count("contacts") == 30  # each write re-read what the other wrote first
    a.close()
    b.close()
    with reopen(data_dir) as s:
        assert s.count("contacts") == 30


def test_threads_waiting_for_the_lock_all_land(data_dir):
    stores = [Store(data_dir).open() for _ in range(4)]
    def work(n: int) -> None:
        for i in range(10):
            put(stores[n], doc(n * 100 + i))
    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with reopen(data_dir) as s:
        assert s.count("contacts") == 40


def test_change_by_another_program_is_noticed_and_not_clobbered(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1))
        path = s.files()[1]
        # A sync tool rewrites the file with its own version of the record.
        data = orjson.loads(path.read_bytes())
        data["contacts"]["id0001"]["name"] = "Synced name"
        path.write_bytes(orjson.dumps(data))
        os.utime(path, ns=(1, 1))
        with pytest.raises(Conflict):
            put(s, doc(1, name="My edit"))
        assert s.get("contacts", "id0001")["name"] == "Synced name"  # reloaded, not clobbered
        put(s, doc(2))  # other records still save
    with reopen(data_dir) as s:
        assert s.get("contacts", "id0001")["name"] == "Synced name"


def test_refresh_reports_external_changes(data_dir):
    seen = []
    with Store(data_dir) as a, Store(data_dir) as b:
        a.on_external_change.append(seen.append)
        put(b, doc(9))
        assert a.refresh() == {"contacts"}
        assert a.get("contacts", "id0009") == doc(9)
        assert seen == [{"contacts"}]
        assert a.refresh() == set()


def test_newer_schema_opens_read_only(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1))
    (data_dir / "meta.json").write_bytes(orjson.dumps({"schema": 99}))
    with Store(data_dir) as s:
        assert s.readonly and "newer netui" in s.readonly_reason
        assert s.get("contacts", "id0001") == doc(1)
        with pytest.raises(ReadOnlyStore):
            put(s, doc(2))
    assert orjson.loads((data_dir / "meta.json").read_bytes())["schema"] == 99


def test_migration_runs_once_after_a_backup(data_dir, monkeypatch):
    with Store(data_dir) as s:
        put(s, doc(1))
    (data_dir / "meta.json").write_bytes(orjson.dumps({"schema": 0}))

    def v0_to_v1(data):
        for d in data["contacts"]:
            d["name"] = d["name"].upper()

    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    with Store(data_dir) as s:
        assert s.get("contacts", "id0001")["name"] == "PERSON 1"
        assert any(b.name == "pre-migration-schema-0" for b in s.backups())
    with Store(data_dir) as s:  # not migrated twice
        assert s.get("contacts", "id0001")["name"] == "PERSON 1"


def test_interrupted_multi_file_commit_is_finished_at_open(data_dir, monkeypatch):
    with Store(data_dir) as s:
        put(s, doc(1))
        docs = [doc(i) for i in range(2, 30)]  # spread over several shards
        real_replace = os.replace
        calls = []

        def crash_after_first_rename(src, dst):
            calls.append(dst)
            if len(calls) >= 3:  # journal written, one shard renamed, then "killed"
                raise KeyboardInterrupt
            real_replace(src, dst)

        monkeypatch.setattr("netui.storage.journal.os.replace", crash_after_first_rename)
        with pytest.raises(KeyboardInterrupt):
            put(s, *docs)
        monkeypatch.setattr("netui.storage.journal.os.replace", real_replace)
    assert (data_dir / "journal.json").exists()
    with reopen(data_dir) as s:
        assert s.count("contacts") == 29
    assert not (data_dir / "journal.json").exists()
    assert not list(data_dir.rglob(".*.tmp"))


def test_full_disk_changes_nothing(data_dir, monkeypatch):
    import errno

    with Store(data_dir) as s:
        put(s, doc(1))
        files = {p: p.read_bytes() for p in s.files()}

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("netui.storage.journal.os.write", full)
        with pytest.raises(WriteFailed, match="disk is full"):
            put(s, doc(1, name="lost"), doc(2))
        monkeypatch.undo()
        assert s.get("contacts", "id0001") == doc(1) and s.get("contacts", "id0002") is None
        assert {p: p.read_bytes() for p in files} == files
        assert not list(data_dir.rglob(".*.tmp"))
        put(s, doc(3))  # works again once there is space
        assert s.get("contacts", "id0003")


def test_a_value_that_cannot_be_saved_leaves_nothing_behind(data_dir):
    with Store(data_dir) as s:
        with pytest.raises(WriteFailed):
            put(s, doc(1, when=object()))
        assert s.get("contacts", "id0001") is None
        put(s, doc(2))
    with reopen(data_dir) as s:
        assert s.count("contacts") == 1


def test_daily_backups_rotate(data_dir):
    for day in range(1, 20):
        with Store(data_dir, today=lambda day=day: date(2026, 10, day)) as s:
            put(s, doc(day))
    autos = sorted(p.name for p in (data_dir / "backups").iterdir() if p.name.startswith("auto-"))
    assert len(autos) == 14 and autos[-1] == "auto-2026-10-19"


def test_stray_temp_files_are_cleaned_at_open(data_dir):
    with Store(data_dir) as s:
        put(s, doc(1))
    stray = data_dir / "contacts" / ".00.json.dead.tmp"
    stray.write_bytes(b"half")
    with reopen(data_dir):
        assert not stray.exists()


def test_a_second_session_is_told_another_netui_is_open(data_dir):
    first, second = Store(data_dir).open(), Store(data_dir).open()
    assert first.join_session() is False
    assert second.join_session() is True
    second.close()
    assert first.join_session() is False  # still alone once the other one left
    first.close()


def test_a_rename_that_fails_once_is_rolled_forward_and_saved(data_dir, monkeypatch):
    import errno

    with Store(data_dir) as s:
        real_replace = os.replace
        calls = []

        def flaky(src, dst):
            calls.append(dst)
            if len(calls) == 3:  # journal in, one shard in, then one refusal
                raise OSError(errno.EIO, "I/O error")
            real_replace(src, dst)

        monkeypatch.setattr("netui.storage.journal.os.replace", flaky)
        put(s, *[doc(i) for i in range(30)])  # no error: the journal finished it
        monkeypatch.undo()
        assert s.count("contacts") == 30 and not s.readonly
    with reopen(data_dir) as s:
        assert s.count("contacts") == 30


def test_a_commit_stuck_halfway_blocks_writes_until_reopened(data_dir, monkeypatch):
    import errno

    with Store(data_dir) as s:
        real_replace = os.replace
        calls = []

        def broken(src, dst):
            calls.append(dst)
            if len(calls) >= 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_replace(src, dst)

        monkeypatch.setattr("netui.storage.journal.os.replace", broken)
        with pytest.raises(WriteFailed) as err:
            put(s, *[doc(i) for i in range(30)])
        monkeypatch.undo()
        assert "halfway" in str(err.value) and "nothing was changed" not in str(err.value)
        with pytest.raises(ReadOnlyStore):
            put(s, doc(99))
    with reopen(data_dir) as s:
        assert s.count("contacts") == 30
