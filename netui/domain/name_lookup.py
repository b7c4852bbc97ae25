"""Resolving @names without folding everyone's: a quick-add `Directory` that asks, for each
name typed, only the people whose names may contain its first word.

Every tier of `names.best_tier` (an exact full name or nickname, a first name or surname,
a prefix of the name or of one of its words) and every multi-word name a phrase may
start (`Directory.has_phrase`) needs the query's first folded word inside the person's
folded name or nickname; so the people a `search` returns for that word, given they
include everyone whose name or nickname holds it, answer exactly as the whole directory
would (tests/test_shell_index.py compares them). Close spellings, for a name nobody has,
need everyone: that error path builds the whole directory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .names import Named, fold, query_key
from .quickadd import Directory


class Lookup(Directory):
    def __init__(self, search: Callable[[str], Iterable[Named]],
                 everyone: Callable[[], Iterable[Named]]) -> None:
        super().__init__(())
        self._search, self._everyone = search, everyone
        self._near: dict[str, Directory] = {}
        self._all: Directory | None = None

    def _for(self, folded: str) -> Directory:
        """The directory of the people whose names may hold `folded`'s first word."""
        word = folded.split()[0]
        found = self._near.get(word)
        if found is None:
            found = self._near[word] = Directory(self._search(word))
        return found

    def _whole(self) -> Directory:
        if self._all is None:
            self._all = Directory(self._everyone())
        return self._all

    def match(self, query: str) -> list[Any]:
        q = query_key(query)
        return self._for(q).match(query) if q else []

    def has_phrase(self, words: Sequence[str]) -> bool:
        phrase = " ".join(fold(w) for w in words)
        return bool(phrase.split()) and self._for(phrase).has_phrase(words)

    def nearest(self, query: str, limit: int = 3) -> list[Any]:
        return self._whole().nearest(query, limit)

    def complete(self, prefix: str, limit: int = 8) -> list[Any]:
        return self._whole().complete(prefix, limit)
