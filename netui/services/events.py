"""What the services tell their listeners (the app, the review) after every write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changed:
    """What a write (or another process) changed: collections and contact ids."""

    collections: frozenset[str]
    contact_ids: frozenset[str] = frozenset()
    external: bool = False
    label: str = ""


Listener = Callable[[Changed], None]


def emit(listeners: list[Listener], event: Changed) -> None:
    for listener in list(listeners):  # a listener may remove itself
        listener(event)
