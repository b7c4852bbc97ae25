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
    assert cfg.circles == {"close": 30, "network": 90}
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
