"""netui runs no pydantic plugins, and does not pay for looking for them.

The first time pydantic builds a validator it asks every installed package for plugins:
it imports importlib.metadata (with email, zipfile, csv, socket, tempfile: ~15 ms) and
reads every installed distribution's entry points (~3 ms), on every command's start and
before the app's first frame. A pydantic plugin is an observability hook that sees every
record validated; netui keeps private data and makes no network calls, so it loads none,
as if PYDANTIC_DISABLE_PLUGINS were set. `install()` answers pydantic's question ("which
plugins?") before it is asked: none. Anything else asked of pydantic's plugin loader
loads the real one (a later pydantic that uses more of it keeps working)."""

from __future__ import annotations

import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"  # the module pydantic's validators ask for plugins


class _NoPlugins(types.ModuleType):
    """pydantic's plugin loader as netui has it: no plugins."""

    @staticmethod
    def get_plugins() -> tuple[()]:
        return ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asking whether it is a package
            raise AttributeError(name)
        return getattr(_real_loader(), name)


def _real_loader() -> types.ModuleType:
    import importlib.machinery
    import importlib.util

    import pydantic.plugin

    spec = importlib.machinery.PathFinder.find_spec(LOADER, list(pydantic.plugin.__path__))
    if spec is None or spec.loader is None:
        raise ImportError(f"{LOADER} is not installed")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def install() -> None:
    """Before any validator is built (the models' modules call this when imported). A
    loader pydantic already imported is left as it is."""
    if LOADER not in sys.modules:
        sys.modules[LOADER] = _NoPlugins(LOADER, __doc__)
