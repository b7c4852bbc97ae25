"""netui's services: everything the CLI and the TUI do to a network goes through here.

`Network` is a thin façade: one `Indexes` (the derived data and how each write changes
it), one `UnitOfWork` (transactions, revisions, the undo log, other processes' changes)
and an object per area over them (contacts, schedule, ledger, interactions, review,
transfer), to which each public method delegates. Which records exist and who owns them
is declared once, in netui.domain.registry.

Contacts are held as validated models (10k validate in ~70 ms); interactions, favours and
check-ins stay as the stored documents and become models on demand, because validating
100k notes at start-up would cost over a second."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .events import Changed
    from .network import Network
    from .opening import open_network
    from .results import DueEntry, Nudges, ReviewKey, TimelineEntry, in_years, valid_contact
    from .transfer import validate_export

__all__ = [
    "Changed", "DueEntry", "Network", "Nudges", "ReviewKey", "TimelineEntry", "in_years",
    "open_network", "valid_contact", "validate_export",
]

# Each name's module, imported when the name is first asked for: a shell command that
# needs only a piece of the package (services.shell_index for `netui note`) does not
# load the façade, the models and pydantic with it.
_HOMES = {"Changed": "events", "Network": "network", "open_network": "opening",
          "validate_export": "transfer",
          **dict.fromkeys(("DueEntry", "Nudges", "ReviewKey", "TimelineEntry", "in_years",
                           "valid_contact"), "results")}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value
