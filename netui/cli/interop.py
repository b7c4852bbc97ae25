"""Bringing a network in: `netui import FILE...`."""

from __future__ import annotations

from pathlib import Path

import click

from .common import Context, cli, pass_ctx
from .data import import_json


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, metavar="[json] FILE...")
@click.option("--replace", is_flag=True, help="json: make the network exactly the file.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@pass_ctx
def import_(obj: Context, files: tuple[str, ...], replace: bool, dry_run: bool) -> None:
    """Import files (`netui import json FILE` restores a full JSON export)."""
    names = list(files)
    if names[0] == "json":
        names = names[1:]
        if len(names) != 1:
            raise click.UsageError("netui import json takes one FILE")
    for name in names:
        import_json(obj, Path(name), replace=replace, dry_run=dry_run)
