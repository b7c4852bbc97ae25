"""Check-ins from the shell: who is due, mark done, snooze."""

from __future__ import annotations

import click

from ..date_order import date_order
from ..domain import dates
from ..domain.cadence import snooze_base
from ..domain.models import Kind
from ..errors import Invalid
from .common import Context, cli, echo, echo_json, parse_day, pass_ctx, table


@cli.command()
@click.option("--days", default=0, show_default=True, type=click.IntRange(0, 3650),
              help="Also list who falls due within this many days.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def due(obj: Context, days: int, as_json: bool) -> None:
    """Who is due or overdue for a check-in, most overdue first."""
    entries = obj.network.due_list(days)
    groups = obj.network.communities.due_list(days)
    if as_json:
        echo_json([e.to_json() for e in entries] + [g.to_json() for g in groups])
        return
    if not entries and not groups:
        echo("Nobody is due. Nice.")
        return
    rows = []
    for e in entries:
        when = f"overdue {e.overdue_days}d" if e.overdue_days else (
            "today" if e.due.due == obj.today() else e.due.due.isoformat())
        why = e.due.reason + (f": {e.due.detail}" if e.due.detail else "")
        rows.append([e.contact.name, e.contact.circle or "", when, why])
    for g in groups:
        when = f"overdue {g.overdue_days}d" if g.overdue_days else (
            "today" if g.due == obj.today() else g.due.isoformat())
        rows.append([f"&{g.community.name}", "community", when, "take part"])
    echo(table(rows, ["NAME", "CIRCLE", "DUE", "WHY"]))


@cli.command()
@click.argument("name")
@click.option("--note", default="", help="What you talked about.")
@click.option("--kind", type=click.Choice([k.value for k in Kind if k is not Kind.note]),
              default="message", show_default=True)
@click.option("--on", "on", metavar="DATE", help="When (default today).")
@pass_ctx
def done(obj: Context, name: str, note: str, kind: str, on: str | None) -> None:
    """Mark a check-in done: logs a touch with NAME (e.g. @Priya)."""
    network = obj.network
    c = network.find_exact(name)
    day = parse_day(on, obj.today()) if on else None
    network.mark_done(c.id, note=note, kind=Kind(kind), on=day)
    d = network.due(c.id)
    nxt = f"; next check-in {d.due.isoformat()}" if d else ""
    echo(f"In touch with {c.name}{nxt}")


@cli.command()
@click.argument("name")
@click.argument("until", metavar="DURATION|DATE")
@click.option("--reason", default="")
@pass_ctx
def snooze(obj: Context, name: str, until: str, reason: str) -> None:
    """Not now: push NAME's check-in by a duration (1d, 1w, 1m), counted from the later
    of today and when it is due, or to a date after that."""
    network = obj.network
    c = network.find_exact(name)
    today = obj.today()
    current = network.due(c.id)
    base = snooze_base(today, current.due if current else None)
    try:
        day, dated = dates.after(base, until), False
    except ValueError:
        try:
            day, dated = dates.parse_date(until, today, date_order(network.config)), True
        except ValueError:
            raise click.BadParameter(
                f"{until!r} is not a duration (1d, 1w, 1m) or a date", param_hint="UNTIL"
            ) from None
    if dated and day <= base and base > today:
        raise Invalid(f"{c.name} is not due until {base.isoformat()}: snooze to a later "
                      "date, or by a duration (1w counts from the due date)")
    network.snooze(c.id, day, reason)
    was = f" (was due {current.due.isoformat()})" if current and current.due > today else ""
    echo(f"Snoozed {c.name} until {day.isoformat()}{was}")
