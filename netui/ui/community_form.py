"""Add or edit a community; and the one-line prompt the pane uses for join, leave and
logging participation."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..domain.communities import Community, CommunityKind, CommunityRole
from ..services import Network
from .contact_form import parse_cadence
from .form_base import FormField, FormScreen


class CommunityForm(FormScreen):
    def __init__(self, network: Network, community_id: str | None = None) -> None:
        super().__init__(network)
        self.community = network.communities.community(community_id) if community_id else None
        self.FORM_TITLE = "Edit community" if self.community else "New community"

    def form_fields(self) -> list[FormField]:
        c = self.community
        return [
            FormField("name", "Name *", c.name if c else "", placeholder="ACM Lagos"),
            FormField("kind", "Kind", c.kind.value if c else "other", kind="select",
                      options=[(k.value, k.value) for k in CommunityKind]),
            FormField("role", "Your role", c.role.value if c else "member", kind="select",
                      options=[(r.value, r.value) for r in CommunityRole]),
            FormField("cadence_days", "Take part",
                      f"{c.cadence_days}d" if c and c.cadence_days else "",
                      placeholder="60d, 2w (empty: as your role)"),
            FormField("link", "Link", (c.link or "") if c else ""),
            FormField("notes", "Notes", c.notes if c else "", kind="area"),
        ]

    def save(self, values: dict[str, str]) -> str:
        svc = self.network.communities
        fields = {"name": values["name"], "kind": values["kind"] or "other",
                  "role": values["role"] or "member", "link": values["link"] or None,
                  "notes": values["notes"].strip(),
                  "cadence_days": parse_cadence(values["cadence_days"])}
        if self.community is not None:
            return svc.edit(self.community.id, **fields).id
        return svc.add(Community.model_validate(fields)).id


class LinePrompt(ModalScreen[str | None]):
    """One line of input (enter: done, esc: cancel)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="netui.prompt.cancel")]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.placeholder = title, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="line-prompt", classes="dialog"):
            yield Static(Text(self.title_text, "bold"), markup=False)
            yield Input(placeholder=self.placeholder, id="line-prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
