"""Saving a setting (the theme, from the app) rewrites the user's config file: it keeps
what the user wrote there, comments and layout included."""

from __future__ import annotations

import pytest

from netui.config import ConfigError, load_config, save_setting

USER_FILE = """\
# my netui settings
week_start = "sunday"   # as at work
theme = "textual-dark"

[circles]
# closest first
inner = 7
friends = 30
"""


def test_saving_a_setting_keeps_the_users_comments_and_layout(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE, "utf-8")
    save_setting(path, "theme", "nord")
    assert path.read_text("utf-8") == USER_FILE.replace('"textual-dark"', '"nord"')
    assert load_config(path).theme == "nord"


def test_a_new_setting_goes_at_the_top_level_not_into_the_last_table(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE.replace('theme = "textual-dark"\n', ""), "utf-8")
    save_setting(path, "theme", "nord")
    text = path.read_text("utf-8")
    assert "# my netui settings" in text and "# closest first" in text
    config = load_config(path)
    assert config.theme == "nord"
    assert config.circles == {"inner": 7, "friends": 30, "close": 30, "network": 90,
                              "acquaintance": 365}  # the built-ins kept (B8)


def test_a_setting_into_a_missing_file_makes_a_file_with_just_it(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_setting(path, "theme", "nord")
    assert load_config(path).theme == "nord"
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("text", ['theme = "unterminated\n', "\xff\xfe"])
def test_a_file_that_cannot_be_read_is_left_as_it_is(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ConfigError, match="cannot be updated"):
        save_setting(path, "theme", "nord")
    assert path.read_bytes() == text.encode("latin-1")


def test_an_invalid_value_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(USER_FILE, "utf-8")
    with pytest.raises(ConfigError):
        save_setting(path, "week_start", "friday")
    assert path.read_text("utf-8") == USER_FILE
