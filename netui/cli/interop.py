"""Bringing a network in and taking it out: `netui import FILE...`, `netui dedupe`,
and the vCard, ICS, Markdown and CSV exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import Invalid
from .common import Context, cli, echo, echo_json, pass_ctx, table
from .data import export_group, import_json
from .export_target import write_export

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..domain.models import Contact
    from ..services import Network


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, metavar="[json] FILE...")
@click.option("--replace", is_flag=True, help="json: make the network exactly the file.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="List every record, not only skipped ones.")
@pass_ctx
def import_(obj: Context, files: tuple[str, ...], replace: bool, dry_run: bool,
            verbose: bool) -> None:
    """Import vCard (.vcf), LinkedIn/Google/Outlook/Thunderbird CSV, a Monica 4 JSON
    export, a friends.md or netui JSON files; the format is read from each file's content.
    Someone already in netui is updated only when certainly the same person (same vCard
    UID, or same email and a compatible name); a shared phone, a shared email under
    another name or the same name alone adds the record and reports a possible
    duplicate (see `netui dedupe`). Exits 1 when a file could not be read or recognised
    (the others are still imported)."""
    names = list(files)
    if names[0] == "json":
        names = names[1:]
        if len(names) != 1:
            raise click.UsageError("netui import json takes one FILE")
        import_json(obj, Path(names[0]), replace=replace, dry_run=dry_run)
        return
    from ..interop.importer import prepare_import, run_import

    paths = [Path(n) for n in names]
    if replace and not prepare_import(obj.network, paths).report.json_files:
        raise click.UsageError("--replace applies to netui JSON exports only")
    report = run_import(obj.network, paths, dry_run=dry_run)
    if report.entries or report.failed or not report.json_files:
        for line in report.lines(verbose=verbose):
            echo(line)
    for path in report.json_files:
        import_json(obj, path, replace=replace, dry_run=dry_run)
    if report.failed:  # the others were imported; the status says not everything was
        unread = ", ".join(p.where for p in report.failed)
        raise Invalid(f"not read: {unread}" if len(report.failed) == 1 else
                      f"{len(report.failed)} files not read: {unread}")


def _contact_id(obj: Context, text: str) -> str:
    """An id, or a name that means exactly one contact."""
    if obj.network.get_contact(text):
        return text
    return obj.network.find_exact(text).id


@cli.command()
@click.option("--merge", nargs=2, metavar="KEEP OTHER",
              help="Merge OTHER into KEEP (names or ids).")
@click.option("-i", "--interactive", is_flag=True, help="Ask about each pair in turn.")
@click.option("--json", "as_json", is_flag=True, help="Print the pairs as JSON.")
@pass_ctx
def dedupe(obj: Context, merge: tuple[str, str] | None, interactive: bool, as_json: bool) -> None:
    """List people who are likely in netui twice (same email or phone, or names that
    nearly match), and merge a pair keeping everything of both."""
    net = obj.network
    if merge:
        keep, other = (_contact_id(obj, x) for x in merge)
        gone = net.contact(other).name
        kept = net.merge_contacts(keep, other)
        echo(f"Merged {gone} into {kept.name}")
        return
    from ..domain.dedupe import candidates
    from ..domain.phones import default_region

    pairs = candidates(net.contacts(include_archived=True), default_region(net.config.region))
    if as_json:
        echo_json([{"keep": {"id": p.a.id, "name": p.a.name},
                    "other": {"id": p.b.id, "name": p.b.name}, "reasons": p.reasons}
                   for p in pairs])
        return
    if not pairs:
        echo("No likely duplicates.")
        return
    if not interactive:
        rows = [[p.a.name, p.a.id, p.b.name, p.b.id, ", ".join(p.reasons)] for p in pairs]
        echo(table(rows, ["contact", "id", "maybe the same as", "id", "why"]))
        echo("\nMerge one with: netui dedupe --merge KEEP OTHER (or -i to go through them)")
        return
    merged: list[str] = []  # ids merged away in this session (undo takes the last)
    for p in pairs:
        if p.a.id in merged or p.b.id in merged:
            continue  # one of them is gone already
        echo(f"\n{p.a.name} ({p.a.company or '-'}, {', '.join(p.a.emails) or '-'})\n"
                   f"{p.b.name} ({p.b.company or '-'}, {', '.join(p.b.emails) or '-'})\n"
                   f"  {', '.join(p.reasons)}")
        undo = "  [u]ndo the last merge" if merged else ""
        answer = click.prompt(f"Merge? [1] keep the first  [2] keep the second  [s]kip{undo}  "
                              "[q]uit", type=click.Choice(["1", "2", "s", "q", "u"]),
                              default="s", show_choices=False)
        if answer == "q":
            break
        if answer == "u":
            _undo_merge(net, merged)
        elif answer in ("1", "2"):
            winner, loser = (p.a, p.b) if answer == "1" else (p.b, p.a)
            net.merge_contacts(winner.id, loser.id)
            merged.append(loser.id)
            echo(f"Merged {loser.name} into {winner.name}")
    if merged and click.prompt("\nDone. [u]ndo the last merge, or Enter to finish",
                               default="", show_default=False) == "u":
        _undo_merge(net, merged)


def _undo_merge(net: Network, merged: list[str]) -> None:
    if not merged or not (net.undo_label() or "").startswith("merge "):
        echo("No merge to undo.")
        return
    merged.pop()
    echo(f"Undone: {net.undo()} (run dedupe again to see that pair)")


def _archived_options(f: Any) -> Any:
    """Exports keep archived people (flagged); --active-only leaves them out. --all, which
    once included them, is still accepted so scripts written for it keep working."""
    f = click.option("--all", "include_all", is_flag=True, hidden=True)(f)
    return click.option("--active-only", is_flag=True,
                        help="Leave archived contacts out.")(f)


def _write(file: str, data: bytes, what: str) -> None:
    """To stdout for '-', a pipe or device directly, else atomically with mode 0600
    (contacts are private); see export_target."""
    streamed = write_export(file, data)
    if file != "-":
        echo(f"Exported {what} to {file}", err=streamed)


@export_group.command(name="vcard")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--vdir", type=click.Path(file_okay=False), metavar="DIR",
              help="One .vcf per contact in DIR (a khard / vdirsyncer address book).")
@click.option("--communities", "with_groups", is_flag=True,
              help="Also write each person's communities as CATEGORIES (groups).")
@_archived_options
@pass_ctx
def export_vcard(obj: Context, /, file: str | None, vdir: str | None, active_only: bool,
                 with_groups: bool, **_: bool) -> None:
    """Contacts as vCard 4.0: one FILE, or a vdir with one file per contact. Archived
    people are included, marked X-NETUI-ARCHIVED (so a synced server keeps them);
    roles and links between people travel as X-NETUI-ROLE and X-NETUI-LINK."""
    from ..interop.vcard_links import link_lines, with_communities
    from ..interop.vcard_write import dump_vcards
    from ..sync.vdir_export import export_vdir_loading

    if (file is None) == (vdir is None):
        raise click.UsageError("give either FILE or --vdir DIR")
    counted: list[int] = []

    def load() -> tuple[list[Contact], Callable[[Contact], list[str]]]:
        contacts = obj.network.contacts(include_archived=not active_only)
        counted.append(len(contacts))
        uid_of = {c.id: c.uid or c.id for c in contacts}
        lines_of = link_lines(obj.network.links.all(), uid_of)

        def extras(c: Contact) -> list[str]:
            return lines_of.get(c.id, [])

        if with_groups:
            svc = obj.network.communities
            contacts = [with_communities(c, svc.communities_of(c.id)) for c in contacts]
        return contacts, extras

    if file is not None:
        contacts, extras = load()
        _write(file, dump_vcards(contacts, extras).encode(), f"{len(contacts)} contacts")
        return
    folder = Path(vdir or "")
    _not_synced(obj, folder)
    # Read once the vdir is locked: into an empty one, the files are made meanwhile.
    written, removed = export_vdir_loading(folder, load, obj.network.store.count("contacts"))
    gone = f", removed {removed} of deleted contacts" if removed else ""
    echo(f"Exported {counted[0]} contacts to {folder}/ ({written} files written{gone})")


def _not_synced(obj: Context, folder: Path) -> None:
    """An export into the vdir `netui sync` keeps would overwrite edits pulled into it
    and not yet synced (D6): that folder is for `netui sync` only."""
    from ..sync.run import load_state

    synced = load_state(obj.network.store.root).vdir
    if synced and folder.exists() and Path(synced) == folder.resolve():
        raise Invalid(f"{folder} is the vdir netui sync keeps; run `netui sync` instead "
                      "(an export would overwrite edits pulled into it)")


@export_group.command(name="ics")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--vdir", type=click.Path(file_okay=False), metavar="DIR",
              help="One .ics per event in DIR (a vdirsyncer / khal calendar).")
@pass_ctx
def export_ics(obj: Context, file: str | None, vdir: str | None) -> None:
    """Birthdays (yearly) and due check-ins as an iCalendar file, or a vdir with one file
    per event; stable UIDs, so importing it again updates the events instead of
    duplicating them."""
    if (file is None) == (vdir is None):
        raise click.UsageError("give either FILE or --vdir DIR")
    if vdir is not None:
        from ..sync.calendar_vdir import write_calendar_vdir

        written, removed = write_calendar_vdir(obj.network, Path(vdir))
        gone = f", removed {removed} of past events" if removed else ""
        echo(f"Exported the calendar to {vdir}/ ({written} files written{gone})")
        return
    from ..interop.ics import ics_export

    data, count = ics_export(obj.network)
    if count:
        _write(file or "-", data, f"{count} event{'s' if count != 1 else ''}")
    else:
        _write(file or "-", data, "an empty calendar (no birthdays, check-ins or follow-ups "
               "to show yet)")


@export_group.command(name="md")
@click.argument("name")
@click.argument("file", required=False, default="-", type=click.Path(allow_dash=True))
@pass_ctx
def export_md(obj: Context, name: str, file: str) -> None:
    """One contact's profile and timeline as Markdown (to FILE, or printed)."""
    from ..interop.markdown import contact_markdown

    c = obj.network.get_contact(name) or obj.network.find_exact(name)
    _write(file, contact_markdown(obj.network, c.id).encode(), c.name)


@export_group.command(name="csv")
@click.argument("file", type=click.Path(allow_dash=True))
@_archived_options
@pass_ctx
def export_csv(obj: Context, /, file: str, active_only: bool, **_: bool) -> None:
    """Contacts as CSV for spreadsheets (several values in a cell joined by ' ::: ');
    archived people are included with TRUE in the `archived` column."""
    from ..interop.csv_io import contacts_csv

    contacts = obj.network.contacts(include_archived=not active_only)
    if not contacts and active_only and obj.network.contact_count():
        raise Invalid("every contact is archived; leave out --active-only")
    _write(file, contacts_csv(contacts), f"{len(contacts)} contacts")
