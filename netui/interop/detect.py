"""Which format a file is in, from its content (names lie: Outlook's .csv may be a
vCard, a download may have no extension)."""

from __future__ import annotations

import csv
import io

from .common import decode
from .csv_io import layout_of

VCARD, CSV, JSON = "vcard", "csv", "json"


def detect(raw: bytes) -> str | None:
    """"vcard", "csv", "json" (a netui export), or None when it is none of them."""
    text, _ = decode(raw[:65536])
    head = text.lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "["):
        return JSON
    if "BEGIN:VCARD" in head[:4096].upper():
        return VCARD
    lines = head.splitlines()[:40]
    for delimiter in (",", ";", "\t"):
        try:
            for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter):
                if layout_of(row):
                    return CSV
        except csv.Error:
            continue
    return None
