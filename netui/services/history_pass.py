"""One pass over every record of a collection, building the indexes of it that history
needs: the store keeps documents packed, so each pass parses every one of them again
(100k notes: ~150 ms), and one pass may as well build everything it can."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..domain import registry
from .note_index import NoteIndex
from .results import YEARS

Owned = dict[str, dict[str, None]]  # contact id -> record ids (ordered, as a set)
Items = Iterable[tuple[str, dict[str, Any]]]


def index_interactions(items: Items, notes: NoteIndex | None) -> tuple[Owned, dict[str, date]]:
    """(interaction ids by contact, last touch by contact) from (id, document) pairs in
    the store's order; each note added to `notes` too when given.

    One loop, the note index's appends bound once and its haystack inlined: ~13% fewer
    instructions a note than a method call and note_hay each (tests/test_history_fast.py
    holds it to the straight build)."""
    inter_of: Owned = defaultdict(dict)
    latest: dict[str, str] = {}
    lo, hi = YEARS
    add = notes.adder() if notes is not None else None
    for rid, doc in items:
        get = doc.get
        did = get("id")
        iid = rid if did == rid or not isinstance(did, str) else did  # as same_id
        day = get("date", "")
        # A date another program wrote as a number is no touch (and no crash).
        touching = get("kind") != "note" and type(day) is str
        if add is not None:
            add(iid, doc, day)
        for cid in get("contact_ids", ()):
            inter_of[cid][iid] = None
            if touching and day > latest.get(cid, "") and lo <= day[:4] <= hi:  # in_years
                latest[cid] = day
    touch: dict[str, date] = {}
    read: dict[str, date | None] = {}  # many people share a day: each parsed once
    for cid, day in latest.items():
        if day not in read:
            try:
                read[day] = date.fromisoformat(day)
            except ValueError:
                read[day] = None
        if (on := read[day]) is not None:
            touch[cid] = on
    return inter_of, touch


def owner_index(items: Items, owner: registry.OwnerField) -> Owned:
    """Owner id -> ids of the records naming them in `owner` (OwnerField.ids and same_id
    inlined: two calls a record fewer)."""
    index: Owned = defaultdict(dict)
    name, many = owner.name, owner.many
    for rid, doc in items:
        get = doc.get
        value = get(name)
        if many:
            cids = list(value or ())
        elif isinstance(value, str) and value:
            cids = [value]
        else:
            continue
        did = get("id")
        iid = rid if did == rid or not isinstance(did, str) else did
        for cid in cids:
            index[cid][iid] = None
    return index


def same_id(key: str, doc: dict[str, Any]) -> str:
    """A record's id as the store keys it (one string shared by every index), or as its
    document says when another program made the two differ."""
    rid = doc.get("id")
    return key if rid == key or not isinstance(rid, str) else rid
