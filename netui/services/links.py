"""Links between two contacts (who introduced whom, who works with whom), the detail
pane's "Met through" / "Introduced" / "Connected to", and every edge the graph draws.
Deleting or merging a person changes their links as the registry says (no dangling
edge): that is the contacts' owner cascade, not this module."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..domain import links as lk
from ..domain.links import Link
from ..domain.models import STORED, Direction
from ..errors import Invalid, one_line
from ..storage import Change
from .contacts import Contacts
from .events import Changed, Listener
from .indexes import Indexes
from .ledger import Ledger
from .unit_of_work import UnitOfWork

Edge = tuple[str, str, str, bool]  # (a, b, kind, directed)


@dataclass(frozen=True, slots=True)
class Connection:
    """One line of a person's "Met through" / "Introduced" / "Connected to"."""

    other_id: str
    kind: str
    note: str
    day: date | None
    via_favour: bool = False


class Links:
    def __init__(self, ix: Indexes, uow: UnitOfWork, people: Contacts, ledger: Ledger,
                 listeners: list[Listener]) -> None:
        self.ix, self.uow, self.people, self.ledger = ix, uow, people, ledger
        # Contact id -> ids of the valid links naming them, built on first use. Ids, not
        # models: 20k links as models hold ~25 MB all session; a person's few are
        # validated again when asked for.
        self._links_of: dict[str, tuple[str, ...]] | None = None
        listeners.insert(0, self._changed)  # before the panes redraw

    def _changed(self, event: Changed) -> None:
        if event.external or "links" in event.collections:
            self._links_of = None

    def _valid(self, doc: dict[str, Any]) -> Link | None:
        try:
            return Link.model_validate(doc, context=STORED)
        except ValidationError:
            return None  # broken by another program: skipped, never rewritten

    @property
    def _index(self) -> dict[str, tuple[str, ...]]:
        if self._links_of is None:
            of: dict[str, list[str]] = defaultdict(list)
            for rid, doc in self.ix.store.items("links"):
                if (link := self._valid(doc)) is not None:
                    key = rid if rid == link.id else link.id
                    of[link.a_id].append(key)
                    of[link.b_id].append(key)
            # Tuples, read-only until the next change drops them (a list a person cost
            # ~30 bytes more, 50k people all session).
            self._links_of = {cid: tuple(ids) for cid, ids in of.items()}
        return self._links_of

    def all(self) -> list[Link]:
        return [link for doc in self.ix.store.docs("links") if (link := self._valid(doc))]

    def by_person(self) -> dict[str, list[Link]]:
        """Every person's valid links (as `of` gives them), each validated once: an export
        of everyone through `of` validates every link twice, once per end."""
        of: dict[str, list[Link]] = defaultdict(list)
        for link in self.all():
            of[link.a_id].append(link)
            of[link.b_id].append(link)
        return of

    def of(self, contact_id: str) -> list[Link]:
        docs = (self.ix.store.get("links", rid) for rid in self._index.get(contact_id, ()))
        return [link for doc in docs if doc is not None and (link := self._valid(doc))]

    def add(self, a_id: str, b_id: str, kind: str, *, note: str = "",
            day: date | None = None, directed: bool | None = None) -> Link:
        a, b = self.people.contact(a_id), self.people.contact(b_id)
        if a.id == b.id:
            raise Invalid(f"link: {a.name} cannot be linked to themselves")
        try:
            link = Link(a_id=a.id, b_id=b.id, kind=kind, note=note, date=day,
                        directed=directed)
        except ValidationError as exc:
            raise Invalid(one_line(exc, "link")) from None
        if any(lk.same_pair(x, a.id, b.id, link.kind) for x in self.of(a.id)):
            raise Invalid(f"{a.name} and {b.name} are already linked as {link.kind!r}")
        if (loop := lk.reports_cycle(self._reports_to(), link)) is not None:
            names = " -> ".join(self.people.contact(cid).name for cid in loop)
            raise Invalid(f"reports to: that would make a loop ({names})")
        self.uow.commit([Change("links", link.id, link.to_doc())],
                        f"link {a.name} and {b.name}")
        return link

    def _reports_to(self) -> Iterator[Link]:
        """The valid `reports to` links (the only ones a loop check reads): documents of
        other kinds are not validated."""
        for doc in self.ix.store.docs("links"):
            kind = doc.get("kind")
            if isinstance(kind, str) and lk.normal_kind(kind) == lk.REPORTS_TO \
                    and (link := self._valid(doc)) is not None:
                yield link

    def unlink(self, a_id: str, b_id: str, kind: str | None = None) -> int:
        """Remove the links between two people (of one kind, if given); how many."""
        kind = lk.normal_kind(kind) if kind else None
        gone = [x for x in self.of(a_id)
                if x.other(a_id) == b_id and (kind is None or x.kind == kind)]
        if not gone:
            a, b = self.people.contact(a_id), self.people.contact(b_id)
            what = f" as {kind!r}" if kind else ""
            raise Invalid(f"{a.name} and {b.name} are not linked{what}")
        self.uow.commit([Change("links", x.id, None) for x in gone], "unlink")
        return len(gone)

    def connections(self, contact_id: str) -> dict[str, list[Connection]]:
        """The detail pane's three lists: who they met you through, whom they
        introduced, and everyone else they are linked to (links and intro favours)."""
        out: dict[str, list[Connection]] = {"Met through": [], "Introduced": [],
                                            "Connected to": []}
        for x in self.of(contact_id):
            other = x.other(contact_id)
            if x.kind == lk.INTRODUCED and x.directed:
                out["Met through" if x.b_id == contact_id else "Introduced"].append(
                    Connection(other, x.kind, x.note, x.date))
            else:
                label = x.kind if not x.directed or x.a_id == contact_id else f"{x.kind} (them)"
                out["Connected to"].append(Connection(other, label, x.note, x.date))
        for f in self.ledger.favours(contact_id):  # an intro they made for you
            if f.introduced_id and f.direction is Direction.received:
                out["Introduced"].append(Connection(f.introduced_id, "introduced you",
                                                    f.text, f.date, True))
            elif f.introduced_id and f.direction is Direction.gave:
                out["Connected to"].append(Connection(f.introduced_id, "you introduced them",
                                                      f.text, f.date, True))
        for f in self.ledger.introductions_of(contact_id):
            if f.direction is Direction.received:
                out["Met through"].append(Connection(f.contact_id, "introduced you",
                                                     f.text, f.date, True))
            elif f.direction is Direction.gave:
                out["Connected to"].append(Connection(f.contact_id, "you introduced them",
                                                      f.text, f.date, True))
        for items in out.values():
            items.sort(key=lambda c: (c.day or date.min), reverse=True)
        return out

    def edges(self) -> list[Edge]:
        """Every link and intro favour as (a, b, kind, directed) for the graph."""
        # From the documents, not models: 20k links validated cost ~0.3 s of a shell
        # command's 400 ms (a broken document is skipped, as the models would).
        out: list[Edge] = []
        for doc in self.ix.store.docs("links"):
            a, b, kind = doc.get("a_id"), doc.get("b_id"), doc.get("kind")
            if isinstance(a, str) and isinstance(b, str) and isinstance(kind, str) and a != b:
                directed = doc.get("directed")
                out.append((a, b, kind, bool(kind in lk.DIRECTED_KINDS if directed is None
                                             else directed)))
        for doc in self.ix.store.docs("favours"):
            other = doc.get("introduced_id")
            if other and doc.get("direction") == "received":
                out.append((doc["contact_id"], other, lk.INTRODUCED, True))
            elif other and doc.get("direction") == "gave":
                out.append((doc["contact_id"], other, "introduced by you", False))
        return out
