"""What note search looks in: every note's haystack (folded text and tags), date and id.
No documents: a hit is read back from the store, which keeps them packed.

Dates and ids are two parallel lists (the ids are the store's own strings). The haystacks
are kept in blocks of BLOCK notes, each block one bytes object, their UTF-8 joined by a
NUL: a string object a note cost ~57 bytes beside its text (its header and the list's
pointer to it), a block costs ~1 a note (500k notes at 50k contacts: ~27 MB less, all
session). UTF-8, not str: one emoji would make a block of str four bytes a character.
A substring of UTF-8 is found exactly where the text holds it (no character's bytes
start inside another's), so a word is looked for in a block's bytes first, and only a
block holding every word is split into its notes. A block whose notes hold a NUL
themselves is kept as the list of their encoded haystacks (never met in practice: the
store scrubs control characters)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from ..domain.names import fold
from .results import note_hay

Doc = dict[str, Any]
Block = bytes | list[bytes]

BLOCK = 64  # notes a block: its bytes ~3 kB, a write re-encodes one
_SEP = "\x00"
_BSEP = b"\x00"


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate (JSON allows it) too


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


class NoteIndex:
    __slots__ = ("_block", "_blocks", "_counts", "_interned", "_tail", "days", "ids")

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]] = (),
                 block: int = BLOCK) -> None:
        """From (id, document) pairs, in the store's order (ties keep it, newest first)."""
        self.days: list[str] = []
        self.ids: list[str] = []
        self._interned: dict[str, str] = {}  # a date is one string however many share it
        self._block = block
        self._blocks: list[Block] = []  # sealed: `block` haystacks each, fewer after drops
        self._counts: list[int] = []  # haystacks in each sealed block
        self._tail: list[str] = []  # the last haystacks, not sealed into a block yet
        add = self.adder()
        for rid, doc in items:
            add(rid, doc, doc.get("date", ""))

    @classmethod
    def of_store(cls, items: Iterable[tuple[str, Doc]], block: int = BLOCK) -> NoteIndex:
        """From the store's (key, document) pairs, each note by its id as the history
        pass indexes it (history_pass.same_id): `adder` and `same_id` inlined in one
        loop, no call a note (100k notes: ~10% fewer instructions than a call of `add`
        each, most of what is left being the parse of each packed note), a block's
        worth at a time. tests/test_history_fast.py holds it to the straight build."""
        index = cls(block=block)
        tail, days, ids = index._tail, index.days.append, index.ids.append
        hays = tail.append
        intern = index._interned.setdefault
        pairs = iter(items)
        while chunk := list(islice(pairs, block - len(tail))):
            for key, doc in chunk:
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
            if len(tail) >= block:
                index._seal()
        return index

    def add(self, rid: str, doc: Doc) -> None:
        """One more note, last (while building: `put` for a note written)."""
        self.adder()(rid, doc, doc.get("date", ""))

    def adder(self) -> Callable[[str, Doc, Any], None]:
        """`add` for a pass over every note, given the note's stored date too: the lists'
        appends bound once and `note_hay` inlined for plain ASCII text (100k notes: three
        calls and six lookups a note were ~40 ms). test_note_index holds it to note_hay."""
        tail, days, ids = self._tail, self.days.append, self.ids.append
        hays, block, seal = tail.append, self._block, self._seal
        intern = self._interned.setdefault

        def add(rid: str, doc: Doc, day: Any) -> None:
            get = doc.get
            text, tags = get("text", ""), get("tags", ())
            if type(text) is not str:
                hays(note_hay(doc))
            elif not tags:
                hays(text.lower() if text.isascii() else fold(text))
            else:
                whole = text + " " + " ".join(tags)
                hays(whole.lower() if whole.isascii() else fold(whole))
            days(intern(day, day) if isinstance(day, str) else "")
            ids(rid)
            if len(tail) >= block:
                seal()

        return add

    def _seal(self) -> None:
        """The tail's haystacks into a block of their own."""
        tail = self._tail
        self._blocks.append(self._packed(tail))
        self._counts.append(len(tail))
        tail.clear()

    @staticmethod
    def _packed(hays: list[str]) -> Block:
        joined = _SEP.join(hays)
        if joined.count(_SEP) == len(hays) - 1:
            return _encoded(joined)
        return [_encoded(h) for h in hays]  # a haystack holds a NUL itself

    @staticmethod
    def _parts(block: Block) -> list[bytes]:
        return block.split(_BSEP) if isinstance(block, bytes) else list(block)

    # -- reading ---------------------------------------------------------------------------

    @property
    def hays(self) -> list[str]:
        """Every note's haystack, in the index's order."""
        return [_decoded(h) for block in self._blocks for h in self._parts(block)] + self._tail

    def by_day(self) -> Iterable[tuple[str, str]]:
        """(note id, its date as stored) for every note, in the index's order."""
        return zip(self.ids, self.days, strict=True)

    def __len__(self) -> int:
        return len(self.ids)

    # -- writes ----------------------------------------------------------------------------

    def put(self, rid: str, doc: dict[str, Any]) -> None:
        """A note written: replaced where it was (its place kept), or added last."""
        try:
            at = self.ids.index(rid)
        except ValueError:
            self.add(rid, doc)
            return
        day = doc.get("date", "")
        self.days[at] = day if isinstance(day, str) else ""
        self._edit(at, note_hay(doc))

    def drop(self, rid: str) -> None:
        try:
            at = self.ids.index(rid)
        except ValueError:
            return
        del self.days[at], self.ids[at]
        self._edit(at, None)

    def _edit(self, at: int, hay: str | None) -> None:
        """The haystack at `at` replaced by `hay`, or gone (None)."""
        for n, count in enumerate(self._counts):
            if at < count:
                parts = [_decoded(h) for h in self._parts(self._blocks[n])]
                if hay is None:
                    del parts[at]
                else:
                    parts[at] = hay
                if parts:
                    self._blocks[n], self._counts[n] = self._packed(parts), len(parts)
                else:
                    del self._blocks[n], self._counts[n]
                return
            at -= count
        if hay is None:
            del self._tail[at]
        else:
            self._tail[at] = hay

    # -- search ----------------------------------------------------------------------------

    def search(self, words: Iterable[str], limit: int) -> list[str]:
        """Ids of the newest `limit` notes holding every folded word, newest first (one
        day's notes in the index's order)."""
        ordered = sorted(words, key=len, reverse=True)  # longest word narrows most
        if not ordered:
            return []
        found = self._found([_encoded(w) for w in ordered], ordered)
        # The newest `limit` without sorting every hit (a short word matches most notes).
        return [self.ids[i] for i in heapq.nlargest(limit, found, key=self.days.__getitem__)]

    def _found(self, words: list[bytes], texts: list[str]) -> list[int]:
        """Positions of the notes holding every word, in order. A block's bytes are
        looked in first; one holding every word is then read note by note: decoded and
        split when the first word is common (matching one str is ~4x faster than one
        bytes), else found where the bytes hold it (no note made for the others)."""
        first, dense = words[0], self._common(words[0])
        plain = not any(_SEP in t for t in texts)  # else only a note with a NUL can hold it
        rest = words[1:]
        found: list[int] = []
        base = 0
        for block, count in zip(self._blocks, self._counts, strict=True):
            if isinstance(block, bytes):
                if plain and first in block and (not rest or all(w in block for w in rest)):
                    found += (_hits(_decoded(block).split(_SEP), texts, base) if dense
                              else _each_hit(block, words, base))
            else:
                found += _hits(list(map(_decoded, block)), texts, base)
            base += count
        found += _hits(self._tail, texts, base)
        return found

    def _common(self, word: bytes) -> bool:
        """Whether `word` is in more than one note in eight, judged from the first
        blocks (a word in every note: the decoded split is ~3x faster than a find for
        each; a rarer word: each found in the bytes is ~2x faster than the split)."""
        blocks = [b for b in self._blocks[:SAMPLE] if isinstance(b, bytes)]
        notes = len(blocks) * self._block
        return notes > 0 and 8 * sum(b.count(word) for b in blocks) > notes


