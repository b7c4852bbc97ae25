"""Quick-add from the shell: note, gave, got, asked; and the review queue."""

from __future__ import annotations

import click

from ..date_order import date_order
from ..domain import community_quick, quickadd
from ..errors import Invalid
from .common import Context, cli, echo, echo_json, pass_ctx


def _log(obj: Context, line: str, create: bool, *, dry_run: bool = False,
         as_json: bool = False,
         ) -> tuple[quickadd.Parsed, quickadd.Plan | community_quick.CommunityPlan]:
    """Parse one quick-add line and save it in one transaction (unless `dry_run`), or
    fail with one line."""
    network = obj.network
    groups = network.communities.all() if "&" in line else []
    read = community_quick.read(line, obj.today(), obj.directory(), groups, create=create,
                                date_order=date_order(network.config))
    result = read.parsed
    if result.errors:
        raise Invalid("; ".join(result.errors))
    planned = community_quick.plan(read)
    if not dry_run:
        network.quick_add(planned)
    if not as_json:
        echo(f"{'Not saved (dry run)' if dry_run else 'Saved'}: {result.preview}")
        if result.body:
            echo(f"  {result.body}")
    return result, planned


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--create", is_flag=True, help="Create contacts for @names not known yet.")
@pass_ctx
def note(obj: Context, text: tuple[str, ...], create: bool) -> None:
    """Log an interaction in one line (single quotes keep #tags and ! from the shell):

    \b
    netui note '@Priya @Tom coffee at Blue Bottle #climate yesterday +2w'

    People: @Priya, @Raman, @Priya Raman (the longest known name wins), @"Priya R".
    Kind words, first or right after a date: call, coffee/lunch/dinner/meeting, email,
    message/text/dm, event, note (none: a meeting). Dates: today, yesterday, 3d ago,
    3 days ago, a week ago, last fri, on sat, 2 nov, Nov 28th, 28/11, 2026-11-02.
    +2w / +10d adds a follow-up check-in. An unknown or ambiguous name is an error."""
    _log(obj, " ".join(text), create)


def _favour_command(verb: str, summary: str) -> click.Command:
    @click.argument("text", nargs=-1, required=True)
    @click.option("--create", is_flag=True, help="Create the contact if @name is not known yet.")
    @click.option("--dry-run", is_flag=True, help="Show what would be saved; save nothing.")
    @click.option("--json", "as_json", is_flag=True,
                  help="Print the saved favour (asks: with the coach's ask_check).")
    @pass_ctx
    def command(obj: Context, text: tuple[str, ...], create: bool, dry_run: bool,
                as_json: bool) -> None:
        result, planned = _log(obj, f"{verb} " + " ".join(text), create, dry_run=dry_run,
                               as_json=as_json)
        check = None
        if verb == "asked":
            from ..domain import ask_coach  # its patterns: ~10 ms, for asks only

            check = ask_coach.check_ask(result.body)
        if as_json and isinstance(planned, community_quick.CommunityPlan):
            echo_json({**planned.participation.to_doc(), "saved": not dry_run})
            return
        if as_json and isinstance(planned, quickadd.Plan):
            docs = [f.to_doc() for f in planned.favours]
            out = {**docs[0], "favours": docs, "saved": not dry_run}
            if check is not None:
                out["ask_check"] = check.to_json()
            echo_json(out)
            return
        if check is not None:
            echo(check.line())
            person = result.people[0] if result.people else None
            if person is not None:
                for line in quickadd.ask_advice(person.name, obj.network.standing(person.id)):
                    echo(line)

    command.__doc__ = (f"{summary} (e.g. netui {verb} '@Priya intro to @Sam at Acme' size:2; "
                       "single quotes keep ! and # from the shell).")
    return cli.command(name=verb)(command)


_favour_command("gave", "Log a favour you gave: @Name TEXT, size size:1-3 or ++; an intro "
                "names both: @A intro to @B")
_favour_command("got", "Log a favour you received: @Name TEXT, size size:1-3 or ++; @A intro "
                "to @B: A introduced you to B")
_favour_command("asked", "Log an ask: @Name TEXT; the coach says whether it is small or big "
                "and how to make it small, with your balance")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--more", is_flag=True, help="Also show who waits after today's budget.")
@pass_ctx
def review(obj: Context, as_json: bool, more: bool) -> None:
    """Today's review: a budget of people ([review] daily in the config, 0 = no limit),
    the most overdue for their circle first; birthdays and follow-ups due today always."""
    from .. import coach
    from ..domain import review as rv

    network = obj.network
    today = obj.today()
    triage = network.needs_triage()
    day = rv.paced_for(network)
    items = [*day.today, *(day.later if more else [])]

    def make_card(item: rv.ReviewItem) -> rv.Card:
        found = coach.ideas_for_contact(network, item.contact.id) if item.contact.looking_for else []
        return rv.card_for(network, item, [i.text for i in found])

    cards = [make_card(item) for item in items]
    if as_json:
        echo_json({
            "date": today.isoformat(),
            "daily": day.daily,
            "today": len(day.today),
            "later": day.waiting,
            "triage": [{"contact_id": c.id, "name": c.name} for c in triage],
            "queue": [{**c.to_json(), "paced": "today" if n < len(day.today) else "later"}
                      for n, c in enumerate(cards)],
        })
        return
    if triage:
        names = ", ".join(c.name for c in triage[:5]) + (" …" if len(triage) > 5 else "")
        echo(f"{len(triage)} without a circle yet ({names}): "
                   "netui edit NAME --circle close, or triage them in the app (r).\n")
    if not cards:
        echo("Nothing to review today." if not day.waiting else
             f"Nothing left for today · {day.waiting} later (netui review --more).")
        return
    echo(f"To reconnect with: {day.counts()}\n")
    for n, card in enumerate(cards, 1):
        if n == len(day.today) + 1:
            echo("-- later --")
        echo(f"{n} of {len(cards)}  {card.who()}")
        for reason in card.item.reasons:
            echo(f"    why:     {reason.text}")
        echo(f"    last:    {card.last_line(today)}")
        echo(f"    balance: {card.balance_line()}")
        echo(f"    try:     {card.suggestion}")
        for line in card.ask_lines():
            echo(f"    ask:     {line}")
        for idea in card.ideas:
            echo(f"    give:    {idea}")
    if day.waiting and not more:
        echo(f"\n{day.waiting} more wait: netui review --more shows them.")
