"""Which format a file is in, from its content (names lie: Outlook's .csv may be a
vCard, a download may have no extension)."""

from __future__ import annotations

import csv
import io
import re

from .common import decode
from .csv_io import layout_of

VCARD, CSV, JSON, MONICA, FRIENDS = "vcard", "csv", "json", "monica", "friends"
# friends.md (JacobEvelyn/friends) is Markdown with these section headings.
_FRIENDS_HEADING = re.compile(r"^### (Friends|Activities|Notes|Locations):\s*$", re.MULTILINE)
_MONICA_MARK = re.compile(rb'"account"\s*:\s*\{')


def _is_monica(raw: bytes) -> bool:
    """A Monica 4 export: a JSON object whose "account" holds typed collections."""
    if not _MONICA_MARK.search(raw):
        return False
    import json

    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("account"), dict) and (
        "schema" not in data)


def detect(raw: bytes) -> str | None:
    """"vcard", "csv", "json" (a netui export), "monica" (a Monica 4 JSON export),
    "friends" (a friends.md), or None when it is none of them."""
    text, _ = decode(raw[:65536])
    head = text.lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "["):
        return MONICA if _is_monica(raw) else JSON
    if "BEGIN:VCARD" in head[:4096].upper():
        return VCARD
    if _FRIENDS_HEADING.search(head):
        return FRIENDS
    lines = head.splitlines()[:40]
    for delimiter in (",", ";", "\t"):
        try:
            for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter):
                if layout_of(row):
                    return CSV
        except csv.Error:
            continue
    return None
