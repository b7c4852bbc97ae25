"""Finding people by what a user types: accent- and case-insensitive, never a guess."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

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


@dataclass(frozen=True, slots=True)
class NameKeys:
    """One person's folded names: computed once, matched against every query."""

    person: Any
    full: str  # the full name, folded, single-spaced
    words: tuple[str, ...]  # each word of it, and the nickname
    nick: str

    @classmethod
    def of(cls, person: Named) -> NameKeys:
        full = query_key(person.name)
        nick = query_key(person.nickname) if person.nickname else ""
        return cls(person, full, (*full.split(), *((nick,) if nick else ())), nick)


def query_key(text: str) -> str:
    """Folded and single-spaced: how names are compared."""
    return " ".join(fold(text).split())


def best_tier(q: str, keys: Iterable[NameKeys]) -> list[Any]:
    """Who the folded query `q` means, best tier only: the exact full name or nickname,
    then a first name or surname, then a prefix of the full name or of a word (3+
    letters). Several results mean ambiguous; none means no exact-enough match."""
    exact: list[Any] = []
    word: list[Any] = []
    prefix: list[Any] = []
    for k in keys:
        if q == k.full or q == k.nick:
            exact.append(k.person)
        elif q in k.words:
            word.append(k.person)
        elif k.full.startswith(q) or (len(q) >= 3 and any(w.startswith(q) for w in k.words)):
            prefix.append(k.person)
    return exact or word or prefix


def match_name(query: str, people: Iterable[T]) -> list[T]:
    """Who `query` means (see best_tier), then close spellings when nobody matches."""
    q = query_key(query)
    if not q:
        return []
    keys = [NameKeys.of(p) for p in people]
    return best_tier(q, keys) or _fuzzy(q, keys)


def _fuzzy(q: str, keys: Sequence[NameKeys]) -> list[Any]:
    if len(q) < 3:
        return []
    from rapidfuzz import fuzz, process

    hits = process.extract(q, [k.full for k in keys], scorer=fuzz.WRatio, limit=5,
                           score_cutoff=88)
    if not hits:
        return []
    best = hits[0][1]
    return [keys[i].person for _, score, i in hits if score >= best - 2]


def match_exact(query: str, people: Iterable[T]) -> tuple[list[T], list[T]]:
    """For commands that change or show one person, which must never guess: (who `query`
    names exactly: the full name or nickname, else a first name or surname; the nearest
    names when nobody does: prefixes and close spellings)."""
    q = query_key(query)
    if not q:
        return [], []
    keys = [NameKeys.of(p) for p in people]
    exact = [k.person for k in keys if q in (k.full, k.nick)]
    if exact:
        return exact, []
    words = [k.person for k in keys if q in k.words]
    if words:
        return words, []
    near = [k.person for k in keys
            if k.full.startswith(q) or (len(q) >= 3 and any(w.startswith(q) for w in k.words))]
    close = [p for p in _fuzzy(q, keys) if p not in near]
    return [], near + close
