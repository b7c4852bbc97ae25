"""The Health pane's "communities you stopped attending": every community past its
cadence, with when you last took part, beneath the people drifting. Enter opens it in
the Communities pane."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets.option_list import Option

from ..domain.cadence import humanize_ago
from ..services import Network
from ..services.communities import CommunityDue

PREFIX = "community:"  # the rows' ids (contact ids are hex)
SHOWN = 10


def stopped(network: Network) -> list[CommunityDue]:
    """Communities past their cadence, longest overdue first."""
    return sorted(network.communities.due_list(),
                  key=lambda d: (-d.overdue_days, d.community.name.casefold()))


def row(d: CommunityDue, today: date) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(d.community.name)
    out.append(f"  every {d.community.cadence}d · last took part ", "dim")
    out.append(humanize_ago(d.last, today) if d.last else "never", "bold #e3b341")
    return out


def options(network: Network) -> list[Option]:
    """The heading and a row per community (none when no community is past its cadence)."""
    due = stopped(network)
    if not due:
        return []
    today = network.today()
    out = [Option(Text.assemble(("Communities you stopped attending", "bold"),
                                f"  {len(due)}"), disabled=True)]
    out += [Option(row(d, today), id=PREFIX + d.community.id) for d in due[:SHOWN]]
    if len(due) > SHOWN:
        out.append(Option(Text(f"… {len(due) - SHOWN} more: enter for the Communities pane",
                               "dim"), id=PREFIX + due[SHOWN].community.id))
    return out


def community_of(option_id: str | None) -> str | None:
    """The community id a row stands for, or None for a person's row."""
    if option_id and option_id.startswith(PREFIX):
        return option_id[len(PREFIX):]
    return None
