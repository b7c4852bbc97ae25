"""The health figures' kept inputs (services.health_cache, storage.health_file) against
the straight read: the figures `netui stats` works out from them equal those read from
every stored record, after any sequence of writes; a stale, torn or planted file is
never used; another process's commit is noticed or folded in; a kill while the file is
written loses nothing."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import zlib
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui import quick_stats
from netui.config import Config
from netui.domain.models import Contact, Direction, Favour, FavourStatus, Interaction, Kind
from netui.errors import NotFound
from netui.services import Network
from netui.services import health as health_service
from netui.services.health_cache import figures
from netui.services.shell_index import open_shell
from netui.storage import Store, health_file
from netui.storage.layout import HEALTH, HEALTH_DELTA, JOURNAL, RESTORE_MARKER
from tests.cli_helpers import run
from tests.conftest import REPO, TODAY
from tests.derived_files import TORN, assert_a_kill_loses_nothing, dying_writer, tear

CIRCLES = [None, "inner", "close", "network"]


def shell(root: Path) -> Network:
    return open_shell(root, today=lambda: TODAY)[0]


def straight(net: Network):
    """The figures read from every record, as the disk holds them now."""
    net.store.refresh()
    return health_service.compute(net)


def assert_file_matches_the_data(root: Path) -> None:
    """The file on disk, if any, is current and its figures are a straight read's."""
    found = health_file.read(root)
    if found is None:
        return
    assert found.current(root), "a file that no longer describes the data was kept"
    net = Network(Store(root, today=lambda: TODAY).open(backup=False), today=lambda: TODAY)
    try:
        assert figures(net) == straight(net)
    finally:
        net.store.close()


def seed(root: Path, people, notes) -> list[str]:
    net = Network(Store(root, backups=False, today=lambda: TODAY).open(), today=lambda: TODAY)
    ids = []
    for n, (circle, archived, met_ago) in enumerate(people):
        c = net.add_contact(Contact(
            name=f"Person {n}", circle=circle, archived=archived,
            cadence_days=45 if circle is None and n % 2 else None,
            met_on=TODAY - timedelta(days=met_ago) if met_ago is not None else None))
        ids.append(c.id)
    for who, ago, kind in notes:
        net.log_interaction(Interaction(contact_ids=[ids[who % len(ids)]], kind=kind,
                                        date=TODAY - timedelta(days=ago), text="seen"))
    net.store.close()
    return ids


def write(net: Network, ids: list[str], op: str, who: int, days: int) -> None:
    cid, other = ids[who % len(ids)], ids[(who + 1) % len(ids)]
    day = TODAY - timedelta(days=days)
    if op == "note":
        net.log_interaction(Interaction(contact_ids=[cid, other][: 1 + days % 2], date=day,
                                        kind=Kind.call if days % 3 else Kind.note, text="hi"))
    elif op == "favour":
        net.log_favour(Favour(contact_id=cid, direction=list(Direction)[days % 3],
                              status=list(FavourStatus)[days % 3], text="a hand", date=day,
                              introduced_id=other if days % 4 == 0 and other != cid else None))
    elif op == "delete-note":
        mine = net.interactions_for(cid)
        if mine:
            net.delete_interaction(mine[0].id)
    elif op == "edit":
        net.edit_contact(cid, circle=CIRCLES[days % 4])
    elif op == "rename-same":  # a contact written with the figures' facts unchanged
        net.edit_contact(cid, company=f"Acme {days}")
    elif op == "archive":
        net.set_archived(cid, days % 2 == 0)
    elif op == "add":
        ids.append(net.add_contact(Contact(name=f"New {days}", circle="inner")).id)
    elif op == "delete":
        net.delete_contact(cid)
    elif op == "checkin":
        net.mark_done(cid, on=day)


people_st = st.lists(st.tuples(st.sampled_from(CIRCLES), st.booleans(),
                               st.one_of(st.none(), st.integers(-30, 900))),
                     min_size=1, max_size=6)
notes_st = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 800),
                              st.sampled_from(list(Kind))), max_size=15)
writes_st = st.lists(st.tuples(
    st.sampled_from(["note", "note", "favour", "favour", "delete-note", "edit", "rename-same",
                     "archive", "add", "delete", "checkin", "stats"]),
    st.integers(0, 7), st.integers(0, 500)), max_size=8)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(people=people_st, notes=notes_st, writes=writes_st, touch=st.booleans())
def test_the_kept_figures_are_the_straight_ones_after_any_writes(tmp_path_factory, people,
                                                                 notes, writes, touch):
    root = tmp_path_factory.mktemp("net") / "data"
    ids = seed(root, people, notes)
    net = shell(root)
    net.config = Config(favours_count_as_touch=touch)
    try:
        assert figures(net) == straight(net)
        for op, who, days in writes:
            if op == "stats":  # a figures read between writes folds the delta in
                assert figures(net) == straight(net)
                continue
            with contextlib.suppress(NotFound):  # someone deleted before
                write(net, ids, op, who, days)
            assert figures(net) == straight(net), op
    finally:
        net.store.close()
    # and another command, reading the files fresh, works out the same figures
    net = shell(root)
    net.config = Config(favours_count_as_touch=touch)
    try:
        assert figures(net) == straight(net)
    finally:
        net.store.close()


