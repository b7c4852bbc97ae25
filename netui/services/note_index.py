"""What note search looks in: every note's haystack (folded text and tags), date and id,
held in three parallel lists rather than a dict of tuples (at 100k notes ~24 bytes a
note instead of ~100, beside the haystacks themselves). No documents: a hit is read
back from the store, which keeps them packed."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import Any

from ..domain.names import fold
from .results import note_hay

Doc = dict[str, Any]


class NoteIndex:
    __slots__ = ("_interned", "days", "hays", "ids")

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]] = ()) -> None:
        """From (id, document) pairs, in the store's order (ties keep it, newest first)."""
        self.hays: list[str] = []
        self.days: list[str] = []
        self.ids: list[str] = []
        self._interned: dict[str, str] = {}  # a date is one string however many share it
        add = self.adder()
        for rid, doc in items:
            add(rid, doc, doc.get("date", ""))

    @classmethod
    def of_store(cls, items: Iterable[tuple[str, Doc]]) -> NoteIndex:
        """From the store's (key, document) pairs, each note by its id as the history
        pass indexes it (history_pass.same_id): `adder` and `same_id` inlined in one
        loop, no call a note (100k notes: ~10% fewer instructions than a call of `add`
        each, most of what is left being the parse of each packed note).
        tests/test_history_fast.py holds it to the straight build."""
        index = cls()
        hays, days, ids = index.hays.append, index.days.append, index.ids.append
        intern = index._interned.setdefault
        for key, doc in items:
            get = doc.get
            rid = get("id")
            text, tags, day = get("text", ""), get("tags", ()), get("date", "")
            if type(text) is not str:
                hays(note_hay(doc))
            elif not tags:
                hays(text.lower() if text.isascii() else fold(text))
            else:
                whole = text + " " + " ".join(tags)
                hays(whole.lower() if whole.isascii() else fold(whole))
            days(intern(day, day) if type(day) is str else "")
            ids(key if rid == key or type(rid) is not str else rid)
        return index

    def add(self, rid: str, doc: Doc) -> None:
        """One more note, last (while building: `put` for a note written)."""
        self.adder()(rid, doc, doc.get("date", ""))

    def adder(self) -> Callable[[str, Doc, Any], None]:
        """`add` for a pass over every note, given the note's stored date too: the lists'
        appends bound once and `note_hay` inlined for plain ASCII text (100k notes: three
        calls and six lookups a note were ~40 ms). test_note_index holds it to note_hay."""
        hays, days, ids = self.hays.append, self.days.append, self.ids.append
        intern = self._interned.setdefault

        def add(rid: str, doc: Doc, day: Any) -> None:
            get = doc.get
            text, tags = get("text", ""), get("tags", ())
            if type(text) is not str:
                hays(note_hay(doc))
            elif not tags:
                # A new string, not the text when it folds to itself: the text goes with
                # the document parsed for this pass either way (tracemalloc: the same MB).
                hays(text.lower() if text.isascii() else fold(text))
            else:
                whole = text + " " + " ".join(tags)
                hays(whole.lower() if whole.isascii() else fold(whole))
            days(intern(day, day) if isinstance(day, str) else "")
            ids(rid)

        return add

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
