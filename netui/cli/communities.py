"""Communities, membership, participation, links and the graph from the shell."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..domain.cadence import humanize_ago
from ..domain.communities import Community, CommunityKind, CommunityRole
from ..errors import Invalid
from ..services.communities import participation_of
from .common import Context, cli, echo, echo_json, every_days, parse_day, pass_ctx, table


def community_json(obj: Context, c: Community) -> dict[str, Any]:
    svc = obj.network.communities
    last = svc.last(c.id)
    return {**c.to_doc(), "cadence": c.cadence, "members": len(c.member_ids),
            "last_participation": last.isoformat() if last else None,
            "state": svc.due_state(c.id)}


@cli.group()
def community() -> None:
    """Communities you belong to: add, edit, delete, list, show."""


def _options(f: Any) -> Any:
    for opt in reversed([
        click.option("--kind", type=click.Choice([k.value for k in CommunityKind])),
        click.option("--role", type=click.Choice([r.value for r in CommunityRole]),
                     help="Your role there."),
        click.option("--link", metavar="URL"),
        click.option("--notes", metavar="TEXT"),
        click.option("--every", metavar="DURATION",
                     help="How often you mean to take part: 30d, 2w, 2m (default by role)."),
    ]):
        f = opt(f)
    return f


def _fields(kind: str | None, role: str | None, link: str | None, notes: str | None,
            every: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {k: v for k, v in (("kind", kind), ("role", role), ("link", link),
                                ("notes", notes)) if v is not None}
    if every is not None:
        fields["cadence_days"] = every_days(every)
    return fields


@community.command(name="add")
@click.argument("name")
@_options
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def add(obj: Context, /, name: str, as_json: bool, **opts: Any) -> None:
    """Add a community: netui community add "ACM Lagos" --kind association --every 60d"""
    from pydantic import ValidationError

    from ..errors import one_line

    try:
        c = Community(name=name, **_fields(**opts))
    except ValidationError as exc:
        raise Invalid(one_line(exc, "community")) from None
    c = obj.network.communities.add(c)
    if as_json:
        echo_json(community_json(obj, c))
    else:
        echo(f"Added community {c.name} ({c.kind.value}, {c.role.value}, "
                   f"every {c.cadence}d)")


@community.command(name="edit")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@_options
@pass_ctx
def edit(obj: Context, /, name: str, new_name: str | None, **opts: Any) -> None:
    """Change a community's fields."""
    svc = obj.network.communities
    c = svc.find(name)
    fields = _fields(**opts)
    if new_name:
        fields["name"] = new_name
    if not fields:
        raise click.UsageError("nothing to change: give an option such as --every")
    c = svc.edit(c.id, **fields)
    echo(f"Updated community {c.name}")


