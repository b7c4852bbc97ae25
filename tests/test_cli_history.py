"""Fixing and finding notes from the shell (B7): `show` prints entry ids, `edit-note`,
`delete-note`, `search`; `list` fits the terminal; a hung-up demo cleans up (B18)."""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netui.domain.names import fold
from netui.domain.snippets import snippet
from tests.cli_helpers import run


@pytest.fixture
def netui(capsys):
    return lambda *args: run(capsys, *args)


def _note_ids(netui, name: str) -> list[str]:
    out = netui("show", name).out
    return re.findall(r"^  \d{4}-\d\d-\d\d  ([0-9a-f]{12})  ", out, re.M)


def test_show_prints_each_entry_id_and_edit_note_changes_it(netui):
    netui("add", "Priya Raman")
    assert netui("note", "@Priya coffee, talked about the grnat yesterday").code == 0
    [nid] = _note_ids(netui, "priya")
    r = netui("edit-note", nid[:6], "--text", "coffee, talked about the grant",
              "--kind", "call", "--date", "2026-11-20")
    assert r.code == 0, r.err
    [entry] = netui("show", "priya", "--json").json()["timeline"]
    assert (entry["text"], entry["kind"], entry["date"]) == (
        "coffee, talked about the grant", "call", "2026-11-20")


def test_delete_note_asks_unless_yes(netui, monkeypatch):
    netui("add", "Priya Raman")
    for _ in range(3):  # the same note logged three times by mistake
        netui("note", "@Priya lunch")
    ids = _note_ids(netui, "priya")
    assert len(ids) == 3
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    r = netui("delete-note", ids[0])
    assert r.code != 0 and len(_note_ids(netui, "priya")) == 3
    assert netui("delete-note", ids[0], "--yes").code == 0
    assert netui("delete-note", ids[1], "--yes").code == 0
    assert _note_ids(netui, "priya") == [ids[2]]


def test_a_bad_entry_id_is_one_line(netui):
    netui("add", "Priya Raman")
    r = netui("delete-note", "nope-not-an-id", "--yes")
    assert r.code == 1 and r.err.count("\n") == 1 and "netui show" in r.err
    r = netui("edit-note", "abc")
    assert r.code == 1 and "Traceback" not in r.err


def test_search_finds_people_and_notes_newest_first(netui):
    netui("add", "Priya Raman", "--company", "Grant Labs")
    netui("add", "Tom Becker")
    netui("note", "@Tom first talk about the grant 2026-10-01")
    netui("note", "@Priya second: Grant feedback came back 2026-11-01")
    found = netui("search", "grant", "--json").json()
    assert [p["name"] for p in found["people"]] == ["Priya Raman"]
    assert [n["date"] for n in found["notes"]] == ["2026-11-01", "2026-10-01"]
    assert "Grant feedback" in found["notes"][0]["snippet"]
    plain = netui("search", "grant").out
    assert "People:" in plain and "In notes:" in plain and "Tom Becker" in plain
    assert "Nothing matches" in netui("search", "zebra").out


def test_list_fits_the_terminal_width(netui, monkeypatch):
    netui("add", "Maximilian Alexander von Hohenzollern-Sigmaringen the Third of Many Names",
          "--company", "A Company With An Extremely Long Name That Goes On And On GmbH")
    monkeypatch.setenv("COLUMNS", "80")
    lines = netui("list").out.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    assert "…" in lines[1]


@given(st.lists(st.sampled_from(["grant", "Jürgen", "coffee", "the", "ÉCOLE", "x"]),
                min_size=1, max_size=30),
       st.sampled_from(["grant", "jurgen", "coffee", "ecole"]), st.integers(10, 60))
@example(["grant", "Jürgen", "grant"], "jurgen", 10)  # the match's end cut by the last "…"
def test_snippet_highlights_what_matched(words, query, width):
    text = " ".join(words)
    snip = snippet(text, query, width)
    assert len(snip.text) <= max(width, 10)
    for a, b in snip.spans:
        assert fold(snip.text[a:b]) == query
    if fold(query) in fold(text):  # the first match is always shown, and lit
        assert snip.spans


@pytest.mark.skipif(sys.platform == "win32", reason="SIGHUP is POSIX")
def test_a_demo_killed_by_closing_the_terminal_cleans_its_temp_dir(tmp_path: Path):
    import pty

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    pid, fd = pty.fork()
    if pid == 0:  # the child: netui --demo on a terminal of its own
        os.environ.update(TMPDIR=str(tmp), NETUI_TODAY="2026-12-01", TERM="xterm")
        os.execv(sys.executable, [sys.executable, "-m", "netui", "--demo"])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list(tmp.glob("netui-demo-*")):
            time.sleep(0.1)
        assert list(tmp.glob("netui-demo-*")), "the demo made its directory"
        time.sleep(2)  # the app is up
        os.kill(pid, signal.SIGHUP)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGHUP
    assert not list(tmp.glob("netui-demo-*"))
