"""The config's UI settings checked against the app itself, before it starts: a keymap
naming a binding that does not exist or a key Textual has no name for, or a theme that
is not one, is refused with one line naming the setting (instead of being ignored)."""

from __future__ import annotations

import importlib

from textual.binding import Binding
from textual.keys import KEY_ALIASES, Keys, key_to_character
from textual.theme import BUILTIN_THEMES

from ..config import Config, ConfigError

# Every class that declares key bindings: (module, class name).
_BOUND = [
    ("app", "NetuiApp"), ("calendar_pane", "CalendarPane"), ("confirm", "ConfirmScreen"),
    ("contact_list", "ContactList"), ("contacts_pane", "FilterInput"),
    ("contacts_pane", "ContactsPane"), ("date_picker", "DatePrompt"),
    ("date_picker", "SnoozeScreen"), ("dedupe_screen", "DedupeScreen"),
    ("form_base", "FormScreen"), ("help_screen", "HelpScreen"),
    ("import_screen", "ImportScreen"), ("ledger_pane", "LedgerPane"),
    ("month_grid", "MonthGrid"), ("note_editor", "NoteEditorScreen"),
    ("quickadd", "QuickAddScreen"), ("review", "LinePrompt"), ("review", "SnoozePrompt"),
    ("review", "ReviewScreen"),
]
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED = {k.value.rpartition("+")[2] for k in Keys} | set(KEY_ALIASES) | {"space"}


def binding_ids() -> set[str]:
    ids: set[str] = set()
    for module, name in _BOUND:
        cls = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        ids.update(b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id)
    return ids


def is_key(key: str) -> bool:
    """A key Textual can bind: modifiers, then one character or a key name."""
    *mods, base = key.strip().split("+")
    if not base or any(m not in _MODIFIERS for m in mods):
        return False
    if len(base) == 1:
        return base.isprintable()
    return base in _NAMED or key_to_character(base) is not None


def check_ui_settings(config: Config, where: str = "config") -> None:
    """Raise ConfigError (one line) for the first keymap entry or theme that is wrong."""
    # Collecting the binding ids imports every screen (~60 ms before the first frame):
    # only a config that remaps keys needs them.
    known = binding_ids() if config.keymap else set()
    for binding_id, keys in config.keymap.items():
        label = binding_id if binding_id.isprintable() else repr(binding_id)
        if binding_id not in known:
            raise ConfigError(f"{where}: keymap: {label!r} is not a binding id "
                              "(the ? help lists them)")
        for key in keys.split(","):
            if not is_key(key):
                shown = key.strip() if key.strip().isprintable() else repr(key)
                raise ConfigError(f"{where}: keymap.{label}: {shown!r} is not a key name "
                                  "(e.g. q, ctrl+q, f2, escape)")
    if config.theme not in BUILTIN_THEMES:
        names = ", ".join(sorted(BUILTIN_THEMES))
        raise ConfigError(f"{where}: theme: {config.theme!r} is not a theme ({names})")
