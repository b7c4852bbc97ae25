"""What every importer produces: contact drafts with where they came from, and the
problems found on the way. Also the shared decoding of bytes and of birthdays."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..domain.models import Birthday

# Apple Contacts writes 1604 for "no year"; some Outlook and Android exports use 1900 or 0000.
NO_YEAR = {0, 1604}


@dataclass(slots=True)
class Draft:
    """One person read from a file: Contact fields (not yet validated), where they came
    from ("contacts.vcf card 3"), and notes about values that were dropped."""

    fields: dict[str, Any]
    where: str
    warnings: list[str] = field(default_factory=list)
    key: str = ""  # the source's own id for the person, for the records that name them


@dataclass(slots=True)
class Linked:
    """A record about people in the same file (a Monica call, a friends.md activity):
    `people` are Draft keys, resolved to contact ids once the people are matched. The
    id is derived from the source's own, so importing the file again finds it."""

    collection: str  # interactions, favours or checkins
    id: str
    fields: dict[str, Any]
    people: list[str]
    where: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be imported, with the place and the reason."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(slots=True)
class Parsed:
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: list[Linked] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # how the file was read (encoding…)

    def extend(self, other: Parsed) -> None:
        self.drafts += other.drafts
        self.problems += other.problems
        self.records += other.records
        self.notes += other.notes


def stable_id(*parts: str) -> str:
    """A record id derived from the source's identity (12 hex, like netui's own ids)."""
    import hashlib

    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


def decode(raw: bytes) -> tuple[str, bool]:
    """Text of a contacts file and whether it was valid UTF-8 (or had a BOM).
    Files that are not UTF-8 are old Windows exports: read as Latin-1, which never
    fails and keeps the bytes, so a card's own CHARSET can re-decode its values."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace"), True
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def recode(value: str, charset: str | None) -> str:
    """A Latin-1-read value decoded with the charset its card declares (cp1252 by default)."""
    try:
        return value.encode("latin-1").decode(charset or "cp1252", errors="replace")
    except (LookupError, UnicodeEncodeError):
        return value


_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def slashed_order(values: list[str]) -> str | None:
    """Whether a file's slashed dates are day first ("dmy") or month first ("mdy"), from
    values that decide it (25/12/1980 can only be day first); None when none does."""
    days_first = months_first = False
    for v in values:
        if m := _SLASHED.match(v.strip()):
            a, b = int(m[1]), int(m[2])
            days_first |= a > 12 >= b
            months_first |= b > 12 >= a
    if days_first != months_first:
        return "dmy" if days_first else "mdy"
    return None


def parse_birthday(text: str, order: str = "mdy") -> Birthday | None:
    """A birthday in the spellings exporters use, or None when the text is not one:
    1990-04-15, 19900415, --04-15, --0415, 1604-04-15 (Apple: no year), 4/15/1990
    (slashed: month first, or day first with `order="dmy"`), 15.04.1990, and timestamps
    like 1990-04-15T00:00:00Z."""
    text = text.strip()
    if "T" in text[8:]:
        text = text[: text.index("T", 8)]
    try:
        if m := _NO_YEAR.match(text):
            return Birthday(int(m[1]), int(m[2]))
        if m := _ISO.match(text):
            year = int(m[1])
            return Birthday(int(m[2]), int(m[3]), None if year in NO_YEAR else year)
        if m := _SLASHED.match(text):
            year = int(m[3]) + (1900 if len(m[3]) == 2 else 0)
            month, day = (int(m[2]), int(m[1])) if order == "dmy" else (int(m[1]), int(m[2]))
            return Birthday(month, day, None if year in NO_YEAR or year == 1900 else year)
        if m := _DOTTED.match(text):
            year = int(m[3])
            return Birthday(int(m[2]), int(m[1]), None if year in NO_YEAR else year)
    except ValueError:
        return None
    return None


_DAY_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%y",
                "%d.%m.%Y", "%b %d, %Y")


def parse_day(text: str) -> date | None:
    """A calendar day in the formats contact exports use, or None."""
    text = text.strip()
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean_tag(text: str) -> str:
    """A label as a tag: no group markers, words joined by '-' so `#tag` search finds it."""
    return "-".join(text.strip().lstrip("*#").split()).lower()


STARRED = "starred"  # a star (Google, Monica): who matters to the user, as a tag
# Google's built-in groups by their squashed names: "My Contacts" holds every contact (not
# a tag); "Starred in Android" is the older exports' name for the star.
_BUILT_IN = {"mycontacts": None, "starredinandroid": STARRED}


def tags_from(labels: list[str]) -> list[str]:
    """Tags from contact-group labels: Google's built-in "My Contacts" group left out, its
    star (either name) the tag `starred`."""
    tags = (clean_tag(label) for label in labels)
    out = (_BUILT_IN.get(t.replace("-", ""), t) for t in tags if t)
    return list(dict.fromkeys(t for t in out if t))


def is_email(text: str) -> bool:
    return "@" in text and " " not in text.strip()
