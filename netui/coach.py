"""What the coach needs from the services: the people matching reads (domain.ideas), and
today's ideas for gives. One helper for the CLI (`netui ideas`) and the review.

Read straight from the stored contact documents: `netui ideas` at 10k contacts has no
time to validate 10k models (~150 ms); a document with an odd field is read through
its model, and skipped when the model rejects it, as everywhere else."""

from __future__ import annotations

from typing import Any

from .domain.ideas import Idea, Index, Offers, Person, all_ideas, ideas_for
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


def people(network: Network) -> list[Person]:
    ranks: dict[Any, int] = {}

    def rank(circle: Any) -> int:
        if circle not in ranks:
            ranks[circle] = network.circle_rank(circle)
        return ranks[circle]

    return [p for doc in network.store.docs("contacts") if (p := _person(doc, rank))]


def offers(network: Network) -> Offers:
    o = network.config.offers
    return Offers(tuple(o.topics), tuple(o.introductions), tuple(o.references))


def index(network: Network) -> Index:
    """Everyone's words, kept until the next write to contacts."""
    return network.cached("ideas_index", lambda: Index.of(people(network)))


def ideas_for_contact(network: Network, contact_id: str, limit: int = 3) -> list[Idea]:
    idx = index(network)
    p = idx.people.get(contact_id)
    return [] if p is None else ideas_for(p, idx, offers(network), limit)


def every_idea(network: Network, per_person: int = 3) -> list[Idea]:
    idx = index(network)
    return all_ideas(idx.people.values(), idx, offers(network), per_person)
