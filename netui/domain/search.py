"""The contacts filter shared by `netui list` and the TUI's `/`.

A query is words plus filters: `#climate` or `tag:climate`, `circle:inner`,
`company:acme`. Words match name, nickname, company, tags and emails, accent- and
case-insensitively; every word must match as a substring, and when nothing matches
exactly, close spellings of name, nickname and company are tried (fuzzy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations, compress, repeat
from operator import contains, itemgetter
from sys import intern
from typing import Any, Generic, Protocol, TypeVar

from .close_grams import CloseGrams
from .names import fold
from .rows import shared_words

FUZZY_CUTOFF = 80
# Names from which close spellings are narrowed by letter pairs (close_grams): scoring
# 10k names costs ~4 ms a key, less than the sets' memory (~180 bytes a name) is worth.
GRAMS_FROM = 20_000
# Shorter queries with no exact match are typos of nothing: close spellings of two
# letters match half the network.
FUZZY_MIN_LENGTH = 3


class Searchable(Protocol):
    """What the filter reads of a contact: a `Contact` model or a list's `ContactRow`."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def nickname(self) -> str | None: ...
    @property
    def company(self) -> str | None: ...
    @property
    def circle(self) -> str | None: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def emails(self) -> Sequence[str]: ...


C = TypeVar("C", bound=Searchable)
T = TypeVar("T")


@dataclass(slots=True)
class Query:
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.tags or self.circles or self.companies)

    @property
    def filtered(self) -> bool:
        """Whether it has tag, circle or company filters (beside words)."""
        return bool(self.tags or self.circles or self.companies)

    def filters_only(self) -> Query:
        return Query(tags=self.tags, circles=self.circles, companies=self.companies)


FILTERS = ("tag", "circle", "company")


def _kind(low: str) -> tuple[str, str]:
    """(what a folded token filters on, its value): ("tags", "x") for #x or tag:x,
    ("circles"/"companies", v) for circle:v / company:v, ("words", token) otherwise."""
    if low.startswith("#") and len(low) > 1:
        return "tags", low[1:]
    key, colon, value = low.partition(":")
    if colon and key in FILTERS:
        return {"tag": "tags", "circle": "circles", "company": "companies"}[key], value
    return "words", low


def parse_query(text: str) -> Query:
    q = Query()
    for token in text.split():
        kind, value = _kind(fold(token))
        if value:  # "circle:" alone is a filter still being typed: no-op
            getattr(q, kind).append(value)
    return q


def refines(old: str, new: str) -> bool:
    """Whether every exact match of `new` is an exact match of `old`, so that a filter
    typed one key at a time may search the previous result instead of everyone: `new`
    extends `old`'s last word or adds words, and no word changed what it filters on
    ("tag" becoming "tag:x", "#" becoming "#x")."""
    if not new.startswith(old):
        return False
    before, after = old.split(), new.split()
    if not before:
        return True
    if len(after) < len(before) or after[:len(before) - 1] != before[:-1]:
        return False
    was, now = _kind(fold(before[-1])), _kind(fold(after[len(before) - 1]))
    return was[0] == now[0] and now[1].startswith(was[1])


def haystack(c: Searchable) -> str:
    parts = [c.name, c.nickname or "", c.company or "", " ".join(c.tags), " ".join(c.emails)]
    return fold(" ".join(parts))


@dataclass(frozen=True, slots=True)
class _Folded:
    """One contact's searchable text, folded once (the TUI filters 10k per keystroke)."""

    contact: Any  # the Searchable it was folded from
    hay: str
    names: str  # name, nickname, company: what close spellings are tried against
    tags: tuple[str, ...]
    circle: str
    company: str


def _fold_contact(c: Searchable) -> _Folded:
    names = fold(" ".join(x for x in (c.name, c.nickname, c.company) if x))
    # Tags and companies repeat across a network: one folded string each (interned),
    # as the filter keeps everyone's folded text all session.
    return _Folded(c, haystack(c), names, shared_words(tuple(intern(fold(t)) for t in c.tags)),
                   c.circle or "", intern(fold(c.company or "")))


