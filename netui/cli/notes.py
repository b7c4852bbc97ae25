"""Fixing and finding what you wrote, from the shell: edit-note, delete-note, search."""

from __future__ import annotations

import click
from pydantic import ValidationError

from ..domain.models import Kind
from ..errors import Invalid, one_line
from .common import Context, cli, echo, echo_json, parse_day, pass_ctx
from .fit import cut, terminal_width

KINDS = [k.value for k in Kind]


@cli.command(name="edit-note")
@click.argument("entry_id", metavar="ID")
@click.option("--text", help="The new text (a check-in's reason).")
@click.option("--date", "day", metavar="DATE", help="The new date: 2026-11-28, yesterday, 3d ago.")
@click.option("--kind", type=click.Choice(KINDS), help="The new kind (notes and interactions).")
@pass_ctx
def edit_note(obj: Context, entry_id: str, text: str | None, day: str | None,
              kind: str | None) -> None:
    """Change a note, interaction, favour or check-in; `netui show NAME` prints the ids."""
    from ..services.entries import describe, edit_entry

    when = parse_day(day, obj.today()) if day is not None else None
    try:
        record = edit_entry(obj.network, entry_id, text=text, day=when,
                            kind=Kind(kind) if kind else None)
    except ValidationError as exc:
        raise Invalid(one_line(exc, "entry")) from None
    echo(f"Changed {record.id}: {describe(record)}")


@cli.command(name="delete-note")
@click.argument("entry_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_ctx
def delete_note(obj: Context, entry_id: str, yes: bool) -> None:
    """Delete a note, interaction, favour or check-in; `netui show NAME` prints the ids."""
    from ..services.entries import delete_entry, describe, find_entry

    record = find_entry(obj.network, entry_id)
    if not yes and not click.confirm(f"Delete {describe(record)}?", default=False):
        raise click.exceptions.Abort()
    delete_entry(obj.network, record.id)
    echo(f"Deleted {record.id}: {describe(record)}")


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True, help="At most this many notes.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def search(obj: Context, text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search people and everything you wrote about them, newest notes first."""
    from ..services.entries import search as run_search

    query = " ".join(text)
    if not query.strip():
        raise click.UsageError("give something to search for")
    width = terminal_width()
    found = run_search(obj.network, query, limit=limit, width=max(width - 26, 20))
    if as_json:
        echo_json({
            "people": [{"id": c.id, "name": c.name, "company": c.company} for c in found.people],
            "notes": [{"id": h.note.id, "date": h.note.date.isoformat(),
                       "kind": h.note.kind.value, "people": h.names,
                       "snippet": h.snippet.text, "text": h.note.text} for h in found.notes],
        })
        return
    if not found.people and not found.notes:
        echo(f"Nothing matches {query!r}.")
        return
    if found.people:
        echo("People:")
        for c in found.people:
            echo(cut("  " + " · ".join(x for x in (c.name, c.company) if x), width))
    if found.notes:
        echo("In notes:" if not found.people else "\nIn notes:")
        for h in found.notes:
            head = f"  {h.note.date.isoformat()}  {h.note.id}  {h.names}"
            echo(cut(head, width))
            echo(cut(f"      {h.snippet.text}", width))
