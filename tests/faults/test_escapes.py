"""User text never reaches the terminal raw (F7): records another program wrote, the
import report, errors, the TUI."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain.models import Contact, Interaction
from netui.domain.text import scrub
from netui.services import Network
from netui.ui.app import NetuiApp
from tests.cli_helpers import run
from tests.conftest import TODAY, open_network
from tests.faults.test_external_changes import shard_path

PLANTED = "Planted\x1b]52;c;cHduZWQ=\x07\x1b[2JName"
LINK = "see \x1b]8;;http://evil.example/\x07here\x1b]8;;\x07 \x9b31m"


def plant(data_dir: Path, network: Network) -> str:
    """What a sync tool does: the stored record now holds escape sequences."""
    c = network.add_contact(Contact(name="Plain Name", circle="close"))
    network.log_interaction(Interaction(contact_ids=[c.id], date=TODAY, text="note"))
    network.store.close()
    path = shard_path(data_dir, "contacts", c.id)
    data = orjson.loads(path.read_bytes())
    data["contacts"][c.id].update(name=PLANTED, notes=LINK, company="Co\x1b[2J")
    path.write_bytes(orjson.dumps(data))
    return c.id


def raw(text: str) -> bool:
    return any(ch in text for ch in "\x1b\x07\x9b\x9d")


@given(st.text())
def test_scrub_leaves_no_control_character(text: str) -> None:
    out = scrub(text)
    assert not any((ord(ch) < 32 and ch not in "\t\n") or 127 <= ord(ch) < 160 for ch in out)
    assert scrub(out) == out


@pytest.mark.parametrize("args", [["list"], ["show", "PlantedName"], ["export", "csv", "-"],
                                  ["export", "md", "PlantedName"], ["due", "--days", "400"],
                                  ["list", "--json"]])
def test_records_written_by_another_program_print_scrubbed(network, data_dir, capsys,
                                                           monkeypatch, args) -> None:
    plant(data_dir, network)
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    result = run(capsys, *args)
    assert result.code == 0, result.err
    assert not raw(result.out) and not raw(result.err)
    assert "PlantedName" in result.out or "Planted" in result.out


def test_import_report_prints_no_escape(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "d"))
    card = tmp_path / "long.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long\x1b]52;c;cHduZWQ=\x07"
                     + b"A" * 600 + b"\r\nEND:VCARD\r\n")
    result = run(capsys, "import", str(card))
    assert "skipped" in result.out
    assert not raw(result.out) and not raw(result.err)


def test_errors_print_no_escape(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "d"))
    for args in (["show", "Eve\x1b[2J"], ["no-such\x1b]0;title\x07"]):
        result = run(capsys, *args)
        assert result.code != 0 and not raw(result.err) and not raw(result.out)


async def test_the_app_shows_planted_records_scrubbed(network, data_dir, tmp_path) -> None:
    cid = plant(data_dir, network)
    net = open_network(data_dir)
    app = NetuiApp(net, config_path=tmp_path / "config.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot()
        assert "PlantedName" in shown
        assert not raw(net.contact(cid).name + net.contact(cid).notes)
