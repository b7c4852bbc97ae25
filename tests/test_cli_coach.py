"""The coach from the shell: asks judged before saving, intros, ideas, the paced review."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run


@pytest.fixture
def netui(capsys):
    return lambda *args: run(capsys, *args)


@pytest.fixture
def people(netui):
    for args in (["Priya Raman", "--company", "Acme", "--circle", "close"],
                 ["Tom Wiśniewski", "--circle", "inner"], ["Kenji Sato"]):
        assert netui("add", *args).code == 0


def test_asked_json_prints_the_saved_favour_with_its_check(netui, people):
    r = netui("asked", "@Priya", "to", "find", "me", "a", "job", "at", "Acme", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert data["direction"] == "asked" and data["status"] == "open"
    assert data["text"] == "to find me a job at Acme"
    assert data["ask_check"] == {
        "verdict": "big", "reason": "a job is not theirs to give and hard to refuse",
        "suggestion": "tell them you are looking at Acme and ask whether they would be a "
                      "reference, or who you should talk to"}
    ledger = netui("ledger", "--json").json()
    assert ledger["balances"][0]["open_asks"] == 1


def test_asked_dry_run_saves_nothing(netui, people):
    r = netui("asked", "@Priya", "for", "a", "reference", "--dry-run", "--json")
    assert r.code == 0, r.err
    assert r.json()["ask_check"]["verdict"] == "small"
    assert r.json()["ask_check"]["suggestion"] is None
    assert netui("ledger", "--json").json()["balances"] == []
    text = netui("asked", "@Priya", "to", "invest", "in", "my", "startup", "--dry-run")
    assert "Not saved (dry run)" in text.out
    assert "Big ask" in text.out and "share a short update on your startup" in text.out
    assert netui("ledger", "--json").json()["balances"] == []


def test_asked_in_text_shows_the_coach(netui, people):
    r = netui("asked", "@Priya", "to", "build", "my", "website")
    assert r.code == 0, r.err
    assert "Big ask: doing the work for you takes them hours." in r.out
    assert "Try: ask for their advice on building your website" in r.out


def test_b3_sizes_that_need_no_bang(netui, people):
    assert netui("gave", "@Priya", "intro", "to", "Sam", "size:2").code == 0
    assert netui("gave", "@Tom", "the", "grant", "list", "++").code == 0
    balances = {b["name"]: b["balance"] for b in netui("ledger", "--json").json()["balances"]}
    assert balances == {"Priya Raman": 2, "Tom Wiśniewski": 2}


def test_gave_an_intro_json_lists_both_favours(netui, people):
    r = netui("gave", "@Kenji", "intro", "to", "@Priya", "Raman", "and", "@Tom", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert [f["introduced_id"] is not None for f in data["favours"]] == [True, True]
    assert data["favours"][0]["text"] == "intro to Priya Raman and Tom Wiśniewski"
    shown = netui("show", "Priya").out
    assert "intro: introduced by you to Kenji Sato on 2026-11-22" in shown


def test_ideas_from_the_shell(netui, people, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[offers]\ntopics = ["pricing"]\n')
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    assert netui("add", "Tom Novak", "--company", "Acme Climate").code == 0
    assert netui("edit", "Priya", "--looking-for", "climate-tech intros",
                 "--looking-for", "advice on pricing").code == 0
    assert netui("show", "Priya", "--json").json()["looking_for"] == [
        "climate-tech intros", "advice on pricing"]
    text = netui("ideas").out
    assert "Priya is looking for climate-tech intros: Tom Novak works at Acme Climate" in text
    assert "Priya is looking for advice on pricing: you can advise on pricing" in text
    data = netui("ideas", "@Priya", "--json").json()
    assert {i["field"] for i in data} == {"company", "offer"}
    assert netui("ideas", "Tom Wiśniewski").out.startswith("No ideas yet")


def test_review_at_budget_says_how_many_wait(netui, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[review]\ndaily = 2\n")
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    for n in range(5):
        assert netui("add", f"Person {n}", "--circle", "close",
                     "--met-on", f"2026-0{n + 1}-01").code == 0
    data = netui("review", "--json").json()
    assert (data["today"], data["later"]) == (2, 3)
    assert [q["paced"] for q in data["queue"]] == ["today", "today"]
    assert all(q["reasons"] for q in data["queue"])
    assert [q["name"] for q in data["queue"]] == ["Person 0", "Person 1"]  # most overdue
    more = netui("review", "--json", "--more").json()
    assert [q["paced"] for q in more["queue"]] == ["today"] * 2 + ["later"] * 3
    text = netui("review").out
    assert "To reconnect with: 2 today · 3 later" in text
    assert "3 more wait: netui review --more shows them." in text


def test_review_card_shows_the_coach_on_open_asks(netui, people):
    assert netui("note", "@Priya", "coffee", "60", "days", "ago").code == 0
    assert netui("asked", "@Priya", "to", "find", "me", "a", "job", "at", "Acme", "60",
                 "days", "ago").code == 0
    data = netui("review", "--json").json()
    (priya,) = [q for q in data["queue"] if q["name"] == "Priya Raman"]
    assert priya["open_asks"][0]["ask_check"]["verdict"] == "big"
    assert "ask whether they would be a reference" in netui("review").out


def test_ledger_names_big_stale_asks_with_a_reframe(netui, people):
    assert netui("asked", "@Priya", "to", "invest", "in", "my", "startup", "40", "days",
                 "ago").code == 0
    out = netui("ledger").out
    assert "big ask; try: share a short update on your startup" in out
    stale = netui("ledger", "--json").json()["nudges"]["stale_asks"]
    assert stale[0]["ask_check"]["verdict"] == "big"
