"""storage.splice: a commit that only adds records, spliced into the shard's bytes, writes
what the normal write (decode, Shard.apply, re-encode) writes, byte for byte, or declines;
and the store splices only a shard it has not read whose file is the one the shell index
stamped."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netui.storage import index_file, splice
from netui.storage.change import Change
from netui.storage.shards import Shard, shard_of
from netui.storage.store import Store

COLL = "interactions"


def normal_write(path: Path, puts: dict[str, dict]) -> bytes:
    """The bytes the store's normal write stages for the shard at `path` with `puts` put."""
    staged: list[bytes] = []
    shard = Shard(COLL, path, lambda _storage, _data, raw: staged.append(raw))
    shard.storage.load()
    shard.apply(puts, [])
    return staged[0]


def written(tmp: Path, records: dict[str, dict]) -> Path:
    """A shard file holding `records` as the store writes it."""
    path = tmp / "00.json"
    if path.exists():
        path.unlink()
    if records:
        path.write_bytes(normal_write(path, records))
    else:
        path.write_bytes(b"{}")
    return path


# -- random shards ---------------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12) | \
    st.sampled_from(["", " ", "a b", "}},", '"', "\\", "\\u0041", "{ x }", "é", "\u2028",
                     "\x7f", "\n", "\t", "·", "1e5", '": '])
scalars = st.none() | st.booleans() | st.integers(-(2**60), 2**60) | texts | \
    st.floats(allow_nan=False, allow_infinity=False)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(texts, inner, max_size=3), max_leaves=6)
plain_ids = st.text("0123456789abcdef", min_size=12, max_size=12)
ids = plain_ids | texts.filter(bool)
docs = st.dictionaries(st.sampled_from(["id", "rev", "text", "tags", "x"]) | texts, values,
                       max_size=5)
records = st.dictionaries(ids, docs, max_size=6)


def spellings(raw: bytes) -> list[bytes]:
    """The same shard as other programs might spell it (all valid JSON of the same data)."""
    data = json.loads(raw)
    return [
        raw,
        raw + b"\n",
        json.dumps(data).encode(),
        json.dumps(data, separators=(",", ":")).encode(),  # \u escapes for non-ASCII
        json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(),
        json.dumps(data, indent=1, ensure_ascii=False).encode(),
        json.dumps({**data, "_default": {}}, separators=(",", ":"), ensure_ascii=False).encode(),
        json.dumps({"_default": {"1": {}}, **data}, separators=(",", ":"),
                   ensure_ascii=False).encode(),
    ]


@settings(max_examples=150)
@given(records, records, st.integers(0, 7))
def test_a_splice_writes_what_the_normal_write_writes_or_declines(old, new, how):
    new = {rid: doc for rid, doc in new.items() if rid not in old}
    with tempfile.TemporaryDirectory() as tmp:
        check(written(Path(tmp), old), new, how)


def check(path: Path, new: dict[str, dict], how: int) -> None:
    variants = spellings(path.read_bytes())
    raw = variants[how]
    path.write_bytes(raw)
    got = splice.appended(raw, COLL, new)
    if got is not None:
        assert got == normal_write(path, new)
        assert orjson.loads(got)[COLL] == {**orjson.loads(raw)[COLL], **new}


@settings(max_examples=60)
@given(st.dictionaries(plain_ids, st.fixed_dictionaries(
    {"id": plain_ids, "rev": st.integers(0, 9), "text": st.text("abc xyz.,!", max_size=30),
     "tags": st.lists(st.text("abc", max_size=4), max_size=2)}), min_size=1, max_size=8),
    plain_ids)
def test_a_shard_as_netui_writes_it_is_spliced(old, new_id):
    """Notes as netui makes them: the splice takes them (it is not only declining)."""
    old = {rid: {**doc, "id": rid} for rid, doc in old.items()}  # its own id, as netui's
    if new_id in old:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = written(Path(tmp), old)
        check_spliced(path, new_id)


def check_spliced(path: Path, new_id: str) -> None:
    doc = {"id": new_id, "rev": 1, "text": "coffee, talked about tea", "tags": []}
    got = splice.appended(path.read_bytes(), COLL, {new_id: doc})
    assert got is not None and got == normal_write(path, {new_id: doc})


# -- what it refuses -----------------------------------------------------------------------

NOTE = {"id": "aaaaaaaaaaaa", "rev": 0, "text": "tea", "tags": []}


def shard(*extra: tuple[str, dict]) -> bytes:
    return orjson.dumps({COLL: {"bbbbbbbbbbbb": {"id": "bbbbbbbbbbbb"}, **dict(extra)}})


