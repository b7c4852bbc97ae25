"""The values of a model the app keeps all session, in a dict that shares its keys.

A pydantic model's values are its `__dict__`, a dict of its own with a hash table of its
own: 832 bytes for a contact's 25 fields, more than half of what a kept contact costs.
CPython lays out the attribute dicts of one class's instances as *split* dicts: one
table of keys shared by all of them, each holding only its values (~300 bytes for 25).
A kept model gets such a dict: a copy of a template dict made as the attributes of an
instance of a class of its own, then its values put in (a copy of a split dict is
split, and putting a key it has already keeps it so). It is a dict all the same, equal
and in the same order; a write that adds a key makes it an ordinary one again (pydantic
gives a model a new dict when a field is assigned anyway). At 50k contacts: ~25 MB."""

from __future__ import annotations

import sys
from typing import Any

# Model class -> (its fields in `__dict__` order, the template), or None where a split
# dict is no smaller (another interpreter, or too many keys to share).
_TEMPLATES: dict[type, tuple[list[str], dict[str, Any]] | None] = {}


def compact_values(model: Any) -> None:
    """Give `model` its values in a split dict, if its keys are those its class's first
    model had, in that order (else it keeps its own dict)."""
    values = model.__dict__
    cls = type(model)
    if cls in _TEMPLATES:
        known = _TEMPLATES[cls]
    else:
        known = _TEMPLATES[cls] = _template(cls, list(values))
    if known is None or list(values) != known[0]:
        return
    shared = known[1].copy()
    shared.update(values)
    object.__setattr__(model, "__dict__", shared)


def _template(cls: type, keys: list[str]) -> tuple[list[str], dict[str, Any]] | None:
    if not all(type(k) is str and k.isidentifier() for k in keys):
        return None
    holder = type(f"{cls.__name__}Values", (), {"__module__": __name__})()
    for key in keys:
        setattr(holder, key, None)
    template: dict[str, Any] = holder.__dict__
    plain = dict.fromkeys(keys)
    if sys.getsizeof(template.copy()) >= sys.getsizeof(plain):
        return None
    return keys, template
