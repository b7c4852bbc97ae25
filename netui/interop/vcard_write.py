"""vCard 4.0 out: one contact as a card (CRLF, folded; netui's own facts in X-NETUI-*)
and the file name a vdir gives it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

from ..domain.models import Contact, safe_id
from .vcard_names import n_line
from .vcard_syntax import escape, fold_line

PRODID = "-//netui//netui vCard export//EN"  # also marks the vdir files netui may replace


def to_vcard(c: Contact, extras: Sequence[str] = ()) -> str:
    """One contact as a vCard 4.0 (CRLF, folded); circle and cadence in X-NETUI-*;
    `extras`: more lines, escaped (roles, links: see vcard_links)."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}", f"UID:{escape(c.uid or c.id)}",
             f"FN:{escape(c.name)}", n_line(c)]
    if c.nickname:
        lines.append(f"NICKNAME:{escape(c.nickname)}")
    lines += [f"EMAIL:{escape(e)}" for e in c.emails]
    lines += [f"TEL:{escape(p)}" for p in c.phones]
    if c.company:
        lines.append(f"ORG:{escape(c.company, True)}")
    if c.title:
        lines.append(f"TITLE:{escape(c.title)}")
    if c.location:
        lines.append(f"ADR:;;;{escape(c.location, True)};;;")
    lines += [f"URL:{escape(u)}" for u in c.links]
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
    if c.birthday:
        b = c.birthday
        year = "--" if b.year is None else f"{b.year:04d}"
        lines.append(f"BDAY:{year}{b.month:02d}{b.day:02d}")
    if c.notes:
        lines.append(f"NOTE:{escape(c.notes)}")
    extra = {"X-NETUI-CIRCLE": c.circle, "X-NETUI-CADENCE": c.cadence_days,
             "X-NETUI-MET-ON": c.met_on, "X-NETUI-HOW-MET": c.how_met}
    lines += [f"{k}:{escape(str(v))}" for k, v in extra.items() if v]
    if c.archived:  # kept, not dropped: a sync must not delete the card on the server
        lines.append("X-NETUI-ARCHIVED:TRUE")
    if c.roles:
        lines.append("X-NETUI-ROLE:" + ",".join(escape(r) for r in c.roles))
    lines += extras
    lines.append(f"REV:{c.updated_at.strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    # fold_line only where a line may need folding: most lines of most cards are short ASCII
    # (an export of 50k cards makes a million lines).
    return "\r\n".join([line if len(line) <= 75 and line.isascii() else fold_line(line)
                         for line in lines]) + "\r\n"


def dump_vcards(contacts: list[Contact],
                extras: Callable[[Contact], Sequence[str]] | None = None) -> str:
    return "".join(to_vcard(c, extras(c) if extras else ()) for c in contacts)


# vdirsyncer names a file by its UID only when the UID is made of these (SAFE_UID_CHARS
# in its utils.py); any other UID's file keeps the name it has.
_SAFE_UID = re.compile(r"^[A-Za-z0-9_.+-]{1,200}$")


def safe_uid(uid: str) -> bool:
    return bool(_SAFE_UID.match(uid)) and uid not in (".", "..")


def vdir_filename(c: Contact) -> str:
    """A new file's name: the UID when vdirsyncer would name it so, else the netui id."""
    uid = c.uid or c.id
    if safe_uid(uid):
        return f"{uid}.vcf"
    if safe_id(c.id):
        return f"{c.id}.vcf"
    # Never reached for records netui validated (ids are safe tokens); kept so that no
    # id can name a path outside the folder.
    return f"{hashlib.sha256(c.id.encode()).hexdigest()[:16]}.vcf"
