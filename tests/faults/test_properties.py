"""Property-based tests: whatever people type or feed in, netui answers with a value or
one clear line, never an unhandled exception. (Quick-add, vCard and CSV parsers have
their own property tests beside them.)

NETUI_HYPOTHESIS_EXAMPLES raises the number of examples per property (default 200)."""

from __future__ import annotations

import io
import os
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import click
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.cli import main
from netui.cli.common import _register_commands, cli
from netui.config import Config, ConfigError, load_config
from netui.demo import generate
from netui.domain import dates
from netui.errors import Invalid, NetuiError
from netui.services import Network, validate_export
from tests.conftest import TODAY

EXAMPLES = int(os.environ.get("NETUI_HYPOTHESIS_EXAMPLES", "200"))
PROPS = settings(max_examples=EXAMPLES, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
any_day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
DATE_WORDS = ["today", "now", "yesterday", "tomorrow", "ago", "last", "next", "fri", "monday",
              "nov", "february", "d", "w", "m", "mo", "y", "days", "weeks", "+", "-", "29", "31",
              "2026-02-29", "2024-02-29", "0", "9999", "00001", "１２", "٣"]
datey_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.integers(-10**6, 10**6).map(str)),
             max_size=4).map(" ".join),
)

# -- dates and durations ----------------------------------------------------------------


@PROPS
@given(text=datey_text, today=any_day)
def test_parse_date_gives_a_date_or_one_line(text: str, today: date) -> None:
    try:
        day = dates.parse_date(text, today)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(day, date)


@PROPS
@given(day=any_day, today=any_day)
def test_iso_dates_parse_to_themselves(day: date, today: date) -> None:
    assert dates.parse_date(day.isoformat(), today) == day


@PROPS
@given(n=st.integers(1, 9999), unit=st.sampled_from(["d", "w"]),
       today=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_ago_counts_back(n: int, unit: str, today: date) -> None:
    days = n * (7 if unit == "w" else 1)
    try:
        got = dates.parse_date(f"{n}{unit} ago", today)
    except ValueError as exc:
        assert "range" in str(exc)  # before year 1
    else:
        assert got == today - timedelta(days=days)


@PROPS
@given(text=datey_text, today=any_day)
def test_durations_give_a_value_or_one_line(text: str, today: date) -> None:
    try:
        amount, unit = dates.parse_duration(text)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert amount >= 1 and unit in "dwmy"
    assert dates.duration_days(text) >= 1
    try:
        later = dates.after(today, text)
    except ValueError as exc:
        assert "range" in str(exc)
    else:
        assert later > today


@PROPS
@given(day=any_day, today=any_day)
def test_describe_day_always_answers(day: date, today: date) -> None:
    assert dates.describe_day(day, today)


# -- JSON restore -------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=20,
)
SAMPLE = generate(6, seed=3, today=TODAY)
FIELDS = {coll: sorted({k for d in SAMPLE[coll] for k in d}) for coll in
          ("contacts", "interactions", "favours", "checkins")}


@PROPS
@given(data=json_values | st.dictionaries(st.sampled_from(["schema", *FIELDS]), json_values))
def test_arbitrary_json_is_refused_in_one_line(data: object) -> None:
    try:
        validate_export(data)
    except Invalid as exc:
        assert str(exc) and "\n" not in str(exc)


@st.composite
def damaged_exports(draw: st.DrawFn) -> dict:
    """A real export with one field of one record replaced by any JSON value."""
    data = {k: [dict(d) for d in v] if isinstance(v, list) else v for k, v in SAMPLE.items()}
    coll = draw(st.sampled_from(sorted(FIELDS)))
    n = draw(st.integers(0, len(data[coll]) - 1))
    field = draw(st.sampled_from(FIELDS[coll]))
    data[coll][n][field] = draw(json_values)
    return data


