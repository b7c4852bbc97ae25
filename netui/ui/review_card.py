"""What one review card shows, each thing once (issue 18 item 2): why they are due, the
last touch (when and how: its text is in the history beneath), one suggestion, then the
last three timeline entries and the open favours, which is what you want to see before
reaching out. Wrapped values hang under their column (netui.ui.hanging)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ..domain import review as rv
from ..domain.cadence import humanize_ago
from ..domain.models import CheckIn, CheckInStatus, Favour, FavourStatus
from ..services import Network, TimelineEntry
from .contact_detail import timeline_prompt
from .hanging import Card

RECENT = 3
_SINCE = "Ask how things went since: "


def reasons(item: rv.ReviewItem, role: str | None = None) -> Card:
    """Why they are due, then what they are to you ("your mentor: last asked ...")."""
    card = Card()
    for r in item.reasons:
        card.field(Text("• ", "bold"), Text(r.text), width=2)
    if role:
        card.field(Text("• ", "bold"), Text(role), width=2)
    return card


def last_touch(card: rv.Card, today: date) -> str:
    last = card.last
    if last is None:
        return "last touch: never"
    return f"last touch: {last.kind.value} {humanize_ago(last.date, today)}"


def suggestion(card: rv.Card) -> str:
    """The card's one suggestion, without the last note's text (it is shown beneath)."""
    if card.suggestion.startswith(_SINCE) and card.last is not None:
        return f"→ Ask how things went since that {card.last.kind.value}."
    return f"→ {card.suggestion}"


def _said(text: str, item: rv.ReviewItem) -> bool:
    """Whether a reason already says `text` (a follow-up repeats its note)."""
    text = text.strip()
    return bool(text) and any(text in r.text for r in item.reasons)


def _recent(network: Network, cid: str, today: date) -> list[TimelineEntry]:
    out = []
    for entry in network.timeline(cid):
        record = entry.record
        if entry.day > today:
            continue
        if isinstance(record, CheckIn) and record.status is CheckInStatus.pending:
            continue  # a pending check-in is a reason, not history
        if isinstance(record, Favour) and record.status is FavourStatus.open:
            continue  # listed under open favours
        out.append(entry)
        if len(out) == RECENT:
            break
    return out


def history(network: Network, card: rv.Card, today: date) -> Card | None:
    """The last three entries and the open favours, or None when there are neither."""
    item = card.item
    cid = item.contact.id
    recent = _recent(network, cid, today)
    coached = dict(card.asks)
    open_favours = [f for f in network.favours(cid, status=FavourStatus.open)
                    if not _said(f.text, item) or f.text in coached]
    if not recent and not open_favours:
        return None
    out = Card()
    if recent:
        out.text(Text("Recently", "bold dim"))
        for entry in recent:
            record = entry.record
            text = getattr(record, "text", "") or ""
            if _said(text.splitlines()[0] if text else "", item):
                # Shown once, in the reason above: keep the date and kind here.
                entry = TimelineEntry(entry.day, record.model_copy(update={"text": "(above)"}))
            out.parts.extend(timeline_prompt(network, entry, cid).parts)
    if open_favours:
        out.text(Text("Open favours", "bold dim"))
        for f in open_favours:
            body = Text("(above)" if _said(f.text, item) else f.text or "(no description)")
            body.append(f" · {humanize_ago(f.date, today)}", "dim")
            check = coached.get(f.text)
            if check is not None:
                body.append(f"\n{check.line()}", "yellow")
            out.field(Text(f.direction.value, "magenta"), body, width=10)
    return out
