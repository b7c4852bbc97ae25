"""What the coach needs from the services: the people matching reads (domain.ideas), and
today's ideas for gives. One helper for the CLI (`netui ideas`) and the review.

Read straight from the stored contact documents: `netui ideas` at 10k contacts has no
time to validate 10k models (~150 ms), nor to build 10k people for the few hundred a
match names; a document with an odd field is read through its model, and skipped when
the model rejects it, as everywhere else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .domain.ideas import Idea, Index, Key, Offers, Person, all_ideas, ideas_for, values
from .services import Network, valid_contact

_TEXT = (str, type(None))


def _person(doc: dict[str, Any], rank: Any) -> Person | None:
    get = doc.get
    rid, name, tags, looking = get("id"), get("name"), get("tags") or [], get("looking_for") or []
    fields = (get("company"), get("title"), get("location"), get("circle"))
    if (type(rid) is str and rid and type(name) is str and name.strip()
            and all(type(v) in _TEXT for v in fields) and type(tags) is list
            and type(looking) is list and all(type(t) is str for t in (*tags, *looking))
            and get("archived", False) in (True, False)):
        if get("archived"):
            return None
        company, title, location, circle = fields
        return Person(rid, name, company or None, title or None, tuple(tags),
                      location or None, tuple(looking), rank(circle))
    c = valid_contact(doc)
    if c is None or c.archived:
        return None
    return Person(c.id, c.name, c.company, c.title, tuple(c.tags), c.location,
                  tuple(c.looking_for), rank(c.circle))


def _ranks(network: Network) -> Callable[[Any], int]:
    ranks: dict[Any, int] = {}

    def rank(circle: Any) -> int:
        if circle not in ranks:
            ranks[circle] = network.circle_rank(circle)
        return ranks[circle]

    return rank


def people(network: Network) -> list[Person]:
    """Everyone matching can read (archived people left out)."""
    rank = _ranks(network)
    return [p for doc in network.store.docs("contacts") if (p := _person(doc, rank))]


def _index(network: Network) -> Index:
    """One pass over the stored contacts that files each document under its company,
    title, tags and location, and reads into a Person only those with a need, or with a
    field another program wrote oddly (through the model); the people a match reaches
    are read when it does (Index.read)."""
    rank = _ranks(network)
    groups: dict[Key, list[Any]] = defaultdict(list)
    special: list[Person] = []
    for doc in network.store.docs("contacts"):
        get = doc.get
        rid, name, company, title, location, circle, tags = (
            get("id"), get("name"), get("company"), get("title"), get("location"),
            get("circle"), get("tags"))
        if (get("archived", False) is not False or get("looking_for")
                or type(rid) is not str or not rid or type(name) is not str
                or type(company) not in _TEXT or type(title) not in _TEXT
                or type(location) not in _TEXT or type(circle) not in _TEXT
                or type(tags) is not list or not name.strip()):
            if get("archived", False) is not True and (p := _person(doc, rank)):
                special.append(p)
            continue
        for t in tags:
            if type(t) is not str:
                if p := _person(doc, rank):
                    special.append(p)
                break
        else:
            if company:
                groups["company", company].append(doc)
            if title:
                groups["title", title].append(doc)
            for t in dict.fromkeys(tags):
                if t:
                    groups["tags", t].append(doc)
            if location:
                groups["location", location].append(doc)
    for p in special:
        for key in dict.fromkeys(values(p)):
            groups[key].append(p)

    def order(handle: Any) -> tuple[int, str]:
        if isinstance(handle, Person):
            return handle.rank, handle.id
        return rank(handle["circle"]), handle["id"]

    def read(handle: Any) -> Person | None:
        return handle if isinstance(handle, Person) else _person(handle, rank)

    def find(contact_id: str) -> Person | None:
        doc = network.store.get("contacts", contact_id)
        return None if doc is None else _person(doc, rank)

    return Index(dict(groups), [p for p in special if p.looking_for], order, read,
                 find).indexed()


def offers(network: Network) -> Offers:
    o = network.config.offers
    return Offers(tuple(o.topics), tuple(o.introductions), tuple(o.references))


def index(network: Network) -> Index:
    """Everyone's words, kept until the next write to contacts."""
    return network.cached("ideas_index", lambda: _index(network))


def ideas_for_contact(network: Network, contact_id: str, limit: int = 3) -> list[Idea]:
    idx = index(network)
    p = idx.person(contact_id)
    return [] if p is None else ideas_for(p, idx, offers(network), limit)


def every_idea(network: Network, per_person: int = 3) -> list[Idea]:
    idx = index(network)
    return all_ideas(idx.looking, idx, offers(network), per_person)