@pytest.mark.parametrize("raw", [
    shard(("aaaaaaaaaaaa", {"id": "aaaaaaaaaaaa"})),  # already there
    shard(("cccccccccccc", {"note": "see aaaaaaaaaaaa"})),  # its bytes are there: may be
    orjson.dumps({COLL: {}}),  # no record to splice after
    b"{}",
    shard() + b"\n",
    json.dumps(orjson.loads(shard())).encode(),  # spaces
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {}}, "_default": {"1": {}}}),  # a table after
    orjson.dumps({"_default": {"1": {}}, COLL: {"bbbbbbbbbbbb": {}}}),  # a table before
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {"text": "caf\\u00e9"}}}).replace(b"\\\\", b"\\"),
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {"text": "a\x01b"}}}),  # scrubbed on load
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {"text": "a\x7fb"}}}),  # so is DEL (written raw)
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {"text": "a/b"}}}).replace(b"/", b"\\/"),
    orjson.dumps({COLL: {"bbbbbbbbbbbb": {"x": {"y": 1}}, "c": {}}}),  # a nested object ends one
    orjson.dumps({"favours": {"bbbbbbbbbbbb": {}}}),  # another collection's shard
])
def test_it_declines_what_it_cannot_promise(raw):
    assert splice.appended(raw, COLL, {"aaaaaaaaaaaa": NOTE}) is None


def test_a_document_orjson_refuses_is_left_to_the_normal_write():
    assert splice.appended(shard(), COLL, {"aaaaaaaaaaaa": {"x": {1, 2}}}) is None


def test_escapes_are_read_pair_by_pair():
    raw = orjson.dumps({"t": 'C:\\bin "q"\n\t'})  # a backslash before b: not \b
    assert splice.escapes(raw) == set(b'\\"nt')
    assert splice.appended(shard(("cccccccccccc", {"t": 'C:\\bin "q"\n\t'})), COLL,
                           {"aaaaaaaaaaaa": NOTE}) is not None
    many = '"' * 5000
    assert splice.escapes(orjson.dumps(many)) == {ord('"')}
    assert splice.escapes(orjson.dumps(many + "\x01")) == {ord('"'), ord("u")}


def test_absent_answers_from_the_bytes_only_what_they_tell():
    raw = shard()
    assert splice.absent(raw, ["aaaaaaaaaaaa"]) and splice.absent(None, ["bbbbbbbbbbbb"])
    assert not splice.absent(raw, ["bbbbbbbbbbbb"])
    assert not splice.absent(raw, ["a b"])  # an id it cannot find as its bytes: may be
    escaped = orjson.dumps({COLL: {"x": {}}}).replace(b'"x"', b'"\\u0061aaaaaaaaaaa"')
    assert not splice.absent(escaped, ["aaaaaaaaaaaa"])


# -- the store --------------------------------------------------------------------------------

def note(rid: str, text: str = "tea") -> dict:
    return {"id": rid, "rev": 1, "contact_ids": ["c1"], "date": "2026-11-20", "kind": "note",
            "text": text, "tags": []}


def seeded(root: Path) -> None:
    store = Store(root, backups=False).open()
    store.apply([Change(COLL, f"{i:012x}", note(f"{i:012x}")) for i in range(300)])
    store.close()


def opened(root: Path, *, stamped: bool = True) -> Store:
    """A shell command's store: lazy, with the stamps the shell index recorded."""
    store = Store(root, backups=False, lazy=True)
    if stamped:
        store.known_clean = index_file.current_stamps(root)
    return store.open(backup=False)


def new_ids(store: Store, n: int) -> list[str]:
    """Ids of new notes, all in one shard: 00.json."""
    out, i = [], 10_000
    while len(out) < n:
        rid = f"{i:012x}"
        if shard_of(rid, len(store._shards[COLL])) == 0:
            out.append(rid)
        i += 1
    return out


@pytest.fixture
def spied(monkeypatch):
    """Each splice.appended call's result, so a test sees whether the store spliced."""
    results: list[bytes | None] = []
    real = splice.appended

    def spy(*args):
        results.append(real(*args))
        return results[-1]

    monkeypatch.setattr(splice, "appended", spy)
    return results


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / COLL).iterdir())}


def everything(root: Path) -> dict:
    store = Store(root, backups=False).open(backup=False)
    try:
        return {c: sorted(store.docs(c), key=lambda d: d["id"]) for c in (COLL, "undo")}
    finally:
        store.close()


def test_a_spliced_commit_reads_back_as_the_normal_one(tmp_path, spied):
    for way in ("splice", "normal"):
        seeded(tmp_path / way)
    for way in ("splice", "normal"):
        store = opened(tmp_path / way, stamped=way == "splice")
        rids = new_ids(store, 2)
        assert store.absent(COLL, rids)
        store.apply([Change(COLL, rid, note(rid, "coffee")) for rid in rids]
                    + [Change("undo", "u1", {"id": "u1", "seq": 1})])
        # spliced: never decoded; the normal way holds it decoded
        assert store._shards[COLL][0].storage.loaded == (way == "normal")
        assert store.get(COLL, rids[0]) == note(rids[0], "coffee")  # read fresh
        assert not store.absent(COLL, [rids[1]]) and not store.absent(COLL, ["00000000000a"])
        store.close()
    assert [r is not None for r in spied] == [True]  # the normal store had no stamps
    assert files(tmp_path / "splice") == files(tmp_path / "normal")
    assert everything(tmp_path / "splice") == everything(tmp_path / "normal")
    assert len(everything(tmp_path / "splice")[COLL]) == 302


