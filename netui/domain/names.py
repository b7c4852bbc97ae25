"""Finding people by what a user types: accent- and case-insensitive, never a guess."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

# Letters that Unicode does not decompose into a base letter plus an accent.
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss",
                        "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})


def fold(text: str) -> str:
    """Lower-case, without accents: "Tomasz Wiśniewski" -> "tomasz wisniewski"."""
    if text.isascii():  # the common case, 30x faster; ASCII has nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA)


class Named(Protocol):
    id: str
    name: str
    nickname: str | None


T = TypeVar("T", bound=Named)


def name_keys(c: Named) -> tuple[str, list[str]]:
    """The folded full name and the single words someone may be called by."""
    full = fold(c.name)
    words = full.split()
    if c.nickname:
        words.append(fold(c.nickname))
    return full, words


def match_name(query: str, people: Iterable[T]) -> list[T]:
    """Who `query` means, best tier only: the exact full name or nickname, then a first
    name or surname, then a prefix of the full name, then close spellings.
    Several results mean the query is ambiguous; an empty list means unknown."""
    q = " ".join(fold(query).split())
    if not q:
        return []
    exact: list[T] = []
    word: list[T] = []
    prefix: list[T] = []
    pool: list[tuple[str, T]] = []
    for c in people:
        full, words = name_keys(c)
        pool.append((full, c))
        if q == full or (c.nickname and q == fold(c.nickname)):
            exact.append(c)
        elif q in words:
            word.append(c)
        elif full.startswith(q) or (any(w.startswith(q) for w in words) and len(q) >= 3):
            prefix.append(c)
    for tier in (exact, word, prefix):
        if tier:
            return tier
    return _fuzzy(q, pool)


def _fuzzy(q: str, pool: Sequence[tuple[str, T]]) -> list[T]:
    if len(q) < 3:
        return []
    from rapidfuzz import fuzz, process

    hits = process.extract(q, [full for full, _ in pool], scorer=fuzz.WRatio, limit=5,
                           score_cutoff=88)
    if not hits:
        return []
    best = hits[0][1]
    return [pool[i][1] for _, score, i in hits if score >= best - 2]