def _passes_filters(f: _Folded, q: Query) -> bool:
    if q.tags and not all(any(t == tag or tag.startswith(t) for tag in f.tags) for t in q.tags):
        return False
    if q.circles and f.circle not in q.circles and not any(
        f.circle.startswith(x) for x in q.circles
    ):
        return False
    return not (q.companies and not all(x in f.company for x in q.companies))


def _folded(contacts: Iterable[Searchable], cache: dict[str, Any]) -> list[_Folded]:
    out = []
    for c in contacts:
        f = cache.get(c.id)
        if f is None or f.contact is not c:
            f = cache[c.id] = _fold_contact(c)
        out.append(f)
    return out


def fold_steps(contacts: Iterable[Searchable], hay: dict[str, Any],
               size: int = 500) -> Iterator[None]:
    """Fill `hay` (as SearchIndex does) `size` contacts at a time, yielding in between."""
    for n, c in enumerate(contacts, 1):
        f = hay.get(c.id)
        if f is None or f.contact is not c:
            hay[c.id] = _fold_contact(c)
        if n % size == 0:
            yield


class SearchIndex(Generic[C]):
    """A list of contacts with their folded text, built once for many searches (the
    TUI's filter searches the same 10k people on every keystroke). Searches answer with
    positions in `contacts`, found by C-level scans (`compress` over `map`), so that the
    next key can search those positions only (see live_filter)."""

    def __init__(self, contacts: Iterable[C], hay: dict[str, Any] | None = None) -> None:
        self.contacts: list[C] = list(contacts)
        self.folded = _folded(self.contacts, {} if hay is None else hay)
        self.hays: list[str] = [f.hay for f in self.folded]
        self._names: list[str] | None = None
        self._edge_index: EdgeIndex | None = None
        self._grams: CloseGrams | None = None
        self._hay_grams: CloseGrams | None = None  # letters and pairs of the haystacks

    @property
    def words_indexed(self) -> bool:
        """Whether a search of everyone looks words up in sets rather than scanning."""
        return self._hay_grams is not None

    @property
    def names(self) -> list[str]:
        """What close spellings are tried against, in order."""
        if self._names is None:
            self._names = [f.names for f in self.folded]
        return self._names

    def exact(self, q: Query, among: Sequence[int] | None = None) -> Sequence[int]:
        """Positions (ascending) of the exact matches of `q`, among `among` (ascending
        positions, e.g. the previous key's matches) or everyone (a `range` when everyone
        matches: a first key often does, as emails hold most letters)."""
        hay_grams = self._hay_grams
        if among is None and q.words and not q.filtered and hay_grams is not None:
            found = hay_grams.holding(q.words, self.hays)
            if found is not None:
                return found
        if q.filtered:
            folded = self.folded
            among = [i for i in (range(len(folded)) if among is None else among)
                     if _passes_filters(folded[i], q)]
        for word in q.words:
            if among is None or len(among) == len(self.hays):  # everyone: no picking
                hays: Sequence[str] = self.hays
                # all() stops at the first miss: cheap unless everyone matches, and then
                # no list of 50k positions is built.
                everyone = range(len(hays))
                among = everyone if all(map(contains, hays, repeat(word))) else list(
                    compress(everyone, map(contains, hays, repeat(word))))
            else:
                hays = pick(self.hays, among)
                among = list(compress(among, map(contains, hays, repeat(word))))
        return range(len(self.contacts)) if among is None else among

    def close(self, q: Query, pool: Sequence[int] | None = None, *,
              no_exact: bool = False) -> Sequence[int]:
        """Positions of the close spellings of `q`'s words (in name, nickname, company)
        among `pool` or everyone, best first (ties in list order); fuzzy_hits' order.
        `no_exact`: the caller found nobody matching `q` exactly (so no name holds it)."""
        phrase = " ".join(q.words)
        if pool is None:
            # Narrowed by the names' ends once they are indexed (the app's warm-up does
            # it): building that on a key would cost more than it saves.
            edges = self._edge_index
            pool = None if edges is None else edges.candidates(
                phrase, None if no_exact else self.names)
            if pool is None:
                grams = self._grams
                pool = None if grams is None else grams.candidates(phrase, FUZZY_CUTOFF)
            if pool is None:
                return fuzzy_hits(phrase, self.names)
        hits = fuzzy_hits(phrase, list(pick(self.names, pool)))
        return [pool[i] for i in hits]

    def warm(self) -> None:
        """Build what close spellings are tried against, and the sets, now."""
        for _ in self.warm_steps():
            pass
        for _ in self.sets_steps():
            pass

    def warm_steps(self) -> Iterator[None]:
        """What close spellings of short phrases are tried against, a slice at a time."""
        if self._edge_index is None:
            edges = EdgeIndex()
            yield from edges.fill(self.names)
            self._edge_index = edges
            yield

    def sets_steps(self) -> Iterator[None]:
        """Past GRAMS_FROM people, the letter-pair sets of the names (close spellings)
        and of the haystacks (words over many matches), a slice at a time: ~1.5 s at 50k,
        so the app builds them after the rest of its warm-up (until then, keys scan)."""
        if self._grams is None and len(self.names) >= GRAMS_FROM:
            grams = CloseGrams(self.names)
            yield from grams.steps()
            self._grams = grams
        if self._hay_grams is None and len(self.hays) >= GRAMS_FROM:
            hay_grams = CloseGrams(self.hays, kinds=2)
            yield from hay_grams.steps()
            self._hay_grams = hay_grams


