"""Turning a parsed quick-add line (domain.quickadd) into the records saving it writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..errors import Invalid, one_line
from . import intros
from .models import Contact, Favour, Interaction
from .names import fold

if TYPE_CHECKING:
    from .quickadd import Parsed


@dataclass(slots=True)
class Plan:
    """What saving a line writes, in one transaction (services.Network.quick_add)."""

    interaction: Interaction | None = None
    favour: Favour | None = None
    favours: list[Favour] = field(default_factory=list)  # an intro: one per person introduced
    followup: date | None = None
    followup_reason: str = ""
    new_contacts: list[Contact] = field(default_factory=list)


def plan(result: Parsed, more_text: str = "") -> Plan:
    """The records a parsed line stands for; `Invalid` (one line) when it has errors.
    `more_text` is appended to the body (the note editor's later lines)."""
    if result.errors:
        raise Invalid(result.errors[0])
    new: dict[str, Contact] = {}
    ids: list[str] = []
    try:
        for m in result.mentions:
            if m.person is not None:
                cid = m.person.id
            else:
                key = fold(m.query)
                if key not in new:
                    new[key] = Contact(name=m.query)
                cid = new[key].id
            if cid not in ids:
                ids.append(cid)
        text = "\n".join(t for t in (result.body, more_text.strip()) if t)
        if result.direction is not None:
            favour = Favour(contact_id=ids[0], direction=result.direction, text=text,
                            date=result.day, size=result.size)
            each = intros.split(favour, ids[1:]) if result.intro else [favour]
            return Plan(favour=each[0], favours=each, new_contacts=list(new.values()))
        interaction = Interaction(contact_ids=ids, date=result.day, kind=result.kind,
                                  text=text, tags=result.tag_names)
    except ValidationError as exc:
        raise Invalid(one_line(exc)) from None
    reason = result.body[:80] or "follow up"  # shown after a "follow-up:" label
    return Plan(interaction=interaction, followup=result.followup, followup_reason=reason,
                new_contacts=list(new.values()))
