"""What a shell command's process does besides its work (issue 20): which pydantic
validators it builds, and whether the cyclic collector runs. Counted, never timed."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

from netui.cli import main

# Run as the console script runs `netui ARGV`; at exit, print which pydantic models got a
# validator and how many collections the cyclic collector made while main() ran (up to
# the gc.enable() that gives it back as main returns).
PROBE = (
    "import atexit, gc, json, sys\n"
    "runs = []\n"
    "def report():\n"
    "    built = []\n"
    "    if 'pydantic' in sys.modules:\n"
    "        from pydantic import BaseModel\n"
    "        todo = list(BaseModel.__subclasses__())\n"
    "        while todo:\n"
    "            cls = todo.pop()\n"
    "            todo += cls.__subclasses__()\n"
    "            if cls.__module__.startswith('netui') and cls.__pydantic_complete__:\n"
    "                built.append(cls.__name__)\n"
    "    sys.__stderr__.write('\\nPROBE ' + json.dumps({'built': sorted(built),\n"
    "                                                  'collections': during[0]}))\n"
    "atexit.register(report)\n"
    "from netui.cli import main\n"
    "gc.callbacks.append(lambda phase, info: runs.append(1) if phase == 'start' else None)\n"
    "sys.argv = ['netui', *ARGV]\n"
    "during = [0]\n"
    "give_back = gc.enable\n"
    "def enable():  # main() hands the collector back as it returns: counted up to then\n"
    "    during[0] = len(runs)\n"
    "    give_back()\n"
    "gc.enable = enable\n"
    "main()\n"
)


def probe(argv: list[str], env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE.replace("ARGV", repr(argv))],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.rpartition("PROBE ")[2])


@pytest.fixture
def env(tmp_path):
    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data"),
           "NETUI_CONFIG": str(tmp_path / "config.toml"), "NETUI_TODAY": "2026-11-22"}
    (tmp_path / "config.toml").write_text('[offers]\ntopics = ["pricing"]\n')
    subprocess.run([sys.executable, "-m", "netui", "add", "Zebulon Quixote", "--force"],
                   env=env, check=True, capture_output=True, timeout=120)
    return env


def test_version_builds_no_validator(env):
    assert probe(["--version"], env)["built"] == []


def test_a_plain_note_builds_no_validator(env):
    """`netui note` with known people takes the short path (cli.note_fast): no model, no
    config model, no pydantic at all; the first after `add` rebuilds the shell index."""
    probe(["note", "@Zebulon tea"], env)
    assert probe(["note", "@Zebulon coffee, talked about tea"], env)["built"] == []
    assert probe(["note", "@Zebulon coffee +2w"], env)["built"] == []


def test_a_favour_builds_only_the_validators_it_uses(env):
    """The check above can fail: a line the short path leaves to the click command (a
    favour) builds its record's validator and the config's, not a note's or a community's."""
    probe(["note", "@Zebulon tea"], env)
    built = probe(["gave", "@Zebulon an intro to the climate group"], env)["built"]
    assert "Favour" in built and "Config" in built, built
    assert not set(built) & {"Interaction", "Community", "Participation", "Link"}, built


def test_the_store_and_the_shell_index_import_no_pydantic() -> None:
    """What the short path opens: the store, the shell index and the quick-add grammar,
    with the services package's façade left unloaded."""
    code = (
        "import sys\n"
        "import netui.services.quick_note, netui.services.shell_index, netui.storage.store\n"
        "import netui.domain.community_quick, netui.cli.note_fast\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'click')\n"
        "             or m in ('netui.domain.models', 'netui.services.network'))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_collector_does_not_run_during_a_command(env):
    assert probe(["note", "@Zebulon coffee, talked about tea"], env)["collections"] == 0


def test_main_gives_the_collector_back_to_a_process_that_goes_on():
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.isenabled()


def test_reading_a_quick_add_line_needs_no_pydantic() -> None:
    """The grammar a note is parsed with (quickadd, community_quick) imports no models:
    the step a pydantic-free `netui note` path needs. Planning (saving) still builds them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from datetime import date\n"
        "from netui.domain import community_quick, quickadd\n"
        "from netui.domain.rows import ContactRow\n"
        "people = [ContactRow('a1', 'Zebulon Quist'), ContactRow('b2', 'Priya Raman')]\n"
        "r = community_quick.read('@Zebulon coffee, talked about tea #x yesterday +2w',\n"
        "                         date(2026, 11, 22), people, [])\n"
        "assert r.parsed.ok and r.parsed.people[0].id == 'a1', r.parsed.errors\n"
        "g = quickadd.parse('gave @Priya intro to @Zebulon', date(2026, 11, 22), people)\n"
        "assert g.ok and g.intro, g.errors\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')], \\\n"
        "    sorted(m for m in sys.modules if m.startswith('pydantic'))\n"
        "assert 'netui.domain.models' not in sys.modules\n"
        "quickadd.plan(r.parsed)\n"
        "assert 'netui.domain.models' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
