"""The values of a model the app keeps all session, in a dict that shares its keys.

A pydantic model's values are its `__dict__`, a dict of its own with a hash table of its
own: 832 bytes for a contact's 25 fields, more than half of what a kept contact costs.
CPython lays out the attribute dicts of one class's instances as *split* dicts: one
table of keys shared by all of them, each holding only its values (~300 bytes for 25).
A kept model gets such a dict: a copy of a template dict made as the attributes of an
instance of a class of its own, then its values put in (a copy of a split dict is
split, and putting a key it has already keeps it so). It is a dict all the same, equal
and in the same order; a write that adds a key makes it an ordinary one again (pydantic
gives a model a new dict when a field is assigned anyway). At 50k contacts: ~25 MB.

An empty list among the values (most contacts have no phone, link or wish listed) is
one shared list that refuses to change (`EMPTY`, 72 bytes a list otherwise: ~10 MB at
50k contacts): nothing changes a kept model's list in place (a field is assigned, and
pydantic makes it a new list), and should something try, it fails loudly instead of
changing every model's."""

from __future__ import annotations

import sys
from types import UnionType
from typing import Any, Union, get_args, get_origin


class _Unchanging(list[Any]):
    """An empty list that stays empty: every method that would change it raises."""

    __slots__ = ()

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("a kept model's list does not change in place: assign the field")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __copy__(self) -> list[Any]:
        return []

    def __deepcopy__(self, _memo: Any) -> list[Any]:
        return []

    def __reduce__(self) -> Any:
        return list, ()


EMPTY: list[Any] = _Unchanging()

# Model class -> (its fields in `__dict__` order, the template), or None where a split
# dict is no smaller (another interpreter, or too many keys to share).
_TEMPLATES: dict[type, tuple[list[str], dict[str, Any], tuple[str, ...]] | None] = {}


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
    for key in known[2]:
        value = shared[key]
        if type(value) is list and not value:
            shared[key] = EMPTY
    object.__setattr__(model, "__dict__", shared)


def _template(cls: type, keys: list[str]) -> tuple[list[str], dict[str, Any],
                                                   tuple[str, ...]] | None:
    if not all(type(k) is str and k.isidentifier() for k in keys):
        return None
    holder = type(f"{cls.__name__}Values", (), {"__module__": __name__})()
    for key in keys:
        setattr(holder, key, None)
    template: dict[str, Any] = holder.__dict__
    plain = dict.fromkeys(keys)
    if sys.getsizeof(template.copy()) >= sys.getsizeof(plain):
        return None
    fields = getattr(cls, "model_fields", {})
    lists = tuple(k for k in keys if k in fields and _may_be_list(fields[k].annotation))
    return keys, template, lists


def _may_be_list(annotation: Any) -> bool:
    """Whether a field's type is a list, or a union with one (`list[str] | None`)."""
    if annotation is list or get_origin(annotation) is list:
        return True
    return get_origin(annotation) in (Union, UnionType) and any(
        _may_be_list(a) for a in get_args(annotation))
