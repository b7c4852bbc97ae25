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
        ("the config", "import netui.config", {"textual", "rich", "click"}),
    ],
    ids=["domain", "interop", "services", "cli", "config"],
)
def test_a_layer_loads_nothing_it_must_not(what, code, absent):
    loaded = loaded_after(code)
    assert "netui" in loaded  # the code really ran
    assert not (loaded & absent), f"{what} loads {sorted(loaded & absent)}"


def test_the_tui_entry_point_does_load_textual():
    """The check above can fail: the one lazy entry into the TUI loads Textual."""
    assert "textual" in loaded_after("import netui.cli.common as c\nfrom netui.ui.app import run_app")
