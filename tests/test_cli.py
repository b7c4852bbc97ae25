"""The scripting CLI through its real entry point, on a temporary data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.cli_helpers import run


@pytest.fixture
def netui(capsys):
    return lambda *args: run(capsys, *args)


def test_add_list_show(netui):
    r = netui("add", "Priya Raman", "--email", "priya@acme.example", "--company", "Acme",
              "--tag", "climate", "--circle", "close", "--birthday", "--02-29", "--every", "3w")
    assert r.code == 0 and "Added Priya Raman" in r.out
    listed = netui("list", "--json").json()
    assert [c["name"] for c in listed] == ["Priya Raman"]
    assert listed[0]["cadence_days"] == 21 and listed[0]["birthday"] == "--02-29"
    assert "Priya Raman" in netui("list", "#climate").out
    assert "No contacts match" in netui("list", "circle:inner").out
    shown = netui("show", "priya")
    assert shown.code == 0 and "Acme" in shown.out and "21 days" in shown.out
    assert netui("show", "raman", "--json").json()["company"] == "Acme"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add", ""], "name"),
        (["add", "X", "--email", "nope"], "email"),
        (["add", "X", "--circle", "besties"], "circle"),
        (["add", "X", "--every", "sometimes"], "every"),
        (["add", "X", "--birthday", "1991-02-29"], "birthday"),
        (["show", "Nobody"], "no contact"),
        (["snooze", "Nobody", "1w"], "no contact"),
        (["import", "json", "/nonexistent/file.json"], "cannot read"),
    ],
)
def test_bad_input_is_one_line_and_saves_nothing(netui, args, words):
    r = netui(*args)
    assert r.code != 0
    lines = [line for line in r.err.strip().splitlines() if line]
    assert words in r.err.lower()
    assert "Traceback" not in r.err
    assert len(lines) <= 3  # click usage errors add a usage line; ours are one line
    assert netui("list", "--json").json() == []


def test_due_done_snooze(netui):
    netui("add", "Tomasz Wiśniewski", "--circle", "inner", "--met-on", "2026-10-01")
    due = netui("due", "--json").json()
    assert due[0]["name"] == "Tomasz Wiśniewski" and due[0]["overdue_days"] == 38
    assert set(due[0]) >= {"contact_id", "name", "due", "overdue_days", "reason"}
    assert netui("snooze", "@tomasz", "1w").code == 0
    assert netui("due").out.startswith("Nobody")
    assert netui("due", "--days", "7", "--json").json()[0]["reason"] == "snoozed"
    r = netui("done", "@TOMASZ", "--note", "coffee")
    assert r.code == 0 and "next check-in 2026-12-06" in r.out
    shown = netui("show", "tomasz", "--json").json()
    assert shown["last_touch"] == "2026-11-22"
    touches = [e for e in shown["timeline"] if e["type"] == "interaction"]
    assert touches[0]["text"] == "coffee" and touches[0]["date"] == "2026-11-22"


def test_ambiguous_names_list_the_candidates(netui):
    netui("add", "Alex Chen")
    netui("add", "Alex Park")
    r = netui("done", "@alex")
    assert r.code == 1 and "Alex Chen" in r.err and "Alex Park" in r.err


def test_ledger_json(netui, tmp_path):
    data = {"schema": 1, "contacts": [{"id": "p", "name": "Priya"}], "favours": [
        {"id": "f1", "contact_id": "p", "direction": "received", "date": "2026-11-01", "size": 2},
        {"id": "f2", "contact_id": "p", "direction": "asked", "date": "2026-09-01"}]}
    path = tmp_path / "in.json"
    path.write_bytes(orjson.dumps(data))
    assert netui("import", "json", str(path)).code == 0
    ledger = netui("ledger", "--json").json()
    assert ledger["balances"][0]["balance"] == -2
    assert ledger["nudges"]["owes_back"][0]["name"] == "Priya"
    assert ledger["nudges"]["stale_asks"][0]["age_days"] == 82
    text = netui("ledger").out
    assert "Open asks older than 30 days" in text


def test_export_import_json_round_trip(netui, tmp_path):
    first = tmp_path / "one.json"
    assert netui("--demo", "export", "json", str(first)).code == 0
    assert (first.stat().st_mode & 0o777) == 0o600
    assert netui("import", "json", str(first)).code == 0
    second = tmp_path / "two.json"
    assert netui("export", "json", str(second)).code == 0
    assert orjson.loads(first.read_bytes()) == orjson.loads(second.read_bytes())


def test_broken_json_import_is_one_line(netui, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1, "contacts": [{"id": "a", "name": ""}]}')
    r = netui("import", "json", str(bad))
    assert r.code == 1 and "contacts[1] name" in r.err
    bad.write_text("{not json")
    assert "not valid JSON" in netui("import", "json", str(bad)).err


def test_demo_never_touches_the_users_data(netui):
    assert len(netui("--demo", "list", "--json").json()) > 50
    assert netui("list", "--json").json() == []
    assert not os.path.exists(os.environ["NETUI_DATA_DIR"] + "/contacts/00.json")


def test_backup_and_restore(netui):
    netui("add", "Kept")
    r = netui("backup")
    assert r.code == 0 and "Backed up to" in r.out
    netui("add", "Added after")
    assert netui("restore", "--yes").code == 0
    assert [c["name"] for c in netui("list", "--json").json()] == ["Kept"]
    assert "manual-" in netui("restore", "--list").out


def test_corrupt_data_exits_nonzero_naming_file_and_backup(netui):
    netui("add", "Someone")
    netui("backup")
    data = os.environ["NETUI_DATA_DIR"]
    shard = next(p for p in sorted(os.listdir(data + "/contacts")) if p.endswith(".json"))
    with open(f"{data}/contacts/{shard}", "w") as fh:
        fh.write("{torn")
    r = netui("list")
    assert r.code == 1 and shard in r.err and "backup" in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_bad_config_is_one_line(netui, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[circles]\ninner = 0\n")
    r = netui("--config", str(cfg), "list")
    assert r.code == 1 and "circles" in r.err and len(r.err.strip().splitlines()) == 1


def test_console_script_and_module_entry(tmp_path):
    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "d")}
    # The script installed with the Python running the tests (`.venv/bin/pytest` runs with
    # no activated venv, and another netui may be first on PATH).
    script = str(Path(sys.executable).with_name("netui"))
    for cmd, name in (([script], "Léa Dubois"), ([sys.executable, "-m", "netui"], "Zoë Roux")):
        out = subprocess.run([*cmd, "add", name, "--tag", "design"], env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
    out = subprocess.run([script, "list", "--json"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert [c["name"] for c in orjson.loads(out.stdout)] == ["Léa Dubois", "Zoë Roux"]


def test_shell_commands_do_not_import_textual(tmp_path):
    code = ("import sys; from netui.cli import main\n"
            "try:\n    main(['list'])\nexcept SystemExit:\n    pass\n"
            "assert 'textual' not in sys.modules, 'textual imported'")
    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "d")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
