"""What note search looks in: every note's haystack (folded text and tags), date and id,
held in three parallel lists rather than a dict of tuples (at 100k notes ~24 bytes a
note instead of ~100, beside the haystacks themselves). No documents: a hit is read
back from the store, which keeps them packed."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

from .results import note_hay


class NoteIndex:
    __slots__ = ("_interned", "days", "hays", "ids")

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]] = ()) -> None:
        """From (id, document) pairs, in the store's order (ties keep it, newest first)."""
        self.hays: list[str] = []
        self.days: list[str] = []
        self.ids: list[str] = []
        self._interned: dict[str, str] = {}  # a date is one string however many share it
        for rid, doc in items:
            self.add(rid, doc)

    def add(self, rid: str, doc: dict[str, Any]) -> None:
        """One more note, last (while building: `put` for a note written)."""
        day = doc.get("date", "")
        self.hays.append(note_hay(doc))
        self.days.append(self._interned.setdefault(day, day) if isinstance(day, str) else "")
        self.ids.append(rid)

    def by_day(self) -> Iterable[tuple[str, str]]:
        """(note id, its date as stored) for every note, in the index's order."""
        return zip(self.ids, self.days, strict=True)

    def __len__(self) -> int:
        return len(self.ids)

    def put(self, rid: str, doc: dict[str, Any]) -> None:
        """A note written: replaced where it was (its place kept), or added last."""
        try:
            at = self.ids.index(rid)
        except ValueError:
            self.add(rid, doc)
            return
        day = doc.get("date", "")
        self.hays[at] = note_hay(doc)
        self.days[at] = day if isinstance(day, str) else ""

    def drop(self, rid: str) -> None:
        try:
            at = self.ids.index(rid)
        except ValueError:
            return
        del self.hays[at], self.days[at], self.ids[at]

    def search(self, words: Iterable[str], limit: int) -> list[str]:
        """Ids of the newest `limit` notes holding every folded word, newest first (one
        day's notes in the index's order)."""
        hays = self.hays
        found: list[int] | None = None
        for w in sorted(words, key=len, reverse=True):  # longest word narrows most
            if found is None:
                found = [i for i, hay in enumerate(hays) if w in hay]
            else:
                found = [i for i in found if w in hays[i]]
        if found is None:
            return []
        # The newest `limit` without sorting every hit (a short word matches most notes).
        return [self.ids[i] for i in heapq.nlargest(limit, found, key=self.days.__getitem__)]
