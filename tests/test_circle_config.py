"""A `[circles]` table adds to the built-in circles (B8): one custom circle must not take
every other circle's cadence away from the people in it."""

from __future__ import annotations

import pytest

from netui.config import Config, ConfigError, load_config
from netui.domain.models import DEFAULT_CIRCLES
from tests.cli_helpers import run


def _config(tmp_path, monkeypatch, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text)
    monkeypatch.setenv("NETUI_CONFIG", str(path))
    return path


def test_one_custom_circle_keeps_the_built_in_ones(tmp_path, monkeypatch, capsys):
    _config(tmp_path, monkeypatch, "[circles]\nfamily = 7\ninner = 14\n")
    assert run(capsys, "add", "Ben Close", "--circle", "close", "--met-on", "2026-09-01").code == 0
    assert run(capsys, "add", "Nia Net", "--circle", "network",
               "--met-on", "2026-01-02").code == 0
    shown = run(capsys, "show", "Ben Close")
    assert shown.code == 0 and "30" in shown.out.split("Every")[1].splitlines()[0]
    due = {e["name"] for e in run(capsys, "due", "--json").json()}
    assert due == {"Ben Close", "Nia Net"}  # 82 and 324 days since, past 30 and 90
    assert run(capsys, "edit", "Nia Net", "--circle", "close").code == 0


def test_circles_rank_closest_first_by_cadence(tmp_path):
    config = load_config(_write(tmp_path, "[circles]\nfriends = 60\nfamily = 7\n"))
    assert list(config.circles.items()) == [
        ("family", 7), ("inner", 14), ("close", 30), ("friends", 60), ("network", 90),
        ("acquaintance", 365)]


def test_a_built_in_circle_can_be_retimed_or_dropped(tmp_path):
    text = "[circles]\nclose = {ideal = 21, max = 30}\nacquaintance = false\nInner = 10\n"
    config = load_config(_write(tmp_path, text))
    assert config.circles == {"inner": 10, "close": 21, "network": 90}
    assert config.late_after("close", 21) == 30


def test_with_no_circles_table_the_built_ins_are_the_circles():
    assert Config().circles == DEFAULT_CIRCLES


@pytest.mark.parametrize(("text", "named"), [
    ("[circles]\nfriends = false\n", "friends"),  # only a built-in can be dropped
    ("[circles]\ninner = false\nclose = false\nnetwork = false\nacquaintance = false\n",
     "at least one circle"),
    ("[circles]\ninner = true\n", "inner"),
])
def test_a_bad_circles_table_is_refused_in_one_line(tmp_path, text, named):
    with pytest.raises(ConfigError, match=named) as caught:
        load_config(_write(tmp_path, text))
    assert "\n" not in str(caught.value)


def _write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path
