"""The contacts filter shared by `netui list` and the TUI's `/`.

A query is words plus filters: `#climate` or `tag:climate`, `circle:inner`,
`company:acme`. Words match name, nickname, company, tags and emails, accent- and
case-insensitively; every word must match as a substring, and when nothing matches
exactly, close spellings of name, nickname and company are tried (fuzzy)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .names import fold

FUZZY_CUTOFF = 80
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


@dataclass(slots=True)
class Query:
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.tags or self.circles or self.companies)


def parse_query(text: str) -> Query:
    q = Query()
    for token in text.split():
        low = fold(token)
        if low.startswith("#") and len(low) > 1:
            q.tags.append(low[1:])
        elif ":" in low:
            key, _, value = low.partition(":")
            target = {"tag": q.tags, "circle": q.circles, "company": q.companies}.get(key)
            if target is not None:
                if value:  # "circle:" alone is a filter still being typed: no-op
                    target.append(value)
            else:
                q.words.append(low)
        else:
            q.words.append(low)
    return q


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
    return _Folded(c, haystack(c), names, tuple(fold(t) for t in c.tags), c.circle or "",
                   fold(c.company or ""))


def _passes_filters(f: _Folded, q: Query) -> bool:
    if q.tags and not all(any(t == tag or tag.startswith(t) for tag in f.tags) for t in q.tags):
        return False
    if q.circles and f.circle not in q.circles and not any(
        f.circle.startswith(x) for x in q.circles
    ):
        return False
    return not (q.companies and not all(x in f.company for x in q.companies))


def warm(contacts: Iterable[Searchable], hay: dict[str, Any]) -> None:
    """Fill a filter cache ahead of the first keystroke."""
    for c in contacts:
        f = hay.get(c.id)
        if f is None or f.contact is not c:
            hay[c.id] = _fold_contact(c)


def filter_exact(
    contacts: Iterable[C], text: str, hay: dict[str, Any] | None = None
) -> list[C]:
    """Only the exact matches of `text`. A longer query's exact matches are a subset of
    a shorter one's, so a caller may pass the previous result to filter as you type."""
    return filter_contacts(contacts, text, hay, fuzzy=False)


def filter_contacts(
    contacts: Iterable[C], text: str, hay: dict[str, Any] | None = None,
    *, fuzzy: bool = True,
) -> list[C]:
    """Contacts matching `text`, in the given order (exact matches), or by closeness
    when only fuzzy matches were found. `hay` is a cache the caller keeps between calls
    (per contact id; an edited contact is a new model and is folded again)."""
    q = parse_query(text)
    if q.empty:
        return list(contacts)
    cache: dict[str, Any] = {} if hay is None else hay
    pool: list[_Folded] = []
    for c in contacts:
        f = cache.get(c.id)
        if f is None or f.contact is not c:
            f = cache[c.id] = _fold_contact(c)
        if not (q.tags or q.circles or q.companies) or _passes_filters(f, q):
            pool.append(f)
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

    hits = process.extract(
        phrase, [f.names for f in pool], scorer=fuzz.partial_ratio,
        score_cutoff=FUZZY_CUTOFF, limit=None,
    )
    hits.sort(key=lambda h: (-h[1], h[2]))
    return [pool[i].contact for _, _, i in hits]
