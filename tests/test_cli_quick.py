"""`netui note / gave / got / asked / review` through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli_helpers import run


@pytest.fixture
def netui(capsys):
    return lambda *args: run(capsys, *args)


@pytest.fixture
def people(netui):
    for args in (["Priya Raman", "--company", "Acme", "--circle", "close"],
                 ["Tom Wiśniewski", "--circle", "inner"],
                 ["Alex Chen", "--company", "Acme"], ["Alex Park", "--company", "Globex"]):
        assert netui("add", *args).code == 0


def _show(netui, name):
    return netui("show", name, "--json").json()


def test_note_logs_a_meeting_with_both_and_a_followup(netui, people, tmp_path):
    r = netui("note", "@Priya @Tom coffee at Blue Bottle, talked climate intros #climate "
                      "yesterday +2w")
    assert r.code == 0, r.err
    assert ("Saved: Meeting with Priya Raman, Tom Wiśniewski · yesterday · #climate · "
            "follow-up in 2 weeks") in r.out
    assert netui("export", "json", str(tmp_path / "all.json")).code == 0
    data = json.loads((tmp_path / "all.json").read_text())
    (meeting,) = data["interactions"]
    names = {c["id"]: c["name"] for c in data["contacts"]}
    assert [names[i] for i in meeting["contact_ids"]] == ["Priya Raman", "Tom Wiśniewski"]
    assert (meeting["date"], meeting["kind"], meeting["tags"]) == ("2026-11-21", "meeting",
                                                                   ["climate"])
    assert sorted((names[c["contact_id"]], c["due"]) for c in data["checkins"]) == [
        ("Priya Raman", "2026-12-06"), ("Tom Wiśniewski", "2026-12-06")]
    assert "coffee at Blue Bottle" in netui("show", "Priya").out


@pytest.mark.parametrize(("args", "words"), [
    (["note", "@Alex", "lunch"], "ambiguous: alex chen (acme), alex park (globex)"),
    (["note", "@Zed", "lunch"], "no such contact"),
    (["note", "@Pryia", "lunch"], "nearest: priya raman"),
    (["note", "lunch", "yesterday"], "mention someone"),
    (["note", "@Priya", "tomorrow"], "future"),
    (["gave", "@Priya", "@Tom", "books"], "one person"),
    (["gave", "@Priya", "books", "!7"], "size"),
])
def test_bad_lines_are_one_line_errors_and_save_nothing(netui, people, args, words):
    r = netui(*args)
    assert r.code != 0
    assert words in r.err.lower()
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert netui("ledger", "--json").json()["balances"] == []
    assert [c["name"] for c in netui("list", "--json").json()] == [
        "Alex Chen", "Alex Park", "Priya Raman", "Tom Wiśniewski"]
    assert "never" in netui("show", "Priya").out or "No interactions" in netui("show", "Priya").out


def test_unknown_name_with_create(netui, people):
    r = netui("note", '@"Sam Lee"', "lunch", "--create")
    assert r.code == 0, r.err
    assert "Meeting with Sam Lee (new)" in r.out
    assert _show(netui, "Sam Lee")["name"] == "Sam Lee"


def test_gave_got_and_asked(netui, people):
    asked = netui("asked", "@Priya", "for", "a", "reference")
    assert asked.code == 0, asked.err
    assert "Saved: Asked Priya Raman · today" in asked.out
    assert "Balance with Priya Raman: +0" in asked.out
    assert "Give first" in asked.out and "information, ideas, advice, a reference" in asked.out
    assert "You have given Priya Raman nothing yet" in asked.out
    assert netui("gave", "@Priya", "intro", "to", "Sam", "at", "Acme", "!2").code == 0
    assert netui("got", "@Tom", "advice", "on", "negotiation", "3d", "ago").code == 0
    ledger = {b["name"]: b for b in netui("ledger", "--json").json()["balances"]}
    assert ledger["Priya Raman"]["balance"] == 2 and ledger["Priya Raman"]["open_asks"] == 1
    assert ledger["Tom Wiśniewski"]["balance"] == -1
    again = netui("asked", "@Priya", "for", "ideas")
    assert "Balance with Priya Raman: +2" in again.out and "nothing yet" not in again.out


def test_review_text_and_json_show_the_same_queue(netui):
    netui("add", "Tom Wiśniewski", "--circle", "inner", "--met-on", "2026-10-01")
    netui("add", "Priya Raman", "--circle", "close", "--birthday", "1990-11-24",
          "--met-on", "2026-11-20")
    netui("add", "Nadia Novak")  # no circle: triage
    netui("got", "@Priya", "feedback on my draft")
    data = netui("review", "--json").json()
    assert data["date"] == "2026-11-22"
    assert [t["name"] for t in data["triage"]] == ["Nadia Novak"]
    assert [q["name"] for q in data["queue"]] == ["Tom Wiśniewski", "Priya Raman"]
    assert (data["today"], data["later"], data["daily"]) == (2, 0, 7)
    tom, priya = data["queue"]
    assert tom["reasons"][0]["text"] == "check-in (every 14 days), overdue 38d · late"
    assert {r["kind"] for r in priya["reasons"]} == {"birthday", "owes_back"}
    assert "give something back" in priya["suggestion"]
    text = netui("review").out
    assert "1 without a circle yet (Nadia Novak)" in text
    assert "To reconnect with: 2 today · 0 later" in text
    assert "1 of 2  Tom Wiśniewski · inner" in text
    assert "2 of 2  Priya Raman · close" in text
    assert "why:     birthday in 2 days, Tue 24 Nov (turns 36)" in text


def test_review_when_nothing_is_due(netui):
    assert "Nothing to review today." in netui("review").out


def test_note_never_imports_textual(tmp_path):
    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data")}
    code = ("import sys\nfrom netui.cli import main\n"
            "for args in (['add', 'Priya Raman'], ['note', '@Priya', 'lunch'], ['review']):\n"
            "    try:\n        main(args)\n    except SystemExit as e:\n"
            "        assert e.code in (0, None), e.code\n"
            "print('textual' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_python_m_netui_note(tmp_path):
    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([sys.executable, "-m", "netui", "add", "Léa Dubois"], env=env, check=True,
                   capture_output=True)
    ok = subprocess.run([sys.executable, "-m", "netui", "note", "@lea call #design"], env=env,
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "Call with Léa Dubois · today · #design" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "netui", "note", "@nobody call"], env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.startswith("netui: @nobody: no such contact")
