"""Record ids from a file: any id that is not a safe token gets a new one, and every
reference to it follows, so a JSON import can never bring in an id that names a path."""

from __future__ import annotations

from typing import Any

from . import registry
from .models import PEOPLE_DATA, new_id, safe_id


def reissue_unsafe_ids(data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """`data` (a full export, not yet validated) with unsafe ids replaced; how many."""
    renamed: dict[str, dict[str, str]] = {c: {} for c in PEOPLE_DATA}
    out = dict(data)
    for collection in PEOPLE_DATA:
        items = data.get(collection)
        if not isinstance(items, list):
            continue
        for item in items:
            rid = item.get("id") if isinstance(item, dict) else None
            if isinstance(rid, str) and not safe_id(rid) and rid not in renamed[collection]:
                renamed[collection][rid] = new_id()
    for collection in PEOPLE_DATA:
        items = data.get(collection)
        if not isinstance(items, list):
            continue
        mine = renamed[collection]
        kind = registry.KINDS.get(collection)
        owners = kind.owners if kind is not None else ()
        fixed = []
        for item in items:
            if isinstance(item, dict):
                item = dict(item)
                if isinstance(item.get("id"), str) and item["id"] in mine:
                    item["id"] = mine[item["id"]]
                for owner in owners:  # every field holding an owner's id (the registry)
                    people = renamed.get(owner.of, {})
                    value = item.get(owner.name)
                    if isinstance(value, str):
                        item[owner.name] = people.get(value, value)
                    elif owner.many and isinstance(value, list):
                        item[owner.name] = [people.get(x, x) if isinstance(x, str) else x
                                            for x in value]
            fixed.append(item)
        out[collection] = fixed
    return out, sum(len(m) for m in renamed.values())