SAMPLE = 32  # blocks looked at to tell a common word from a rare one


def _hits(hays: list[str], words: list[str], base: int) -> list[int]:
    """Where in `hays` every word is, counted from `base` (the longest word, first,
    narrows most)."""
    first, rest = words[0], words[1:]
    hits = [i for i, hay in enumerate(hays, base) if first in hay]
    for w in rest:
        hits = [i for i in hits if w in hays[i - base]]
    return hits


def _each_hit(block: bytes, words: list[bytes], base: int) -> list[int]:
    """Which of a block's notes hold every word (counted from `base`): the first word found in the block's
    bytes, the notes before it counted by their separators, the other words looked for
    in that note's bytes only. No word holds a NUL (see `_found`): a hit never spans
    two notes."""
    first, rest = words[0], words[1:]
    find, count, size = block.find, block.count, len(block)
    hits: list[int] = []
    at, note, scanned = find(first), base, 0
    while at >= 0:
        note += count(_BSEP, scanned, at)
        end = find(_BSEP, at)
        if end < 0:
            end = size
        if not rest or all(w in block[block.rfind(_BSEP, 0, at) + 1:end] for w in rest):
            hits.append(note)
        if end == size:
            break
        note, scanned = note + 1, end + 1
        at = find(first, scanned)
    return hits
