"""One contact's profile and timeline as Markdown, for notes apps and sharing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..domain.cadence import humanize_ago
from ..domain.models import CheckIn, Contact, Favour, Interaction

if TYPE_CHECKING:
    from ..services import Network

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([-+#]|\d+[.)])")


def md(text: str) -> str:
    """User text with Markdown's special characters escaped, so it shows as written."""
    return _SPECIAL.sub(r"\\\1", text)


def md_line(line: str) -> str:
    """A line of notes: escaped, and not made a list or heading by a leading '-', '1.', '#'."""
    return _BLOCK_START.sub(r"\1\\\2", md(line))


def _profile(network: Network, c: Contact) -> list[str]:
    today = network.today()
    rows: list[tuple[str, str | None]] = [
        ("Nickname", c.nickname),
        ("Company", c.company),
        ("Title", c.title),
        ("Location", c.location),
        ("Email", ", ".join(c.emails)),
        ("Phone", ", ".join(c.phones)),
        ("Links", ", ".join(c.links)),
        ("Tags", " ".join(f"#{t}" for t in c.tags)),
        ("Birthday", str(c.birthday) if c.birthday else None),
        ("Met", " - ".join(x for x in (c.met_on and c.met_on.isoformat(), c.how_met) if x)),
        ("Circle", c.circle),
        ("Check in every", f"{network.cadence(c)} days" if network.cadence(c) else None),
        ("Last in touch", humanize_ago(network.last_touch(c.id), today)),
    ]
    if due := network.due(c.id):
        rows.append(("Next due", f"{due.due.isoformat()} ({due.reason})"))
    standing = network.standing(c.id)
    if standing.given or standing.received or standing.asked:
        rows.append(("Favours", f"given {standing.given}, received {standing.received}, "
                                f"balance {standing.balance:+d}"))
    return [f"- **{label}:** {md(value)}" for label, value in rows if value]


def _entry(network: Network, contact_id: str, record: Interaction | Favour | CheckIn) -> str:
    if isinstance(record, Interaction):
        people = (network.get_contact(i) for i in record.contact_ids if i != contact_id)
        others = [p.name for p in people if p]
        with_ = f" (with {', '.join(others)})" if others else ""
        tags = " " + " ".join(f"#{t}" for t in record.tags) if record.tags else ""
        return f"{record.date} · {record.kind.value}{md(with_)}: {md(record.text)}{md(tags)}"
    if isinstance(record, Favour):
        return (f"{record.date} · favour {record.direction.value} ({record.status.value}, "
                f"size {record.size}): {md(record.text)}")
    return f"{record.due} · check-in {record.kind.value} ({record.status.value}): {md(record.reason)}"


def contact_markdown(network: Network, contact_id: str) -> str:
    c = network.contact(contact_id)
    lines = [f"# {md(c.name)}", "", *_profile(network, c)]
    if c.notes:
        lines += ["", "## Notes", "", *(md_line(line) for line in c.notes.splitlines())]
    timeline = network.timeline(c.id)
    lines += ["", "## Timeline", ""]
    lines += [f"- {_entry(network, c.id, e.record)}" for e in timeline] or ["Nothing yet."]
    return "\n".join(lines) + "\n"
