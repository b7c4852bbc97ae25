"""The contacts filter as the TUI runs it, one key at a time.

It answers exactly what `filter_contacts(contacts, text)` answers, doing less per key:
a key that refines the last text (search.refines) scans the last exact matches only, a
text already answered (a backspace back to it, the same word typed again) is looked up,
and every search is a C-level scan of haystacks folded once (search.SearchIndex)."""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from operator import eq, is_
from typing import Any, Generic, overload

from .search import C, SearchIndex, fold_steps, parse_query, refines, wants_close_spellings

KEPT = 64  # answers kept per list: a word typed and deleted again, and then some
SCAN_UP_TO = 5000  # previous matches scanned (~0.5 ms) rather than looked up in sets


class Picked(Sequence[C]):
    """`items[i]` for each of `positions` (None: every item), read when asked for: a key
    that lists 50k people builds no list of 50k (the contact list reads the rows on
    screen, the header the count)."""

    __slots__ = ("items", "positions")

    def __init__(self, items: Sequence[C], positions: Sequence[int] | None = None) -> None:
        self.items = items
        self.positions = positions

    def __len__(self) -> int:
        return len(self.items if self.positions is None else self.positions)

    @overload
    def __getitem__(self, i: int) -> C: ...
    @overload
    def __getitem__(self, i: slice) -> list[C]: ...
    def __getitem__(self, i: int | slice) -> C | list[C]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        return self.items[i] if self.positions is None else self.items[self.positions[i]]

    def __iter__(self) -> Iterator[C]:
        if self.positions is None:
            return iter(self.items)
        return map(self.items.__getitem__, self.positions)

    def same(self, other: Sequence[C]) -> bool:
        """Whether `other` holds the same objects in the same order (compared by position,
        in C, when it picks from the same items)."""
        if isinstance(other, Picked) and other.items is self.items:
            a = range(len(self.items)) if self.positions is None else self.positions
            b = range(len(other.items)) if other.positions is None else other.positions
            if a is b:
                return True
            return len(a) == len(b) and (a == b if type(a) is type(b) else all(map(eq, a, b)))
        return len(self) == len(other) and all(map(is_, self, other))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Picked({len(self)} of {len(self.items)})"


class LiveFilter(Generic[C]):
    def __init__(self, contacts: Sequence[C], hay: dict[str, Any] | None = None) -> None:
        self._contacts = contacts
        self._hay: dict[str, Any] = {} if hay is None else hay
        self._index: SearchIndex[C] | None = None
        self._last: tuple[str, Sequence[int]] = ("", [])  # the last text and its exact matches
        # text -> (positions shown, positions matched exactly)
        self._kept: OrderedDict[str, tuple[Sequence[int], Sequence[int]]] = OrderedDict()
        self._shown: Sequence[int] | None = None  # the last answer's positions (None: everyone)
        self._where: dict[str, int] | None = None  # contact id -> position in the list

    @property
    def index(self) -> SearchIndex[C]:
        """Everyone's folded text, built on first use (see `prepare_steps` to fold it
        ahead, a slice at a time)."""
        if self._index is None:
            self._index = SearchIndex(self._contacts, self._hay)
        return self._index

    def prepare_steps(self, size: int = 500) -> Iterator[None]:
        """Fold everyone's text `size` contacts at a time (yielding in between), then
        build the index: the first key after it scans, never folds."""
        yield from fold_steps(self._contacts, self._hay, size)
        yield from self.index.warm_steps()  # what close spellings are tried against
        yield
        self._positions()

    def sets_steps(self) -> Iterator[None]:
        """The index's letter-pair sets (SearchIndex.sets_steps), a slice at a time."""
        yield from self.index.sets_steps()

    def _positions(self) -> dict[str, int]:
        if self._where is None:
            self._where = {c.id: n for n, c in enumerate(self.index.contacts)}
        return self._where

    def find(self, contact_id: str) -> int | None:
        """Where `contact_id` is in the last answer, if it is in it: a dictionary lookup
        and a bisection (close spellings, in score order, are few: scanned)."""
        at = self._positions().get(contact_id)
        shown = self._shown
        if at is None or shown is None:
            return at
        n = bisect_left(shown, at)
        if n < len(shown) and shown[n] == at:
            return n
        try:
            return shown.index(at)  # close spellings are not in list order
        except ValueError:
            return None

    def __call__(self, text: str) -> Picked[C]:
        people = self.index.contacts
        if not text.strip():
            self._last, self._shown = (text, []), None
            return Picked(people)
        kept = self._kept.get(text)
        if kept is None:
            kept = self._search(text)
            self._kept[text] = kept
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(text)
        shown, exact = kept
        self._last, self._shown = (text, exact), shown
        return Picked(people, shown)

    def _search(self, text: str) -> tuple[Sequence[int], Sequence[int]]:
        index = self.index
        q = parse_query(text)
        last_text, last_exact = self._last
        refined = bool(last_text.strip()) and refines(last_text, text)
        # The previous matches are scanned when few; else the index of every haystack's
        # letters and pairs answers faster (the same people: the text refines).
        few = len(last_exact) <= SCAN_UP_TO or not index.words_indexed
        exact = index.exact(q, last_exact if refined and few else None)
        if exact or not wants_close_spellings(q):
            return exact, exact
        if q.filtered:
            return index.close(q, index.exact(q.filters_only())), exact
        return index.close(q, no_exact=True), exact
