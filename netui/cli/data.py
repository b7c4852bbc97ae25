"""Backups, restore and the full JSON export from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from ..errors import Invalid
from ..storage import Store, StoreError
from .common import Context, cli, echo, pass_ctx
from .export_target import write_export


@cli.group(name="export")
def export_group() -> None:
    """Write your network in another format."""


@export_group.command(name="json")
@click.argument("file", type=click.Path(allow_dash=True))
@pass_ctx
def export_json(obj: Context, file: str) -> None:
    """Everything, as one JSON file (a full backup; `netui import json` restores it)."""
    counts = obj.network.export_all()
    raw = orjson.dumps(counts, option=orjson.OPT_INDENT_2) + b"\n"
    streamed = write_export(file, raw)
    if file == "-":
        return
    echo(f"Exported {len(counts['contacts'])} contacts, {len(counts['interactions'])} "
               f"interactions, {len(counts['favours'])} favours, {len(counts['checkins'])} "
               f"check-ins to {file}", err=streamed)  # a pipe gets the JSON only


def read_export(path: Path) -> object:
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise Invalid(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Invalid(f"{path} is not valid JSON: {exc}") from None


def import_json(obj: Context, path: Path, *, replace: bool, dry_run: bool) -> None:
    data = read_export(path)
    if dry_run:
        from ..services import validate_export

        docs = validate_export(data)
        echo("Would import " + ", ".join(f"{len(v)} {k}" for k, v in docs.items())
                   + " (dry run: nothing written)")
        return
    counts = obj.network.import_all(data, replace=replace)
    echo("Imported " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@cli.command()
@pass_ctx
def backup(obj: Context) -> None:
    """Save a copy of all data now (kept in the data directory's backups/)."""
    path = obj.network.store.backup()
    echo(f"Backed up to {path}")


@cli.command()
@click.argument("source", required=False)
@click.option("--list", "list_only", is_flag=True, help="List backups, newest first.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def restore(obj: Context, source: str | None, list_only: bool, yes: bool) -> None:
    """Put a backup back (default: the newest). Works even when the data is unreadable;
    the current files are kept in backups/pre-restore-*."""
    root = obj.resolved_data_dir()
    probe = Store(root)
    backups = probe.backups()
    if list_only:
        for b in backups:
            echo(str(b))
        if not backups:
            echo("No backups yet.")
        return
    if source is None:
        # The newest backup that reads back: after one restore the newest is the
        # pre-restore copy, which may be the damaged files themselves.
        chosen = probe.newest_backup()
        if chosen is None:
            raise StoreError(f"no backup in {probe.backup_dir} reads back" if backups
                             else f"no backups in {probe.backup_dir}")
    else:
        chosen = Path(source)
        if not chosen.exists() and (probe.backup_dir / source).exists():
            chosen = probe.backup_dir / source
    if not chosen.is_dir():
        raise StoreError(f"{chosen} is not a backup folder (see netui restore --list)")
    if not yes:
        click.confirm(f"Replace the data in {root} with {chosen}?", abort=True)
    kept = Store.restore(root, chosen)
    echo(f"Restored {chosen}; the files it replaced are kept in {kept} "
               f"(netui restore {kept.name} puts them back)")
