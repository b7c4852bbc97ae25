"""The fields a card and a netui person share, as plain JSON values, and a three-way
merge of them: what the last sync agreed (base), what netui has, what the card has."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domain.models import Contact
from ..interop.common import Draft
from ..interop.importer import validate_draft
from ..interop.vcard_read import parse_vcards

# Everything netui writes on a card; the rest of a card is the other app's and kept.
SYNCED = ("name", "nickname", "emails", "phones", "company", "title", "location", "tags",
          "links", "birthday", "met_on", "how_met", "circle", "cadence_days", "notes",
          "archived")
LISTS = frozenset({"emails", "phones", "links", "tags"})

Fields = dict[str, Any]


_EMPTY: Fields = {k: [] if k in LISTS else "" if k == "notes" else False if k == "archived"
                  else None for k in SYNCED}


def fields_of(c: Contact) -> Fields:
    doc = c.to_doc()
    return {k: doc[k] for k in SYNCED}


def compact(fields: Fields) -> Fields:
    """Only the fields that hold something (the sync state stays small)."""
    return {k: v for k, v in fields.items() if v != _EMPTY.get(k)}


def expand(stored: Fields) -> Fields:
    return {k: stored.get(k, _EMPTY[k]) for k in SYNCED}


@dataclass
class CardRead:
    """One vdir file read: its person as a Contact (no id of its own yet), or why not."""

    contact: Contact | None
    uid: str | None
    problem: str = ""
    warnings: list[str] = field(default_factory=list)


def read_card(raw: bytes, name: str, circles: Iterable[str]) -> CardRead:
    parsed = parse_vcards(raw, name)
    if len(parsed.drafts) != 1:
        why = parsed.problems[0].reason if parsed.problems else "no card in the file"
        if len(parsed.drafts) > 1:
            why = f"{len(parsed.drafts)} cards in one file"
        return CardRead(None, None, why)
    draft: Draft = parsed.drafts[0]
    try:
        contact = validate_draft(draft, circles)
    except ValueError as exc:
        return CardRead(None, None, str(exc).splitlines()[0][:120])
    uid = draft.fields.get("uid")
    return CardRead(contact, uid if isinstance(uid, str) else None, warnings=draft.warnings)


def _blank(value: Any) -> bool:
    return value in (None, "", [], False)


@dataclass
class Merged:
    fields: Fields
    conflicts: list[tuple[str, Any]]  # (field, the card's value netui did not take)


def merge(base: Fields | None, ours: Fields, theirs: Fields) -> Merged:
    """Field by field: a side that did not change a field takes the other's value (a list
    is replaced, never unioned); both changed it differently: netui's value stays and the
    card's is returned as a conflict. With no base (first sync of a person), a field one
    side leaves empty takes the other's value."""
    out: Fields = {}
    conflicts: list[tuple[str, Any]] = []
    for key in SYNCED:
        mine, other = ours.get(key), theirs.get(key)
        if mine == other:
            out[key] = mine
            continue
        was = base.get(key) if base is not None else None
        if base is not None and mine == was:
            out[key] = other
        elif base is not None and other == was:
            out[key] = mine
        elif base is None and _blank(mine):
            out[key] = other
        elif base is None and _blank(other):
            out[key] = mine
        else:
            out[key] = mine
            conflicts.append((key, other))
    return Merged(out, conflicts)


def conflict_note(name: str, conflicts: list[tuple[str, Any]], today: str) -> str:
    """The card's losing values, kept in the person's notes so nothing is lost."""
    def show(value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "(none)"
        return "(none)" if _blank(value) else str(value)

    lines = [f"[sync conflict {today}] the card in the vdir also had:"]
    lines += [f"- {key}: {show(value)}" for key, value in conflicts]
    return "\n".join(lines)
