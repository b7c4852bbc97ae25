"""Going through a daily review: where the user is in the queue, what they did with each
card, and the keys that file someone in a circle at triage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .review_items import DONE, GAVE, SKIPPED, SNOOZED, ReviewItem


@dataclass(slots=True)
class Session:
    """Where the user is in the queue and what they did with each card. The actions
    themselves are saved through the services as they happen; this only keeps count."""

    items: Sequence[ReviewItem]
    position: int = 0
    outcomes: dict[int, str] = field(default_factory=dict)
    finished: bool = False

    @property
    def current(self) -> ReviewItem | None:
        if self.finished or not self.items:
            return None
        return self.items[self.position]

    def progress(self) -> str:
        return f"{self.position + 1} of {len(self.items)}" if self.items else "0 of 0"

    def move(self, step: int) -> None:
        if self.items and not self.finished:
            self.position = max(0, min(len(self.items) - 1, self.position + step))

    def resolve(self, outcome: str) -> None:
        """Record what happened to the current card and go to the next open one."""
        if self.current is None:
            return
        self.outcomes[self.position] = outcome
        n = len(self.items)
        for step in range(1, n + 1):
            i = (self.position + step) % n
            if i not in self.outcomes:
                self.position = i
                return
        self.finished = True

    def summary(self) -> str:
        counts = {o: 0 for o in (DONE, SNOOZED, SKIPPED, GAVE)}
        for o in self.outcomes.values():
            counts[o] += 1
        parts = [f"{counts[DONE]} in touch", f"{counts[SNOOZED]} snoozed",
                 f"{counts[SKIPPED]} skipped"]
        if counts[GAVE]:
            parts.append(f"{counts[GAVE]} gave back")
        return f"{len(self.outcomes)} reviewed: " + ", ".join(parts)


def triage_keys(circles: Sequence[str]) -> dict[str, str]:
    """One key per circle for the triage step: 1..9 always, and the circle's first
    letter when no other circle shares it. Never x (skip), q (leave) or s: s snoozes on
    the cards right after triage, so a habitual s must not file someone in a circle."""
    keys = {str(n): c for n, c in enumerate(circles[:9], 1)}
    firsts = [c[:1].lower() for c in circles]
    for c, f in zip(circles, firsts, strict=True):
        if f and f.isalpha() and firsts.count(f) == 1 and f not in ("x", "q", "s"):
            keys[f] = c
    return keys