def test_a_shard_changed_after_the_index_stamped_it_takes_the_normal_path(tmp_path, spied):
    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    rid, theirs = new_ids(store, 2)
    other = Store(root, backups=False).open(backup=False)  # another netui writes meanwhile
    other.apply([Change(COLL, theirs, note(theirs, "theirs"))])
    other.close()
    assert store.absent(COLL, [rid])
    store.apply([Change(COLL, rid, note(rid))])
    store.close()
    assert spied == []  # the stamp moved: not even looked at
    notes = {d["id"]: d for d in everything(root)[COLL]}
    assert notes[rid] == note(rid) and notes[theirs] == note(theirs, "theirs")


def test_a_shard_changed_between_absent_and_the_commit_is_read_again(tmp_path, spied):
    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    rid, theirs = new_ids(store, 2)
    assert store.absent(COLL, [rid])  # its bytes peeked (and kept) now
    path = root / COLL / "00.json"
    raw = path.read_bytes()
    spliced = splice.appended(raw, COLL, {theirs: note(theirs, "theirs")})
    assert spliced is not None
    path.write_bytes(spliced)  # another program, in place: same inode, new size
    store.apply([Change(COLL, rid, note(rid))])
    store.close()
    notes = {d["id"]: d for d in everything(root)[COLL]}
    assert notes[rid] == note(rid) and notes[theirs] == note(theirs, "theirs")


def test_a_shard_read_in_this_process_or_edited_takes_the_normal_path(tmp_path, spied):
    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    rid, other = new_ids(store, 2)
    store.get(COLL, rid)  # read: the copy in memory is written out as usual
    store.apply([Change(COLL, rid, note(rid))])
    assert store._shards[COLL][0].storage.loaded
    store.close()
    store = opened(root)
    store.apply([Change(COLL, rid, note(rid, "edited")), Change(COLL, other, note(other))])
    store.close()
    assert spied == [None]  # an edit in the commit (its id is there): declined, decoded
    notes = {d["id"]: d for d in everything(root)[COLL]}
    assert notes[rid] == note(rid, "edited") and notes[other] == note(other)


def test_a_file_the_scans_refuse_is_written_the_normal_way(tmp_path, spied):
    root = tmp_path / "data"
    seeded(root)
    path = root / COLL / "00.json"
    path.write_bytes(path.read_bytes() + b"\n")  # an editor's final newline
    store = opened(root)
    (rid,) = new_ids(store, 1)
    store.apply([Change(COLL, rid, note(rid))])
    store.close()
    assert spied == [None]
    raw = path.read_bytes()
    assert orjson.dumps(orjson.loads(raw)) == raw  # rewritten in netui's spelling
    assert len(everything(root)[COLL]) == 301


def test_a_missing_shard_is_absent_everything(tmp_path):
    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    (rid,) = new_ids(store, 1)
    os.unlink(root / COLL / "00.json")
    assert store.absent(COLL, [rid])
    store.close()


@pytest.mark.parametrize("call", ["open", "write", "replace"])
def test_a_spliced_commit_the_disk_refuses_changes_nothing(tmp_path, spied, monkeypatch, call):
    from netui.storage import WriteFailed
    from tests.faults.test_disk_errors import disk_bytes, refuse

    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    rid, later = new_ids(store, 2)
    on_disk = disk_bytes(root)
    assert store.absent(COLL, [rid]) and store.get("undo", "u1") is None  # read: no open later
    with monkeypatch.context() as m:
        refuse(m, call, 28)  # ENOSPC
        with pytest.raises(WriteFailed):
            store.apply([Change(COLL, rid, note(rid)), Change("undo", "u1", {"id": "u1"})])
    assert spied and spied[0] is not None  # it was the splice that the disk refused
    assert disk_bytes(root) == on_disk and not list(root.rglob("*.tmp"))
    assert store.get(COLL, rid) is None
    store.apply([Change(COLL, later, note(later))])  # works again once the disk does
    store.close()
    notes = {d["id"] for d in everything(root)[COLL]}
    assert later in notes and rid not in notes and len(notes) == 301


def test_a_spliced_commit_stopped_past_its_commit_point_is_finished_at_the_next_open(
        tmp_path, spied, monkeypatch):
    from netui.storage import WriteFailed
    from tests.faults.test_disk_errors import refuse

    root = tmp_path / "data"
    seeded(root)
    store = opened(root)
    (rid,) = new_ids(store, 1)
    assert store.absent(COLL, [rid]) and store.get("undo", "u1") is None
    with monkeypatch.context() as m:
        refuse(m, "replace", 28, after=1)  # the journal is written, no shard renamed
        with pytest.raises(WriteFailed, match="partly written"):
            store.apply([Change(COLL, rid, note(rid)), Change("undo", "u1", {"id": "u1"})])
    assert spied and spied[0] is not None and (root / "journal.json").exists()
    store.close()
    after = everything(root)  # the next open replays the journal: the commit is whole
    assert note(rid) in after[COLL] and after["undo"] == [{"id": "u1"}]
    assert len(after[COLL]) == 301
