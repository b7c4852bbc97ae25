"""The contacts filter shared by `netui list` and the TUI's `/`.

A query is words plus filters: `#climate` or `tag:climate`, `circle:inner`,
`company:acme`. Words match name, nickname, company, tags and emails, accent- and
case-insensitively; every word must match as a substring, and when nothing matches
exactly, close spellings are tried (fuzzy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Contact
from .names import fold

FUZZY_CUTOFF = 80


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
            if target is not None and value:
                target.append(value)
            else:
                q.words.append(low)
        else:
            q.words.append(low)
    return q


def haystack(c: Contact) -> str:
    parts = [c.name, c.nickname or "", c.company or "", " ".join(c.tags), " ".join(c.emails)]
    return fold(" ".join(parts))


def _passes_filters(c: Contact, q: Query) -> bool:
    if q.tags and not all(any(t == fold(tag) or fold(tag).startswith(t) for tag in c.tags)
                          for t in q.tags):
        return False
    if q.circles and (c.circle or "") not in q.circles and not any(
        (c.circle or "").startswith(x) for x in q.circles
    ):
        return False
    return not (q.companies and not all(x in fold(c.company or "") for x in q.companies))


def filter_contacts(
    contacts: Iterable[Contact], text: str, hay: dict[str, str] | None = None
) -> list[Contact]:
    """Contacts matching `text`, in the given order (exact matches), or by closeness
    when only fuzzy matches were found. `hay` caches haystack() per contact id."""
    q = parse_query(text)
    pool = [c for c in contacts if _passes_filters(c, q)]
    if not q.words:
        return pool

    def hay_of(c: Contact) -> str:
        if hay is None:
            return haystack(c)
        h = hay.get(c.id)
        if h is None:
            h = hay[c.id] = haystack(c)
        return h

    exact = [c for c in pool if all(w in hay_of(c) for w in q.words)]
    if exact:
        return exact
    from rapidfuzz import fuzz, process

    phrase = " ".join(q.words)
    hits = process.extract(
        phrase, [hay_of(c) for c in pool], scorer=fuzz.partial_ratio,
        score_cutoff=FUZZY_CUTOFF, limit=None,
    )
    hits.sort(key=lambda h: (-h[1], h[2]))
    return [pool[i] for _, _, i in hits]
