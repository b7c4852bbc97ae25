"""Introductions: the most typical give, and a favour with two people.

`gave @A intro to @B` records a favour given to A naming B (`introduced_id`), one per
person introduced; `got @A intro to @B` records a favour received from A naming B (A
introduced you to B). Both people see it on their timelines, and it is a touch with both
(domain.touches)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from .kinds import Direction

if TYPE_CHECKING:  # parsing a line (is_intro) needs no models
    from .models import Favour

INTRO_WORDS = frozenset({"intro", "intros", "introduction", "introductions", "introduced",
                         "introducing", "introduce"})


def is_intro(words: Iterable[str]) -> bool:
    """Whether a favour's words say it is an introduction."""
    return any(w.lower().strip(".,;:!?") in INTRO_WORDS for w in words)


def split(favour: Favour, introduced: Iterable[str]) -> list[Favour]:
    """One favour per person introduced, each naming them; the favour as is without."""
    from .models import new_id

    ids = [i for i in dict.fromkeys(introduced) if i != favour.contact_id]
    if not ids:
        return [favour]
    return [favour.model_copy(update={"id": favour.id if n == 0 else new_id(),
                                      "introduced_id": cid})
            for n, cid in enumerate(ids)]


def describe(favour: Favour, viewer_id: str, name_of: Callable[[str], str],
             fmt: Callable[[date], str] = date.isoformat) -> str | None:
    """The intro as the person viewing it reads it; None for a favour that is no intro.

    On A's side (the favour's contact): "introduced by you to B on DATE", "introduced you
    to B on DATE", "asked for an intro to B on DATE". On B's side: "introduced by you to A
    on DATE", "met through A on DATE", "you asked A for an intro on DATE"."""
    other = favour.introduced_id
    if not other:
        return None
    on = fmt(favour.date)
    if viewer_id == other:
        a = name_of(favour.contact_id)
        return {Direction.gave: f"introduced by you to {a} on {on}",
                Direction.received: f"met through {a} on {on}",
                Direction.asked: f"you asked {a} for an intro on {on}"}[favour.direction]
    b = name_of(other)
    return {Direction.gave: f"introduced by you to {b} on {on}",
            Direction.received: f"introduced you to {b} on {on}",
            Direction.asked: f"asked for an intro to {b} on {on}"}[favour.direction]
