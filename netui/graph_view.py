"""The whole network as a domain.graph.Graph (people, links, intros, communities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain.graph import Cluster, Graph, Node, build
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
    rows = _rows(network)
    wanted = fold(name.lstrip("@"))
    exact = [r for r in rows if fold(r.name) == wanted]  # a full name: no name keys needed
    hits = exact if len(exact) == 1 else match_name(name.lstrip("@"), rows)
    if not hits:
        raise NotFound(f"no contact matches {name!r}")
    if len(hits) > 1:
        raise Invalid(f"{name!r} is ambiguous: {', '.join(sorted(h.name for h in hits))}")
    return hits[0]


def network_graph(network: Network) -> Graph:
    svc = network.communities
    nodes = [Node(r.id, r.name, r.circle) for r in _rows(network) if not r.archived]
    clusters = [Cluster(c.id, c.name, tuple(c.member_ids)) for c in svc.all()]
    return build(nodes, network.links.edges(), clusters)
