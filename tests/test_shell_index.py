"""The shell's derived index (services.shell_index, storage.index_file) against the
straightforward builds: the rows, last touches, due dates, @name lookups and `netui list`
filters it gives equal what the services compute from every record, after any sequence
of writes; a stale, torn or planted index is never used; another process committing
between the index's build and its use is noticed; a kill while it is written loses
nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction, Kind
from netui.domain.name_lookup import Lookup
from netui.domain.quickadd import Directory
from netui.domain.search import filter_contacts
from netui.errors import NotFound
from netui.services import Network
from netui.services.index_list import listing_of, merged
from netui.services.index_rows import build
from netui.services.shell_index import ShellIndex, listed, open_shell
from netui.storage import Store, index_file
from netui.storage.layout import INDEX
from tests.cli_helpers import run
from tests.conftest import REPO, TODAY
from tests.derived_files import TORN, assert_a_kill_loses_nothing, dying_writer, tear

FIRST = ["Ann", "Anna", "Åsa", "Zoë", "Tom", "Tomás", "Li", "Priya", "O'Neil", "Jean-Luc"]
LAST = ["Lee", "Raman", "Łukasz", "Smith", "Smithers", "van Dijk", "Ng"]


def fresh_entries(store: Store) -> dict[str, object]:
    """Every entry as a build from all stored documents gives it."""
    return {cid: e for cid, e in build(store.docs("contacts"), store.docs("interactions"),
                                       store.docs("favours"), store.docs("checkins")).items()}


def comparable(entries) -> dict[str, tuple]:
    return {e.id: (e.row, e.listed, e.cadence_days, e.met_on, e.created, e.note_touch,
                   e.favour_touch, sorted(map(tuple, e.pending))) for e in entries}


def shell(root: Path) -> tuple[Network, ShellIndex]:
    return open_shell(root, today=lambda: TODAY)


def assert_matches_the_data(root: Path) -> None:
    """The index on disk, if any, is current and holds exactly what a rebuild gives."""
    found = index_file.read(root)
    store = Store(root, today=lambda: TODAY).open(backup=False)
    try:
        if found is None:
            return
        assert found.current(root), "an index that no longer describes the data was kept"
        on_disk = ShellIndex(store, found)
        assert on_disk.ready
        fresh = fresh_entries(store).values()
        assert comparable(on_disk.entries()) == comparable(fresh)
        # the listing written with the base, as the delta leaves it: a rebuild's listing
        assert merged(found.base.listing(), found.delta) == \
            orjson.loads(listing_of(orjson.loads(e.encode()) for e in fresh))
    finally:
        store.close()


def assert_answers_like_the_services(net: Network, index: ShellIndex, queries: list[str]) -> None:
    people = net.people()
    whole = Directory(people)
    lookup = Lookup(index.people, index.everyone)
    cfg = net.config
    for q in queries:
        ids = lambda found: sorted(p.id for p in found)  # noqa: E731
        assert ids(lookup.match(q)) == ids(whole.match(q)), q
        words = q.split()
        assert lookup.has_phrase(words) == whole.has_phrase(words), q
        everyone = sorted(net.contacts(include_archived=True),
                          key=lambda c: (net.name_key(c.name), c.id))
        for archived in (False, True):
            pool = [c for c in everyone if archived or not c.archived]
            want = [c.id for c in filter_contacts(pool, q)]
            assert [e.id for e in listed(index, q, archived)] == want, (q, archived)
    for e in index.entries():
        if e.listed is None:
            continue
        due = net.due(e.id)
        mine = e.due(cfg.circles, cfg.favours_count_as_touch, TODAY)
        assert (mine.due if mine else None) == (due.due if due else None), e.id
        assert e.last_touch(cfg.favours_count_as_touch) == net.last_touch(e.id)


# -- the index against the straightforward builds (hypothesis) -----------------------------

names = st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST), st.booleans()).map(
    lambda t: f"{t[0]} {t[1]}" if t[2] else t[0])
people_st = st.lists(st.tuples(names, st.one_of(st.none(), st.sampled_from(FIRST)),
                               st.sampled_from([None, "inner", "close", "network"]),
                               st.booleans()), min_size=1, max_size=8)
# (who, days ago, kind) for notes; (op, who, days) for later writes
notes_st = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 400),
                              st.sampled_from(list(Kind))), max_size=12)
writes_st = st.lists(st.tuples(st.sampled_from(["note", "favour", "checkin", "done", "edit",
                                                "delete-note", "add", "archive", "delete"]),
                               st.integers(0, 7), st.integers(0, 60)), max_size=6)
queries_st = st.lists(st.one_of(st.sampled_from(["ann", "an", "tom", "asa", "zoe", "smith",
                                                 "ann lee", "li", "van dijk", "jean-luc",
                                                 "tomas smithers", "o'neil", "#x", "circle:in",
                                                 "priya raman", "anna l", "lu"]),
                                st.text("aelnost ", min_size=1, max_size=6)), max_size=5)


def seed_network(root: Path, people, notes) -> list[str]:
    net = Network(Store(root, backups=False, today=lambda: TODAY).open(), today=lambda: TODAY)
    ids = []
    for name, nick, circle, archived in people:
        c = net.add_contact(Contact(name=name, nickname=nick, circle=circle, archived=archived,
                                    company="Acme" if len(ids) % 2 else None))
        ids.append(c.id)
    for who, ago, kind in notes:
        net.log_interaction(Interaction(contact_ids=[ids[who % len(ids)]], kind=kind,
                                        date=TODAY - timedelta(days=ago), text="seen"))
    net.store.close()
    return ids


def apply_write(net: Network, ids: list[str], op: str, who: int, days: int) -> None:
    cid = ids[who % len(ids)]
    day = TODAY - timedelta(days=days)
    if op == "note":
        net.log_interaction(Interaction(contact_ids=[cid], date=day, text="again",
                                        kind=Kind.call if days % 2 else Kind.note),
                            followup=TODAY + timedelta(days=days + 1) if days % 3 == 0 else None)
    elif op == "favour":
        net.log_favour(Favour(contact_id=cid, direction=Direction.gave, text="a hand", date=day))
    elif op == "checkin":
        net.add_checkin(CheckIn(contact_id=cid, due=TODAY + timedelta(days=days - 30),
                                reason="follow up"))
    elif op == "done":
        net.mark_done(cid, on=day)
    elif op == "edit":
        net.edit_contact(cid, name=FIRST[days % len(FIRST)], circle="close")
    elif op == "delete-note":
        mine = net.interactions_for(cid)
        if mine:
            net.delete_interaction(mine[0].id)
    elif op == "add":
        ids.append(net.add_contact(Contact(name=f"{FIRST[days % 10]} {LAST[days % 7]}")).id)
    elif op == "archive":
        net.set_archived(cid, days % 2 == 0)
    elif op == "delete":
        net.delete_contact(cid)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(people=people_st, notes=notes_st, writes=writes_st, queries=queries_st)
def test_the_index_answers_as_the_services_do_after_any_writes(tmp_path_factory, people, notes,
                                                                writes, queries):
    root = tmp_path_factory.mktemp("net") / "data"
    ids = seed_network(root, people, notes)
    net, index = shell(root)
    try:
        index.ensure()
        assert_answers_like_the_services(net, index, queries)
        for op, who, days in writes:
            try:
                apply_write(net, ids, op, who, days)
            except NotFound:  # someone deleted before: the index must not know them either
                assert index.name_of(ids[who % len(ids)]) is None
                assert net.get_contact(ids[who % len(ids)]) is None
            if index.ready:
                assert_answers_like_the_services(net, index, queries)
    finally:
        net.store.close()
    assert_matches_the_data(root)
    # and a fresh command (which rebuilds a dropped index) answers alike
    net, index = shell(root)
    try:
        assert_answers_like_the_services(net, index, queries)
    finally:
        net.store.close()


# -- writes it cannot fold in, and others' writes -----------------------------------------


@pytest.fixture
def seeded(data_dir: Path) -> tuple[Path, list[str]]:
    ids = seed_network(data_dir, [("Ann Lee", None, "close", False), ("Tom Ng", "Tommy",
                                  "inner", False), ("Zoë Smith", None, None, False)],
                       [(0, 10, Kind.call), (1, 3, Kind.meeting), (2, 40, Kind.note)])
    return data_dir, ids


def test_removing_someones_latest_touch_is_never_left_in_the_index(seeded) -> None:
    root, ids = seeded
    net, index = shell(root)
    try:
        index.ensure()
        latest = net.log_interaction(Interaction(contact_ids=[ids[0]], date=TODAY,
                                                 kind=Kind.call, text="call"))
        assert index.entry(ids[0]).last_touch(True) == TODAY
        net.delete_interaction(latest.id)
        assert net.last_touch(ids[0]) == TODAY - timedelta(days=10)
        assert not index.ready  # it could not tell the touch before: dropped, not guessed
    finally:
        net.store.close()
    assert not (root / INDEX).exists()
    net, index = shell(root)
    try:
        assert_answers_like_the_services(net, index, ["ann", "tom"])
    finally:
        net.store.close()
    assert_matches_the_data(root)


def test_an_index_another_program_outdated_is_rebuilt_not_used(seeded) -> None:
    root, ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    other = Network(Store(root, today=lambda: TODAY).open(), today=lambda: TODAY)
    other.edit_contact(ids[2], name="Zebulon Quixote")  # not through the shell's index
    other.store.close()
    found = index_file.read(root)
    assert found is not None and not found.current(root)
    net, index = shell(root)
    try:
        assert not index.ready
        assert [p.name for p in Lookup(index.people, index.everyone).match("zebulon")] == \
            ["Zebulon Quixote"]
    finally:
        net.store.close()
    assert_matches_the_data(root)


@pytest.mark.parametrize("damage", TORN)
def test_a_torn_or_planted_index_is_never_used(seeded, damage: str) -> None:
    root, _ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    assert tear(root / INDEX, damage, b'"netui-index":3')
    found = index_file.read(root)
    if damage == "flipped byte":  # in the last row: its checksum says so when it is used
        assert found is not None
        with pytest.raises(index_file.Torn):
            found.base.whole()
    else:
        assert found is None
    net, index = shell(root)
    try:
        assert index.ready == (damage == "flipped byte")
        assert_answers_like_the_services(net, index, ["ann", "zoe", "tom"])
    finally:
        net.store.close()
    if damage != "a folder":
        assert_matches_the_data(root)


def _flip(path: Path, at: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[at] ^= 1
    path.write_bytes(bytes(raw))


def test_a_torn_row_is_caught_when_it_is_looked_up_by_name_or_id(seeded) -> None:
    """The note's path reads the keys and the rows they name, not the whole base: a
    row's own checksum stands for the file's."""
    root, ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    raw = (root / INDEX).read_bytes()
    _flip(root / INDEX, raw.rindex(b'"Tom Ng"') + 2)  # Tom's row, not his key or listing
    net, index = shell(root)
    try:
        assert index.ready
        assert [p.name for p in index.people("ann")] == ["Ann Lee"]  # Ann's row is whole
        assert index.ready
        assert index.name_of(ids[1]) is None  # Tom's is not: dropped, never guessed
        assert not index.ready
        assert [p.name for p in Lookup(index.people, index.everyone).match("tommy")] == \
            ["Tom Ng"]  # rebuilt
    finally:
        net.store.close()
    assert_matches_the_data(root)


def test_a_torn_key_or_header_is_caught_when_the_file_is_read(seeded) -> None:
    root, _ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    raw = (root / INDEX).read_bytes()
    for at in (raw.index(b'"keys"') + 2, raw.index(b'"tom ng tommy"') + 3):
        (root / INDEX).write_bytes(raw)
        _flip(root / INDEX, at)
        assert index_file.read(root) is None


def test_a_rows_line_that_does_not_decode_drops_the_index_on_the_next_write(seeded) -> None:
    """A whole index (its checksums recomputed) with a line not written by netui."""
    root, ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    found = index_file.read(root)
    rows = [(index_file._id_of(line) or "", line.replace(b'"Ann Lee"', b'"Ann Lee"]]]', 1),
             "") for line in found.base.rows()]
    index_file.save(root, found.stamps, index_file.Base.of(rows, found.base.listing()))
    net, index = shell(root)
    try:
        assert index.ready
        net.log_interaction(Interaction(contact_ids=[ids[0]], date=TODAY, text="x"))
        assert not index.ready and not (root / INDEX).exists()
    finally:
        net.store.close()


def _netui(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETUI_DATA_DIR": str(root), "NETUI_TODAY": TODAY.isoformat(),
           "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_another_process_committing_between_build_and_use_is_noticed(seeded) -> None:
    root, ids = seeded
    net, index = shell(root)
    try:
        index.ensure()  # built and saved by this process ...
        done = _netui(root, "note", "@Ann call about the move")  # ... another one writes
        assert done.returncode == 0, done.stderr
        # this process's own write comes after: its index no longer describes the disk
        net.log_interaction(Interaction(contact_ids=[ids[1]], date=TODAY, kind=Kind.call,
                                        text="mine"))
        assert not index.ready
    finally:
        net.store.close()
    net, index = shell(root)
    try:
        index.ensure()
        assert index.entry(ids[0]).last_touch(True) == TODAY  # the other process's note
        assert index.entry(ids[1]).last_touch(True) == TODAY  # and this one's
        assert_answers_like_the_services(net, index, ["ann", "tom"])
    finally:
        net.store.close()
    assert_matches_the_data(root)


def test_another_process_committing_after_the_index_was_read_is_not_missed(seeded) -> None:
    root, ids = seeded
    assert _netui(root, "list").returncode == 0  # the index is built and saved
    net, index = shell(root)  # read: current
    try:
        assert index.ready
        done = _netui(root, "gave", "@Zoë a hand with the move")
        assert done.returncode == 0, done.stderr
        assert index_file.read(root).current(root)  # the other process folded its write in
        net.log_interaction(Interaction(contact_ids=[ids[0]], date=TODAY, text="note",
                                        kind=Kind.note))
    finally:
        net.store.close()
    assert_matches_the_data(root)
    done = _netui(root, "list", "zoe")
    assert "today" in done.stdout  # the favour is a touch, through whichever index


def test_the_shell_keeps_the_index_across_commands_and_it_stays_exact(seeded, capsys) -> None:
    root, _ids = seeded
    for argv in (["list"], ["note", "@Ann coffee"], ["add", "Ann Leigh", "--force"],
                 ["gave", "@Tommy intro to @Zoë"], ["note", "@Zoë call +2w"],
                 ["done", "Zoë Smith"], ["edit", "Tom Ng", "--circle", "close"]):
        result = run(capsys, "--data-dir", str(root), *argv)
        assert result.code == 0, (argv, result.err)
        assert (root / INDEX).exists(), argv  # folded in, not dropped
        assert_matches_the_data(root)
    listed_out = run(capsys, "--data-dir", str(root), "list", "ann").out
    assert "Ann Lee" in listed_out and "Ann Leigh" in listed_out


# -- a kill while the index is written ------------------------------------------------------

KILLER = dying_writer("index") + """
from netui.services.shell_index import open_shell
fsio.write_temp = dying
net, index = open_shell(sys.argv[1], today=lambda: date(2026, 11, 22))
if where.startswith("on-patch"):
    fsio.write_temp = real
    index.ensure()
    fsio.write_temp = dying
    from netui.domain.models import Interaction
    net.log_interaction(Interaction(contact_ids=[sys.argv[3]], date=date(2026, 11, 22), text="k"))
