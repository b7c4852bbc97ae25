"""The selected contact's card (fields, next check-in, birthday, balance) and the lines
of their timeline.

Built from plain strings as rich Text inside a `Card`, so a name like `Bob [/]` is shown as
typed and a wrapped value hangs under its value column."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ..domain import intros
from ..domain.cadence import humanize_ago, humanize_in, upcoming_birthday
from ..domain.models import CheckIn, CheckInStatus, Contact, Favour, Interaction
from ..services import Network, TimelineEntry
from .hanging import Card, hanging
from .relations_text import append_relations

TIMELINE_LIMIT = 200


def fmt_day(network: Network, day: date) -> str:
    return day.strftime(network.config.date_format)


def _field(card: Card, label: str, value: str, style: str = "", cut: bool = False) -> None:
    if value:
        card.field(label, value, style=style, cut=cut)


def detail_text(network: Network, c: Contact) -> Card:
    today = network.today()
    card = Card()
    head = Text(c.name, "bold")
    if c.nickname:
        head.append(f"  “{c.nickname}”", "italic")
    if c.archived:
        head.append("  archived", "reverse")
    card.text(head)
    work = " · ".join(x for x in (c.title, c.company) if x)
    if work:
        card.text(work)
    card.text("")
    cadence = network.cadence(c)
    circle = c.circle or "no circle"
    _field(card, "Circle", f"{circle}" + (f" (every {cadence} days)" if cadence else ""))
    _field(card, "Tags", " ".join(f"#{t}" for t in c.tags))
    _field(card, "Email", "\n".join(c.emails), cut=True)
    _field(card, "Phone", ", ".join(c.phones))
    _field(card, "Location", c.location or "")
    _field(card, "Looking for", "; ".join(c.looking_for))
    _field(card, "Links", "\n".join(c.links), cut=True)
    append_relations(card, network, c)
    met = " ".join(x for x in (fmt_day(network, c.met_on) if c.met_on else "", c.how_met or "") if x)
    _field(card, "Met", met)
    touch = network.last_touch(c.id)
    _field(card, "Last touch",
           f"{humanize_ago(touch, today)} ({fmt_day(network, touch)})" if touch else "never")
    due = network.due(c.id)
    if due is None:
        _field(card, "Next check-in", "none (no circle or cadence)", "dim")
    else:
        late = due.overdue_days(today)
        when = f"{late}d overdue" if late else ("today" if due.due == today
                                                 else humanize_in(due.due, today))
        why = due.reason + (f": {due.detail}" if due.detail else "")
        style = "bold red" if late else ("bold yellow" if due.due == today else "")
        _field(card, "Next check-in", f"{when} ({fmt_day(network, due.due)}, {why})", style)
    if c.birthday:
        soon = upcoming_birthday(c.birthday, today, 366)
        extra = ""
        if soon:
            extra = " today" if soon.in_days == 0 else f", {humanize_in(soon.on, today)}"
            if soon.turns:
                extra += f", turns {soon.turns}"
        _field(card, "Birthday", f"{c.birthday.day} {c.birthday.occurrence(2000).strftime('%b')}{extra}")
    st = network.standing(c.id)
    if st.given or st.received or st.asked:
        sign = "+" if st.balance > 0 else ""
        parts = [f"gave {st.given}", f"received {st.received}"]
        if st.open_asks:
            parts.append(f"{st.open_asks} open ask{'s' if st.open_asks > 1 else ''}")
        _field(card, "Balance", f"{sign}{st.balance} ({', '.join(parts)})",
               "green" if st.balance > 0 else ("red" if st.balance < 0 else ""))
    else:
        _field(card, "Balance", "0 (no favours yet)", "dim")
    if c.notes:
        card.text("")
        card.text(c.notes)
    return card


def timeline_prompt(network: Network, entry: TimelineEntry, viewer: str) -> Card:
    """One timeline entry of `viewer`'s in two columns: the date and kind, then what
    happened, wrapped under itself."""
    kind, body = _timeline_parts(entry.record, viewer, network)
    prefix = Text(f"{fmt_day(network, entry.day)}  ", "dim")
    prefix.append_text(kind)
    return hanging(prefix, body)


def _name(network: Network, cid: str) -> str:
    c = network.get_contact(cid)
    return c.name if c else "someone deleted"


def _timeline_parts(record: Interaction | Favour | CheckIn, viewer: str,
                    network: Network) -> tuple[Text, Text]:
    """(the kind, 9 cells wide; the text) of one entry."""
    line = Text()
    if isinstance(record, Interaction):
        kind = Text(f"{record.kind.value:<8} ", "cyan")
        line.append(record.text.splitlines()[0] if record.text else "")
    elif isinstance(record, Favour):
        intro = intros.describe(record, viewer, lambda cid: _name(network, cid),
                                lambda d: fmt_day(network, d))
        # "gave", "received", "asked" fit the kind column; a separating space always follows.
        label = "intro" if intro and viewer != record.contact_id else record.direction.value
        kind = Text(f"{label:<9}", "magenta")
        if intro:
            line.append(intro)
            if viewer == record.contact_id and record.text:
                line.append(f" · {record.text}")
        else:
            line.append(record.text)
        if record.status.value != "done":
            line.append(f"  [{record.status.value}]", "yellow")
    else:
        kind = Text("check-in ", "green")
        line.append(record.reason or record.kind.value)
        if record.status is not CheckInStatus.done:
            line.append(f"  [{record.status.value}]", "dim")
    return kind, line
