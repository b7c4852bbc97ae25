"""Completion for a Person field, as quick-add's `@name` completes: the first person the
typed start names, shown greyed after the cursor; → (or End) accepts it."""

from __future__ import annotations

from textual.suggester import Suggester

from ..domain.names import fold
from ..domain.quickadd import Directory
from ..services import Network


class NameSuggester(Suggester):
    def __init__(self, network: Network) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.network = network
        self._directory: Directory | None = None

    @property
    def directory(self) -> Directory:
        if self._directory is None:  # built on the first key, not when the form opens
            self._directory = Directory(self.network.contacts())
        return self._directory

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.strip()
        if not typed:
            return None
        for person in self.directory.complete(typed, limit=8):
            name = person.name
            if fold(name).startswith(fold(value)) and len(name) > len(value):
                return name
        return None
