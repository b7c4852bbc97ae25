"""The quick-add grammar's vocabulary (domain.quickadd): kind words, favour verbs, the
token patterns, and which words make a date phrase. Words and patterns only."""

from __future__ import annotations

import re

from . import dates
from .kinds import Direction, Kind

KIND_WORDS: dict[str, Kind] = {
    **dict.fromkeys(("call", "called", "phoned", "zoom"), Kind.call),
    **dict.fromkeys(("coffee", "lunch", "dinner", "breakfast", "drinks", "meeting", "met"),
                    Kind.meeting),
    **dict.fromkeys(("email", "emailed", "e-mail"), Kind.email),
    **dict.fromkeys(("message", "messaged", "text", "texted", "dm", "sms", "whatsapp"),
                    Kind.message),
    **dict.fromkeys(("event", "conference", "meetup", "party"), Kind.event),
    "note": Kind.note,
}
VERBS: dict[str, Direction] = {"gave": Direction.gave, "got": Direction.received,
                               "asked": Direction.asked}
MAX_NAME_WORDS = 5

WORD = re.compile(r"[^\W_][\w'’\-]*")
TAG = re.compile(r"#([^\W\d_][\w\-]*)")
FOLLOWUP = re.compile(r"\+(\d{1,4})([dwmy])")
SIZE = re.compile(r"!(\d+)|size:(\d+)|\+\+\+?", re.IGNORECASE)
_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_AGO_AMOUNT = re.compile(r"\d{1,4}(?:d|w|m|mo|y)")
_AGO_UNIT = re.compile(r"(?:d|w|m|mo|y|h|days?|weeks?|months?|years?|hours?)")
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{2}|\d{4}))?")
# Short weekday names alone; "sat" and "sun" are words too, so they need "on" or "last".
_SHORT_WEEKDAYS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"}
TRAILING = ".,;:!?)"
_FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_ONE_WORD_DATES = {"today", "yesterday", "tomorrow"}
# Capitalised words that end a new person's name rather than continue it.
NOT_NAMES = _FULL_WEEKDAYS | _ONE_WORD_DATES | {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def date_phrase(words: list[str]) -> bool:
    """Date phrases quick-add recognises: strict, so ordinary words ("sat", "now") stay text."""
    w = [x.lower() for x in words]
    if len(w) == 1:
        x = w[0]
        return (x in _ONE_WORD_DATES or x in _FULL_WEEKDAYS or x in _SHORT_WEEKDAYS
                or bool(_ISO.fullmatch(x)) or bool(_NUMERIC_DATE.fullmatch(x)))
    if len(w) == 3:
        a, b, c = w
        if c == "ago" and (a.isdigit() or a in ("a", "an")) and _AGO_UNIT.fullmatch(b):
            return True
        return _ORDINAL.fullmatch(a) is not None and b == "of" and c in dates.MONTHS
    a, b = w
    if a in ("last", "next") and b in dates.WEEKDAYS:
        return True
    if b == "ago" and _AGO_AMOUNT.fullmatch(a):
        return True
    if _ORDINAL.fullmatch(a) and b in dates.MONTHS:
        return True
    return bool(_ORDINAL.fullmatch(b)) and a in dates.MONTHS


def size_of(token: str) -> int | None:
    """!2, size:2 or ++ -> 2; None for a size outside 1..3."""
    if token.startswith("+"):
        return len(token)
    digits = token[1:] if token.startswith("!") else token[5:]
    return int(digits) if digits in ("1", "2", "3") else None
