"""Quick-add from the shell: note, gave, got, asked; and the review queue."""

from __future__ import annotations

import click

from ..domain import quickadd
from ..errors import Invalid
from .common import Context, cli, echo_json, pass_ctx


def _log(obj: Context, line: str, create: bool) -> quickadd.Parsed:
    """Parse one quick-add line and save it in one transaction, or fail with one line."""
    network = obj.network
    result = quickadd.parse(line, obj.today(), network.people(), create=create)
    if result.errors:
        raise Invalid("; ".join(result.errors))
    quickadd.plan(result).save(network)
    click.echo(f"Saved: {result.preview}")
    if result.body:
        click.echo(f"  {result.body}")
    return result


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--create", is_flag=True, help="Create contacts for @names not known yet.")
@pass_ctx
def note(obj: Context, text: tuple[str, ...], create: bool) -> None:
    """Log an interaction in one line (quote it so the shell keeps #tags):

    \b
    netui note "@Priya @Tom coffee at Blue Bottle #climate yesterday +2w"

    People: @Priya, @Raman, @Priya Raman (the longest known name wins), @"Priya R".
    Kind words: call, coffee/lunch/dinner/meeting, email, message/text/dm, event, note
    (none: a meeting). Dates: today, yesterday, 3d ago, last fri, 2 nov, 2026-11-02.
    +2w / +10d adds a follow-up check-in. An unknown or ambiguous name is an error."""
    _log(obj, " ".join(text), create)


def _favour_command(verb: str, summary: str) -> click.Command:
    @click.argument("text", nargs=-1, required=True)
    @click.option("--create", is_flag=True, help="Create the contact if @name is not known yet.")
    @pass_ctx
    def command(obj: Context, text: tuple[str, ...], create: bool) -> None:
        result = _log(obj, f"{verb} " + " ".join(text), create)
        if verb == "asked":
            person = result.people[0] if result.people else None
            if person is not None:
                for line in quickadd.ask_advice(person.name, obj.network.standing(person.id)):
                    click.echo(line)

    command.__doc__ = f"{summary} (e.g. netui {verb} @Priya intro to Sam at Acme !2)."
    return cli.command(name=verb)(command)


_favour_command("gave", "Log a favour you gave: @Name TEXT, size !1-!3")
_favour_command("got", "Log a favour you received: @Name TEXT, size !1-!3")
_favour_command("asked", "Log an ask: @Name TEXT; shows your balance and the give-first habit")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def review(obj: Context, as_json: bool) -> None:
    """Today's review queue: who is due, birthdays, open asks, favours to return."""
    from ..domain import review as rv

    network = obj.network
    today = obj.today()
    triage = network.needs_triage()
    cards = [rv.card_for(network, item) for item in rv.build_all(network)]
    if as_json:
        echo_json({
            "date": today.isoformat(),
            "triage": [{"contact_id": c.id, "name": c.name} for c in triage],
            "queue": [card.to_json() for card in cards],
        })
        return
    if triage:
        names = ", ".join(c.name for c in triage[:5]) + (" …" if len(triage) > 5 else "")
        click.echo(f"{len(triage)} without a circle yet ({names}): "
                   "netui edit NAME --circle close, or triage them in the app (r).\n")
    if not cards:
        click.echo("Nothing to review today.")
        return
    for n, card in enumerate(cards, 1):
        click.echo(f"{n} of {len(cards)}  {card.who()}")
        for reason in card.item.reasons:
            click.echo(f"    why:     {reason.text}")
        click.echo(f"    last:    {card.last_line(today)}")
        click.echo(f"    balance: {card.balance_line()}")
        click.echo(f"    try:     {card.suggestion}")
