"""`netui sync`: one round of two-way sync with the contacts vdir and the calendar vdir."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Invalid
from .common import Context, cli, echo, pass_ctx


def _folder(text: str) -> Path:
    return Path(text).expanduser()


@cli.command()
@click.option("--vdir", metavar="DIR", help="The contacts vdir (default: [sync] vdir).")
@click.option("--calendar-vdir", metavar="DIR",
              help="The calendar vdir (default: [sync] calendar_vdir).")
@click.option("--no-command", is_flag=True, help="Do not run [sync] command around the round.")
@pass_ctx
def sync(obj: Context, vdir: str | None, calendar_vdir: str | None, no_command: bool) -> None:
    """Two-way sync with a vdir that vdirsyncer syncs with a CardDAV server: pull what
    changed there since the last sync (new, edited, deleted cards), then push netui's
    changes into the cards, keeping everything netui does not model. With [sync]
    command (e.g. "vdirsyncer sync") it runs before and after the round."""
    from ..storage.batch_write import remove_stale_temps
    from ..sync.calendar_vdir import write_calendar_vdir
    from ..sync.contacts_round import sync_contacts
    from ..sync.run import load_state, round_lock, run_tool, save_state

    settings = obj.config.sync
    contacts = vdir or settings.vdir
    events = calendar_vdir or settings.calendar_vdir
    if not contacts and not events:
        raise Invalid("nothing to sync: give --vdir DIR or set [sync] vdir in the config")
    command = "" if no_command else settings.command
    if command:
        run_tool(command, "before the round; netui's data was not changed", echo)
    net = obj.network
    if net.readonly:
        raise Invalid(f"cannot sync: {net.store.readonly_reason}")
    if contacts:
        folder = _folder(contacts)
        if folder.exists() and not folder.is_dir():
            raise Invalid(f"cannot sync with {folder}: it is not a folder")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        root = net.store.root
        with round_lock(folder):
            remove_stale_temps(folder)  # a killed round's
            report, state = sync_contacts(net, folder, load_state(root))
            save_state(root, state)
        echo(f"Contacts ({contacts}):")  # as configured: ~ stays ~
        for line in report.lines():
            echo(f"  {line}")
    if events:
        folder = _folder(events)
        if folder.exists() and not folder.is_dir():
            raise Invalid(f"cannot sync with {folder}: it is not a folder")
        written, removed = write_calendar_vdir(net, folder)
        echo(f"Calendar ({events}): {written} events written, {removed} removed")
    if command:
        run_tool(command, "after the round (netui and the vdir are in step; run netui sync "
                 "again to upload)", echo)
