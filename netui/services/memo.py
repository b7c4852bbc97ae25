"""Whole-network answers (due list, nudges, the review queue, health) kept until a write
to what they are computed from (the registry's `feeds`), a new day or a new config."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from ..config import Config
from ..domain import registry
from ..domain.cadence import Due

T = TypeVar("T")
MemoKey = tuple[Any, ...]


class Memo:
    def __init__(self) -> None:
        self.answers: dict[MemoKey, Any] = {}
        # name -> contacts written to since a patchable answer was last brought in step
        self.patches: dict[str, set[str]] = {}
        # due dates by contact until a new day or config (a write drops its contacts' own)
        self.due: dict[str, Due | None] = {}
        self._due_key: MemoKey | None = None

    @staticmethod
    def key(today: date, config: Config) -> MemoKey:
        # Cadences come from the config, which the app may replace while running.
        return (today, id(config), id(config.circles))

    def clear(self) -> None:
        self.answers.clear()
        self.patches.clear()
        self.due.clear()

    def due_cache(self, today: date, config: Config) -> dict[str, Due | None]:
        key = self.key(today, config)
        if self._due_key != key:
            self.due.clear()
            self._due_key = key
        return self.due

    def cached(self, name: str, key: MemoKey, build: Callable[[], T],
               patch: Callable[[T, set[str]], T] | None = None) -> T:
        """The answer `name` under `key`, built when missing; with `patch`, a write keeps
        it and `patch(answer, contact_ids)` brings it in step when next asked for."""
        full = (name, *key)
        if full not in self.answers:
            self.patches.pop(name, None)
            self.answers[full] = build()
        elif patch is not None and (ids := self.patches.pop(name, None)):
            self.answers[full] = patch(self.answers[full], ids)
        if patch is not None:
            self.patches.setdefault(name, set())
        answer: T = self.answers[full]
        return answer

    def written(self, collections: set[str]) -> None:
        """Drop the answers computed from `collections` (a note leaves the nudges valid, a
        favour the due list), unless they are patched instead."""
        depends = registry.memo_depends()
        for key in [k for k in self.answers if collections & depends[k[0].split()[0]]]:
            if key[0] not in self.patches:
                del self.answers[key]

    def touched(self, contact_ids: set[str]) -> None:
        for pending in self.patches.values():
            pending.update(contact_ids)
        for cid in contact_ids:
            self.due.pop(cid, None)
