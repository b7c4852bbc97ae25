"""Config values of the wrong type are refused with one line naming the key (F17)."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run

BAD = [
    ("[circles]\ninner = true\n", "circles"),
    ('[circles]\n"in\\u001b]52;c;x\\u0007" = 14\n', "control character"),
    ('date_format = "%Q"\n', "date_format"),
    ('date_format = "%"\n', "date_format"),
    ('date_format = "\\u001b[2J%Y"\n', "date_format"),
]
UI_BAD = [
    ('[keymap]\n"netui.quit" = "notakey"\n', "keymap.netui.quit"),
    ('[keymap]\n"no.such.binding" = "x"\n', "no.such.binding"),
    ('theme = "no-such-theme"\n', "theme"),
]


@pytest.mark.parametrize(("text", "named"), BAD)
def test_wrong_values_are_one_line_naming_the_key(capsys, tmp_path, text, named):
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    result = run(capsys, "--config", str(cfg), "list")
    assert result.code == 1, result.out
    assert named in result.err and len(result.err.strip().splitlines()) == 1
    assert "Value error" not in result.err and "\x1b" not in result.err


@pytest.mark.parametrize(("text", "named"), UI_BAD)
def test_the_app_refuses_a_wrong_keymap_or_theme_before_starting(capsys, tmp_path, text,
                                                                 named):
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    result = run(capsys, "--config", str(cfg))  # no command: the app
    assert result.code == 1
    assert named in result.err and len(result.err.strip().splitlines()) == 1


def test_good_settings_still_load(capsys, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('date_format = "%-d %b %Y"\ntheme = "nord"\n[keymap]\n'
                   '"netui.quit" = "q,ctrl+q"\n[circles]\ninner = 7\n')
    assert run(capsys, "--config", str(cfg), "list").code == 0
    from netui.config import load_config
    from netui.ui.settings_check import check_ui_settings

    check_ui_settings(load_config(cfg))  # nothing raised
