"""The config read without pydantic (config_fast) gives what config_model.Config gives,
or leaves the file to it: for generated configs, valid and not, whatever the short
reader accepts the model accepts with the same values, and whatever the model refuses
the short reader leaves alone (so the model says what is wrong, in its one line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import tomlkit
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netui import config_fast
from netui.config import ConfigError, load_config
from netui.config_model import Config

NAMES = st.sampled_from(["inner", "close", "network", "acquaintance", "Close", " Inner ",
                         "mentors", "a b", "", "x\x01", "NETWORK"])
DAYS = st.integers(-2, 4000) | st.sampled_from([1, 7, 30, 90, 3650])
CIRCLE = (DAYS | st.sampled_from([False, True, "30", 30.0])
          | st.fixed_dictionaries({"ideal": DAYS}, optional={"max": DAYS | st.just("45")})
          | st.sampled_from([{"max": 40}, {"ideal": 30, "every": 2}]))
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
TEXTS = st.lists(TEXT, max_size=3)
ANY_TEXT = TEXT | st.sampled_from([3, True, 1.5, date(2026, 1, 2)])
CLOCK = st.sampled_from(["09:00", " 7:30", "07:30 ", "23:59", "24:00", "9", "none", "NONE "])

SETTINGS = {
    "circles": st.dictionaries(NAMES, CIRCLE, max_size=5) | st.sampled_from([3, "close"]),
    "circle_max": st.just({"close": 40}),
    "favours_count_as_touch": st.booleans() | st.sampled_from([1, 0, "yes"]),
    "review": st.fixed_dictionaries({}, optional={
        "daily": st.integers(-1, 10_001) | st.sampled_from(["7", 7.0, True])})
    | st.just({"weekly": 1}),
    "offers": st.fixed_dictionaries({}, optional={
        "topics": TEXTS, "introductions": TEXTS | st.just([1]), "references": TEXTS})
    | st.just({"gifts": []}),
    "week_start": st.sampled_from(["monday", "sunday", "Monday", "", 1]),
    "date_format": st.sampled_from(["%Y-%m-%d", "%d %b %Y", "%-d.%m.", "%Q", "%", "%Y\n",
                                    "plain", "%%", 5]) | TEXT,
    "theme": ANY_TEXT,
    "keymap": st.dictionaries(TEXT, ANY_TEXT, max_size=3),
    "region": st.sampled_from(["", "gb", " us ", "GBR", "1x", "ÄÖ", 44]) | TEXT,
    "date_order": st.sampled_from(["", "dmy", "mdy", "ymd", 0]),
    "remind": st.fixed_dictionaries({}, optional={
        "at": CLOCK | ANY_TEXT, "notify_command": ANY_TEXT, "ics_alarm": CLOCK | ANY_TEXT})
    | st.just({"when": "09:00"}),
    "sync": st.fixed_dictionaries({}, optional={
        "vdir": ANY_TEXT, "calendar_vdir": TEXT,
        "command": st.sampled_from(["vdirsyncer sync", " x y ", "'open", ""]) | ANY_TEXT}),
}
# Values the model takes, so that many whole files are valid (each of SETTINGS above is
# a mistake now and then, and a file holding several is nearly always refused).
VALID = {
    "circles": st.dictionaries(
        st.sampled_from(["inner", "close", "Network", "mentors", " Team ", "acquaintance"]),
        st.integers(1, 3650) | st.just(False)
        | st.fixed_dictionaries({"ideal": st.integers(1, 100)},
                                optional={"max": st.integers(100, 3650)}), max_size=4),
    "favours_count_as_touch": st.booleans(),
    "review": st.fixed_dictionaries({}, optional={"daily": st.integers(0, 10_000)}),
    "offers": st.fixed_dictionaries({}, optional={"topics": TEXTS, "references": TEXTS}),
    "week_start": st.sampled_from(["monday", "sunday"]),
    "date_format": st.sampled_from(["%Y-%m-%d", "%d %b %Y", "%-d.%m.", "%A %%"]),
    "theme": TEXT,
    "keymap": st.dictionaries(TEXT, TEXT, max_size=3),
    "region": st.sampled_from(["", "gb", " us ", "De"]),
    "date_order": st.sampled_from(["", "dmy", "mdy"]),
    "remind": st.fixed_dictionaries({}, optional={
        "at": st.sampled_from(["09:00", " 7:30 "[1:], "23:59"]), "notify_command": TEXT,
        "ics_alarm": st.sampled_from(["none", "08:00", " NONE"])}),
    "sync": st.fixed_dictionaries({}, optional={
        "vdir": TEXT, "calendar_vdir": TEXT, "command": st.sampled_from(["", "a b"])}),
}
CONFIGS = (st.fixed_dictionaries({}, optional=VALID)
           | st.fixed_dictionaries({}, optional={**SETTINGS, "colour": st.just("red")}))


def _compare(tmp_path: Path, text: str) -> config_fast.Settings | None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    fast = config_fast.read(path)
    try:
        model = load_config(path)
    except ConfigError:
        assert fast is None, "the short reader took a config the model refuses"
        return None
    if fast is not None:
        for name in config_fast.Settings.__slots__:
            got, want = getattr(fast, name), getattr(model, name)
            assert got == want and type(got) is type(want), name
            if isinstance(want, dict):
                assert list(got.items()) == list(want.items()), name  # closest first
    return fast


@settings(max_examples=400)
@given(data=CONFIGS)
@example(data={})
@example(data={"circles": {"close": {"ideal": 10, "max": 20}, "mentors": 45,
                           "acquaintance": False}})
@example(data={"circles": {"Close": 3, "close": 5}})
@example(data={"circles": {"close": {"ideal": 10, "max": 5}}})
def test_the_short_reader_gives_the_models_values_or_leaves_the_file_to_it(
        tmp_path_factory, data):
    _compare(tmp_path_factory.mktemp("cfg"), tomlkit.dumps(data))


@pytest.mark.parametrize("text", [
    "",
    "favours_count_as_touch = false\n",
    "region = ' gb '\ndate_order = 'mdy'\n",
    "[circles]\nclose = {ideal = 10, max = 20}\nmentors = 45\nacquaintance = false\n",
    "theme = 'nord'\nweek_start = 'sunday'\ndate_format = '%d %b %Y'\nkeymap = {a = 'b'}\n"
    "[review]\ndaily = 0\n[offers]\ntopics = ['pricing']\n"
    "[remind]\nat = ' 08:30'\nnotify_command = 'n'\nics_alarm = 'None'\n"
    "[sync]\nvdir = '~/c'\ncalendar_vdir = ''\ncommand = 'vdirsyncer sync'\n",
])
def test_the_configs_people_write_are_read_without_the_model(tmp_path, text):
    assert _compare(tmp_path, text) is not None


@pytest.mark.parametrize("text", [
    "colour = 'red'\n", "this is not toml", "[review]\ndaily = 7.0\n",
    "favours_count_as_touch = 1\n", "\ufefftheme = 'x'\n",
])
def test_what_it_does_not_fully_understand_is_left_to_the_model(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    assert config_fast.read(path) is None


def test_a_file_not_there_is_the_defaults_and_a_folder_is_left_to_the_model(tmp_path):
    fast, model = config_fast.read(tmp_path / "missing.toml"), Config()
    assert fast is not None
    assert all(getattr(fast, n) == getattr(model, n) for n in config_fast.Settings.__slots__)
    assert config_fast.read(tmp_path) is None


def test_its_keys_are_the_models_fields():
    assert set(Config.model_fields) == config_fast.KEYS


def test_not_utf8_is_left_to_the_model(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'\n")
    assert config_fast.read(path) is None
    with pytest.raises(ConfigError):
        load_config(path)
