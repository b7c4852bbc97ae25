"""One daily-review card: the person's last touch, balance, open asks checked by the
coach, gives to suggest, their role and what to do about them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import ask_coach, roles
from .cadence import humanize_ago
from .ledger import Standing
from .models import Direction, FavourStatus, Interaction
from .review_items import ReviewItem
from .sources import ReviewSource


def suggestion(item: ReviewItem, standing: Standing, last: Interaction | None) -> str:
    kinds = item.kinds
    if "owes_back" in kinds:
        return "They helped you: give something back (an intro, an article, a thank-you)."
    if "birthday" in kinds:
        return "Send birthday wishes."
    if "stale_ask" in kinds:
        return "Follow up on your ask once, kindly, or let it go."
    if standing.given == 0:
        return "Offer something small before asking for anything: an article, an intro."
    if last is not None and last.text:
        return f"Ask how things went since: {last.text[:80]}"
    return "Send a short note: something you saw that made you think of them."


@dataclass(frozen=True, slots=True)
class Card:
    item: ReviewItem
    last: Interaction | None
    standing: Standing
    suggestion: str
    # The coach on this person's open asks: (the ask's text, its check), big ones first.
    asks: tuple[tuple[str, ask_coach.AskCheck], ...] = ()
    ideas: tuple[str, ...] = ()  # gives that match what they are looking for
    role: str | None = None  # "your mentor: last asked for advice 5mo ago" (see roles)

    def ask_lines(self) -> list[str]:
        return [f"open ask \u201c{text}\u201d: {check.line()}" for text, check in self.asks]

    def who(self) -> str:
        c = self.item.contact
        bits = [b for b in (c.title, c.company) if b]
        extra = f" · {' at '.join(bits)}" if bits else ""
        circle = f" · {c.circle}" if c.circle else ""
        return f"{c.name}{extra}{circle}"

    def last_line(self, today: date) -> str:
        if self.last is None:
            return "never in touch"
        text = f": {self.last.text}" if self.last.text else ""
        return f"{self.last.kind.value} {humanize_ago(self.last.date, today)}{text}"

    def balance_line(self) -> str:
        s = self.standing
        asks = f", {s.open_asks} open ask{'s' if s.open_asks != 1 else ''}" if s.open_asks else ""
        return f"{s.balance:+d} (gave {s.given}, received {s.received}{asks})"

    def to_json(self) -> dict[str, Any]:
        c = self.item.contact
        return {
            "contact_id": c.id,
            "name": c.name,
            "circle": c.circle,
            "urgency": self.item.urgency,
            "reasons": [{"kind": r.kind, "text": r.text, **({"state": r.state} if r.state else {})}
                        for r in self.item.reasons],
            "last_interaction": None if self.last is None else {
                "date": self.last.date.isoformat(), "kind": self.last.kind.value,
                "text": self.last.text},
            "balance": self.standing.balance,
            "suggestion": self.suggestion,
            "open_asks": [{"text": text, "ask_check": check.to_json()}
                          for text, check in self.asks],
            "ideas": list(self.ideas),
            "roles": list(c.roles),
            "role_line": self.role,
        }


def card_for(network: ReviewSource, item: ReviewItem, ideas: Iterable[str] = ()) -> Card:
    """One card; `ideas` are gives to suggest (see netui.coach.ideas_for)."""
    cid = item.contact.id
    found = network.interactions_for(cid)
    last = found[0] if found else None
    st = network.standing(cid)
    asks: tuple[tuple[str, ask_coach.AskCheck], ...] = ()
    if st.open_asks:
        found_asks = network.favours(cid, Direction.asked, FavourStatus.open)
        checked = [(f.text, ask_coach.check_ask(f.text)) for f in found_asks]
        asks = tuple(sorted(checked, key=lambda a: not a[1].big))
    asked = [f.date for f in network.favours(cid, Direction.asked)] if item.contact.roles else []
    role = roles.role_line(item.contact.roles, max(asked, default=None),
                           network.last_touch(cid), network.today())
    return Card(item, last, st, suggestion(item, st, last), asks, tuple(ideas), role)
