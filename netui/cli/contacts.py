"""Contacts from the shell: add, list, show, edit, archive, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from ..domain import intros
from ..domain.cadence import humanize_ago
from ..domain.communities import in_all, split_in
from ..domain.models import Contact, Interaction
from ..domain.search import filter_contacts
from ..errors import Invalid, one_line
from .common import Context, cli, echo, echo_json, every_days, parse_day, pass_ctx, table


def contact_fields(
    obj: Context,
    *,
    email: tuple[str, ...],
    phone: tuple[str, ...],
    tag: tuple[str, ...],
    link: tuple[str, ...],
    looking_for: tuple[str, ...] = (),
    role: tuple[str, ...] = (),
    every: str | None,
    met_on: str | None,
    **rest: Any,
) -> dict[str, Any]:
    """Options given on the command line, as contact fields (unset ones left out)."""
    fields: dict[str, Any] = {k: v for k, v in rest.items() if v is not None}
    for key, values in (("emails", email), ("phones", phone), ("tags", tag), ("links", link),
                        ("looking_for", looking_for), ("roles", role)):
        if values:
            fields[key] = list(values)
    if every is not None:
        fields["cadence_days"] = every_days(every)
    if met_on is not None:
        fields["met_on"] = parse_day(met_on, obj.today())
    return fields


F = TypeVar("F", bound=Callable[..., Any])


def contact_options(f: F) -> F:
    """The options `add` and `edit` share, one per contact field."""
    for decorator in reversed([
        click.option("--email", multiple=True, help="Email address (repeatable)."),
        click.option("--phone", multiple=True, help="Phone number (repeatable)."),
        click.option("--company"),
        click.option("--title"),
        click.option("--location"),
        click.option("--nickname"),
        click.option("--tag", multiple=True, help="Tag (repeatable)."),
        click.option("--link", multiple=True, help="URL (repeatable)."),
        click.option("--looking-for", multiple=True, metavar="TEXT",
                     help="Something they are looking for (repeatable): 'climate-tech intros'."),
        click.option("--circle", help="inner, close, network, acquaintance (or your own)."),
        click.option("--role", multiple=True, metavar="ROLE",
                     help="What they are to you: mentor, mentee, peer, colleague, friend, "
                          "family, client, or your own word (repeatable)."),
        click.option("--every", metavar="DURATION", help="Own check-in cadence: 30d, 2w, 3m."),
        click.option("--birthday", metavar="DATE", help="1990-02-28 or --02-28."),
        click.option("--met-on", metavar="DATE", help="When you met (a date word)."),
        click.option("--how-met", metavar="TEXT"),
        click.option("--notes", metavar="TEXT"),
    ]):
        f = decorator(f)
    return f


def _build(fields: dict[str, Any]) -> Contact:
    try:
        return Contact.model_validate(fields)
    except ValidationError as exc:
        raise Invalid(one_line(exc)) from None


@cli.command()
@click.argument("name")
@contact_options
@click.option("--json", "as_json", is_flag=True)
@click.option("--force", is_flag=True, help="Add even when someone looks the same.")
@pass_ctx
def add(obj: Context, /, name: str, as_json: bool, force: bool, **opts: Any) -> None:
    """Add a contact. Someone with the same email, phone or name is likely the same
    person: netui names them and adds only with --force."""
    network = obj.network
    contact = _build({"name": name, **contact_fields(obj, **opts)})
    if not force:
        from ..domain.matching import likely_duplicates
        from ..domain.phones import default_region

        found = likely_duplicates(contact, network.contacts(include_archived=True),
                                  default_region(network.config.region))
        if found:
            who = "; ".join(f"{c.name} ({c.id}, {why})" for c, why in found[:3])
            raise Invalid(f"{contact.name} looks like someone you have: {who}. "
                          "Add anyway with --force, or change them with `netui edit`")
    contact = network.add_contact(contact)
    if as_json:
        echo_json(contact.to_doc())
    else:
        echo(f"Added {contact.name} ({contact.id})")


@cli.command()
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@contact_options
@pass_ctx
def edit(obj: Context, /, name: str, new_name: str | None, **opts: Any) -> None:
    """Change a contact's fields (lists given replace the old ones)."""
    network = obj.network
    c = network.find_exact(name)
    fields = contact_fields(obj, **opts)
    if new_name:
        fields["name"] = new_name
    if not fields:
        raise click.UsageError("nothing to change: give an option such as --company")
    c = network.edit_contact(c.id, **fields)
    echo(f"Updated {c.name}")


@cli.command()
@click.argument("name")
@click.option("--undo", "restore", is_flag=True, help="Bring an archived contact back.")
@pass_ctx
def archive(obj: Context, name: str, restore: bool) -> None:
    """Archive a contact: kept with their history, off lists and check-ins."""
    c = obj.network.find_exact(name)
    obj.network.set_archived(c.id, not restore)
    echo(f"{'Restored' if restore else 'Archived'} {c.name}")


@cli.command()
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def delete(obj: Context, name: str, yes: bool) -> None:
    """Delete a contact with their favours and check-ins."""
    c = obj.network.find_exact(name)
    if not yes:
        click.confirm(f"Delete {c.name} and their favours and check-ins?", abort=True)
    obj.network.delete_contact(c.id)
    echo(f"Deleted {c.name}")


