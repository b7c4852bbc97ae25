"""Phones compared as numbers, not as text: "030 1234567" in Berlin and "+49 30 1234567"
are one number, "+1 212 555 0123" and "+1 312 555 0123" are two. Numbers are read with
Google's libphonenumber rules (the `phonenumbers` package) into E.164 with a default
region for numbers written without a country code. The text the user typed is kept
for display; only the comparison key is E.164."""

from __future__ import annotations

import os
import re
from functools import lru_cache

NON_DIGITS = re.compile(r"\D")
_LOCALE_REGION = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")
MIN_DIGITS = 5  # shorter strings are extensions or noise, not numbers to compare


def default_region(configured: str | None = None) -> str | None:
    """The region for numbers without a country code: the config's `region`, else the
    locale's country (en_GB.UTF-8 -> GB), else None (such numbers compare as digits)."""
    if configured:
        return configured.upper()
    for var in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE", "LANG"):
        if m := _LOCALE_REGION.match(os.environ.get(var, "")):
            return m[1]
    return None


@lru_cache(maxsize=65536)
def phone_key(text: str, region: str | None = None) -> str | None:
    """The number in E.164 ("+493012345670"), or, when it cannot be read as a number of
    a known plan, its digits prefixed with "#" (so two such keys match only when every
    digit is the same, and never an E.164 key). None for text with too few digits."""
    digits = NON_DIGITS.sub("", text)
    if len(digits) < MIN_DIGITS:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "#" + digits
    if not phonenumbers.is_possible_number(number):
        return "#" + digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def last_digits(key: str, n: int = 4) -> str:
    """The end of a number for a report line ("…0123"), without revealing all of it."""
    return "…" + key.lstrip("+#")[-n:]
