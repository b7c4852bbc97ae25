"""Record ids from a file: any id that is not a safe token gets a new one, and every
reference to it follows, so a JSON import can never bring in an id that names a path."""

from __future__ import annotations

from typing import Any

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
    people = renamed["contacts"]
    for collection in PEOPLE_DATA:
        items = data.get(collection)
        if not isinstance(items, list):
            continue
        mine = renamed[collection]
        fixed = []
        for item in items:
            if isinstance(item, dict):
                item = dict(item)
                if isinstance(item.get("id"), str) and item["id"] in mine:
                    item["id"] = mine[item["id"]]
                if isinstance(item.get("contact_id"), str):
                    item["contact_id"] = people.get(item["contact_id"], item["contact_id"])
                if isinstance(item.get("contact_ids"), list):
                    item["contact_ids"] = [people.get(x, x) if isinstance(x, str) else x
                                           for x in item["contact_ids"]]
            fixed.append(item)
        out[collection] = fixed
    return out, sum(len(m) for m in renamed.values())
