"""A contact model the app keeps all session, made to share what it can.

The app holds every contact's model (10k contacts: ~19 MB, ~1.9 kB each). A model's
values are its own copies, but many are equal across contacts or within one: the circle,
company, title, location and how-met text repeat across a network, the id is the store's
own key, and a contact never edited was updated when it was created. Sharing one object
for each (strings interned, the two times one object) saves ~0.4 kB a contact; the
values are immutable, so nothing can tell."""

from __future__ import annotations

import sys

from ..domain.models import Contact

# Free text fields whose values repeat across contacts (interned: one string each).
_REPEATED = ("circle", "company", "title", "location", "how_met")


def keep_contact(contact: Contact, rid: str | None = None) -> Contact:
    """`contact` sharing its repeated values (`rid`: the store's key for its id)."""
    values = contact.__dict__
    if rid is not None and values["id"] == rid:
        values["id"] = rid
    for name in _REPEATED:
        value = values[name]
        if type(value) is str:
            values[name] = sys.intern(value)
    made, updated = values["created_at"], values["updated_at"]
    if updated == made and updated.utcoffset() == made.utcoffset():
        values["updated_at"] = made
    return contact
