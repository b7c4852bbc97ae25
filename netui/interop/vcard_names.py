"""A vCard's structured name (N: family;given;additional;prefix;suffix) beside netui's
one-line name: guessed from the name when a card came without one, kept as read while it
still describes the name."""

from __future__ import annotations

from ..domain.models import Contact
from .vcard_syntax import escape, unescape

_PREFIXES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "obe", "mbe"}


def split_name(name: str) -> list[str]:
    """A guessed N (family, given, additional, prefix, suffix) for a name that came with
    none: honorifics and generational suffixes set apart, the last word the family."""
    words = name.split()
    prefix = [w for w in words[:1] if w.lower().rstrip(".") in _PREFIXES and len(words) > 2]
    words = words[len(prefix):]
    suffix: list[str] = []
    while len(words) > 2 and words[-1].lower().rstrip(".,") in _SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return ["", " ".join(words), "", " ".join(prefix), " ".join(suffix)]
    return [words[-1], words[0], " ".join(words[1:-1]), " ".join(prefix), " ".join(suffix)]


def n_fits(parts: list[str], name: str) -> bool:
    """A kept N still describes the name, though the name changed (a nickname dropped)."""
    from ..domain.matching import name_words

    have = set(name_words(name))
    words = [w for p in parts for w in name_words(unescape(p).replace(",", " "))]
    return bool(words) and all(w in have for w in words)


def n_line(c: Contact) -> str:
    """N as read while it still fits the name, else guessed from the name."""
    if c.name_parts and (c.name_parts_of == c.name or n_fits(c.name_parts, c.name)):
        return "N:" + ";".join((list(c.name_parts) + [""] * 5)[:5])  # as read, still escaped
    return "N:" + ";".join(escape(p, True) for p in split_name(c.name))
