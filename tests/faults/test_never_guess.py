"""Commands that change, delete or show one person act on an exact name only (F5), and
the shell can undo the last change of any netui from the data directory's log."""

from __future__ import annotations

from pathlib import Path

import pytest

from netui.domain.models import Contact
from netui.services import Network
from tests.cli_helpers import run
from tests.conftest import open_network


@pytest.fixture
def lees(network: Network, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Network:
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    for name in ("Anna Lee", "Jon Smith", "Léa Dubois"):
        network.add_contact(Contact(name=name, nickname="Jojo" if name == "Jon Smith" else None))
    network.store.close()
    return network


@pytest.mark.parametrize("args", [
    ["delete", "Ann Lee", "--yes"], ["edit", "John Smith", "--company", "X"],
    ["archive", "Ann Lee"], ["show", "Ann Lee"], ["done", "Ann Lee"],
    ["snooze", "Ann Lee", "1w"], ["export", "md", "Ann Lee"],
    ["dedupe", "--merge", "Ann Lee", "Jon Smith"],
])
def test_a_close_spelling_is_an_error_naming_the_nearest(lees, capsys, data_dir, args):
    before = open_network(data_dir).export_all()
    result = run(capsys, *args)
    assert result.code != 0
    assert "nearest" in result.err and result.err.count("\n") == 1
    assert open_network(data_dir).export_all() == before


@pytest.mark.parametrize("name", ["anna lee", "Anna", "lee", "LEA DUBOIS", "Lea", "jojo"])
def test_exact_names_folded_still_work(lees, capsys, name):
    result = run(capsys, "show", name)
    assert result.code == 0, result.err


def test_a_prefix_is_not_exact_enough_to_delete(lees, capsys, data_dir):
    result = run(capsys, "delete", "Ann", "--yes")
    assert result.code != 0 and "Anna Lee" in result.err
    assert len(open_network(data_dir).contacts()) == 3


def test_shell_undo_reverts_the_last_change_of_any_process(lees, capsys, data_dir):
    assert run(capsys, "delete", "Anna Lee", "--yes").code == 0
    app = open_network(data_dir)  # another netui (the app) edits someone else after
    app.process = "app"
    jon = app.find_exact("Jon Smith")
    app.edit_contact(jon.id, company="Acme")
    app.store.close()
    log = run(capsys, "log")
    assert log.code == 0
    lines = log.out.splitlines()
    assert "edit Jon Smith" in lines[1] and "app" in lines[1]
    assert "delete Anna Lee" in lines[2] and "shell" in lines[2]
    assert run(capsys, "undo").out.strip() == "Undid: edit Jon Smith"
    assert run(capsys, "undo").out.strip() == "Undid: delete Anna Lee"
    net = open_network(data_dir)
    assert net.find_exact("Anna Lee") and net.find_exact("Jon Smith").company is None
    assert "undone" in run(capsys, "log").out


def test_undo_refuses_when_the_records_changed_since(lees, capsys, data_dir):
    assert run(capsys, "edit", "Jon Smith", "--company", "First").code == 0
    other = open_network(data_dir)
    jon = other.find_exact("Jon Smith")
    # A sync tool's edit: not in the log, but the record is no longer what the log wrote.
    from netui.storage import Change

    other.store.apply([Change("contacts", jon.id, {**jon.to_doc(), "title": "Synced"})])
    other.store.close()
    result = run(capsys, "undo")
    assert result.code == 1 and "changed since" in result.err
    assert open_network(data_dir).find_exact("Jon Smith").company == "First"


def test_the_log_keeps_the_last_fifty_changes(lees, capsys, data_dir):
    net = open_network(data_dir)
    jon = net.find_exact("Jon Smith")
    for n in range(60):
        net.edit_contact(jon.id, company=f"Co {n}")
    entries = net.undo_log()
    assert len(entries) == 50 and entries[-1].label == "edit Jon Smith"
    assert net.store.count("undo") == 50


def test_app_undo_uses_the_same_log(lees, data_dir):
    net = open_network(data_dir)
    net.process = "app"
    shell = open_network(data_dir)
    shell.delete_contact(shell.find_exact("Léa Dubois").id)
    shell.store.close()
    assert net.undo_label() == "delete Léa Dubois"
    assert net.undo() == "delete Léa Dubois"
    assert net.find_exact("Lea")
