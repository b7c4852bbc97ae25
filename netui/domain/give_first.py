"""The give-first habit, shown whenever an ask is logged (quick-add's `asked`)."""

from __future__ import annotations

from typing import Any

HABIT = ("Give first. Ask for something they can easily do: information, ideas, advice, "
         "a reference; not something long or hard to refuse.")


def ask_advice(name: str, standing: Any) -> list[str]:
    """Lines shown when logging an ask: the balance, the habit, and a warning when you
    have given this person nothing yet."""
    lines = [f"Balance with {name}: {standing.balance:+d} "
             f"(gave {standing.given}, received {standing.received})", HABIT]
    if standing.given == 0:
        lines.append(f"You have given {name} nothing yet: give something first.")
    return lines
