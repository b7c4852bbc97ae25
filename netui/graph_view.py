"""The whole network as a domain.graph.Graph (people, links, intros, communities)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from .domain.communities import slug
from .domain.graph import Cluster, Graph, Node, build, reach
from .domain.names import fold, match_name
from .domain.rows import ContactRow
from .errors import Invalid, NotFound

if TYPE_CHECKING:
    from .services import Network


def _rows(network: Network) -> list[ContactRow]:
    """Every person as a list row, in store order: the graph needs no sorting (sorting
    10k names costs ~50 ms of a shell command)."""
    return [r for d in network.store.docs("contacts") if (r := ContactRow.of_doc(d))]


def find_row(network: Network, name: str) -> ContactRow:
    """The one person `name` means, from the list rows (no contact models: a shell
    command over 10k people stays fast); NotFound or Invalid (ambiguous) otherwise."""
    wanted = fold(name.lstrip("@"))
    # A full name needs neither name keys nor every row: one pass over the names.
    exact = [r for d in network.store.docs("contacts")
             if isinstance(d.get("name"), str) and fold(d["name"]) == wanted
             and (r := ContactRow.of_doc(d)) is not None]
    hits = exact if len(exact) == 1 else match_name(name.lstrip("@"), _rows(network))
    if not hits:
        raise NotFound(f"no contact matches {name!r}")
    if len(hits) > 1:
        raise Invalid(f"{name!r} is ambiguous: {', '.join(sorted(h.name for h in hits))}")
    return hits[0]


def _clusters(network: Network) -> list[Cluster]:
    """Every community as a cluster, from the stored documents (as the edges: no models
    for a shell command); one another program broke is left out, as its model would be."""
    out = []
    for doc in network.store.docs("communities"):
        cid, name, members = doc.get("id"), doc.get("name"), doc.get("member_ids")
        if (isinstance(cid, str) and isinstance(name, str) and isinstance(members, list)
                and all(isinstance(m, str) for m in members)):
            out.append(Cluster(cid, name, tuple(members)))
    return sorted(out, key=lambda c: (slug(c.name), c.id))  # as communities.all()


def network_graph(network: Network) -> Graph:
    nodes = [Node(r.id, r.name, r.circle) for r in _rows(network) if not r.archived]
    return build(nodes, network.links.edges(), _clusters(network))


def neighbourhood(network: Network, root: str, depth: int,
                  within: Collection[str] | None = None) -> Graph:
    """network_graph(network).around(root, depth) (only people `within`, if given),
    reading only the people it reaches: `netui graph --around` over 10k people and 20k
    links stays a short shell command."""
    clusters = _clusters(network)
    if within is not None:  # as network_graph(network).only(within) has them
        clusters = [Cluster(c.id, c.name, tuple(m for m in c.member_ids if m in within))
                    for c in clusters]
    edges = network.links.edges()
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b, _kind, _directed in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    rows: dict[str, ContactRow | None] = {}

    def alive(cid: str) -> bool:
        if cid not in rows:
            doc = network.store.get("contacts", cid)
            row = ContactRow.of_doc(doc) if doc is not None else None
            rows[cid] = row if row is not None and not row.archived else None
        return rows[cid] is not None and (within is None or cid in within)

    if not alive(root):  # not in the graph: no link of theirs is in it either
        neighbours.pop(root, None)
    seen = reach(root, depth, neighbours, clusters, alive)
    nodes = [Node(r.id, r.name, r.circle) for cid in seen if alive(cid) and (r := rows[cid])]
    among = [e for e in edges if e[0] in seen and e[1] in seen]
    return build(nodes, among, clusters).only(seen)
