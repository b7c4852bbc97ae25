"""Who a quick-add line may mention (domain.quickadd): the people with their folded
names, computed once (the TUI re-parses on every key press)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .names import Named, NameKeys, best_tier, fold, query_key


class Directory:
    """The people a line may mention. Matching is `names.best_tier`; close spellings are
    only ever suggestions, never a match."""

    def __init__(self, people: Iterable[Named]) -> None:
        self.entries: list[NameKeys] = []
        self.phrases: set[str] = set()  # multi-word names (and their word prefixes)
        for p in people:
            keys = NameKeys.of(p)
            self.entries.append(keys)
            for known in (keys.full, keys.nick):
                parts = known.split()
                for k in range(2, len(parts) + 1):
                    self.phrases.add(" ".join(parts[:k]))

    def match(self, query: str) -> list[Any]:
        q = query_key(query)
        return best_tier(q, self.entries) if q else []

    def nearest(self, query: str, limit: int = 3) -> list[Any]:
        """Close spellings, best first (suggestions for an unknown name)."""
        q = query_key(query)
        if len(q) < 2 or not self.entries:
            return []
        from rapidfuzz import fuzz, process

        hits = process.extract(q, [e.full for e in self.entries], scorer=fuzz.WRatio,
                               limit=limit, score_cutoff=60)
        return [self.entries[i].person for _, _, i in hits]

    def complete(self, prefix: str, limit: int = 8) -> list[Any]:
        """People to offer while typing `@prefix`: name starts, then word starts, then
        anywhere in the name, then close spellings."""
        q = query_key(prefix)
        if not q:
            return [e.person for e in self.entries[:limit]]
        ranked: list[tuple[int, str, Any]] = []
        for e in self.entries:
            if e.full.startswith(q) or e.nick.startswith(q):
                ranked.append((0, e.full, e.person))
            elif any(w.startswith(q) for w in e.words):
                ranked.append((1, e.full, e.person))
            elif q in e.full:
                ranked.append((2, e.full, e.person))
        ranked.sort(key=lambda r: (r[0], r[1]))
        out = [p for _, _, p in ranked[:limit]]
        if len(out) < limit:
            seen = {id(p) for p in out}
            out += [p for p in self.nearest(q, limit) if id(p) not in seen][: limit - len(out)]
        return out

    def has_phrase(self, words: Sequence[str]) -> bool:
        return " ".join(fold(w) for w in words) in self.phrases
