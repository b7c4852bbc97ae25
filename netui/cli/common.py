"""The `netui` group, its global options, and helpers shared by the command modules."""

from __future__ import annotations

import gc
import os
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from .. import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from ..config import Config
    from ..domain.quickadd import Directory
    from ..domain.rows import ContactRow
    from ..services import Network
    from ..services.shell_index import ShellIndex


class Context:
    """One command's options and what it opened. A plain class, not a dataclass, and no
    pathlib: `netui --version` builds one, and every import or generated method on its
    way costs every command's start."""

    __slots__ = ("_config", "_demo_dir", "_index", "_network", "backup_at_open",
                 "config_path", "data_dir", "demo", "lock_timeout", "shell")

    def __init__(self, data_dir: str | None, config_path: str | None, demo: bool) -> None:
        self.data_dir, self.config_path, self.demo = data_dir, config_path, demo
        self.lock_timeout: float | None = None
        self.backup_at_open = True  # the app makes today's backup after its first frame
        self.shell = True  # a subcommand: the store opens lazily, with the derived index
        self._network: Network | None = None
        self._config: Config | None = None
        self._index: ShellIndex | None = None
        self._demo_dir: str | None = None

    def today(self) -> date:
        """NETUI_TODAY freezes the date (tests, screenshots); otherwise the real today."""
        if fixed := os.environ.get("NETUI_TODAY"):
            try:
                return date.fromisoformat(fixed)
            except ValueError:
                raise click.UsageError(f"NETUI_TODAY={fixed!r} is not YYYY-MM-DD") from None
        return date.today()

    @property
    def config(self) -> Config:
        if self._config is None:
            from ..config import load_config
            from ..paths import config_file

            self._config = load_config(config_file(self.config_path))
        return self._config

    def resolved_data_dir(self) -> Path:
        from pathlib import Path

        from ..paths import data_dir

        if self.demo:
            if self._demo_dir is None:
                self._demo_dir = make_demo_dir(self.today())
            return Path(self._demo_dir)
        return data_dir(self.data_dir)

    @property
    def network(self) -> Network:
        if self._network is None:
            from ..services import open_network
            from ..services.shell_index import open_shell

            args: dict[str, Any] = {"config": self.config, "today": self.today,
                                    "lock_timeout": self.lock_timeout,
                                    "backup": self.backup_at_open}
            if self.shell:
                self._network, self._index = open_shell(self.resolved_data_dir(), **args)
            else:  # the app's store keeps documents compact all session (storage.packing)
                self._network = open_network(self.resolved_data_dir(), **args, compact=True)
            for line in self._network.store.sync_conflicts:
                echo(f"netui: {line}", err=True)
        return self._network

    @property
    def index(self) -> ShellIndex | None:
        """The shell's derived index (services.shell_index), None in the app."""
        self.network  # noqa: B018 (opens it)
        return self._index

    def directory(self) -> Directory | list[ContactRow]:
        """Who @names may mean: looked up through the index, without reading everyone."""
        index = self.index
        if index is None:
            return self.network.people()
        from ..domain.name_lookup import Lookup

        return Lookup(index.people, index.everyone)

    def clean_on_hangup(self) -> None:
        """A closed terminal sends SIGHUP, which ends the process without `close`: the
        demo's temporary directory goes first, then the signal does what it would have."""
        import shutil
        import signal

        def hangup(signum: int, _frame: object) -> None:
            if self._demo_dir is not None:
                shutil.rmtree(self._demo_dir, ignore_errors=True)
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, hangup)

    def close(self) -> None:
        if self._network is not None:
            self._network.store.close()
        if self._demo_dir is not None:
            import shutil

            shutil.rmtree(self._demo_dir, ignore_errors=True)


def make_demo_dir(today: date, contacts: int = 60, seed: int = 7) -> str:
    """A temporary data directory holding the demo network; never the user's data."""
    import tempfile
    from pathlib import Path

    from ..demo import generate
    from ..services import Network
    from ..storage.store import Store

    path = tempfile.mkdtemp(prefix="netui-demo-")
    store = Store(Path(path), backups=False, today=lambda: today).open()
    try:
        Network(store, today=lambda: today).import_all(generate(contacts, seed=seed, today=today))
    finally:
        store.close()
    return path