def contact_row(obj: Context, c: Contact) -> dict[str, Any]:
    network = obj.network
    due = network.due(c.id)
    last = network.last_touch(c.id)
    return {
        **c.to_doc(),
        "last_touch": last.isoformat() if last else None,
        "next_due": due.due.isoformat() if due else None,
        "overdue_days": due.overdue_days(obj.today()) if due else 0,
        "balance": network.balance(c.id),
        "roles": list(c.roles),
        "communities": [g.name for g in network.communities.communities_of(c.id)],
    }


@cli.command(name="list")
@click.argument("query", required=False, default="")
@click.option("--tag", multiple=True, help="Only contacts with this tag.")
@click.option("--circle", help="Only contacts in this circle.")
@click.option("--archived", is_flag=True, help="Include archived contacts.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def list_(obj: Context, query: str, tag: tuple[str, ...], circle: str | None, archived: bool,
          as_json: bool) -> None:
    """List contacts, filtered like the app's `/` (words, #tag, circle:inner, in:acm)."""
    text = " ".join([query, *(f"#{t.lstrip('#')}" for t in tag),
                     *([f"circle:{circle}"] if circle else [])])
    text, wanted = split_in(text)
    if not as_json and not wanted and obj.index is not None:
        _list_from_index(obj, text, archived)
        return
    network = obj.network  # sorted as the index sorts: by name, then id
    pool = sorted(network.contacts(include_archived=archived),
                  key=lambda c: (network.name_key(c.name), c.id))
    if wanted:
        member_of = network.communities.membership()
        pool = [c for c in pool if in_all(member_of.get(c.id, ()), wanted)]
    people = filter_contacts(pool, text)
    if as_json:
        echo_json([contact_row(obj, c) for c in people])
        return
    if not people:
        echo("No contacts match." if text.strip() else
                   "No contacts yet: run netui add NAME, or netui import FILE")
        return
    today = obj.today()
    rows = []
    for c in people:
        r = contact_row(obj, c)
        due = r["next_due"]
        mark = (f"overdue {r['overdue_days']}d" if r["overdue_days"]
                else ("due today" if due == today.isoformat() else ""))
        rows.append([c.name, c.company or "", c.circle or "",
                     humanize_ago(obj.network.last_touch(c.id), today), mark])
    echo(table(rows, ["NAME", "COMPANY", "CIRCLE", "LAST TOUCH", "DUE"]))


def _list_from_index(obj: Context, text: str, archived: bool) -> None:
    """`netui list` from the shell's derived index (list_fast.listing)."""
    from .list_fast import listing

    index = obj.index
    assert index is not None
    config = obj.network.config
    echo(listing(index, text, archived, config.circles, config.favours_count_as_touch,
                 obj.today()))


def _describe(record: Any, viewer: str, network: Any) -> str:
    if isinstance(record, Interaction):
        tags = " ".join(f"#{t}" for t in record.tags)
        return f"{record.kind.value}: {record.text} {tags}".rstrip()
    kind = type(record).__name__.lower()
    if kind == "favour":
        intro = intros.describe(record, viewer, lambda cid: (
            found.name if (found := network.get_contact(cid)) else "someone deleted"))
        if intro and viewer != record.contact_id:
            return f"intro: {intro}"
        what = f"{intro} · {record.text}" if intro else record.text
        return f"{record.direction.value} (size {record.size}, {record.status.value}): {what}"
    return f"check-in {record.kind.value} ({record.status.value}): {record.reason}"


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(obj: Context, name: str, as_json: bool) -> None:
    """One contact: fields, next check-in, balance and timeline."""
    network = obj.network
    c = network.find_exact(name)
    timeline = network.timeline(c.id)
    if as_json:
        echo_json({
            **contact_row(obj, c),
            "timeline": [{"type": type(e.record).__name__.lower(), **e.record.to_doc()}
                         for e in timeline],
        })
        return
    today = obj.today()
    r = contact_row(obj, c)
    lines = [c.name + (f" ({c.nickname})" if c.nickname else "")]
    facts = [
        ("Company", " · ".join(x for x in (c.title, c.company) if x)),
        ("Circle", c.circle or ""),
        ("Every", f"{network.cadence(c)} days" if network.cadence(c) else ""),
        ("Emails", ", ".join(c.emails)),
        ("Phones", ", ".join(c.phones)),
        ("Location", c.location or ""),
        ("Looking for", "; ".join(c.looking_for)),
        ("Tags", " ".join(f"#{t}" for t in c.tags)),
        ("Links", ", ".join(c.links)),
        ("Birthday", str(c.birthday) if c.birthday else ""),
        ("Met", " · ".join(x for x in (c.met_on and c.met_on.isoformat(), c.how_met) if x)),
        ("Last touch", humanize_ago(network.last_touch(c.id), today)),
        ("Next due", f"{r['next_due']}" + (f" (overdue {r['overdue_days']}d)"
                                           if r["overdue_days"] else "") if r["next_due"] else ""),
        ("Balance", f"{r['balance']:+d}"),
        ("Archived", "yes" if c.archived else ""),
        ("Notes", c.notes),
    ]
    lines += [f"  {k + ':':<12}{v}" for k, v in facts if v]
    if timeline:
        lines.append("Timeline:")
        lines += [f"  {e.day.isoformat()}  {e.record.id}  {_describe(e.record, c.id, network)}"
                  for e in timeline]
        lines.append("  (netui edit-note ID / netui delete-note ID change or remove an entry)")
    echo("\n".join(lines))
