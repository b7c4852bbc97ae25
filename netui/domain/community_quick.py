"""`&Name` in quick-add: taking part in (or giving to) a community, with anyone met.

    event &"ACM Lagos" chapter meetup, met @Chi @Tom
    gave &PyConAfrica ran the registration desk

A line with one `&community` is a participation; without one it is quick-add as
before (see quickadd.parse). Rules only."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import Invalid, one_line
from . import quickadd
from .kinds import Direction

if TYPE_CHECKING:  # a line without '&' (every `netui note` to a person) never needs them
    from .communities import Community, Participation
    from .models import Contact

_MENTION = re.compile(r'(?<!\S)&(?:"([^"]*)"?|([\w][\w.\-]*))')


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Each `&Name` / `&"Two words"`: (start, end, the name as typed)."""
    return [(m.start(), m.end(), (m[1] if m[1] is not None else m[2]).strip())
            for m in _MENTION.finditer(text)]


@dataclass(frozen=True, slots=True)
class Read:
    parsed: quickadd.Parsed
    community: Community | None = None

    @property
    def ok(self) -> bool:
        return self.parsed.ok


def read(text: str, today: date, people: quickadd.Directory | Iterable[Any],
         communities: Iterable[Community], **options: Any) -> Read:
    """Parse a quick-add line; with `&community` the people are optional and the
    preview says what is logged for the community."""
    found = mentions(text)
    if not found:
        return Read(quickadd.parse(text, today, people, **options))
    stripped = text
    for start, end, _ in reversed(found):
        stripped = stripped[:start] + stripped[end:]
    parsed = quickadd.parse(stripped, today, people, **options)
    errors = [e for e in parsed.errors
              if not e.startswith(("who:", "a favour is with one person"))]
    from .communities import match

    groups = list(communities)
    chosen: Community | None = None
    if len(found) > 1:
        errors.append("community: one &community per line")
    name = found[0][2]
    hits = match(name, groups)
    if not name:
        errors.append('community: &"" has no name')
    elif not hits:
        near = ", ".join(c.name for c in groups[:3])
        errors.append(f"&{name}: no such community" + (f" (known: {near})" if near else ""))
    elif len(hits) > 1:
        errors.append(f"&{name} is ambiguous: " + ", ".join(sorted(c.name for c in hits)[:5]))
    else:
        chosen = hits[0]
    if parsed.direction not in (None, Direction.gave):
        errors.append(f"community: only gave goes with &{name} (got and asked are with people)")
    if parsed.followups:
        errors.append("follow-up: +N goes with people; log it without &community")
    preview = parsed.preview
    if chosen is not None:
        what = "gave to" if parsed.direction is Direction.gave else "took part in"
        met = ", ".join(m.person.name if m.person is not None else f"{m.query} (new)"
                        for m in parsed.mentions)
        preview = f"{what} {chosen.name} · {parsed.day.isoformat()}" + (
            f" · met {met}" if met else "")
    done = dataclasses.replace(parsed, errors=tuple(errors), preview=preview)
    if chosen is not None:
        done = dataclasses.replace(done, body=_body(done))
    return Read(done, chosen)


@dataclass(slots=True)
class CommunityPlan:
    """What a `&community` line writes (Network.quick_add saves it)."""

    participation: Participation
    new_contacts: list[Contact] = field(default_factory=list)


def plan(result: Read, more_text: str = "") -> quickadd.Plan | CommunityPlan:
    """What saving the line writes; Invalid (one line) when it has errors."""
    if result.community is None:
        return quickadd.plan(result.parsed, more_text)
    from pydantic import ValidationError

    from .communities import Participation, ParticipationKind
    from .models import Contact

    parsed = result.parsed
    if parsed.errors:
        raise Invalid(parsed.errors[0])
    new: dict[str, Contact] = {}
    ids: list[str] = []
    for m in parsed.mentions:
        if m.person is not None:
            ids.append(m.person.id)
        else:
            key = m.query.casefold()
            new.setdefault(key, Contact(name=m.query))
            ids.append(new[key].id)
    text = "\n".join(t for t in (_body(parsed), more_text.strip()) if t)
    kind = ParticipationKind.gave if parsed.direction is Direction.gave else ParticipationKind.event
    try:
        p = Participation(community_id=result.community.id, date=parsed.day, kind=kind,
                          text=text, contact_ids=list(dict.fromkeys(ids)))
    except ValidationError as exc:
        raise Invalid(one_line(exc)) from None
    return CommunityPlan(p, list(new.values()))


def _body(parsed: quickadd.Parsed) -> str:
    """"event chapter meetup, met Chi Obi Tom Okafor" -> "chapter meetup": the people
    met are kept as people, the kind word leading the line is the record's kind."""
    body = parsed.body
    for m in parsed.mentions:
        body = body.replace(m.person.name if m.person is not None else m.query, " ")
    body = " ".join(body.split())
    body = re.sub(r"^event\b\s*", "", body, flags=re.IGNORECASE)
    body = re.sub(r"([,;]?\s*\b(met|with)\b[\s,;and]*)+$", "", body).strip(" ,;")
    return body


def names(communities: Sequence[Community]) -> list[str]:
    return [c.name for c in communities]


_PLAIN = re.compile(r"[\w][\w.\-]*")
COMPLETIONS = 8  # as many names as the quick-add box offers for '@'


def complete(communities: Iterable[Community], typed: str) -> list[Community]:
    """The communities `&typed` may be becoming, best first (every one, by name, for a
    bare '&'), for quick-add's completion list."""
    from .communities import match

    items = sorted(communities, key=lambda c: c.name.casefold())
    found = match(typed, items) if typed.strip() else items
    return found[:COMPLETIONS]


def mention_text(name: str) -> str:
    """How to write a community's name after '&' so it reads back as that community."""
    return name if _PLAIN.fullmatch(name) else f'"{name}"'