# Command name -> the module that defines it (tests/test_import_hygiene.py checks it
# against every registered command).
COMMAND_HOMES = {
    **dict.fromkeys(("due", "done", "snooze"), "checkins"),
    "ideas": "coach",
    **dict.fromkeys(("community", "join", "leave", "took-part", "link", "unlink", "graph"),
                    "communities"),
    **dict.fromkeys(("add", "edit", "archive", "delete", "list", "show"), "contacts"),
    **dict.fromkeys(("export", "backup", "restore"), "data"),
    **dict.fromkeys(("stats", "remind"), "health"),
    **dict.fromkeys(("import", "dedupe"), "interop"),
    "ledger": "ledger",
    **dict.fromkeys(("edit-note", "delete-note", "search"), "notes"),
    **dict.fromkeys(("note", "gave", "got", "asked", "review"), "quick"),
    "sync": "sync",
    **dict.fromkeys(("undo", "log"), "undo"),
}


class _Commands(click.Group):
    """Imports a command's module only when it is named (`netui note` loads the quick-add
    commands, not the importers, exporters and sync: ~100 ms), every module only when
    commands are listed or a name is unknown (click's error suggests close ones)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        home = COMMAND_HOMES.get(cmd_name)
        if home is not None:
            import importlib

            importlib.import_module(f"{__package__}.{home}")
            found = super().get_command(ctx, cmd_name)
            # A group (export) gets subcommands from other modules too: all of them.
            if found is not None and not isinstance(found, click.Group):
                return found
        _register_commands()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register_commands()
        return super().list_commands(ctx)


def _register_commands() -> None:
    # Each module adds its commands to `cli` when imported.
    from . import (  # noqa: F401
        checkins,
        coach,
        communities,
        contacts,
        data,
        health,
        interop,
        ledger,
        notes,
        quick,
        sync,
        undo,
    )


@click.group(cls=_Commands, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", metavar="DIR", help="Where netui keeps its data (or NETUI_DATA_DIR).")
@click.option("--config", "config_path", metavar="FILE", help="Config file (or NETUI_CONFIG).")
@click.option("--demo", is_flag=True, help="Use a generated demo network in a temporary directory.")
@click.version_option(version=__version__, prog_name="netui")  # not read from the installed
# package's metadata: importlib.metadata scans site-packages (~15 ms of every --version)
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, config_path: str | None, demo: bool) -> None:
    """Keep your network of friends, colleagues and mentors alive.

    Run without a command to open the app."""
    obj = Context(data_dir, config_path, demo)
    ctx.obj = obj
    ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        # What the app imports and loads before its first frame lives all session: the
        # collector, which would rescan it several times on the way, waits until the app
        # resumes it after the first frame (NetuiApp._started).
        gc.disable()
        from ..paths import config_file

        obj.backup_at_open = obj.shell = False
        if not demo and _run_early(obj, config_file(config_path)):
            return
        from ..config import load_config  # noqa: F401  (errors surface before the UI starts)

        network = obj.network
        if demo:
            obj.clean_on_hangup()
        from ..ui.app import run_app

        run_app(network, config_path=config_file(config_path), demo=demo)


def _run_early(obj: Context, config_path: Path) -> bool:
    """Run the app from its first-frame file if that still describes the data: the
    contact list painted before the models, the config and the store are loaded (see
    ui.early_start). False when it cannot: the app then opens the normal way."""
    from ..ui.early_start import early_start

    def opened(network: Network) -> None:
        obj._network = network  # closed with the command (Context.close)

    early = early_start(obj.resolved_data_dir(), config_path, today=obj.today, opened=opened)
    if early is None:
        return False
    from ..ui.app import run_app

    run_app(None, config_path=config_path, early=early)
    return True


pass_ctx = click.make_pass_decorator(Context)


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo for text that may hold user data: never an escape sequence (F7).

    Scrubbed text holds no ESC, so click's stripping of ANSI codes from what goes to a
    file or a pipe would find nothing: color=True skips that regex pass (`netui list`
    at 50k contacts: 4 MB, ~10 ms)."""
    from ..domain.text import scrub

    click.echo(scrub(str(message)), err=err, nl=nl, color=True)


def echo_json(value: Any) -> None:
    import json

    echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def parse_day(text: str, today: date) -> date:
    from ..domain import dates

    try:
        return dates.parse_date(text, today)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def every_days(text: str | None) -> int | None:
    """An `--every` option (30d, 6w, 3m) in days; None when it was not given."""
    if text is None:
        return None
    from ..domain import dates

    try:
        return dates.duration_days(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table sized to its content and to the terminal's width."""
    from .fit import table as fitted

    return fitted(rows, headers)