@community.command(name="delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def delete(obj: Context, name: str, yes: bool) -> None:
    """Delete a community and its participation log (members stay contacts)."""
    svc = obj.network.communities
    c = svc.find(name)
    if not yes:
        click.confirm(f"Delete {c.name} and its participation log?", abort=True)
    svc.delete(c.id)
    echo(f"Deleted community {c.name}")


@community.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def list_(obj: Context, as_json: bool) -> None:
    """Communities with members, last participation and whether you are due."""
    svc = obj.network.communities
    items = svc.all()
    if as_json:
        echo_json([community_json(obj, c) for c in items])
        return
    if not items:
        echo('No communities yet: run netui community add "NAME"')
        return
    today = obj.today()
    rows = [[c.name, c.kind.value, c.role.value, str(len(c.member_ids)),
             humanize_ago(svc.last(c.id), today), svc.due_state(c.id)] for c in items]
    echo(table(rows, ["NAME", "KIND", "ROLE", "MEMBERS", "LAST", "STATE"]))


@community.command(name="show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(obj: Context, name: str, as_json: bool) -> None:
    """One community: its members and your participation, newest first."""
    svc = obj.network.communities
    c = svc.find(name)
    members = svc.members(c.id)
    history = svc.history(c.id)
    if as_json:
        echo_json({**community_json(obj, c),
                   "member_names": [m.name for m in members],
                   "participation": [p.to_doc() for p in history]})
        return
    today = obj.today()
    echo(f"{c.name}  ({c.kind.value}, you: {c.role.value}, every {c.cadence}d, "
               f"{svc.due_state(c.id)})")
    if c.link:
        echo(f"  {c.link}")
    if c.notes:
        echo(f"  {c.notes}")
    echo(f"Members ({len(members)}): " + (", ".join(m.name for m in members) or "none"))
    echo(f"Last took part: {humanize_ago(svc.last(c.id), today)}")
    for p in history[:20]:
        met = [n.name for cid in p.contact_ids if (n := obj.network.get_contact(cid))]
        with_ = f" (met {', '.join(met)})" if met else ""
        echo(f"  {p.date.isoformat()}  {p.kind.value}: {p.text}{with_}")


def _people(obj: Context, names: tuple[str, ...]) -> tuple[list[str], str]:
    """Split `@A @B &Community` arguments into contact ids and one community id."""
    people = [n for n in names if not n.startswith("&")]
    groups = [n for n in names if n.startswith("&")]
    if len(groups) != 1:
        raise click.UsageError("name one community with &Name (quote it: '&\"ACM Lagos\"')")
    if not people:
        raise click.UsageError("name at least one person with @Name")
    network = obj.network
    ids = [network.find_exact(p.lstrip("@")).id for p in people]
    return ids, network.communities.find(groups[0]).id


@cli.command()
@click.argument("names", nargs=-1, required=True)
@pass_ctx
def join(obj: Context, names: tuple[str, ...]) -> None:
    """Make people members: netui join @Priya @Tom &acm"""
    ids, cid = _people(obj, names)
    c = obj.network.communities.join(cid, ids)
    echo(f"{len(ids)} joined {c.name} ({len(c.member_ids)} members)")


@cli.command()
@click.argument("names", nargs=-1, required=True)
@pass_ctx
def leave(obj: Context, names: tuple[str, ...]) -> None:
    """Take people off a community: netui leave @Tom &acm"""
    ids, cid = _people(obj, names)
    c = obj.network.communities.leave(cid, ids)
    echo(f"{len(ids)} left {c.name} ({len(c.member_ids)} members)")


@cli.command()
@click.argument("community_name")
@click.argument("text", nargs=-1)
@click.option("--gave", is_flag=True, help="A contribution (ran a desk, gave a talk).")
@click.option("--on", metavar="DATE", help="When (a date word; default today).")
@pass_ctx
def took_part(obj: Context, community_name: str, text: tuple[str, ...], gave: bool,
              on: str | None) -> None:
    """Log taking part in a community: netui took-part &acm chapter meetup"""
    svc = obj.network.communities
    c = svc.find(community_name)
    day = parse_day(on, obj.today()) if on else obj.today()
    svc.log(participation_of(c.id, day, " ".join(text), gave=gave))
    echo(f"Saved: {'gave to' if gave else 'took part in'} {c.name} on {day.isoformat()}")


@cli.command()
@click.argument("a")
@click.argument("b")
@click.argument("kind", nargs=-1, required=True)
@click.option("--note", default="", help="A note on the link.")
@click.option("--on", metavar="DATE", help="Since when (a date word).")
@click.option("--directed/--undirected", default=None,
              help="Read one way (default: introduced and reports to do).")
@pass_ctx
def link(obj: Context, a: str, b: str, kind: tuple[str, ...], note: str, on: str | None,
         directed: bool | None) -> None:
    """Link two people: netui link @Chi @Tom "works with" (introduced, works with,
    partner of, reports to, or your own word)."""
    network = obj.network
    first, second = network.find_exact(a.lstrip("@")), network.find_exact(b.lstrip("@"))
    day = parse_day(on, obj.today()) if on else None
    made = network.links.add(first.id, second.id, " ".join(kind), note=note, day=day,
                                     directed=directed)
    arrow = "->" if made.directed else "--"
    echo(f"Linked {first.name} {arrow} {second.name} ({made.kind})")


@cli.command()
@click.argument("a")
@click.argument("b")
@click.argument("kind", nargs=-1)
@pass_ctx
def unlink(obj: Context, a: str, b: str, kind: tuple[str, ...]) -> None:
    """Remove the links between two people (only of KIND, when given)."""
    network = obj.network
    first, second = network.find_exact(a.lstrip("@")), network.find_exact(b.lstrip("@"))
    n = network.links.unlink(first.id, second.id, " ".join(kind) or None)
    echo(f"Removed {n} link{'s' if n != 1 else ''} between {first.name} and {second.name}")


@cli.command()
@click.option("--dot", "fmt", flag_value="dot", default=True, help="Graphviz DOT (default).")
@click.option("--json", "fmt", flag_value="json", help="JSON: nodes, edges, communities.")
@click.option("--around", metavar="@NAME", help="Only the people near this person.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 10))
@click.option("--community", "community_name", metavar="NAME",
              help="Only the members of this community.")
@pass_ctx
def graph(obj: Context, fmt: str, around: str | None, depth: int,
          community_name: str | None) -> None:
    """The network as a graph: netui graph --around @Priya | dot -Tsvg > me.svg"""
    from ..graph_view import find_row, neighbourhood, network_graph

    network = obj.network
    members = (set(network.communities.find(community_name).member_ids)
               if community_name else None)
    if around:
        g = neighbourhood(network, find_row(network, around).id, depth, members)
    else:
        g = network_graph(network)
        if members is not None:
            g = g.only(members)
    from ..domain.graph import to_dot, to_json

    sys.stdout.write(to_json(g) + "\n" if fmt == "json"
                     else to_dot(g, list(obj.network.circles())))
