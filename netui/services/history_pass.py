"""One pass over every record of a collection, building the indexes of it that history
needs: the store keeps documents packed, so each pass parses every one of them again
(100k notes: ~150 ms), and one pass may as well build everything it can.

An owner index holds each owner's record ids as a tuple, not a dict used as an ordered
set: ~48 bytes and 8 a record instead of 184 to 464 for a few to twenty (50k contacts,
500k notes and 100k favours: ~30 MB less all session). A write replaces the owner's
tuple (`owned_add`, `owned_drop`): a few ids copied, where a pass reads them all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..domain import registry
from .note_index import NoteIndex
from .results import YEARS

Owned = dict[str, tuple[str, ...]]  # contact id -> record ids (ordered, each once)
Items = Iterable[tuple[str, dict[str, Any]]]


def index_interactions(items: Items, notes: NoteIndex | None) -> tuple[Owned, dict[str, date]]:
    """(interaction ids by contact, last touch by contact) from (id, document) pairs in
    the store's order; each note added to `notes` too when given.

    One loop, the note index's appends bound once and its haystack inlined: ~13% fewer
    instructions a note than a method call and note_hay each (tests/test_history_fast.py
    holds it to the straight build)."""
    inter_of: defaultdict[str, list[str]] = defaultdict(list)
    latest: dict[str, str] = {}
    lo, hi = YEARS
    add = notes.adder() if notes is not None else None
    renamed = False  # a record whose id is not its key: two may then share an id
    for rid, doc in items:
        get = doc.get
        did = get("id")
        if did == rid or not isinstance(did, str):  # as same_id
            iid = rid
        else:
            iid, renamed = did, True
        day = get("date", "")
        # A date another program wrote as a number is no touch (and no crash).
        touching = get("kind") != "note" and type(day) is str
        if add is not None:
            add(iid, doc, day)
        for cid in get("contact_ids", ()):
            ids = inter_of[cid]
            if not ids or ids[-1] != iid:  # a contact named twice in one record: once
                ids.append(iid)
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
    return _tuples(inter_of, renamed), touch


def owner_index(items: Items, owner: registry.OwnerField) -> Owned:
    """Owner id -> ids of the records naming them in `owner` (OwnerField.ids and same_id
    inlined: two calls a record fewer)."""
    index: defaultdict[str, list[str]] = defaultdict(list)
    name, many = owner.name, owner.many
    renamed = False
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
        if did == rid or not isinstance(did, str):
            iid = rid
        else:
            iid, renamed = did, True
        for cid in cids:
            ids = index[cid]
            if not ids or ids[-1] != iid:
                ids.append(iid)
    return _tuples(index, renamed)


def _tuples(index: Mapping[str, list[str]], renamed: bool) -> Owned:
    """The lists of a pass as an owner index. Within one record a contact's repeats are
    consecutive and skipped as they come; only records whose ids are not their keys
    can repeat an id further apart (another program's doing): then each list is
    deduplicated, keeping first places, as a dict used as an ordered set would."""
    if renamed:
        return {cid: tuple(dict.fromkeys(ids)) for cid, ids in index.items()}
    return {cid: tuple(ids) for cid, ids in index.items()}


def owned_of(index: Mapping[str, Iterable[str]]) -> Owned:
    """An owner index of any mapping of owner -> record ids (each id once, in order)."""
    return {cid: tuple(dict.fromkeys(ids)) for cid, ids in index.items()}


def owned_add(index: Owned, owner: str, rid: str) -> None:
    """`rid` among `owner`'s record ids (last, if not there already)."""
    ids = index.get(owner, ())
    if rid not in ids:
        index[owner] = (*ids, rid)


def owned_drop(index: Owned, owner: str, rid: str) -> None:
    """`rid` no longer among `owner`'s record ids; an owner left with none is dropped,
    as a build from the store would leave them out."""
    ids = index.get(owner)
    if ids is not None and rid in ids:
        kept = tuple(i for i in ids if i != rid)
        if kept:
            index[owner] = kept
        else:
            del index[owner]


def same_id(key: str, doc: dict[str, Any]) -> str:
    """A record's id as the store keys it (one string shared by every index), or as its
    document says when another program made the two differ."""
    rid = doc.get("id")
    return key if rid == key or not isinstance(rid, str) else rid
