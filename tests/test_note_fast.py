"""`netui note`'s short path (cli.note_fast, services.quick_note) writes what the click
command writes: the same line saved on two copies of one network, once each way, leaves
the same records (new ids and the undo entry's time aside), and every line it does not
take still runs the click command, which says what is wrong."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from netui.cli import note_fast
from netui.domain.models import CheckIn, CheckInKind, Contact, Interaction, Kind
from netui.services import Network, quick_note
from netui.storage import Store, splice
from netui.storage.shards import SHARDS
from tests.cli_helpers import Result, run
from tests.conftest import TODAY


def _seed(root: Path) -> None:
    store = Store(root, backups=False, today=lambda: TODAY).open()
    net = Network(store, today=lambda: TODAY)
    zeb = net.add_contact(Contact(name="Zebulon Quixote", circle="close"))
    priya = net.add_contact(Contact(name="Priya Raman"))
    net.add_checkin(CheckIn(contact_id=zeb.id, due=date(2026, 11, 20), reason="was due"))
    net.add_checkin(CheckIn(contact_id=zeb.id, due=date(2026, 12, 20), reason="later"))
    net.add_checkin(CheckIn(contact_id=priya.id, due=date(2026, 12, 24), reason="quiet",
                            kind=CheckInKind.snooze))
    store.close()


def _records(root: Path) -> dict[str, list[dict]]:
    store = Store(root, backups=False, today=lambda: TODAY).open()
    try:
        return {c: sorted((dict(d) for d in store.docs(c)), key=lambda d: d["id"])
                for c in ("contacts", "interactions", "favours", "checkins", "undo")}
    finally:
        store.close()


def _normal(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> str:
    """`after` as text with each id made by the write replaced by NEW, and the undo
    entries' times by AT: what the two paths must agree on."""
    old = {d["id"] for docs in before.values() for d in docs}
    new = {d["id"] for docs in after.values() for d in docs} - old
    text = json.dumps(after, sort_keys=True)
    for made in new:
        text = text.replace(made, "NEW")
    text = re.sub(r'"at": "[^"]*"', '"at": "AT"', text)
    data = json.loads(text)
    for docs in data.values():
        docs.sort(key=lambda d: json.dumps(d, sort_keys=True))
    return json.dumps(data, sort_keys=True, indent=1)


def _seed_with_notes(root: Path) -> None:
    """The network of `_seed` with 200 earlier notes or more: every interactions shard exists, so
    a new note is added to a file of records (spliced, storage.splice)."""
    _seed(root)
    store = Store(root, backups=False, today=lambda: TODAY).open()
    net = Network(store, today=lambda: TODAY)
    people = [c.id for c in net.contacts()]
    folder, i = root / "interactions", 0
    # Ids are random: notes until every shard has a file (~300 for 64 shards), so the
    # new note never lands in one with nothing to splice into (a test failing 1 in 4).
    while i < 200 or len(list(folder.glob("*.json"))) < SHARDS["interactions"]:
        net.log_interaction(Interaction(contact_ids=[people[i % 2]], date=date(2026, 1, 1),
                                        kind=Kind.call, text=f"earlier call {i}"))
        i += 1
        assert i < 5000, "shards that never fill"
    store.close()


@pytest.fixture
def twins(tmp_path, capsys, monkeypatch):
    """Run a line on two copies of one network: the short path on one, the click command
    on the other; returns both results and both normalised record sets."""
    return _twins(tmp_path, capsys, monkeypatch, _seed)


@pytest.fixture
def twins_with_notes(tmp_path, capsys, monkeypatch):
    return _twins(tmp_path, capsys, monkeypatch, _seed_with_notes)


def _twins(tmp_path, capsys, monkeypatch, seed):
    base = tmp_path / "base"
    seed(base)

    def both(*args: str, config: str = "") -> dict[str, tuple[Result, bool, str]]:
        out = {}
        for way in ("fast", "click"):
            here = tmp_path / way
            root, cfg = here / "data", here / "config.toml"
            shutil.rmtree(here, ignore_errors=True)
            shutil.copytree(base, root)
            monkeypatch.setenv("NETUI_DATA_DIR", str(root))
            monkeypatch.setenv("NETUI_CONFIG", str(cfg))
            assert run(capsys, "list").code == 0  # the copy's shell index, current
            cfg.write_text(config)
            before = _records(root)
            saved: list[bool] = []
            real = quick_note.save
            with monkeypatch.context() as m:
                if way == "click":
                    m.setattr(note_fast, "run", lambda argv: None)
                m.setattr(quick_note, "save",
                          lambda *a: saved.append(real(*a)) or saved[-1])  # noqa: B023
                result = run(capsys, *args)
            shown = Result(result.code, result.out.replace(str(here), "HERE"),
                           result.err.replace(str(here), "HERE"))
            out[way] = (shown, any(saved), _normal(before, _records(root)))
        return out

    return both