@pytest.fixture
def seeded(data_dir: Path) -> tuple[Path, list[str]]:
    ids = seed(data_dir, [("close", False, 400), ("inner", False, None), (None, False, 10),
                          ("network", True, None)],
               [(0, 10, Kind.call), (0, 50, Kind.meeting), (0, 90, Kind.call),
                (1, 3, Kind.meeting), (2, 40, Kind.note), (3, 20, Kind.call)])
    return data_dir, ids


def _built(root: Path) -> None:
    net = shell(root)
    try:
        figures(net)
    finally:
        net.store.close()
    assert (root / HEALTH).exists()


def test_the_file_is_private_and_shell_commands_fold_their_notes_in(seeded, capsys) -> None:
    root, _ids = seeded
    _built(root)
    assert (root / HEALTH).stat().st_mode & 0o777 == 0o600
    for argv in (["note", "@Person 0 coffee"], ["gave", "@Person 1 a hand with the move"],
                 ["asked", "@Person 2 for a reference"], ["done", "Person 2"]):
        base = (root / HEALTH).read_bytes()
        result = run(capsys, "--data-dir", str(root), *argv)
        assert result.code == 0, (argv, result.err)
        assert (root / HEALTH).read_bytes() == base  # the base is not rewritten ...
        assert (root / HEALTH_DELTA).exists(), argv  # ... the records are in the delta
        assert (root / HEALTH_DELTA).stat().st_mode & 0o777 == 0o600
        assert health_file.read(root).current(root)
        assert_file_matches_the_data(root)  # (which folds the delta into a new base)
    result = run(capsys, "--data-dir", str(root), "note", "@Person 1 call +2w")
    assert result.code == 0 and (root / HEALTH_DELTA).exists()
    stats = run(capsys, "--data-dir", str(root), "stats", "--json")
    assert stats.code == 0 and stats.json()["given"] == 1
    assert (root / HEALTH_DELTA).exists()  # read with the delta: nothing opened or written
    assert_file_matches_the_data(root)


def _quick(root: Path):
    return quick_stats.figures(root, Config(), TODAY, None)


def test_stats_reads_a_current_file_without_opening_the_store(seeded) -> None:
    root, _ids = seeded
    _built(root)
    assert _netui(root, "note", "@Person 1 call about the move").returncode == 0
    check = (
        "import sys\nfrom netui.cli import main\ntry:\n    main(['stats', '--json'])\n"
        "except SystemExit:\n    pass\nsys.stderr.write('LOADED ' + repr(sorted(m for m in "
        "('netui.services', 'netui.storage.store') if m in sys.modules)))\n")
    env = {**os.environ, "NETUI_DATA_DIR": str(root), "NETUI_TODAY": TODAY.isoformat(),
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          env=env, timeout=60)
    assert "LOADED []" in done.stderr, done.stderr
    net = shell(root)
    try:
        assert orjson.loads(done.stdout) == health_service.to_json(straight(net))
        assert _quick(root) == straight(net)
    finally:
        net.store.close()


@pytest.mark.parametrize("what", ["a journal", "a restore", "a conflict copy", "a long delta"])
def test_stats_opens_the_store_when_it_has_something_to_finish(seeded, what, monkeypatch,
                                                              capsys) -> None:
    root, _ids = seeded
    _built(root)
    assert _quick(root) is not None
    if what == "a journal":
        (root / JOURNAL).write_bytes(b"")
    elif what == "a restore":
        (root / RESTORE_MARKER).write_bytes(b"")
    elif what == "a conflict copy":  # a sync tool's, merged by the store's open
        (root / "contacts" / "00 (conflicted copy).json").write_bytes(b"{}")
    else:
        monkeypatch.setattr(quick_stats, "DELTA_LIMIT", 0)
        assert run(capsys, "--data-dir", str(root), "note", "@Person 0 call").code == 0
    assert _quick(root) is None
    if what == "a long delta":  # the store's open folds it into a new base
        assert run(capsys, "--data-dir", str(root), "stats").code == 0
        assert not (root / HEALTH_DELTA).exists() and _quick(root) is not None
        assert_file_matches_the_data(root)


def test_an_edit_or_deletion_drops_the_file_and_the_next_use_rebuilds_it(seeded) -> None:
    root, ids = seeded
    _built(root)
    net = shell(root)
    try:
        net.delete_interaction(net.interactions_for(ids[0])[0].id)
        assert not (root / HEALTH).exists()  # not guessed: read again on the next use
        assert figures(net) == straight(net)
        assert (root / HEALTH).exists()
    finally:
        net.store.close()
    assert_file_matches_the_data(root)


