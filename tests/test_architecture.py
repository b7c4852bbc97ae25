"""The layering the project relies on, checked so it cannot quietly erode."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "netui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_only_the_storage_module_imports_tinydb():
    importers = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(m == "tinydb" or m.startswith("tinydb.") for m in imported_modules(p))
    )
    assert importers == ["storage/shards.py"]


def test_textual_is_imported_only_under_ui():
    importers = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(m.split(".")[0] in ("textual", "rich") for m in imported_modules(p))
    )
    assert importers, "the UI should import textual"
    assert all(name.startswith("ui/") for name in importers), importers


def test_domain_services_and_cli_load_without_textual():
    code = (
        "import sys, pkgutil, importlib, netui.domain, netui.interop\n"
        "for pkg in (netui.domain, netui.interop):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "import netui.services, netui.storage, netui.cli, netui.demo, netui.config\n"
        "import netui.cli.common as c; c._register_commands()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_record_validators_are_built_on_first_use_not_at_import():
    """The app's first frame draws contact rows from the stored documents: importing the
    app and reading the rows builds no record validator (~25 ms of the cold start)."""
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "import netui.ui.app\n"
        "from netui.domain import models\n"
        "from netui.services import Network\n"
        "from netui.storage import Store\n"
        "records = [models.Contact, models.Interaction, models.Favour, models.CheckIn]\n"
        "net = Network(Store(Path(tempfile.mkdtemp())).open(backup=False))\n"
        "net.contact_rows()\n"
        "built = [m.__name__ for m in records if m.__pydantic_complete__]\n"
        "assert not built, built\n"
        "models.Contact(name='Ann')\n"
        "assert models.Contact.__pydantic_complete__\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