LINES = [
    "@Zebulon coffee, talked about tea",
    "@Zebulon call about the move #climate #Climate yesterday +2w",
    "@Zebulon @Priya lunch at the harbour 20 nov",
    "@Zebulon note prefers mornings",  # a note, not a touch: nothing is closed
    "@Priya dinner +10d",  # a touch closes a snooze
    "@Zebulon   spaced   out   text  ",
]


@pytest.mark.parametrize("line", LINES)
def test_the_short_path_writes_what_the_click_command_writes(twins, line):
    got = twins("note", line)
    fast, click = got["fast"], got["click"]
    assert fast[1] and fast[0].code == 0, fast[0].err  # the short path took it
    assert click[0].code == 0 and not click[1]
    assert fast[0].out == click[0].out and fast[0].err == click[0].err
    assert fast[2] == click[2]


@pytest.mark.parametrize("line", [LINES[0], LINES[1], LINES[2]])
def test_a_note_added_to_shards_of_earlier_notes_is_spliced_and_the_same(
        twins_with_notes, line, monkeypatch, tmp_path):
    spliced: list[bytes | None] = []
    real = splice.appended
    monkeypatch.setattr(splice, "appended", lambda *a: spliced.append(real(*a)) or spliced[-1])
    got = twins_with_notes("note", line)
    fast, click = got["fast"], got["click"]
    assert fast[1] and fast[0].code == 0, fast[0].err
    assert fast[0].out == click[0].out and fast[2] == click[2]
    assert spliced and all(raw is not None for raw in spliced)  # the note, its follow-ups
    for path in (tmp_path / "fast" / "data" / "interactions").iterdir():
        raw = path.read_bytes()
        assert orjson.dumps(orjson.loads(raw)) == raw  # netui's own spelling, as written


def test_a_touch_closes_what_was_due_and_keeps_what_is_later(twins):
    records = json.loads(twins("note", "@Zebulon coffee")["fast"][2])
    status = {c["reason"]: c["status"] for c in records["checkins"]}
    assert status == {"was due": "done", "later": "pending", "quiet": "pending"}


@pytest.mark.parametrize(("args", "config"), [
    (["note", "@Nobody coffee"], ""),  # unknown: the click command names the error
    (["note", "@Zeb coffee", "--create"], ""),
    (["note", "@Zebulon coffee"], "colour = 'red'\n"),  # a config mistake: said as usual
    (["note", "@Zebulon coffee"], "date_order = 'ymd'\n"),
    (["note", "@Zebulon coffee"], "this is not toml"),
    (["gave", "@Zebulon an intro"], ""),
])
def test_lines_it_does_not_take_run_the_click_command(twins, args, config):
    got = twins(*args, config=config)
    fast, click = got["fast"], got["click"]
    assert not fast[1]
    assert (fast[0].code, fast[0].out, fast[0].err) == (click[0].code, click[0].out,
                                                        click[0].err)
    assert fast[2] == click[2]


def test_a_stale_index_is_left_to_the_click_command(tmp_path, capsys, monkeypatch):
    root = tmp_path / "data"
    _seed(root)
    monkeypatch.setenv("NETUI_DATA_DIR", str(root))
    assert run(capsys, "list").code == 0
    os.utime(root / "contacts" / os.listdir(root / "contacts")[0], ns=(1, 1))  # stamps move
    taken = []
    monkeypatch.setattr(quick_note, "save", lambda *a: taken.append(1) or False)
    r = run(capsys, "note", "@Zebulon coffee")
    assert r.code == 0 and "Saved" in r.out and not taken
    assert len(_records(root)["interactions"]) == 1


def test_a_config_value_the_model_refuses_is_said_as_usual(twins):
    got = twins("note", "@Zebulon coffee", config="theme = 3\n")
    fast, click = got["fast"], got["click"]
    assert not fast[1] and fast[0].code == 1 and "theme" in fast[0].err
    assert (fast[0].code, fast[0].out, fast[0].err) == (click[0].code, click[0].out,
                                                        click[0].err)


def test_undo_kept_is_the_unit_of_works():
    from netui.services import unit_of_work

    assert quick_note.UNDO_KEPT == unit_of_work.UNDO_KEPT


def test_a_note_saved_by_the_short_path_is_undone(twins, tmp_path, capsys, monkeypatch):
    assert twins("note", "@Zebulon coffee")["fast"][1]
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "fast" / "data"))
    r = run(capsys, "undo")
    assert r.code == 0 and "meeting with Zebulon Quixote" in r.out, r.out + r.err
    records = _records(tmp_path / "fast" / "data")
    assert records["interactions"] == []
    assert {c["status"] for c in records["checkins"]} == {"pending"}