class EdgeIndex:
    """Which names start or end how, so that a short phrase no name contains is tried
    for close spellings against the few names that can score FUZZY_CUTOFF.

    partial_ratio scores the best window of a name: full windows as long as the phrase
    and, at the name's two ends, shorter ones. A window of length w sharing a longest
    common subsequence of m characters with a phrase of length n scores 200m / (n + w).
    A full window (w = n) reaches 80 only with m >= 0.8n: for n <= 4 that is m = n, the
    phrase itself, which no name holds here. An end window (w < n) needs m >= 0.4(n + w)
    with m <= w: for n = 3 or 4 that is w = n - 1 = m, a name that starts or ends with
    n - 1 characters taken in order from the phrase. Names no longer than the phrase are
    scored the other way round too (the name as the window-slid one): always tried."""

    LONGEST = 4  # phrases up to this long are narrowed

    def __init__(self, names: Sequence[str] = ()) -> None:
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        self.short: dict[int, list[int]] = {}  # length -> names that long
        for _ in self.fill(names):
            pass

    def fill(self, names: Sequence[str], size: int = 1000) -> Iterator[None]:
        """Index `names` (positions from 0), yielding every `size` of them."""
        for n, name in enumerate(names):
            if len(name) <= self.LONGEST:
                self.short.setdefault(len(name), []).append(n)
            for w in range(2, self.LONGEST):
                self.starts.setdefault(name[:w], []).append(n)
                self.ends.setdefault(name[-w:], []).append(n)
            if n % size == size - 1:
                yield

    def candidates(self, phrase: str, names: Sequence[str] | None) -> list[int] | None:
        """Positions (ascending) of every name that can score FUZZY_CUTOFF for `phrase`,
        or None when this index cannot narrow it (tried against everyone). `names`: to
        check that none holds the phrase (None: the caller knows none does, as no one
        matched it exactly and a name is part of what words are matched against)."""
        size = len(phrase)
        if not 3 <= size <= self.LONGEST or " " in phrase:
            return None
        if names is not None and any(map(contains, names, repeat(phrase))):
            return None  # a full window matches exactly: not the case this narrows
        found: set[int] = set()
        for length, positions in self.short.items():
            if length <= size:
                found.update(positions)
        for part in {"".join(c) for c in combinations(phrase, size - 1)}:
            found.update(self.starts.get(part, ()))
            found.update(self.ends.get(part, ()))
        return sorted(found)