@PROPS
@given(data=damaged_exports())
def test_damaged_restore_names_the_record_and_writes_nothing(network: Network, data: dict) -> None:
    before = network.store.snapshot()
    try:
        network.import_all(data, replace=True)
    except Invalid as exc:
        # The damaged record, or one that refers to it (a changed contact id), is named.
        assert "\n" not in str(exc)
        assert re.match(r"(contacts|interactions|favours|checkins)\[\d+\]", str(exc)), exc
        assert network.store.snapshot() == before
    else:
        network.import_all({"schema": 1}, replace=True)  # back to empty for the next example


# -- config -------------------------------------------------------------------------------

config_values = st.one_of(
    json_values.filter(lambda v: v is not None),
    st.dictionaries(st.text(max_size=12), st.integers(-5, 5000), max_size=4),
    st.sampled_from(["monday", "sunday", "%d.%m.%Y", "%Q", "%", "nord"]),
)


@PROPS
@given(text=st.text(max_size=200) | st.binary(max_size=100).map(lambda b: b.decode("latin-1")))
def test_config_text_loads_or_fails_in_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check_config(path)


@PROPS
@given(doc=st.dictionaries(st.sampled_from([*Config.model_fields, "other"]), config_values,
                           max_size=4))
def test_config_values_load_or_fail_naming_the_setting(tmp_path: Path, doc: dict) -> None:
    path = tmp_path / "config.toml"
    try:
        path.write_text(tomli_w.dumps(doc), "utf-8")
    except (TypeError, ValueError):
        return  # not representable as TOML (None inside a list, ...)
    message = check_config(path)
    if message:
        assert any(key in message for key in doc)


def check_config(path: Path) -> str:
    try:
        config = load_config(path)
    except ConfigError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return str(exc)
    assert isinstance(config, Config)
    return ""


# -- CLI arguments --------------------------------------------------------------------------

_register_commands()


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> dict:
    out = {}
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out.update(commands(cmd, (*prefix, name)))
        else:
            out[(*prefix, name)] = [o for p in cmd.params if isinstance(p, click.Option)
                                    for o in p.opts]
    return out


COMMANDS = commands()
# Text without "/" so that no file is written outside the test's directory.
safe_text = st.text(st.characters(blacklist_characters="/~\x00", blacklist_categories=["Cs"]),
                    max_size=30)
NAMES = [c["name"] for c in generate(60, seed=7, today=TODAY)["contacts"][:10]]


@st.composite
def cli_args(draw: st.DrawFn) -> list[str]:
    path = draw(st.sampled_from(sorted(COMMANDS)))
    options = COMMANDS[path] + ["--help", "--json", "--bogus", "-x"]
    token = st.one_of(
        st.sampled_from(options), safe_text, st.sampled_from(NAMES),
        st.sampled_from(DATE_WORDS + ["@" + n.split()[0] for n in NAMES] + ["-", "--", "1w"]),
        st.integers(-10**9, 10**9).map(str),
    )
    return [*path, *draw(st.lists(token, max_size=6))]


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    run(["import", "json", str(export_file(tmp_path))])
    return tmp_path


def export_file(tmp_path: Path) -> Path:
    import orjson

    path = tmp_path / "demo.json"
    path.write_bytes(orjson.dumps(generate(60, seed=7, today=TODAY)))
    return path


def run(args: list[str]) -> int:
    try:
        main(args)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0


@PROPS
@given(args=cli_args())
def test_random_cli_arguments_never_crash(cli_home: Path, args: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = run(args)
    err = capsys.readouterr().err
    assert code != 70, f"internal error for {args!r}: {err}"
    assert "Traceback" not in err
    if code not in (0, 130):
        assert err.strip(), f"exit {code} without a message for {args!r}"


def test_cli_internal_error_is_detected(cli_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The property above can fail: a bug inside a command exits 70."""
    def broken(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(Network, "due_list", broken)
    assert run(["due"]) == 70


def test_netui_error_is_not_an_internal_error(cli_home: Path) -> None:
    assert issubclass(Invalid, NetuiError)
    assert run(["show", "nobody-by-this-name"]) == 1
