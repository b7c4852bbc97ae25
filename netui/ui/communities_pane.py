"""Pane 4: the communities you take part in. The list (members, last time you took
part, due or not) and the selected one's card: members and participation timeline."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.cadence import humanize_ago
from ..domain.communities import Community
from ..errors import NetuiError
from ..services import Network
from ..services.communities import participation_of
from .community_form import CommunityForm, LinePrompt
from .confirm import ConfirmScreen
from .contact_detail import fmt_day
from .hanging import Card
from .pane import Pane

EMPTY = ("No communities yet. Press n to add one: a chapter, alumni, a meetup, a team.\n"
         "Being active where your people are is how a network grows.")
TIMELINE_SHOWN = 100


class CommunitiesPane(Pane):
    BINDINGS = [
        Binding("j", "join", "Join", id="netui.communities.join",
                tooltip="Add people to the selected community"),
        Binding("l", "leave", "Leave", id="netui.communities.leave",
                tooltip="Take people off the selected community"),
        Binding("t", "took_part", "Took part", id="netui.communities.took_part",
                tooltip="Log taking part in the selected community today"),
    ]

    def __init__(self, network: Network, *, id: str) -> None:
        super().__init__(network, id=id)
        self._items: list[Community] = []
        self._wanted: str | None = None  # a community to select once the list is filled

    def compose(self) -> ComposeResult:
        with Vertical(id="communities-left"):
            yield Static("", id="communities-header", markup=False)
            yield OptionList(id="communities-list")
            yield Static(EMPTY, id="communities-empty", markup=False)
        with VerticalScroll(id="community-card-scroll"):
            yield Static("", id="community-card", markup=False)

    def focus_main(self) -> None:
        self.query_one("#communities-list", OptionList).focus()

    # -- filling ------------------------------------------------------------------------

    def reload(self) -> None:
        svc = self.network.communities
        keep = self.selected()
        self._items = svc.all()
        ol = self.query_one("#communities-list", OptionList)
        ol.clear_options()
        ol.add_options([Option(self._row(c), id=c.id) for c in self._items])
        due = sum(1 for c in self._items if svc.due_state(c.id) == "due")
        self.query_one("#communities-header", Static).update(
            f"{len(self._items)} communities · {due} due")
        self.query_one("#communities-empty").display = not self._items
        ol.display = bool(self._items)
        if self._items:
            ids = [c.id for c in self._items]
            wanted = self._wanted or (keep.id if keep else None)
            ol.highlighted = ids.index(wanted) if wanted in ids else 0
        self._wanted = None
        self._show_card()

    def _row(self, c: Community) -> Text:
        svc = self.network.communities
        state = svc.due_state(c.id)
        last = humanize_ago(svc.last(c.id), self.network.today())
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append("● " if state == "due" else "  ", "bold yellow")
        row.append(c.name, "bold")
        n = len(c.member_ids)
        row.append(f"  {n} member{'' if n == 1 else 's'} · {last}", "dim")
        return row

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_card()

    def selected(self) -> Community | None:
        ol = self.query_one("#communities-list", OptionList)
        if ol.highlighted is None or ol.highlighted >= len(self._items):
            return None
        return self._items[ol.highlighted]

    def select(self, community_id: str) -> None:
        """Put the cursor on one community (the Health pane opens it here)."""
        ids = [c.id for c in self._items]
        if community_id in ids:
            self.query_one("#communities-list", OptionList).highlighted = ids.index(community_id)
        else:  # not filled yet (opened a moment ago): once it is
            self._wanted = community_id

    def _show_card(self) -> None:
        c = self.selected()
        card = self.query_one("#community-card", Static)
        card.update(card_text(self.network, c) if c else Text(""))

    # -- verbs ------------------------------------------------------------------------

    def new(self) -> None:
        self.app.push_screen(CommunityForm(self.network), self._saved)

    def edit(self) -> None:
        if c := self.selected():
            self.app.push_screen(CommunityForm(self.network, c.id), self._saved)

    def _saved(self, community_id: str | None) -> None:
        if community_id:
            self.select(community_id)  # a new one is where the cursor goes
            self.notify("Saved the community", timeout=2)

    def delete(self) -> None:
        c = self.selected()
        if c is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.netui.attempt(lambda: self.network.communities.delete(c.id),
                                   f"Deleted {c.name} (ctrl+z undoes)")

        what = Text.assemble("Delete ", (c.name, "bold"),
                             " and its participation log? Members stay contacts.")
        self.app.push_screen(ConfirmScreen(what, yes="Delete"), done)

    def _people(self, line: str) -> list[str]:
        return [self.network.find_one(w.strip()).id
                for w in line.replace(",", "@").split("@") if w.strip()]

    def action_join(self) -> None:
        self._members("join", "Who joins? @Name @Other")

    def action_leave(self) -> None:
        self._members("leave", "Who leaves? @Name")

    def _members(self, verb: str, title: str) -> None:
        c = self.selected()
        if c is None:
            return

        def done(line: str | None) -> None:
            if not line:
                return
            svc = self.network.communities
            try:
                ids = self._people(line)
            except NetuiError as exc:
                self.notify(f"{exc}\nThe change was not saved.", title="Not saved",
                            severity="error", markup=False)
                return
            write = svc.join if verb == "join" else svc.leave
            self.netui.attempt(lambda: write(c.id, ids),
                               f"{len(ids)} {'joined' if verb == 'join' else 'left'} {c.name}")

        self.app.push_screen(LinePrompt(f"{c.name}: {title}", "@Priya @Tom"), done)

    def action_took_part(self) -> None:
        c = self.selected()
        if c is None:
            return

        def done(line: str | None) -> None:
            if line is None:
                return
            gave = line.lower().startswith("gave ")
            text = line[5:] if gave else line
            p = participation_of(c.id, self.network.today(), text, gave=gave)
            self.netui.attempt(lambda: self.network.communities.log(p),
                               f"{'Gave to' if gave else 'Took part in'} {c.name}")

        self.app.push_screen(LinePrompt(f"{c.name}: what did you do today? (gave ... for a "
                                        "contribution)", "chapter meetup"), done)


def warm_communities(network: Network) -> Iterator[object]:
    """The communities and their log read and indexed after start-up, a step at a time
    (a piece for the warm queue), so pressing 4 costs the drawing only. This module is
    imported by then too."""
    return network.communities.warm_steps()


def card_text(network: Network, c: Community) -> Card:
    svc = network.communities
    today = network.today()
    text = Text(no_wrap=False)
    text.append(c.name, "bold")
    text.append(f"  {c.kind.value} · you: {c.role.value}\n", "dim")
    if c.link:
        text.append(c.link + "\n")
    last = svc.last(c.id)
    state = svc.due_state(c.id)
    text.append(f"{'Take part':<14}", "dim")
    text.append(f"every {c.cadence} days · last {humanize_ago(last, today)}")
    if state == "due":
        text.append("  due", "bold yellow")
    text.append("\n")
    if c.notes:
        text.append("\n" + c.notes + "\n")
    members = svc.members(c.id)
    text.append(f"\nMembers ({len(members)})\n", "bold underline")
    if not members:
        text.append("Nobody yet. Press j to add people.\n", "dim")
    for m in members:
        text.append(f"  {m.name}")
        if m.company:
            text.append(f"  {m.company}", "dim")
        text.append("\n")
    history = svc.history(c.id)
    text.append("\nTimeline", "bold underline")
    text.append("  newest first\n", "dim")
    if not history:
        text.append("Nothing yet. Press t when you take part, or type &"
                    f"{c.name.split()[0]} in quick-add.\n", "dim")
    # Each entry wraps under its own text, never back to column 0 (as a person's timeline).
    text.rstrip()  # in place: the card keeps no blank line before the entries
    card = Card().text(text)
    for p in history[:TIMELINE_SHOWN]:
        prefix = Text(f"{fmt_day(network, p.date)}  ", "dim")
        prefix.append(f"{p.kind.value:<6} ", "magenta" if p.kind.value == "gave" else "cyan")
        body = Text(p.text.splitlines()[0] if p.text else "")
        met = [n.name for cid in p.contact_ids if (n := network.get_contact(cid))]
        if met:
            body.append(f"  met {', '.join(met)}", "dim")
        card.field(prefix, body, width=cell_len(prefix.plain))
    if len(history) > TIMELINE_SHOWN:
        card.text(Text(f"… {len(history) - TIMELINE_SHOWN} older", "dim"))
    return card
