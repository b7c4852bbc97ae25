"""Store properties a hand mutation run found untested (code-audit §2: S1, S2, S7, S9, S12):
durability that a SIGKILL cannot show (fsync), lazy reads during another process's
commit, the order of changes inside one commit, and change detection beyond the mtime."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from netui.storage import Change, Store, StoreLocked, atomic_write, shard_of


def reopen(path: Path) -> Store:
    return Store(path, backups=False).open()


# -- S1, S2: every write is fsynced: the temp file before its rename, the directory after ---


@pytest.fixture
def disk_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What reached the disk, in order: ("fsync", path of the fd) and ("replace", dest)."""
    log: list[tuple[str, str]] = []
    opened: dict[int, str] = {}  # fd -> the path it was opened with
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def open_(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        opened[fd] = str(path)
        return fd

    def fsync(fd: int) -> None:
        log.append(("fsync", opened.get(fd, f"fd {fd}")))
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        log.append(("rename", f"{src} -> {dst}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return log


def assert_durable(log: list[tuple[str, str]], final: Path) -> None:
    """`final` was renamed into place from a temp file fsynced before the rename, and its
    directory was fsynced after the rename."""
    renames = [i for i, (what, arg) in enumerate(log)
               if what == "rename" and arg.endswith(f" -> {final}")]
    assert renames, f"{final} was never renamed into place: {log}"
    at = renames[-1]
    tmp = log[at][1].split(" -> ")[0]
    assert Path(tmp).parent == final.parent and Path(tmp).name.endswith(".tmp")
    assert ("fsync", tmp) in log[:at], f"temp {tmp} not fsynced before its rename: {log}"
    assert ("fsync", str(final.parent)) in log[at + 1:], (
        f"{final.parent} not fsynced after the rename: {log}")


def test_atomic_write_fsyncs_the_file_then_the_directory(tmp_path, disk_log):
    path = tmp_path / "config.toml"
    atomic_write(path, b"theme = 'nord'\n")
    assert path.read_bytes() == b"theme = 'nord'\n"
    assert_durable(disk_log, path)


def test_a_one_file_commit_is_durable(data_dir, disk_log):
    store = reopen(data_dir)
    disk_log.clear()
    store.apply([Change("contacts", "ann", {"id": "ann", "name": "Ann"})])
    shard = data_dir / "contacts" / f"{shard_of('ann', 8):02d}.json"
    assert_durable(disk_log, shard)


def test_a_commit_of_several_files_is_durable_file_by_file(data_dir, disk_log):
    store = reopen(data_dir)
    disk_log.clear()
    store.apply([Change("contacts", "ann", {"id": "ann", "name": "Ann"}),
                 Change("favours", "f1", {"id": "f1", "contact_id": "ann"}),
                 Change("checkins", "c1", {"id": "c1", "contact_id": "ann"})])
    for collection, rid, shards in (("contacts", "ann", 8), ("favours", "f1", 8),
                                    ("checkins", "c1", 4)):
        assert_durable(disk_log, data_dir / collection / f"{shard_of(rid, shards):02d}.json")
    # the journal that made it atomic was durable before the first rename into place
    assert_durable(disk_log, data_dir / "journal.json")
    assert not (data_dir / "journal.json").exists()


# -- S7: a lazy collection read while another process is halfway through a commit ----------

HALFWAY_WRITER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from netui.storage import Change, Store

    store = Store(Path(sys.argv[1]), backups=False).open()
    real_replace, done = os.replace, []

    def slow_replace(src, dst):
        real_replace(src, dst)
        if Path(dst).parent.name == "interactions":
            done.append(dst)
        if len(done) == 1:
            print("halfway", flush=True)  # one of the two note files renamed, not the other
            sys.stdin.readline()

    os.replace = slow_replace
    store.apply([Change("interactions", a, {"id": a, "text": "new"}) for a in sys.argv[2:]])
    print("committed", flush=True)
""")


def two_ids_in_different_shards() -> list[str]:
    ids = [f"n{i}" for i in range(100)]
    first = ids[0]
    other = next(i for i in ids if shard_of(i, 64) != shard_of(first, 64))
    return [first, other]


def test_a_lazy_collection_is_never_read_half_committed(data_dir):
    ids = two_ids_in_different_shards()
    reopen(data_dir).apply([Change("interactions", i, {"id": i, "text": "old"}) for i in ids])
    reader = Store(data_dir, backups=False, lock_timeout=0.2).open()  # notes not read yet
    writer = subprocess.Popen([sys.executable, "-c", HALFWAY_WRITER, str(data_dir), *ids],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "halfway"
        # The other netui holds the lock mid-commit: the read waits for it, then gives up
        # in one line, rather than showing one new note and one old.
        with pytest.raises(StoreLocked, match="another netui is busy"):
            reader.count("interactions")
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    assert writer.returncode == 0
    assert {d["text"] for d in reader.docs("interactions")} == {"new"}


# -- S9: a put then a delete of one id in one commit -----------------------------------------


def test_the_last_change_to_an_id_in_one_commit_wins(data_dir):
    store = reopen(data_dir)
    store.apply([Change("contacts", "ann", {"id": "ann", "name": "Ann"}),
                 Change("contacts", "ann", None),
                 Change("contacts", "bo", None),
                 Change("contacts", "bo", {"id": "bo", "name": "Bo"})])
    assert store.get("contacts", "ann") is None
    assert store.get("contacts", "bo") == {"id": "bo", "name": "Bo"}
    again = reopen(data_dir)
    assert again.get("contacts", "ann") is None
    assert [d["name"] for d in again.docs("contacts")] == ["Bo"]


# -- S12: an external change that keeps the modification time --------------------------------


def shard_file(root: Path, rid: str) -> Path:
    return root / "contacts" / f"{shard_of(rid, 8):02d}.json"


def rewrite_keeping_mtime(path: Path, data: bytes, *, same_inode: bool) -> None:
    """What a sync tool that preserves modification times does."""
    st = path.stat()
    if same_inode:
        path.write_bytes(data)
    else:
        tmp = path.with_name("sync-tool.partial")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_mtime_ns == st.st_mtime_ns


@pytest.mark.parametrize("same_inode", [True, False], ids=["rewritten-in-place", "replaced"])
def test_a_change_on_disk_that_keeps_the_mtime_is_still_seen(data_dir, same_inode):
    store = reopen(data_dir)
    store.apply([Change("contacts", "ann", {"id": "ann", "name": "Ann"})])
    path = shard_file(data_dir, "ann")
    doc = orjson.loads(path.read_bytes())
    (table,) = doc.values()
    # Same inode: a longer name changes the size. New inode: same size, other letters.
    table["ann"]["name"] = "Ann Smith" if same_inode else "Ana"
    rewrite_keeping_mtime(path, orjson.dumps(doc), same_inode=same_inode)
    assert store.refresh() == {"contacts"}
    assert store.get("contacts", "ann")["name"] == ("Ann Smith" if same_inode else "Ana")
