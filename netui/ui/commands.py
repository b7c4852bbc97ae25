"""Every key binding, once: for the `?` help screen and the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import NetuiApp


@dataclass(frozen=True, slots=True)
class Command:
    section: str  # "Everywhere" or a pane's title
    pane: str | None  # the pane the action runs on; None for the app
    binding: Binding | None
    title: str
    help: str
    action: str


def _binding_commands(section: str, pane: str | None, bindings: list) -> list[Command]:
    out = []
    for b in bindings:
        if isinstance(b, Binding) and b.id:
            out.append(Command(section, pane, b, b.description, b.tooltip or b.description,
                               b.action))
    return out


def all_commands() -> list[Command]:
    """The app's and each pane's bindings, plus commands that have no key."""
    from .app import NetuiApp
    from .calendar_pane import CalendarPane
    from .contacts_pane import ContactsPane
    from .ledger_pane import LedgerPane

    cmds = _binding_commands("Everywhere", None, NetuiApp.BINDINGS)
    cmds += _binding_commands("Contacts", "contacts", ContactsPane.BINDINGS)
    cmds += _binding_commands("Ledger", "ledger", LedgerPane.BINDINGS)
    cmds += _binding_commands("Calendar", "calendar", CalendarPane.BINDINGS)
    cmds += [
        Command("Everywhere", None, None, "Import contacts from a file…",
                "vCard, CSV or a netui JSON export", "import"),
        Command("Everywhere", None, None, "Find and merge duplicates",
                "Contacts that look like the same person", "dedupe"),
        Command("Everywhere", None, None, "Search notes…",
                "Find words in everything you wrote: / matches notes as well as people",
                "filter"),
        Command("Everywhere", None, None, "New contact", "Add a contact", "new_contact"),
        Command("Everywhere", None, None, "Log an interaction",
                "A meeting, call, message or note", "new_interaction"),
        Command("Everywhere", None, None, "Log a favour",
                "Given, received or asked", "new_favour"),
    ]
    return cmds


def key_display(app: NetuiApp, binding: Binding) -> str:
    """The binding's keys after the user's keymap, as the footer shows them."""
    keys = app.network.config.keymap.get(binding.id or "", binding.key)
    shown = [app.get_key_display(Binding(k.strip(), "")) for k in keys.split(",") if k.strip()]
    return " ".join(shown)


def run_command(app: NetuiApp, cmd: Command) -> None:
    if cmd.pane is None:
        app.call_next(app.run_action, cmd.action)
        return
    app.call_next(app.run_pane_action, cmd.pane, cmd.action)


class NetuiCommands(Provider):
    """netui's commands in the palette, each with its key when it has one."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = cast("NetuiApp", self.app)
        out: list[tuple[str, str, Callable[[], None]]] = []
        for cmd in all_commands():
            prefix = "" if cmd.section == "Everywhere" else f"{cmd.section}: "
            title = prefix + (cmd.binding.tooltip if cmd.binding and cmd.binding.tooltip
                              else cmd.title)
            help_text = f"key: {key_display(app, cmd.binding)}" if cmd.binding else cmd.help
            out.append((title, help_text, partial(run_command, app, cmd)))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
