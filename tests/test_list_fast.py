"""`netui list [NAME]`'s short path (cli.list_fast) prints what the click command prints:
the same query on two copies of one network, once each way, gives the same exit code,
output and errors, and every line or config it does not take still runs the click
command, which says what is wrong. It loads no pydantic, click or textual."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings

from netui.cli import list_fast
from tests.cli_helpers import Result, run
from tests.test_config_fast import CONFIGS as GENERATED_CONFIGS
from tests.test_import_hygiene import modules_after_command

QUERIES = [
    ["list", "Zebulon"], ["list", "zeb"], ["list", "Amara"], ["list", "  amara   chen "],
    ["list", "#climate"], ["list", "circle:close"], ["list", "company:hooli"],
    ["list", "Mraia"],  # no exact match: close spellings
    ["list", "nobody-is-called-this"], ["list"], ["list", ""],
]
CONFIGS = [
    "",
    "[offers]\ntopics = ['pricing']\nintroductions = []\nreferences = ['data']\n",
    "favours_count_as_touch = false\nregion = ' gb '\ndate_order = 'dmy'\n",
    "[circles]\nclose = {ideal = 10, max = 20}\nmentors = 45\nacquaintance = false\n",
    "theme = 'nord'\nweek_start = 'sunday'\ndate_format = '%d %b %Y'\n"
    "[review]\ndaily = 3\n[keymap]\n'netui.quit' = 'q'\n"
    "[remind]\nat = '08:30'\nics_alarm = 'none'\n[sync]\nvdir = '~/c'\ncommand = 'x y'\n",
]
# What only the model reads: it takes some (the short path leaves them to it) and names
# the mistake in the others.
DEFERRED = [
    "theme = 3\n", "colour = 'red'\n", "this is not toml", "date_order = 'ymd'\n",
    "[circles]\nclose = {ideal = 10, max = 5}\n", "circle_max = {close = 3}\n",
    "favours_count_as_touch = 'yes'\n", "[review]\ndaily = 7.0\n",
    "[remind]\nat = '25:00'\n", "region = 'GBR'\n", "date_format = '%Q'\n",
]


@pytest.fixture
def twins(tmp_path, capsys, monkeypatch, demo_template):
    """Run a command on two copies of one network, the short path on one and the click
    command on the other: their results, and whether the short path took it."""
    def both(args: list[str], config: str = "",
             today: str = "2026-11-22") -> dict[str, tuple[Result, bool]]:
        out = {}
        for way in ("fast", "click"):
            here = tmp_path / way
            root, cfg = here / "data", here / "config.toml"
            shutil.rmtree(here, ignore_errors=True)
            shutil.copytree(demo_template, root, symlinks=True)
            monkeypatch.setenv("NETUI_DATA_DIR", str(root))
            monkeypatch.setenv("NETUI_CONFIG", str(cfg))
            monkeypatch.setenv("NETUI_TODAY", "2026-11-22")
            assert run(capsys, "list").code == 0  # the copy's shell index, current
            cfg.write_text(config)
            monkeypatch.setenv("NETUI_TODAY", today)
            taken: list[bool] = []

            def spy(argv: list[str], real=list_fast.run, taken=taken) -> int | None:
                code = real(argv)
                taken.append(code is not None)
                return code

            with monkeypatch.context() as m:
                m.setattr(list_fast, "run", (lambda argv: None) if way == "click" else spy)
                result = run(capsys, *args)
            out[way] = (Result(result.code, result.out.replace(str(here), "HERE"),
                               result.err.replace(str(here), "HERE")), any(taken))
        return out

    return both


@pytest.mark.parametrize("config", CONFIGS, ids=range(len(CONFIGS)))
@pytest.mark.parametrize("args", QUERIES, ids=lambda a: " ".join(a) or "list")
def test_the_short_path_prints_what_the_click_command_prints(twins, args, config):
    got = twins(args, config)
    (fast, took), (click, _) = got["fast"], got["click"]
    assert took, fast.err
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)
    assert fast.code == 0 and fast.out.strip()


@pytest.mark.parametrize("config", DEFERRED)
def test_a_config_only_the_model_reads_is_left_to_it(twins, config):
    got = twins(["list", "Amara"], config)
    (fast, took), (click, _) = got["fast"], got["click"]
    assert not took
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)


# `twins` starts both copies afresh on each call: one fixture serves every example.
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=GENERATED_CONFIGS)
def test_any_config_gives_what_the_click_command_gives(twins, data):
    """Taken or left to the model, valid or not: the same output, or the same error."""
    got = twins(["list", "Amara"], tomlkit.dumps(data))
    (fast, _), (click, _) = got["fast"], got["click"]
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)


@pytest.mark.parametrize("args", [
    ["list", "Amara", "--json"], ["list", "--tag", "climate"], ["list", "in:acm"],
    ["list", "Amara", "Chen"], ["list", "--help"], ["--demo", "list", "Amara"],
])
def test_lines_it_does_not_take_run_the_click_command(twins, args):
    got = twins(args)
    (fast, took), (click, _) = got["fast"], got["click"]
    assert not took
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)


def test_a_bad_netui_today_is_said_as_usual(twins):
    got = twins(["list", "Amara"], today="22/11/2026")
    (fast, took), (click, _) = got["fast"], got["click"]
    assert not took and fast.code != 0 and "NETUI_TODAY" in fast.err
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)


def test_a_missing_index_is_rebuilt_the_same_way(tmp_path, capsys, monkeypatch,
                                                  demo_template):
    outs = []
    for way in ("fast", "click"):
        root = tmp_path / way
        shutil.copytree(demo_template, root, symlinks=True)
        monkeypatch.setenv("NETUI_DATA_DIR", str(root))
        with monkeypatch.context() as m:
            if way == "click":
                m.setattr(list_fast, "run", lambda argv: None)
            outs.append(run(capsys, "list", "Amara"))
    assert outs[0] == outs[1] and outs[0].code == 0 and "Amara" in outs[0].out


def _env(tmp_path: Path, config: str) -> dict[str, str]:
    cfg = tmp_path / "config.toml"
    cfg.write_text(config)
    return {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data"),
            "NETUI_CONFIG": str(cfg), "NETUI_TODAY": "2026-11-22"}


@pytest.mark.parametrize("config", [CONFIGS[0], CONFIGS[3], CONFIGS[4]],
                         ids=["no config", "circles", "every section"])
def test_list_name_loads_no_model_no_click_no_ui(tmp_path, config):
    env = _env(tmp_path, config)
    modules_after_command(["add", "Zebulon Quixote", "--force"], env)
    modules_after_command(["list"], env)  # the shell index, as every later command finds it
    loaded = modules_after_command(["list", "Zebulon"], env)
    assert "netui.cli.list_fast" in loaded and "netui.storage.store" in loaded  # it ran
    heavy = {m for m in loaded if m.split(".")[0] in
             {"pydantic", "pydantic_core", "click", "textual", "rich", "rapidfuzz",
              "tomlkit", "annotated_types"}
             or m in {"netui.config_model", "netui.domain.models", "netui.services.network"}}
    assert not heavy, sorted(heavy)


def test_a_config_mistake_on_list_loads_the_model_to_say_it(tmp_path):
    """The check above can fail: a config the short path leaves alone loads the model."""
    env = _env(tmp_path, "theme = 3\n")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "netui", "list", "Zebulon"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("netui: config ") and "theme" in done.stderr


def _ended_by_a_closed_pipe(env: dict[str, str], way: str) -> tuple[int, str]:
    import subprocess
    import sys

    script = ("from netui.cli import list_fast, main\n"
              + ("list_fast.run = lambda argv: None\n" if way == "click" else "")
              + "main(['list'])\n")
    child = subprocess.Popen([sys.executable, "-c", script], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader gone before a line is written: `| head` that quit
    err = child.stderr.read()
    return child.wait(timeout=60), err


def test_a_reader_gone_away_ends_it_as_the_click_command_ends(tmp_path, demo_template):
    shutil.copytree(demo_template, tmp_path / "data", symlinks=True)
    env = _env(tmp_path, "")
    modules_after_command(["list"], env)  # the shell index, current
    fast, click = _ended_by_a_closed_pipe(env, "fast"), _ended_by_a_closed_pipe(env, "click")
    assert fast == click == (1, "")


def test_ctrl_c_is_said_as_the_click_command_says_it(twins, monkeypatch):
    def interrupted(index, text, *rest, real=list_fast.listing):
        if text:  # the query, not the warm-up's `netui list`
            raise KeyboardInterrupt
        return real(index, text, *rest)

    monkeypatch.setattr(list_fast, "listing", interrupted)
    got = twins(["list", "Amara"])
    (fast, _), (click, _) = got["fast"], got["click"]
    assert (fast.code, fast.out, fast.err) == (click.code, click.out, click.err)
    assert fast.code == 130 and fast.err == "\nnetui: cancelled\n"
