"""A contacts query's `in:acm` words: which communities someone must be in. Apart from
the community model (domain.communities) so that `netui list NAME` can tell a query
holding none without loading pydantic."""

from __future__ import annotations

from collections.abc import Iterable

from .names import fold


def slug(name: str) -> str:
    """What `in:acm` and `&acm` match against: folded, without spaces or punctuation."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def split_in(text: str) -> tuple[str, list[str]]:
    """Take the `in:acm` filters out of a contacts query: (the rest, their slugs)."""
    rest, wanted = [], []
    for word in text.split():
        if word.lower().startswith("in:"):
            wanted.append(slug(word[3:].strip('"')))
        else:
            rest.append(word)
    return " ".join(rest), [w for w in wanted if w] or ([""] if wanted else [])


def in_all(member_of: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether someone in communities with slugs `member_of` passes every `in:` filter
    (each a start of one of their communities' names, "in:acm" for "ACM Lagos")."""
    mine = list(member_of)
    return all(w and any(s.startswith(w) for s in mine) for w in wanted)
