"""The app's keys and palette: the global bindings (each with an id, so a config keymap
can rebind it, and a tooltip the help screen shows) and which of Textual's own palette
commands netui keeps beside its own (ui.commands)."""

from __future__ import annotations

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("1", "show_pane('contacts')", "Contacts", id="netui.pane.contacts",
            show=False, tooltip="Show the contacts pane"),
    Binding("2", "show_pane('ledger')", "Ledger", id="netui.pane.ledger",
            show=False, tooltip="Show the favours ledger"),
    Binding("3", "show_pane('calendar')", "Calendar", id="netui.pane.calendar",
            show=False, tooltip="Show the check-in calendar"),
    Binding("4", "show_pane('communities')", "Communities", id="netui.pane.communities",
            show=False, tooltip="Show the communities pane"),
    Binding("5", "show_pane('health')", "Health", id="netui.pane.health",
            show=False, tooltip="Show the network's health: on track, touches, giving"),
    Binding("question_mark", "help", "Help", id="netui.help", tooltip="Show every key"),
    Binding("slash", "filter", "Filter", id="netui.filter", show=False,
            tooltip="Filter contacts as you type (#tag, circle:inner, company:x, in:acm)"),
    Binding("a", "quick_add", "Quick add", id="netui.quick_add",
            tooltip="Log something in one line: 'coffee with @ana yesterday +2w'"),
    Binding("n", "new", "New", id="netui.new",
            tooltip="New contact, favour or interaction (depends on the pane)"),
    Binding("e", "edit", "Edit", id="netui.edit", tooltip="Edit the selected item"),
    Binding("d", "delete", "Delete", id="netui.delete", tooltip="Delete the selected item"),
    Binding("r", "review", "Review", id="netui.review",
            tooltip="Daily review: who is due, birthdays, open asks"),
    Binding("ctrl+z", "undo", "Undo", id="netui.undo", show=False,
            tooltip="Undo the last change"),
    Binding("q", "quit", "Quit", id="netui.quit", tooltip="Quit netui"),
]
# Our own commands come from NetuiCommands; of Textual's, theme/keys/screenshot/maximize.
KEPT_SYSTEM_COMMANDS = ("Theme", "Keys", "Screenshot", "Maximize", "Minimize")


def kept_system_commands(commands: list[SystemCommand]) -> list[SystemCommand]:
    return [c for c in commands if c.title in KEPT_SYSTEM_COMMANDS]
