"""Links between two of your contacts: who introduced whom, who works with whom.
Typed, optionally directed, with a date and note. Rules only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date
from typing import Any

from pydantic import Field, field_validator, model_validator

from .models import Record

INTRODUCED = "introduced"
REPORTS_TO = "reports to"
# Kinds with a direction: "A introduced B", "A reports to B". Others read both ways.
DIRECTED_KINDS = frozenset({INTRODUCED, REPORTS_TO})
KNOWN_KINDS = ("introduced", "works with", "partner of", "reports to")


def normal_kind(text: str) -> str:
    """ "Works_With" -> "works with": one spelling per kind."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


class Link(Record):
    a_id: str = Field(min_length=1, max_length=64)
    b_id: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=60)
    directed: bool | None = None  # None: as the kind says (see DIRECTED_KINDS)
    date: Date | None = None
    note: str = Field(default="", max_length=10_000)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        v = normal_kind(v)
        if not v:
            raise ValueError("a link needs a kind, such as 'works with'")
        return v

    @model_validator(mode="after")
    def _not_oneself(self) -> Link:
        if self.a_id == self.b_id:
            raise ValueError("a link joins two different people, not someone to themselves")
        if self.directed is None:
            self.__dict__["directed"] = self.kind in DIRECTED_KINDS
        return self

    def other(self, contact_id: str) -> str:
        return self.b_id if contact_id == self.a_id else self.a_id

    def touches(self, contact_id: str) -> bool:
        return contact_id in (self.a_id, self.b_id)


def same_pair(link: Link, a: str, b: str, kind: str | None = None) -> bool:
    if kind is not None and link.kind != kind:
        return False
    if link.directed:
        return (link.a_id, link.b_id) == (a, b)
    return {link.a_id, link.b_id} == {a, b}


def link_key(doc: dict[str, Any]) -> object:
    """What makes two link documents the same link: their kind and people (in order
    when the link has a direction)."""
    kind = doc.get("kind")
    directed = doc.get("directed")
    if directed is None:
        directed = kind in DIRECTED_KINDS
    a, b = doc.get("a_id"), doc.get("b_id")
    return (kind, a, b) if directed else (kind, frozenset((a, b)))


def reports_cycle(links: Iterable[Link], new: Link) -> list[str] | None:
    """The chain of ids a new `reports to` link would close into a loop, or None."""
    if new.kind != REPORTS_TO:
        return None
    up: dict[str, set[str]] = {}
    for link in links:
        if link.kind == REPORTS_TO and link.id != new.id:
            up.setdefault(link.a_id, set()).add(link.b_id)
    # new: a reports to b. A loop exists when b already reports (up the chain) to a.
    seen = {new.b_id}
    stack = [(new.b_id, [new.b_id])]
    while stack:
        node, path = stack.pop()
        if node == new.a_id:
            return [new.a_id, *path]
        for nxt in up.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def split_person_kind(text: str) -> tuple[str, str]:
    """"@Tom Okafor works with" -> ("Tom Okafor", "works with"): a known kind at the
    end, else its last word; the rest names the person."""
    words = text.replace("@", " ").split()
    for kind in sorted(KNOWN_KINDS, key=len, reverse=True):
        n = len(kind.split())
        if len(words) > n and normal_kind(" ".join(words[-n:])) == kind:
            return " ".join(words[:-n]), kind
    if len(words) < 2:
        return " ".join(words), ""
    return " ".join(words[:-1]), words[-1]