def pick(items: list[T], positions: Sequence[int]) -> Sequence[T]:
    """items[i] for each position, in C (itemgetter of one position gives no tuple)."""
    if not positions:
        return ()
    if len(positions) == 1:
        return (items[positions[0]],)
    picked: tuple[T, ...] = itemgetter(*positions)(items)
    return picked


def fuzzy_hits(phrase: str, names: Sequence[str]) -> list[int]:
    """Positions in `names` scoring FUZZY_CUTOFF or more by partial_ratio, best first,
    ties in list order. One core, no numpy: rapidfuzz's multi-core cdist needs numpy
    (~16 MB of the app's memory all session) and saved nothing measurable here (10k
    names: ~3 ms either way; extract holds the GIL, so threads would not help)."""
    from rapidfuzz import fuzz, process

    if not names:
        return []
    hits = process.extract(phrase, names, scorer=fuzz.partial_ratio,
                           score_cutoff=FUZZY_CUTOFF, limit=None)
    hits.sort(key=lambda h: (-h[1], h[2]))
    return [i for _, _, i in hits]


def filter_exact(
    contacts: Iterable[C] | SearchIndex[C], text: str, hay: dict[str, Any] | None = None
) -> list[C]:
    """Only the exact matches of `text`. A longer query's exact matches are a subset of
    a shorter one's (see refines), so a caller may search the previous result."""
    return filter_contacts(contacts, text, hay, fuzzy=False)


def filter_contacts(
    contacts: Iterable[C] | SearchIndex[C], text: str, hay: dict[str, Any] | None = None,
    *, fuzzy: bool = True,
) -> list[C]:
    """Contacts matching `text`, in the given order (exact matches), or by closeness
    when only fuzzy matches were found. `hay` is a cache the caller keeps between calls
    (per contact id; an edited contact is a new object and is folded again)."""
    if isinstance(contacts, SearchIndex):
        return _filter_index(contacts, text, fuzzy)
    people = list(contacts)
    q = parse_query(text)
    if q.empty:
        return people
    folded = _folded(people, {} if hay is None else hay)
    filtered = bool(q.tags or q.circles or q.companies)
    pool = [f for f in folded if _passes_filters(f, q)] if filtered else folded
    if not q.words:
        return [f.contact for f in pool]
    if len(q.words) == 1:
        word = q.words[0]
        exact = [f.contact for f in pool if word in f.hay]
    else:
        exact = [f.contact for f in pool if all(w in f.hay for w in q.words)]
    phrase = " ".join(q.words)
    if exact or not fuzzy or len(phrase) < FUZZY_MIN_LENGTH:
        return exact
    from rapidfuzz import fuzz, process

    hits = process.extract(phrase, [f.names for f in pool], scorer=fuzz.partial_ratio,
                           score_cutoff=FUZZY_CUTOFF, limit=None)
    hits.sort(key=lambda h: (-h[1], h[2]))
    return [pool[i].contact for _, _, i in hits]


def wants_close_spellings(q: Query) -> bool:
    """Whether a query with no exact match is tried for close spellings."""
    return len(" ".join(q.words)) >= FUZZY_MIN_LENGTH


def _filter_index(index: SearchIndex[C], text: str, fuzzy: bool) -> list[C]:
    q = parse_query(text)
    people = index.contacts
    found = index.exact(q)
    if not found and fuzzy and wants_close_spellings(q):
        found = (index.close(q, index.exact(q.filters_only())) if q.filtered
                 else index.close(q, no_exact=True))
    return [people[i] for i in found]
