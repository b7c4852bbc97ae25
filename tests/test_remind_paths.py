"""The scheduled digest reads the data and config the user installed it from: a data
directory or config given by NETUI_DATA_DIR / NETUI_CONFIG or by a relative path is
written into the timer as an absolute --data-dir / --config (a timer runs in another
directory, without the shell's environment, and would read an empty default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netui import remind_install
from tests.cli_helpers import run
from tests.conftest import open_network


@pytest.fixture
def unit_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETUI_SYSTEMD_USER_DIR", str(tmp_path / "systemd"))
    return tmp_path / "systemd"


def _exec_argv(unit_dir: Path) -> str:
    text = (unit_dir / "netui-remind.service").read_text()
    return next(x for x in text.splitlines() if x.startswith("ExecStart="))


def test_the_environment_s_data_and_config_go_into_the_timer(capsys, tmp_path, monkeypatch,
                                                            unit_dir):
    data, config = tmp_path / "my data", tmp_path / "conf" / "netui.toml"
    open_network(data).store.close()
    monkeypatch.setenv("NETUI_DATA_DIR", str(data))
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    r = run(capsys, "remind", "--install", "--target", "systemd")
    assert r.code == 0, r.err
    line = _exec_argv(unit_dir)
    assert f'"--data-dir" "{data}" "--config" "{config}" "remind" "--notify"' in line


def test_a_relative_data_dir_is_made_absolute(capsys, tmp_path, monkeypatch, unit_dir):
    monkeypatch.chdir(tmp_path)
    open_network(tmp_path / "rel").store.close()
    r = run(capsys, "--data-dir", "rel", "remind", "--install", "--target", "systemd")
    assert r.code == 0, r.err
    assert f'"--data-dir" "{tmp_path / "rel"}"' in _exec_argv(unit_dir)


def test_the_cron_line_names_them_too(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv("NETUI_CONFIG")
    r = run(capsys, "remind", "--install", "--target", "cron")
    assert r.code == 0, r.err
    line = r.out.splitlines()[1]
    assert f"--data-dir {tmp_path / 'd'} remind" in line and "--config" not in line
    assert remind_install.cron_line(["/py", "-m", "netui", "remind", "--notify"], 9, 0) \
        .endswith("/py -m netui remind")
