"""A contact as a list shows and filters it: the few fields a row draws and the filter
searches, without the model behind them.

The contact list needs every contact at start-up but only these fields of each. Reading
them straight from the stored documents takes ~8 ms for 10k contacts where validating
10k `Contact` models takes ~90 ms, and no pydantic import is needed, so the app's first
frame is drawn from rows and the models are built after it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import repeat
from typing import Any


@dataclass(slots=True)  # not frozen: a frozen dataclass is 5x slower to build
class ContactRow:
    """Read-only by convention: a write replaces the row (see Network.contact_rows)."""

    id: str
    name: str
    nickname: str | None = None
    company: str | None = None
    circle: str | None = None
    tags: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    archived: bool = False

    @classmethod
    def of(cls, c: Any) -> ContactRow:
        """The row of a validated contact model."""
        return cls(c.id, c.name, c.nickname, c.company, c.circle, tuple(c.tags),
                   tuple(c.emails), c.archived)

    @classmethod
    def of_doc(cls, doc: dict[str, Any], key: str | None = None) -> ContactRow | None:
        """The row of a stored document, or None when a field the row carries has the
        wrong shape (a record another program broke: the models skip it too). `key`:
        the store's key for it, the id string the row then shares when equal."""
        get = doc.get
        rid, name, nickname, company, circle = (get("id"), get("name"), get("nickname"),
                                                get("company"), get("circle"))
        tags, emails, archived = get("tags") or [], get("emails") or [], get("archived", False)
        # Type checks by identity, in one expression: this runs 10k times before the
        # app's first frame.
        if (type(rid) is not str or type(name) is not str or not rid or not name.strip()
                or type(nickname) not in _TEXT or type(company) not in _TEXT
                or type(circle) not in _TEXT or type(tags) is not list
                or type(emails) is not list or type(archived) is not bool
                or (tags and not all(map(isinstance, tags, repeat(str))))
                or (emails and not all(map(isinstance, emails, repeat(str))))):
            return None
        # Circles, companies and tags repeat across a network: one string each
        # (interned), as the app keeps every row all session.
        return cls(key if key == rid else rid, name, nickname or None,
                   sys.intern(company) if company else None,
                   sys.intern(circle) if circle else None, _words(tags), tuple(emails),
                   archived)


def _words(words: list[str]) -> tuple[str, ...]:
    """Words that repeat across contacts, one string each (a str subclass, which intern
    refuses, is kept as it is), and one tuple for each set of tags people share (a few
    hundred across a network: at 50k contacts ~2 MB of tuples less)."""
    try:
        found = tuple(map(sys.intern, words))
    except TypeError:
        return tuple(words)
    return shared_words(found)


_WORD_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def shared_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple object for equal tuples of words (bounded: only while they repeat)."""
    kept = _WORD_TUPLES.get(words)
    if kept is not None:
        return kept
    if len(_WORD_TUPLES) < 20_000:
        _WORD_TUPLES[words] = words
    return words


_TEXT = frozenset({str, type(None)})
