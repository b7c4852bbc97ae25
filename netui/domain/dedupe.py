"""Finding people who are in the network twice, and merging two records of one person.

Pure functions over contacts: the services apply a merge (and re-point the history) in
one undoable transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .matching import email_key
from .models import Contact
from .names import fold, query_key
from .phones import last_digits, phone_key
from .similar_texts import similar_pairs

NAME_CUTOFF = 90  # token_sort_ratio: "Anna Smith" / "Smith, Anna" = 100, "Jon"/"John" Doe = 95


@dataclass(slots=True)
class Pair:
    """Two contacts that are likely one person, and why."""

    a: Contact
    b: Contact
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def candidates(contacts: Sequence[Contact], region: str | None = None) -> list[Pair]:
    """Pairs sharing an email or phone (the same number in E.164, numbers without a
    country code read in `region`), or with names that fold to nearly the same text.
    Strongest first (shared address, then name similarity)."""
    pairs: dict[tuple[str, str], Pair] = {}
    by_id = {c.id: c for c in contacts}

    def note(a: str, b: str, reason: str, score: int) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        pair = pairs.setdefault(key, Pair(by_id[key[0]], by_id[key[1]]))
        if reason not in pair.reasons:
            pair.reasons.append(reason)
        pair.score = max(pair.score, score)

    shared: dict[str, list[str]] = defaultdict(list)
    for c in contacts:
        for e in {email_key(e) for e in c.emails}:
            shared[f"email {e}"].append(c.id)
        for p in {k for k in (phone_key(x, region) for x in c.phones) if k}:
            shared[f"phone {last_digits(p)}|{p}"].append(c.id)
    for key, ids in shared.items():
        reason = key.split("|")[0]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                note(a, b, f"same {reason}", 200)
    _similar_names(contacts, note)
    return sorted(pairs.values(), key=lambda p: (-p.score, fold(p.a.name), fold(p.b.name)))


def _similar_names(contacts: Sequence[Contact], note: Any) -> None:
    # token_sort_ratio is ratio over the sorted words: sorting once here, not per pair.
    # similar_pairs finds what an all-pairs cdist would, in the same order, without
    # scoring every pair (13 s at 50k people).
    names = [" ".join(sorted(query_key(c.name).split())) for c in contacts]
    for gi, gj, score in similar_pairs(names, NAME_CUTOFF):
        what = "same name" if score == 100 else f"similar names ({score}%)"
        note(contacts[gi].id, contacts[gj].id, what, score)


SCALARS = ("nickname", "company", "title", "location", "birthday", "how_met", "circle",
           "cadence_days", "uid")
LISTS = ("emails", "phones", "tags", "links")


def merge_fields(keep: Contact, other: Contact) -> dict[str, Any]:
    """One record of two, losing nothing: lists unioned; for single values `keep`'s wins
    and a different value of `other` is written into the notes; the earlier meeting
    date and creation time; both notes."""
    a, b = keep.to_doc(), other.to_doc()
    out = dict(a)
    kept_aside: list[str] = []
    if fold(a["name"]) != fold(b["name"]):
        kept_aside.append(f"name: {b['name']}")
    for key in LISTS:
        out[key] = list(dict.fromkeys([*a[key], *b[key]]))
    for key in SCALARS:
        if a[key] in (None, ""):
            out[key] = b[key]
        elif b[key] not in (None, "") and b[key] != a[key]:
            kept_aside.append(f"{key.replace('_', ' ')}: {b[key]}")
    if a["met_on"] and b["met_on"]:
        out["met_on"] = min(a["met_on"], b["met_on"])
    else:
        out["met_on"] = a["met_on"] or b["met_on"]
    out["created_at"] = min(a["created_at"], b["created_at"])
    out["archived"] = a["archived"] and b["archived"]
    notes = [n for n in (a["notes"], b["notes"]) if n]
    if len(notes) == 2 and notes[1] in notes[0]:
        notes.pop()
    if kept_aside:
        notes.append(f"Merged from {b['name']}: " + "; ".join(kept_aside))
    out["notes"] = "\n\n".join(notes)
    return out
