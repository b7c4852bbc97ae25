"""Roles, links between people and (when asked) communities on vCards, so a round
trip through netui's own vCard export keeps them:

    X-NETUI-ROLE:mentor,peer
    X-NETUI-LINK:works with;both;<the other card's UID>;2026-03-01;met at the desk
    CATEGORIES:climate,ACM Lagos      (communities: only with export vcard --communities)

A link is written once, on the card of its first person ("out" when directed)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..domain.communities import Community
from ..domain.links import Link
from ..domain.models import Contact
from .common import Draft, Linked

LINK = "X-NETUI-LINK"


_SPECIAL = re.compile(r"[\\\n,;]")


def _esc(text: str) -> str:
    if _SPECIAL.search(text) is None:  # most kinds, UIDs and notes: nothing to escape
        return text
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def _link_line(x: Link, uid_of: dict[str, str]) -> str:
    day = x.date.isoformat() if x.date else ""
    way = "out" if x.directed else "both"
    return f"{LINK}:{_esc(x.kind)};{way};{_esc(uid_of[x.b_id])};{day};{_esc(x.note)}"


def card_extras(c: Contact, links: Sequence[Link], uid_of: dict[str, str]) -> list[str]:
    """The link lines of one card (escaped, unfolded); roles are the card's own
    (X-NETUI-ROLE, see vcard.to_vcard)."""
    return [_link_line(x, uid_of) for x in links if x.a_id == c.id and x.b_id in uid_of]


def link_lines(links: Iterable[Link], uid_of: dict[str, str]) -> dict[str, list[str]]:
    """Every card's link lines at once (person id -> card_extras of their links, in the
    links' order): each link looked at once, on its first person's card, rather than once
    from each end (an export of 50k people and 100k links)."""
    lines: dict[str, list[str]] = {}
    for x in links:
        if x.b_id in uid_of:
            lines.setdefault(x.a_id, []).append(_link_line(x, uid_of))
    return lines


def with_communities(c: Contact, communities: Iterable[Community]) -> Contact:
    """The contact with their communities' names among the tags, written as CATEGORIES
    (only when the user asks: a phone's address book shows them as groups)."""
    names = [g.name for g in communities if g.name not in c.tags]
    return c.model_copy(update={"tags": [*c.tags, *names]}) if names else c


def read_link(value_parts: list[str], draft: Draft, where: str) -> Linked | None:
    """One X-NETUI-LINK value (already split on ';' and unescaped) as a record about
    this card's person and the other one (resolved by UID once both are imported)."""
    if len(value_parts) < 3 or not value_parts[0] or not value_parts[2]:
        draft.warnings.append(f"{LINK} {';'.join(value_parts)!r} is not kind;way;uid; left out")
        return None
    kind, way, other = value_parts[0], value_parts[1], value_parts[2]
    day = value_parts[3] if len(value_parts) > 3 else ""
    note = value_parts[4] if len(value_parts) > 4 else ""
    mine = str(draft.fields.get("uid") or "")
    fields: dict[str, Any] = {"kind": kind, "directed": way == "out", "note": note}
    if day:
        fields["date"] = day
    rid = hashlib.sha256(f"{mine}\0{other}\0{kind}".encode()).hexdigest()[:12]
    return Linked("links", rid, fields, [mine, other], where)
