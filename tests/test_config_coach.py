"""Config for the coaching review: circle thresholds, the daily budget, offers, date order."""

from __future__ import annotations

import pytest

from netui.config import Config, ConfigError, load_config


def _load(tmp_path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return load_config(path)


def test_a_circle_table_sets_ideal_and_max(tmp_path):
    cfg = _load(tmp_path, "[circles]\nclose = {ideal = 30, max = 45}\nnetwork = 90\n")
    assert cfg.circles == {"inner": 14, "close": 30, "network": 90, "acquaintance": 365}
    assert cfg.late_after("close", 30) == 45
    assert cfg.late_after("network", 90) == 135  # a bare number: max is 1.5x the ideal
    assert cfg.late_after(None, 10) == 15


@pytest.mark.parametrize("text", [
    "[circles]\nclose = {ideal = 30, max = 20}\n",
    "[circles]\nclose = {max = 20}\n",
    "[circles]\nclose = {ideal = 30, maxi = 40}\n",
    "[review]\ndaily = -1\n",
    'date_order = "ymd"\n',
])
def test_bad_settings_are_one_line(tmp_path, text):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    assert "\n" not in str(err.value)


def test_review_offers_and_date_order(tmp_path):
    cfg = _load(tmp_path, 'date_order = "mdy"\nfavours_count_as_touch = false\n'
                "[review]\ndaily = 3\n[offers]\ntopics = [\"pricing\"]\n")
    assert (cfg.date_order, cfg.review.daily, cfg.offers.topics) == ("mdy", 3, ["pricing"])
    assert cfg.favours_count_as_touch is False
    assert Config().review.daily == 7 and Config().favours_count_as_touch is True


def test_due_state_ok_due_late_in_due_json(tmp_path, capsys, monkeypatch):
    from tests.cli_helpers import run

    config = tmp_path / "c.toml"
    config.write_text("[circles]\nclose = {ideal = 30, max = 45}\nnetwork = 90\n")
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    # today 2026-11-22: met 40 days ago is due (past 30), 50 days ago late (past 45)
    for name, met in (("Due Person", "2026-10-13"), ("Late Person", "2026-10-03"),
                      ("Ok Person", "2026-11-01")):
        assert run(capsys, "add", name, "--circle", "close", "--met-on", met).code == 0
    entries = run(capsys, "due", "--days", "30", "--json").json()
    assert {e["name"]: e["state"] for e in entries} == {
        "Late Person": "late", "Due Person": "due", "Ok Person": "ok"}
    review = run(capsys, "review", "--json").json()
    reasons = {q["name"]: q["reasons"][0] for q in review["queue"]}
    assert reasons["Late Person"]["state"] == "late"
    assert reasons["Late Person"]["text"].endswith("· late")
    assert reasons["Due Person"]["state"] == "due"


def test_due_state_rule():
    from datetime import date, timedelta

    from netui.domain.cadence import Due, due_state

    today = date(2026, 11, 22)
    assert due_state(None, today, 15) == "ok"
    assert due_state(Due(today + timedelta(days=1), "cadence"), today, 15) == "ok"
    assert due_state(Due(today, "cadence"), today, 15) == "due"
    assert due_state(Due(today - timedelta(days=14), "cadence"), today, 15) == "due"
    assert due_state(Due(today - timedelta(days=15), "cadence"), today, 15) == "late"