def test_a_file_another_program_outdated_is_rebuilt_not_used(seeded) -> None:
    root, ids = seeded
    _built(root)
    other = Network(Store(root, today=lambda: TODAY).open(), today=lambda: TODAY)
    other.log_interaction(Interaction(contact_ids=[ids[1]], date=TODAY, kind=Kind.call,
                                      text="not through a shell"))
    other.edit_contact(ids[2], circle="inner")
    other.store.close()
    assert not health_file.read(root).current(root)
    net = shell(root)
    try:
        assert figures(net) == straight(net)
        assert figures(net).on_track[0].total == 2  # Person 1 and, now, Person 2
    finally:
        net.store.close()
    assert_file_matches_the_data(root)


def test_a_file_read_with_another_setting_is_rebuilt(seeded) -> None:
    root, ids = seeded
    net = shell(root)
    try:
        net.log_favour(Favour(contact_id=ids[2], direction=Direction.gave, text="a hand",
                              date=TODAY))
        kept = figures(net)
        net.config = Config(favours_count_as_touch=False)
        assert figures(net) == straight(net) != kept
        assert health_file.read(root).options["favours_touch"] is False
    finally:
        net.store.close()


def _planted(root: Path, body: bytes) -> None:
    """A whole file (its checksum right, its stamps current) holding `body`."""
    found = health_file.read(root)
    head = orjson.dumps({"netui-health": 1, "id": found.base_id, "stamps": found.stamps,
                         "options": found.options, "body": len(body), "crc": zlib.crc32(body)})
    (root / HEALTH).write_bytes(head + b"\n" + body)
    assert health_file.read(root) is not None and health_file.read(root).current(root)


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "other version",
                                    "not json", "a folder", "planted shape",
                                    "planted numbers", "planted delta"])
def test_a_torn_or_planted_file_is_never_used(seeded, damage: str) -> None:
    root, _ids = seeded
    _built(root)
    raw = (root / HEALTH).read_bytes()
    if damage == "planted shape":
        _planted(root, b'{"contacts": [[1], [2]], "touches": []}')
    elif damage == "planted numbers":  # the right shape, numbers that do not add up
        body = raw[raw.find(b"\n") + 1:]
        _planted(root, body[:-4])
    elif damage == "planted delta":
        found = health_file.read(root)
        health_file.save_delta(root, found.base_id, found.stamps, b'["favours", 3]\n')
    else:
        assert tear(root / HEALTH, damage, b'"netui-health":1')
    if damage in TORN:
        assert health_file.read(root) is None
    net = shell(root)
    try:
        assert figures(net) == straight(net)
    finally:
        net.store.close()
    if damage != "a folder":
        assert_file_matches_the_data(root)
        assert health_file.read(root) is not None  # rebuilt


def _netui(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETUI_DATA_DIR": str(root), "NETUI_TODAY": TODAY.isoformat(),
           "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_another_process_committing_is_folded_in_or_noticed(seeded) -> None:
    root, ids = seeded
    net = shell(root)
    try:
        figures(net)  # built and saved by this process ...
        done = _netui(root, "note", "@Person 1 call about the move")  # ... another one adds
        assert done.returncode == 0, done.stderr
        assert (root / HEALTH_DELTA).exists()  # folded in by the other process
        assert figures(net) == straight(net)
        assert TODAY in figures(net).daily
        done = _netui(root, "edit", "Person 2", "--circle", "inner")  # one it cannot fold
        assert done.returncode == 0, done.stderr
        net.log_interaction(Interaction(contact_ids=[ids[0]], date=TODAY, kind=Kind.call,
                                        text="mine"))  # this one's write comes after
        assert figures(net) == straight(net)
    finally:
        net.store.close()
    assert_file_matches_the_data(root)


KILLER = dying_writer("health") + """
from netui.services.health_cache import figures
from netui.services.shell_index import open_shell
net, index = open_shell(sys.argv[1], today=lambda: date(2026, 11, 22))
if where.startswith("on-commit"):
    fsio.write_temp = real
    figures(net)
    fsio.write_temp = dying
    from netui.domain.models import Interaction, Kind
    net.log_interaction(Interaction(contact_ids=[sys.argv[3]], date=date(2026, 11, 22),
                                    kind=Kind.call, text="k"))
else:
    fsio.write_temp = dying
    figures(net)
"""


@pytest.mark.parametrize("where", ["mid-temp", "before-rename", "on-commit",
                                   "on-commit-mid-temp"])
def test_a_kill_while_the_file_is_written_loses_nothing(seeded, where: str) -> None:
    root, ids = seeded
    assert_a_kill_loses_nothing(root, KILLER, where, ids[0],
                                committed=where.startswith("on-commit"), temps=".health*.tmp")
    net = shell(root)
    try:
        assert figures(net) == straight(net)
    finally:
        net.store.close()
    assert_file_matches_the_data(root)
