"""Ids and dates from files are validated (F6, F8, F18), and a favour needs a
description (item 11): each refused with one line, nothing saved, nothing written
outside the folder named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain import quickadd
from netui.domain.models import Contact
from netui.services import Network
from tests.cli_helpers import run
from tests.conftest import open_network

EVIL = {"schema": 1, "contacts": [
    # Enough ../ to reach / from any temp directory, so the check below looks in /tmp.
    {"id": "../" * 16 + "tmp/netui-pwned-id", "name": "Evil Id"},
    {"id": "/tmp/netui-abs-id", "name": "Abs Id"},
    {"id": "../../sec-escape", "name": "Evil Rel", "uid": "../../sec-escape-uid"},
    {"id": "line\nbreak", "name": "Newline Id"}],
    "interactions": [{"id": "n/1", "contact_ids": ["/tmp/netui-abs-id"],
                      "date": "2026-01-01", "text": "kept"}]}


@pytest.fixture
def shell(tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "d"))
    return tmp_path


def test_unsafe_ids_are_reissued_with_their_references(shell, capsys):
    src = shell / "evil.json"
    src.write_text(json.dumps(EVIL))
    assert run(capsys, "import", "json", str(src)).code == 0
    vdir = shell / "vdir" / "a" / "b"
    assert run(capsys, "export", "vcard", "--vdir", str(vdir)).code == 0
    written = sorted(p.name for p in vdir.iterdir())
    assert len(written) == 4 and all("/" not in n and "\n" not in n for n in written)
    assert sorted(p.name for p in shell.rglob("*.vcf")) == written  # nothing outside it
    assert not Path("/tmp/netui-pwned-id.vcf").exists()
    assert not Path("/tmp/netui-abs-id.vcf").exists()
    net = open_network(shell / "d")
    abs_id = net.find_exact("Abs Id")
    assert [i.text for i in net.interactions_for(abs_id.id)] == ["kept"]


@pytest.mark.parametrize("args", [
    ["add", "Bday Max", "--birthday", "9999-12-31"],
    ["add", "Met Max", "--met-on", "9999-12-31"],
])
def test_dates_netui_cannot_carry_are_one_line(shell, capsys, args):
    result = run(capsys, *args)
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1
    assert "internal error" not in result.err


def test_snooze_and_imported_dates_out_of_range_refused(shell, capsys):
    assert run(capsys, "add", "P Max", "--circle", "close").code == 0
    snooze = run(capsys, "snooze", "P Max", "9999-12-31")
    assert snooze.code == 1 and "2200" in snooze.err
    src = shell / "c.json"
    src.write_text(json.dumps({"schema": 1, "contacts": [
        {"id": "a", "name": "A", "circle": "close", "created_at": "9999-12-31T00:00:00Z"}]}))
    result = run(capsys, "import", "json", str(src))
    assert result.code == 1 and "created_at" in result.err
    for cmd in (["list"], ["due"], ["export", "ics", "-"], ["show", "P Max"]):
        assert run(capsys, *cmd).code == 0


def test_a_date_written_by_another_program_breaks_nothing(network: Network, data_dir):
    from netui.storage import Change

    c = network.add_contact(Contact(name="Far Future", circle="close"))
    network.store.apply([Change("interactions", "far", {
        "id": "far", "contact_ids": [c.id], "date": "9999-12-31", "kind": "meeting"})])
    network.store.close()
    net = open_network(data_dir)
    assert net.due(c.id) is not None and net.due_list(400)
    net.review_order(7)


@given(st.dates(), st.sampled_from(["@Priya yesterday", "@Léa next mon", "@Priya 3d ago +2w",
                                    "@Priya last fri", "@Priya 2 nov"]))
def test_quickadd_never_raises_at_date_limits(today: date, line: str) -> None:
    quickadd.parse(line, today, [])


def test_quickadd_limit_dates_from_the_finding() -> None:
    assert quickadd.parse("@Priya yesterday", date(1, 1, 1), []).errors
    assert quickadd.parse("@Léa next mon", date(9999, 12, 31), []).errors


@pytest.mark.parametrize("verb", ["gave", "asked", "got"])
def test_a_favour_needs_a_description(shell, capsys, verb):
    assert run(capsys, "add", "Ada Lovelace").code == 0
    result = run(capsys, verb, "@Ada")
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1
    assert "favour" in result.err
    assert open_network(shell / "d").favours() == []
