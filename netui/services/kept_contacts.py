"""A contact model the app keeps all session, made to share what it can.

The app holds every contact's model (10k contacts: ~19 MB, ~1.9 kB each). A model's
values are its own copies, but many are equal across contacts or within one: the circle,
company, title, location and how-met text repeat across a network, the id is the store's
own key, and a contact never edited was updated when it was created. Sharing one object
for each (strings interned, the two times one object) saves ~0.4 kB a contact; the
values are immutable, so nothing can tell.

The same goes for what the contact's list row (domain.rows) holds already: the app reads
every row before any model, and a model made after shares the row's name, nickname and
email strings when they are equal; tags and roles repeat across a network (interned,
in the model's own lists), and so do the days people met (one date object each): at 50k
contacts ~15 MB less."""

from __future__ import annotations

import sys
from datetime import date

from ..domain.models import Contact
from ..domain.rows import ContactRow

# Free text fields whose values repeat across contacts (interned: one string each).
_REPEATED = ("circle", "company", "title", "location", "how_met")
# Lists of words that repeat across contacts (each word interned, in the model's list).
_WORDS = ("tags", "roles")
# One date object per day people met (a few thousand days for a whole network).
_DAYS: dict[date, date] = {}


def keep_contact(contact: Contact, rid: str | None = None,
                 row: ContactRow | None = None) -> Contact:
    """`contact` sharing its repeated values (`rid`: the store's key for its id; `row`:
    its list row, whose strings it shares where equal)."""
    values = contact.__dict__
    if rid is not None and values["id"] == rid:
        values["id"] = rid
    for name in _REPEATED:
        value = values[name]
        if type(value) is str:
            values[name] = sys.intern(value)
    for name in _WORDS:
        words = values[name]
        if words and all(type(w) is str for w in words):
            words[:] = map(sys.intern, words)
    if row is not None:
        if values["name"] == row.name:
            values["name"] = row.name
        if row.nickname is not None and values["nickname"] == row.nickname:
            values["nickname"] = row.nickname
        emails = values["emails"]
        if emails and emails == list(row.emails):
            emails[:] = row.emails
    met = values["met_on"]
    if type(met) is date:
        values["met_on"] = _DAYS.setdefault(met, met)
    made, updated = values["created_at"], values["updated_at"]
    if updated == made and updated.utcoffset() == made.utcoffset():
        values["updated_at"] = made
    return contact
