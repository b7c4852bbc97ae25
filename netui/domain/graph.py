"""The network as a graph: people as nodes (coloured by circle), links and intros as
edges, communities as clusters. Writes Graphviz DOT or JSON; a neighbourhood of one
person (breadth first, to a depth) is a tree for the app. Rules only."""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Circle colours (X11 names Graphviz knows), closest first; other circles are grey.
CIRCLE_COLOURS = ("firebrick", "darkorange", "steelblue", "darkseagreen")


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    circle: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    kind: str
    directed: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    name: str
    member_ids: tuple[str, ...]


@dataclass(slots=True)
class Graph:
    nodes: dict[str, Node]
    edges: list[Edge]
    clusters: list[Cluster] = field(default_factory=list)

    def adjacency(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = defaultdict(list)
        for e in self.edges:
            out[e.a].append(e)
            out[e.b].append(e)
        return out

    def around(self, root: str, depth: int) -> Graph:
        """The people within `depth` links of `root` (communities shared count as a
        link), with the edges among them."""
        neighbours: dict[str, list[str]] = defaultdict(list)
        for e in self.edges:
            neighbours[e.a].append(e.b)
            neighbours[e.b].append(e.a)
        return self.only(reach(root, depth, neighbours, self.clusters, self.nodes.__contains__))

    def only(self, keep: Iterable[str]) -> Graph:
        ids = set(keep) & set(self.nodes)
        clusters = [Cluster(c.id, c.name, tuple(m for m in c.member_ids if m in ids))
                    for c in self.clusters]
        return Graph({i: n for i, n in self.nodes.items() if i in ids},
                     [e for e in self.edges if e.a in ids and e.b in ids],
                     [c for c in clusters if c.member_ids])


def reach(root: str, depth: int, neighbours: Mapping[str, Sequence[str]],
          clusters: Iterable[Cluster], alive: Callable[[str], bool]) -> dict[str, int]:
    """Everyone within `depth` steps of `root` (breadth first: id -> steps), through
    people for whom `alive` holds; the root's communities are one step."""
    shared = sorted({m for cl in clusters if root in cl.member_ids for m in cl.member_ids})
    seen = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        nexts = list(neighbours.get(node, ()))
        if node == root:
            nexts += shared
        for nxt in nexts:
            if nxt not in seen and alive(nxt):
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return seen


def build(nodes: Iterable[Node], edges: Iterable[tuple[str, str, str, bool]],
          clusters: Iterable[Cluster] = ()) -> Graph:
    by_id = {n.id: n for n in nodes}
    kept = [Edge(a, b, k, d) for a, b, k, d in edges if a in by_id and b in by_id and a != b]
    return Graph(by_id, kept, [c for c in clusters if c.member_ids])


def tree(graph: Graph, root: str, depth: int,
         shared: Iterable[str] = ()) -> list[tuple[int, str, str, str]]:
    """(level, person id, how reached, parent id) breadth first from `root`, each
    person once, ordered depth first so each sits under whoever reached them (the app
    draws it as an indented tree). `shared`: people in a community with `root`, reached
    by that when no link reaches them first."""
    adj = graph.adjacency()
    reached: dict[str, tuple[int, str, str]] = {}
    children: dict[str, list[str]] = defaultdict(list)
    seen = {root}
    frontier = [root]
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for node in frontier:
            steps = [(e.b if e.a == node else e.a,
                      e.kind if not e.directed or e.a == node else f"{e.kind} (by them)")
                     for e in adj.get(node, ())]
            if node == root:
                steps += [(m, "") for m in shared]
            steps.sort(key=lambda s: graph.nodes[s[0]].name if s[0] in graph.nodes else "")
            for other, how in steps:
                if other in seen or other not in graph.nodes:
                    continue
                seen.add(other)
                reached[other] = (level, how, node)
                children[node].append(other)
                nxt.append(other)
        frontier = nxt
    out = [(0, root, "", "")]

    def walk(node: str) -> None:
        for child in children.get(node, ()):
            level, how, parent = reached[child]
            out.append((level, child, how, parent))
            walk(child)

    walk(root)
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: Graph, circles: Sequence[str]) -> str:
    """Graphviz DOT: a digraph (undirected links drawn without arrowheads), each
    community a cluster (a person in several appears in the first)."""
    colours = {c: CIRCLE_COLOURS[n] if n < len(CIRCLE_COLOURS) else "grey50"
               for n, c in enumerate(circles)}
    lines = ["digraph netui {", '  graph [overlap=false, fontname="Helvetica"];',
             '  node [shape=ellipse, style=filled, fillcolor=white, fontname="Helvetica"];']
    placed: set[str] = set()

    def node_line(n: Node, indent: str) -> str:
        colour = colours.get(n.circle or "", "grey50")
        return f"{indent}{_quote(n.id)} [label={_quote(n.name)}, color={colour}];"

    for i, cl in enumerate(graph.clusters):
        members = [graph.nodes[m] for m in cl.member_ids if m in graph.nodes and m not in placed]
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f"    label={_quote(cl.name)};")
        for n in members:
            lines.append(node_line(n, "    "))
            placed.add(n.id)
        lines.append("  }")
    for n in graph.nodes.values():
        if n.id not in placed:
            lines.append(node_line(n, "  "))
    for e in graph.edges:
        arrow = "" if e.directed else ", dir=none"
        lines.append(f"  {_quote(e.a)} -> {_quote(e.b)} [label={_quote(e.kind)}{arrow}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(graph: Graph) -> str:
    data = {
        "nodes": [{"id": n.id, "name": n.name, "circle": n.circle} for n in graph.nodes.values()],
        "edges": [{"a": e.a, "b": e.b, "kind": e.kind, "directed": e.directed}
                  for e in graph.edges],
        "communities": [{"id": c.id, "name": c.name, "member_ids": list(c.member_ids)}
                        for c in graph.clusters],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