else:
    index.ensure()
"""


@pytest.mark.parametrize("where", ["mid-temp", "before-rename", "on-patch", "on-patch-mid"])
def test_a_kill_while_the_index_is_written_loses_nothing(seeded, where: str) -> None:
    root, ids = seeded
    assert_a_kill_loses_nothing(root, KILLER, where, ids[0],
                                committed=where.startswith("on-patch"), temps=".index*.tmp")
    net, index = shell(root)
    try:
        assert_answers_like_the_services(net, index, ["ann", "tom", "zoe"])
    finally:
        net.store.close()
    assert_matches_the_data(root)


def test_a_commit_writes_the_small_delta_and_a_full_one_becomes_the_base(seeded,
                                                                        monkeypatch) -> None:
    from netui.services import shell_index
    from netui.storage.layout import INDEX_DELTA

    monkeypatch.setattr(shell_index, "DELTA_LIMIT", 2)
    root, ids = seeded
    net, index = shell(root)
    try:
        index.ensure()
        base = (root / INDEX).read_bytes()
        for n, cid in enumerate(ids[:2]):
            net.log_interaction(Interaction(contact_ids=[cid], date=TODAY, kind=Kind.call,
                                            text=f"call {n}"))
            assert (root / INDEX).read_bytes() == base  # the base is not rewritten ...
            assert (root / INDEX_DELTA).exists()  # ... the commit's rows are in the delta
            assert_matches_the_data(root)
        net.log_interaction(Interaction(contact_ids=[ids[2]], date=TODAY, kind=Kind.call,
                                        text="a third"))
        assert not (root / INDEX_DELTA).exists() and (root / INDEX).read_bytes() != base
        assert_matches_the_data(root)
    finally:
        net.store.close()
    net, index = shell(root)
    try:
        assert index.ready
        assert_answers_like_the_services(net, index, ["ann", "tom", "zoe"])
    finally:
        net.store.close()


def test_a_delta_of_another_base_is_ignored(seeded) -> None:
    from netui.storage.layout import INDEX_DELTA

    root, ids = seeded
    net, index = shell(root)
    try:
        index.ensure()
        net.log_interaction(Interaction(contact_ids=[ids[0]], date=TODAY, kind=Kind.call,
                                        text="call"))
    finally:
        net.store.close()
    delta = (root / INDEX_DELTA).read_bytes()
    index_file.drop(root)
    net, index = shell(root)
    try:
        index.ensure()  # a rebuilt base ...
    finally:
        net.store.close()
    (root / INDEX_DELTA).write_bytes(delta)  # ... beside the delta of the one before
    found = index_file.read(root)
    assert found is not None and found.delta == {} and found.current(root)
    assert_matches_the_data(root)


# -- the table `netui list` prints ------------------------------------------------------------


@given(st.text(max_size=40))
def test_a_cells_width_is_the_same_by_the_ascii_shortcut(text: str) -> None:
    """fit.cell_width counts an ASCII text by its length (10k rows of `netui list`): the
    same as counting character by character."""
    import unicodedata

    from netui.cli.fit import cell_width

    slow = sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    assert cell_width(text) == slow


@given(st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=3), max_size=6),
       st.integers(20, 60))
def test_the_table_is_what_cutting_and_padding_each_cell_gives(rows, width) -> None:
    """fit.table measures each cell once: the same lines as cut-then-pad cell by cell."""
    from netui.cli.fit import MIN_COLUMN, cell_width, cut, fit_widths, pad, table

    headers = ["NAME", "COMPANY", "DUE"]
    natural = [max([cell_width(h)] + [cell_width(r[i]) for r in rows])
               for i, h in enumerate(headers)]
    floors = [min(n, max(cell_width(h), MIN_COLUMN)) for n, h in zip(natural, headers, strict=True)]
    widths = fit_widths(natural, floors, width)
    want = "\n".join("  ".join(pad(cut(c, w), w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in [headers, *rows])
    assert table(rows, headers, width) == want


def test_a_header_longer_than_one_read_is_read_whole(seeded, monkeypatch) -> None:
    root, _ids = seeded
    net, index = shell(root)
    index.ensure()
    net.store.close()
    whole = index_file.read(root)
    monkeypatch.setattr(index_file, "HEAD_READ", 7)  # the header and keys in many reads
    found = index_file.read(root)
    assert found is not None and found.current(root)
    assert found.base.keys == whole.base.keys
    assert [cid for _at, cid, _row in found.base.named(b"ann")] == \
        [cid for _at, cid, _row in whole.base.named(b"ann")] != []
