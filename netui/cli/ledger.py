"""The give-before-you-ask ledger from the shell."""

from __future__ import annotations

import click

from ..domain import ask_coach
from .common import Context, cli, echo, echo_json, pass_ctx, table


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def ledger(obj: Context, as_json: bool) -> None:
    """Balances per person (given minus received) and nudges."""

    network = obj.network
    balances = network.balances()
    nudges = network.nudges()
    given = network.communities.contributions()
    if as_json:
        echo_json({
            "balances": [{"contact_id": c.id, "name": c.name, "balance": s.balance,
                          "given": s.given, "received": s.received, "open_asks": s.open_asks}
                         for c, s in balances],
            "nudges": {
                "owes_back": [{"contact_id": c.id, "name": c.name,
                               "last_received": s.last_received.isoformat()
                               if s.last_received else None} for c, s in nudges.owes_back],
                "stale_asks": [{"contact_id": c.id, "name": c.name, "favour_id": f.id,
                                "text": f.text, "age_days": age,
                                "ask_check": ask_coach.check_ask(f.text).to_json()}
                               for c, f, age in nudges.stale_asks],
                "over_asked": [{"contact_id": c.id, "name": c.name, "asked": s.asked,
                                "given": s.given_count} for c, s in nudges.over_asked],
            },
            "to_communities": [{"community_id": g.id, "name": g.name, "date": p.date.isoformat(),
                                "text": p.text} for g, p in given],
        })
        return
    if given:
        echo("Given to communities:")
        for g, p in given[:10]:
            echo(f"  {p.date.isoformat()}  {g.name}: {p.text}")
        echo("")
    if not balances:
        echo("No favours yet: netui gave @Name TEXT logs one.")
        return
    rows = [[c.name, f"{s.balance:+d}", str(s.given), str(s.received), str(s.open_asks)]
            for c, s in balances]
    echo(table(rows, ["NAME", "BALANCE", "GIVEN", "RECEIVED", "OPEN ASKS"]))
    if nudges.owes_back:
        echo("\nHelped you, nothing back yet:")
        for c, s in nudges.owes_back:
            echo(f"  {c.name} (last helped you {s.last_received})")
    if nudges.stale_asks:
        echo("\nOpen asks older than 30 days:")
        for c, f, age in nudges.stale_asks:
            check = ask_coach.check_ask(f.text)
            tip = f" · big ask; try: {check.suggestion}" if check.big else ""
            echo(f"  {c.name}: {f.text} ({age}d){tip}")
    if nudges.over_asked:
        echo("\nAsked more than you gave:")
        for c, s in nudges.over_asked:
            echo(f"  {c.name}: asked {s.asked}, gave {s.given_count}")
