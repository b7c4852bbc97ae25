"""What each layer loads at run time, in a fresh interpreter: the static contracts in
pyproject.toml (`lint-imports`) see the import graph; this sees what Python really loads,
including third-party packages pulling in others."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Every module of a package, imported one after the other.
IMPORT_ALL = (
    "import importlib, pkgutil\n"
    "def import_all(pkg_name):\n"
    "    pkg = importlib.import_module(pkg_name)\n"
    "    for m in pkgutil.iter_modules(pkg.__path__):\n"
    "        importlib.import_module(f'{pkg_name}.{m.name}')\n"
)


def loaded_after(code: str) -> set[str]:
    """The top-level packages in sys.modules after running `code` in a new interpreter."""
    script = IMPORT_ALL + code + (
        "\nimport sys, json\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("what", "code", "absent"),
    [
        ("the domain", "import_all('netui.domain')",
         {"textual", "rich", "tinydb", "click"}),
        ("the interop readers and writers", "import_all('netui.interop')",
         {"textual", "rich", "click"}),
        ("the services", "import netui.services", {"textual", "rich", "click"}),
        # every command registered, as `netui list` has them
        ("the CLI", "import netui.cli, netui.cli.common as c; c._register_commands()",
         {"textual", "rich"}),
        ("the config", "import netui.config", {"textual", "rich", "click", "tinydb"}),
        # what the UI and the CLI import for errors, changes and atomic writes
        ("the store's errors, Change and file helpers",
         "import netui.storage.errors, netui.storage.change, netui.storage.fsio\n"
         "from netui.storage import StoreError, Change, atomic_write", {"tinydb"}),
    ],
    ids=["domain", "interop", "services", "cli", "config", "storage-light"],
)
def test_a_layer_loads_nothing_it_must_not(what, code, absent):
    loaded = loaded_after(code)
    assert "netui" in loaded  # the code really ran
    assert not (loaded & absent), f"{what} loads {sorted(loaded & absent)}"


def test_the_store_itself_does_load_tinydb():
    """The storage-light check above can fail: the store's names load TinyDB on first use."""
    assert "tinydb" in loaded_after("from netui.storage import Store")


def test_the_tui_entry_point_does_load_textual():
    """The check above can fail: the one lazy entry into the TUI loads Textual."""
    assert "textual" in loaded_after("import netui.cli.common as c\nfrom netui.ui.app import run_app")


def test_close_spellings_are_scored_without_numpy():
    """numpy would hold ~16 MB of the app's memory all session for no faster filter (see
    domain.search.fuzzy_hits); rapidfuzz itself is loaded, so the check can fail."""
    loaded = loaded_after("from netui.domain.search import fuzzy_hits\n"
                          "assert fuzzy_hits('mraia', ['maria', 'olaf']) == [0]")
    assert "rapidfuzz" in loaded and "numpy" not in loaded


# -- the shell's start path: what a command loads before and while it runs -----------------

# Loaded by a command that reads or writes data, never by the CLI's start or --version.
HEAVY_AT_START = {"pydantic", "pydantic_core", "annotated_types", "tomlkit", "secrets", "hmac",
                  "hashlib", "_hashlib", "importlib.metadata", "tinydb", "orjson", "textual",
                  "rich", "rapidfuzz", "numpy", "platformdirs", "netui.config_model",
                  "netui.domain.models", "netui.services", "netui.storage.store"}
# Never loaded by a one-record command: the TUI, fuzzy matching (only for a name nobody
# has), the interop formats and their parsers.
NEVER_FOR_A_NOTE = {"textual", "rich", "rapidfuzz", "numpy", "vobject", "icalendar",
                    "phonenumbers", "charset_normalizer", "tomlkit", "netui.ui",
                    # pydantic's plugin look-up (netui.pydantic_plugins answers it)
                    "importlib.metadata", "email", "zipfile",
                    # the areas a note to a person never uses (services.areas makes each
                    # on first use): their modules stay unimported
                    "netui.services.communities", "netui.services.links",
                    "netui.services.review", "netui.services.transfer"}


def modules_after_command(argv: list[str], env: dict[str, str] | None = None) -> set[str]:
    """Every module (dotted names) loaded by the end of `netui ARGV`, run as the
    console script runs it, in a fresh interpreter."""
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['netui', *{argv!r}]\n"
        "from netui.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.rpartition("MODULES ")[2]))


def test_version_loads_no_model_no_store_no_ui():
    loaded = modules_after_command(["--version"])
    assert "netui.cli" in loaded and "click" in loaded  # the command really ran
    assert not (loaded & HEAVY_AT_START), sorted(loaded & HEAVY_AT_START)


def test_importing_the_cli_and_the_config_builds_no_model():
    loaded = loaded_after("import netui.cli, netui.config, netui.errors, netui.paths")
    assert not (loaded & {"pydantic", "pydantic_core", "tomlkit", "textual", "tinydb"}), loaded


def test_a_note_loads_no_ui_no_fuzzy_matching_no_interop_no_other_area(tmp_path):
    import os

    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data"),
           "NETUI_CONFIG": str(tmp_path / "config.toml"), "NETUI_TODAY": "2026-11-22"}
    modules_after_command(["add", "Zebulon Quixote", "--force"], env)
    loaded = modules_after_command(["note", "@Zebulon coffee, talked about tea"], env)
    assert "netui.services" in loaded and "pydantic" in loaded  # it did open the data
    found = {m for m in loaded if m in NEVER_FOR_A_NOTE or m.split(".")[0] in NEVER_FOR_A_NOTE
             or m.startswith("netui.ui.")}
    assert not found, sorted(found)


def test_the_version_printed_is_the_installed_package_version():
    from importlib.metadata import version

    import netui

    assert netui.__version__ == version("netui")


def test_every_command_is_found_where_the_cli_looks_for_it():
    """Each command's module is imported only when it is named (COMMAND_HOMES): a command
    missing there, or named with the wrong module, would load everything or nothing."""
    import netui.cli.common as common

    common._register_commands()
    homes = {name: cmd.callback.__module__.rpartition(".")[2]
             for name, cmd in common.cli.commands.items() if cmd.callback is not None}
    assert homes == common.COMMAND_HOMES


def test_a_group_named_alone_still_has_every_subcommand(tmp_path):
    """`export` is defined in one module and `export vcard` in another."""
    import os

    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data"),
           "NETUI_CONFIG": str(tmp_path / "config.toml")}
    done = subprocess.run([sys.executable, "-m", "netui", "export", "--help"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and "vcard" in done.stdout, done.stdout + done.stderr


def test_a_community_line_does_load_the_communities_area(tmp_path):
    """The check above can fail: the areas a note leaves out load when a line needs them."""
    import os

    env = {**os.environ, "NETUI_DATA_DIR": str(tmp_path / "data"),
           "NETUI_CONFIG": str(tmp_path / "config.toml"), "NETUI_TODAY": "2026-11-22"}
    modules_after_command(["community", "add", "PyCon Africa"], env)
    loaded = modules_after_command(["note", "event &PyConAfrica ran the registration desk"], env)
    assert "netui.services.communities" in loaded
