"""`netui undo` and `netui log`: the data directory's undo log, shared by every netui."""

from __future__ import annotations

import click

from ..domain.text import scrub_line
from .common import Context, cli, echo, echo_json, pass_ctx, table


@cli.command()
@pass_ctx
def undo(obj: Context) -> None:
    """Undo the last change made by any netui (the app or the shell) on this data."""
    label = obj.network.undo()
    if label is None:
        echo("Nothing to undo.")
        return
    echo(f"Undid: {label}")


@cli.command(name="log")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def log_(obj: Context, as_json: bool) -> None:
    """The last changes (newest first): when, what, and which kind of netui made them."""
    entries = list(reversed(obj.network.undo_log()))
    if as_json:
        echo_json([{"at": e.at.isoformat(), "what": e.label, "by": e.process,
                    "undone": e.undone, "undoable": e.complete and not e.undone}
                   for e in entries])
        return
    if not entries:
        echo("No changes logged yet.")
        return
    rows = []
    for e in entries:
        state = "undone" if e.undone else "" if e.complete else "too large to undo"
        rows.append([e.at.strftime("%Y-%m-%d %H:%M:%S"), e.process or "?",
                     scrub_line(e.label), state])
    echo(table(rows, ["when (UTC)", "by", "what", ""]))
