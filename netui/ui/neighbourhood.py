"""A person's neighbourhood as a tree (who introduced whom, who works with whom, the
communities you share), two links deep; and the one-line prompt that links two people."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, Tree

from ..domain.graph import tree
from ..domain.links import split_person_kind
from ..domain.rows import ContactRow
from ..errors import Invalid
from ..graph_view import neighbourhood
from ..services import Network
from .pane import Pane

DEPTH = 2
SHOWN = 200  # people in the tree at most: a hub of a big network stays readable


class NeighbourhoodScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,w", "close", "Close", id="netui.neighbourhood.close")]

    def __init__(self, network: Network, contact_id: str) -> None:
        super().__init__()
        self.network, self.contact_id = network, contact_id

    def compose(self) -> ComposeResult:
        c = self.network.contact(self.contact_id)
        graph = neighbourhood(self.network, c.id, DEPTH)
        root: Tree[str] = Tree(Text(c.name, "bold"), id="neighbourhood-tree")
        root.root.expand()
        nodes = {c.id: root.root}
        groups = self.network.communities.communities_of(c.id)
        shared = [m for g in groups for m in g.member_ids if m != c.id]
        group_of = {m: g.name for g in reversed(groups) for m in g.member_ids}
        rows = tree(graph, c.id, DEPTH, shared)
        parents = {parent for *_, parent in rows[1:SHOWN]}
        for _level, pid, how, parent in rows[1:SHOWN]:
            label = Text(graph.nodes[pid].name)
            label.append(f"  {how or group_of.get(pid, 'a shared community')}", "dim")
            under = nodes[parent]
            nodes[pid] = (under.add(label, expand=True) if pid in parents
                          else under.add_leaf(label))
        hint = (f"{len(rows) - 1} people within {DEPTH} links · esc closes"
                if len(rows) > 1 else "No links yet: press ctrl+l on a contact to link them to "
                                      "someone, or join them to a community (4).")
        with Vertical(id="neighbourhood-box", classes="dialog"):
            yield Static(Text(f"Around {c.name}", "bold"), markup=False)
            yield root
            yield Static(hint, id="neighbourhood-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Tree).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def link_prompt(pane: Pane, c: ContactRow) -> None:
    """Ask whom to link `c` to, and how; save it (one line on a bad answer)."""
    from .community_form import LinePrompt

    def done(line: str | None) -> None:
        if not line:
            return
        name, kind = split_person_kind(line)

        def write() -> object:
            if not kind:
                raise Invalid("link: say how, e.g. @Tom works with")
            other = pane.network.find_one(name)
            return pane.network.links.add(c.id, other.id, kind)

        pane.netui.attempt(write, f"Linked {c.name} ({kind or '?'})")

    pane.app.push_screen(LinePrompt(f"Link {c.name} to… (@Name and how: works with, "
                                    "introduced, partner of, reports to, or a word)",
                                    "@Tom works with"), done)
