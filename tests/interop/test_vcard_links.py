"""Roles and links between people survive a vCard round trip; communities travel as
CATEGORIES only when asked."""

from __future__ import annotations

import json

from ..cli_helpers import run


def _setup(capsys):
    run(capsys, "add", "Priya Raman")
    run(capsys, "add", "Tom Okafor")
    run(capsys, "edit", "priya", "--role", "mentor", "--role", "peer")
    run(capsys, "link", "@Tom", "@Priya", "reports to", "--note", "at Acme; since 2020",
        "--on", "2024-03-01")
    run(capsys, "community", "add", "ACM Lagos")
    run(capsys, "join", "@Tom", "&acm")


def test_roles_and_links_round_trip(capsys, tmp_path, monkeypatch):
    _setup(capsys)
    card = tmp_path / "out.vcf"
    assert run(capsys, "export", "vcard", str(card)).code == 0
    text = card.read_text()
    assert "X-NETUI-ROLE:mentor,peer" in text
    assert "X-NETUI-LINK:reports to;out;" in text
    assert "ACM Lagos" not in text  # communities only when asked
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "other"))
    r = run(capsys, "import", str(card))
    assert r.code == 0, r.err
    rows = {c["name"]: c for c in run(capsys, "list", "--json").json()}
    assert rows["Priya Raman"]["roles"] == ["mentor", "peer"]
    data = json.loads(run(capsys, "export", "json", "-").out)
    ids = {c["id"]: c["name"] for c in data["contacts"]}
    (link,) = data["links"]
    assert (ids[link["a_id"]], ids[link["b_id"]], link["kind"], link["directed"],
            link["date"], link["note"]) == ("Tom Okafor", "Priya Raman", "reports to", True,
                                            "2024-03-01", "at Acme; since 2020")
    again = run(capsys, "import", str(card))  # the same file again: nothing new
    assert again.code == 0 and "1 link added" not in again.out
    assert len(json.loads(run(capsys, "export", "json", "-").out)["links"]) == 1


def test_communities_as_categories_when_asked(capsys, tmp_path):
    _setup(capsys)
    card = tmp_path / "out.vcf"
    assert run(capsys, "export", "vcard", str(card), "--communities").code == 0
    assert "CATEGORIES:ACM Lagos" in card.read_text()
