"""The contact card's relationship lines: roles, communities, and who they are linked
to ("Met through", "Introduced", "Connected to"), as fields of the card."""

from __future__ import annotations

from ..domain.models import Contact, Direction
from ..domain.roles import role_line
from ..services import Network
from .hanging import Card

SHOWN = 6  # per list; the rest are counted


def last_ask(network: Network, contact_id: str) -> object:
    asks = [f.date for f in network.favours(contact_id) if f.direction is Direction.asked]
    return max(asks, default=None)


def role_summary(network: Network, c: Contact) -> str | None:
    return role_line(c.roles, last_ask(network, c.id),  # type: ignore[arg-type]
                     network.last_touch(c.id), network.today())


def append_relations(card: Card, network: Network, c: Contact) -> None:
    svc = network.communities
    if (line := role_summary(network, c)) is not None:
        card.field("Role", line)
    groups = svc.communities_of(c.id)
    if groups:
        card.field("Communities", ", ".join(g.name for g in groups))
    for label, items in network.links.connections(c.id).items():
        if not items:
            continue
        shown = []
        for con in items[:SHOWN]:
            other = network.get_contact(con.other_id)
            who = other.name if other else "someone deleted"
            shown.append(who if label != "Connected to" else f"{who} ({con.kind})")
        more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
        card.field(label, ", ".join(shown) + more)
