"""The vdir export streams its cards into the batch writer (the files are created on one
core while the next cards are built on the other). Whatever a vdir held, the streamed
export leaves the same files, the same bytes and the same counts as the straightforward
one (every card built into a dict, then the changed ones written), and a batch fed by a
generator is as atomic as one given all its files at once."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain.links import Link
from netui.domain.models import Contact
from netui.interop.vcard_links import card_extras, link_lines
from netui.interop.vcard_read import card_uid
from netui.interop.vcard_write import vdir_filename
from netui.storage import batch_write
from netui.storage.batch_write import SYNCFS_MIN_FILES, write_batch
from netui.sync import vdir_export
from netui.sync.vdir_export import _MARK, _card_for, _cards_on_disk, export_vdir


def straightforward_export(folder: Path, contacts: list[Contact]) -> tuple[int, int]:
    """The export as it was: every card in a dict (a name given twice keeps the last),
    then the changed ones written as one batch."""
    folder.mkdir(exist_ok=True)
    on_disk = _cards_on_disk(folder)
    by_uid: dict[str, str] = {}
    for name in sorted(on_disk):
        if (uid := card_uid(on_disk[name])) is not None:
            by_uid.setdefault(uid, name)
    wanted: dict[str, bytes] = {}
    for c in contacts:
        held = by_uid.get(c.uid or c.id) or by_uid.get(c.id)
        name = held or vdir_filename(c)
        wanted[name] = _card_for(c, name, on_disk[held] if held else b"", None)
    changed = {n: d for n, d in wanted.items() if on_disk.get(n) != d}
    for name, data in changed.items():
        (folder / name).write_bytes(data)
    removed = 0
    for name, raw in on_disk.items():
        if name not in wanted and _MARK in raw[:400]:
            (folder / name).unlink()
            removed += 1
    return len(changed), removed


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


IDS = ["ann", "bob", "cy", "dee", "eve"]
FOREIGN = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:Someone Else\r\n"
           "X-OTHER-APP:kept\r\nEND:VCARD\r\n")

person = st.builds(
    lambda cid, uid, name, email: Contact(id=cid, uid=uid, name=name,
                                          emails=[email] if email else []),
    st.sampled_from(IDS), st.one_of(st.none(), st.sampled_from([*IDS, "u1", "u2"])),
    st.sampled_from(["Ann Lee", "Bob Ray", "Cy Twombly", "Dée Ñu"]),
    st.sampled_from(["", "a@x.org", "b@y.org"]))
# What the folder held: netui's own older cards, another app's cards, stray files.
held_file = st.tuples(st.sampled_from([f"{i}.vcf" for i in [*IDS, "u1", "old"]]),
                      st.sampled_from(["netui", "foreign", "junk"]),
                      st.sampled_from([*IDS, "u1", "u2", "gone"]))


@given(people=st.lists(person, max_size=6), held=st.lists(held_file, max_size=5),
       first=st.booleans())
def test_the_streamed_export_equals_the_straightforward_one(tmp_path_factory, people, held,
                                                             first):
    base = tmp_path_factory.mktemp("vdir")
    seed = base / "seed"
    seed.mkdir()
    for name, kind, uid in held:
        if kind == "netui":
            data = _card_for(Contact(id="gone", uid=uid, name="Old Name"), name, b"", None)
        elif kind == "foreign":
            data = FOREIGN.format(uid=uid).encode()
        else:
            data = b"not a card"
        (seed / name).write_bytes(data)
    if first:  # an export over an export: the second one finds netui's own cards
        export_vdir(seed, people[:2])
    plain, streamed = base / "plain", base / "streamed"
    shutil.copytree(seed, plain)
    shutil.copytree(seed, streamed)
    assert export_vdir(streamed, people) == straightforward_export(plain, people)
    assert files_of(streamed) == files_of(plain)
    assert {stat.S_IMODE(p.stat().st_mode) for p in streamed.iterdir()} <= {0o600, 0o644}


link = st.builds(lambda ab, kind, note, day: Link(a_id=ab[0], b_id=ab[1], kind=kind,
                                                  note=note, date=day),
                 st.tuples(st.sampled_from(IDS), st.sampled_from([*IDS, "nobody"]))
                 .filter(lambda ab: ab[0] != ab[1]),
                 st.sampled_from(["works with", "introduced", "a;b"]),
                 st.sampled_from(["", "met, at the desk", "x\\y"]),
                 st.one_of(st.none(), st.just(date(2026, 3, 1))))


@given(links=st.lists(link, max_size=12))
def test_every_cards_link_lines_at_once_equal_each_cards_own(links):
    uid_of = {i: f"uid-{i}" for i in IDS[:4]}
    at_once = link_lines(links, uid_of)
    for cid in uid_of:
        mine = [x for x in links if cid in (x.a_id, x.b_id)]  # what by_person gives
        assert at_once.get(cid, []) == card_extras(Contact(id=cid, name="X"), mine, uid_of)


# -- the batch writer fed by a generator --------------------------------------------------


@pytest.mark.parametrize("count", [3, SYNCFS_MIN_FILES + 3])
@pytest.mark.parametrize("flush", ["syncfs", "none"])
def test_a_generator_that_fails_midway_leaves_the_folder_as_it_was(tmp_path, monkeypatch,
                                                                    count, flush):
    if flush == "none":
        monkeypatch.setattr(batch_write, "syncfs", lambda: None)
    elif batch_write.syncfs() is None:
        monkeypatch.setattr(batch_write, "syncfs", lambda: (lambda fd: os.sync()))
    (tmp_path / "0.vcf").write_bytes(b"old")

    def cards() -> Iterator[tuple[str, bytes]]:
        for i in range(count):
            yield f"{i}.vcf", b"new"
        raise RuntimeError("a card could not be built")

    with pytest.raises(RuntimeError):
        write_batch(tmp_path, cards())
    if flush == "syncfs":  # nothing renamed before the one flush
        assert sorted(os.listdir(tmp_path)) == ["0.vcf"]
        assert (tmp_path / "0.vcf").read_bytes() == b"old"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


@pytest.mark.parametrize("count", [2, SYNCFS_MIN_FILES + 2])
def test_a_name_given_twice_ends_with_its_last_bytes(tmp_path, count):
    pairs = [(f"{i}.vcf", b"first") for i in range(count)] + [("0.vcf", b"last")]
    assert write_batch(tmp_path, iter(pairs)) == count + 1
    assert (tmp_path / "0.vcf").read_bytes() == b"last"
    assert len(os.listdir(tmp_path)) == count
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_an_empty_stream_writes_nothing(tmp_path):
    assert write_batch(tmp_path, iter(())) == 0
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("files", [SYNCFS_MIN_FILES + 40, 2 * SYNCFS_MIN_FILES + 7, 3])
def test_temps_made_ahead_are_filled_or_removed(tmp_path, monkeypatch, files):
    """A batch told to expect 2x SYNCFS_MIN_FILES files makes that many empty temps while
    the caller is busy; fewer or more files than that all end whole, and no temp stays."""
    if batch_write.syncfs() is None:
        monkeypatch.setattr(batch_write, "syncfs", lambda: (lambda fd: os.sync()))
    expected = 2 * SYNCFS_MIN_FILES
    made: list[int] = []

    def cards() -> Iterator[tuple[str, bytes]]:
        for _ in range(2000):  # the network being read: the spares are made meanwhile
            spares = [n for n in os.listdir(tmp_path) if n.startswith(".netui-batch.")]
            if len(spares) >= expected:
                break
            os.sched_yield()
        made.append(len([n for n in os.listdir(tmp_path) if n.endswith(".tmp")]))
        for i in range(files):
            yield f"{i}.vcf", f"card {i}\r\n".encode()

    assert write_batch(tmp_path, cards(), expected=expected) == files
    assert made[0] > 0
    assert sorted(os.listdir(tmp_path)) == sorted(f"{i}.vcf" for i in range(files))
    for i in range(files):
        assert (tmp_path / f"{i}.vcf").read_bytes() == f"card {i}\r\n".encode()
    assert {stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()} == {0o600}


def test_an_export_into_an_empty_vdir_makes_its_temps_ahead_and_one_into_a_full_one_not(
        tmp_path, monkeypatch):
    asked: list[int] = []
    real = vdir_export.write_batch

    def spy(folder, files, *, expected=0):
        asked.append(expected)
        return real(folder, files, expected=expected)

    monkeypatch.setattr(vdir_export, "write_batch", spy)
    people = [Contact(id=f"p{i}", name=f"Person {i}") for i in range(3)]
    load = lambda: (people, None)  # noqa: E731
    assert vdir_export.export_vdir_loading(tmp_path / "v", load, expected=500) == (3, 0)
    assert vdir_export.export_vdir_loading(tmp_path / "v", load, expected=500) == (0, 0)
    assert asked == [500, 0]
