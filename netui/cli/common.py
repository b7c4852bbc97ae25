"""The `netui` group, its global options, and helpers shared by the command modules."""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..domain import dates

if TYPE_CHECKING:
    from ..config import Config
    from ..services import Network


@dataclass
class Context:
    data_dir: str | None
    config_path: str | None
    demo: bool
    lock_timeout: float | None = None
    backup_at_open: bool = True  # the app makes today's backup after its first frame
    _network: Network | None = field(default=None, repr=False)
    _config: Config | None = field(default=None, repr=False)
    _demo_dir: str | None = None

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

            self._network = open_network(
                self.resolved_data_dir(), config=self.config, today=self.today,
                lock_timeout=self.lock_timeout, backup=self.backup_at_open,
            )
            for line in self._network.store.sync_conflicts:
                echo(f"netui: {line}", err=True)
        return self._network

    def clean_on_hangup(self) -> None:
        """A closed terminal sends SIGHUP, which ends the process without `close`: the
        demo's temporary directory goes first, then the signal does what it would have."""
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
            shutil.rmtree(self._demo_dir, ignore_errors=True)


def make_demo_dir(today: date, contacts: int = 60, seed: int = 7) -> str:
    """A temporary data directory holding the demo network; never the user's data."""
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


class _Commands(click.Group):
    """Imports the command modules only when a command is named or listed: `netui` with
    no command starts the app, which needs none of them (~20 ms of imports)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
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
@click.version_option(package_name="netui")
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
        from ..config import load_config  # noqa: F401  (errors surface before the UI starts)
        from ..paths import config_file

        obj.backup_at_open = False
        network = obj.network
        if demo:
            obj.clean_on_hangup()
        from ..ui.app import run_app

        run_app(network, config_path=config_file(config_path), demo=demo)


pass_ctx = click.make_pass_decorator(Context)


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo for text that may hold user data: never an escape sequence (F7)."""
    from ..domain.text import scrub

    click.echo(scrub(str(message)), err=err, nl=nl)


def echo_json(value: Any) -> None:
    echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def parse_day(text: str, today: date) -> date:
    try:
        return dates.parse_date(text, today)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table sized to its content and to the terminal's width."""
    from .fit import table as fitted

    return fitted(rows, headers)
