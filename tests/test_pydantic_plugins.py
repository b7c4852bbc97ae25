"""netui loads no pydantic plugins and never looks for them (netui.pydantic_plugins): a
command's first validator costs no importlib.metadata import and no scan of every
installed package's entry points."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_building_a_record_validator_looks_for_no_plugin():
    out = run(
        "import sys\n"
        "from netui.domain.models import Interaction\n"
        "from netui.config import load_config\n"
        "from pathlib import Path\n"
        "Interaction(contact_ids=['a'], date='2026-11-02', text='coffee')\n"
        "load_config(Path('/nonexistent/config.toml'))\n"
        "assert Interaction.__pydantic_complete__\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print(sorted({'importlib.metadata', 'email', 'zipfile'} & set(sys.modules)),"
        " list(loader.get_plugins()))\n")
    assert out == "[] []"


def test_the_rest_of_pydantics_loader_is_still_there():
    """A name netui does not answer for loads the real loader (a later pydantic may ask)."""
    out = run("import netui.domain.models, sys\n"
              "print(sys.modules['pydantic.plugin._loader'].PYDANTIC_ENTRY_POINT_GROUP)")
    assert out == "pydantic"


def test_a_loader_pydantic_already_imported_is_left_alone():
    out = run("import pydantic.plugin._loader as real, sys\n"
              "import netui.domain.models\n"
              "print(sys.modules['pydantic.plugin._loader'] is real)")
    assert out == "True"


def test_validation_still_refuses_bad_records():
    """The validators netui builds are pydantic's own: a bad value is still refused."""
    out = run("from pydantic import ValidationError\n"
              "from netui.domain.models import Interaction\n"
              "try:\n"
              "    Interaction(contact_ids=[], date='2026-11-02')\n"
              "except ValidationError as exc:\n"
              "    print(exc.errors()[0]['loc'])\n")
    assert out == "('contact_ids',)"
