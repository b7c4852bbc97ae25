"""Ideas for gives from the shell: `netui ideas [@Name] [--json]`."""

from __future__ import annotations

import click

from .common import Context, cli, echo, echo_json, pass_ctx


@cli.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def ideas(obj: Context, name: str | None, as_json: bool) -> None:
    """Gives to offer: what people are looking for (netui edit NAME --looking-for TEXT),
    matched to your offers ([offers] in the config) and to other contacts' companies,
    titles, tags and locations."""
    from .. import coach

    network = obj.network
    if name:
        c = network.find_one(name)
        found = coach.ideas_for_contact(network, c.id, limit=5)
    else:
        found = coach.every_idea(network)
    if as_json:
        echo_json([i.to_json() for i in found])
        return
    if not found:
        who = "they are" if name else "people are"
        echo(f"No ideas yet: note what {who} looking for with "
                   "netui edit NAME --looking-for 'climate-tech intros'.")
        return
    for i in found:
        echo(i.text)
