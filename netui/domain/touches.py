"""Every exchange is a touch: a favour given, received or asked with someone (or an
introduction of them) means being in touch with them on its date.

Last touches from favours are read straight from the stored documents, like the ledger
marks (facts.marks_of): 20k favours in a few ms. A document whose fields do not have the
stored shape is read through its model, and counts for nobody when the model rejects it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .kinds import STORED

if TYPE_CHECKING:
    from .models import Favour

_MAX_ID = 64


def _ok_id(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= _MAX_ID and bool(value.strip())


def people_of(favour: Favour) -> tuple[str, ...]:
    """Who a favour is a touch with: its contact, and the other person of an intro."""
    if favour.introduced_id and favour.introduced_id != favour.contact_id:
        return favour.contact_id, favour.introduced_id
    return (favour.contact_id,)


def read_favour(doc: dict[str, Any]) -> tuple[date, tuple[str, ...]] | None:
    """(date, people) of one stored favour; None when no model accepts it."""
    get = doc.get
    day, cid, intro = get("date"), get("contact_id"), get("introduced_id")
    size, text = get("size", 1), get("text", "")
    if (type(day) is str and len(day) == 10 and day[4] == "-" == day[7] and _ok_id(cid)
            and _ok_id(get("id")) and (intro is None or _ok_id(intro))
            and get("direction") in ("gave", "received", "asked")
            and get("status", "done") in ("done", "open", "declined")
            and type(size) is int and 1 <= size <= 3 and type(text) is str
            and len(text) <= 10_000):
        try:
            on = date.fromisoformat(day)
        except ValueError:
            return None
        return on, ((str(cid), str(intro)) if intro and intro != cid else (str(cid),))
    from pydantic import ValidationError  # a document not of the stored shape

    from .models import Favour

    try:
        f = Favour.model_validate(doc, context=STORED)
    except ValidationError:
        return None
    # Indexed by the ids as stored, as the services index favours (and marks_of reads them).
    cid_s = str(cid) if cid is not None else ""  # as stored: the model accepted it
    if f.introduced_id and intro != cid:
        return f.date, (cid_s, str(intro))
    return f.date, (cid_s,)


def favour_touches(favours: Iterable[dict[str, Any]]) -> dict[str, date]:
    """The latest favour date with each person (by the ids the documents hold).

    read_favour's checks inlined for a plain favour of the stored shape (20k favours: ~25%
    less time than a call, two _ok_id calls and a tuple each); any other is read by it."""
    latest: dict[str, date] = {}
    fromiso, never = date.fromisoformat, date.min
    for doc in favours:
        get = doc.get
        day, cid, intro, rid = get("date"), get("contact_id"), get("introduced_id"), get("id")
        size, text = get("size", 1), get("text", "")
        if (type(day) is str and len(day) == 10 and day[4] == "-" == day[7]
                and type(cid) is str and 0 < len(cid) <= _MAX_ID and cid.strip()
                and type(rid) is str and 0 < len(rid) <= _MAX_ID and rid.strip()
                and intro is None and get("direction") in ("gave", "received", "asked")
                and get("status", "done") in ("done", "open", "declined")
                and type(size) is int and 1 <= size <= 3 and type(text) is str
                and len(text) <= 10_000):
            try:
                on = fromiso(day)
            except ValueError:
                continue
            if on > latest.get(cid, never):
                latest[cid] = on
            continue
        read = read_favour(doc)  # an intro, or not the stored shape
        if read is None:
            continue
        on, people = read
        for who in people:
            if on > latest.get(who, never):
                latest[who] = on
    return latest


def intro_index(favours: Iterable[dict[str, Any]]) -> dict[str, dict[str, None]]:
    """introduced_id -> the ids of the favours naming them as the other person."""
    index: dict[str, dict[str, None]] = {}
    for doc in favours:
        intro = doc.get("introduced_id")
        if isinstance(intro, str) and _ok_id(intro) and intro != doc.get("contact_id"):
            index.setdefault(intro, {})[str(doc.get("id", ""))] = None
    return index


def merged(notes: Mapping[str, date], favours: Mapping[str, date]) -> dict[str, date]:
    """The later of the two last touches, per person."""
    out = dict(notes)
    for cid, day in favours.items():
        if day > out.get(cid, date.min):
            out[cid] = day
    return out
