"""The selected contact's card: fields, next check-in, birthday, balance, timeline.

Built as a rich Text from plain strings, so a name like `Bob [/]` is shown as typed."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ..domain import intros
from ..domain.cadence import humanize_ago, humanize_in, upcoming_birthday
from ..domain.models import CheckIn, CheckInStatus, Contact, Favour, Interaction
from ..services import Network

TIMELINE_LIMIT = 200


def fmt_day(network: Network, day: date) -> str:
    return day.strftime(network.config.date_format)


def _field(text: Text, label: str, value: str, style: str = "") -> None:
    if value:
        text.append(f"{label:<14}", "dim")
        text.append(value, style)
        text.append("\n")


def detail_text(network: Network, c: Contact) -> Text:
    today = network.today()
    text = Text(no_wrap=False)
    text.append(c.name, "bold")
    if c.nickname:
        text.append(f"  “{c.nickname}”", "italic")
    if c.archived:
        text.append("  archived", "reverse")
    text.append("\n")
    work = " · ".join(x for x in (c.title, c.company) if x)
    if work:
        text.append(work + "\n")
    text.append("\n")
    cadence = network.cadence(c)
    circle = c.circle or "no circle"
    _field(text, "Circle", f"{circle}" + (f" (every {cadence} days)" if cadence else ""))
    _field(text, "Tags", " ".join(f"#{t}" for t in c.tags))
    _field(text, "Email", ", ".join(c.emails))
    _field(text, "Phone", ", ".join(c.phones))
    _field(text, "Location", c.location or "")
    _field(text, "Looking for", "; ".join(c.looking_for))
    _field(text, "Links", ", ".join(c.links))
    met = " ".join(x for x in (fmt_day(network, c.met_on) if c.met_on else "", c.how_met or "") if x)
    _field(text, "Met", met)
    touch = network.last_touch(c.id)
    _field(text, "Last touch",
           f"{humanize_ago(touch, today)} ({fmt_day(network, touch)})" if touch else "never")
    due = network.due(c.id)
    if due is None:
        _field(text, "Next check-in", "none (no circle or cadence)", "dim")
    else:
        late = due.overdue_days(today)
        when = f"{late}d overdue" if late else ("today" if due.due == today
                                                 else humanize_in(due.due, today))
        why = due.reason + (f": {due.detail}" if due.detail else "")
        style = "bold red" if late else ("bold yellow" if due.due == today else "")
        _field(text, "Next check-in", f"{when} ({fmt_day(network, due.due)}, {why})", style)
    if c.birthday:
        soon = upcoming_birthday(c.birthday, today, 366)
        extra = ""
        if soon:
            extra = " today" if soon.in_days == 0 else f", {humanize_in(soon.on, today)}"
            if soon.turns:
                extra += f", turns {soon.turns}"
        _field(text, "Birthday", f"{c.birthday.day} {c.birthday.occurrence(2000).strftime('%b')}{extra}")
    st = network.standing(c.id)
    if st.given or st.received or st.asked:
        sign = "+" if st.balance > 0 else ""
        parts = [f"gave {st.given}", f"received {st.received}"]
        if st.open_asks:
            parts.append(f"{st.open_asks} open ask{'s' if st.open_asks > 1 else ''}")
        _field(text, "Balance", f"{sign}{st.balance} ({', '.join(parts)})",
               "green" if st.balance > 0 else ("red" if st.balance < 0 else ""))
    else:
        _field(text, "Balance", "0 (no favours yet)", "dim")
    if c.notes:
        text.append("\n")
        text.append(c.notes + "\n")
    text.append("\nTimeline", "bold underline")
    text.append("  newest first\n", "dim")
    entries = network.timeline(c.id)
    if not entries:
        text.append("Nothing yet. Press i to log an interaction, f a favour.\n", "dim")
    for entry in entries[:TIMELINE_LIMIT]:
        text.append(f"{fmt_day(network, entry.day)}  ", "dim")
        text.append_text(_timeline_line(entry.record, c.id, network))
        text.append("\n")
    if len(entries) > TIMELINE_LIMIT:
        text.append(f"… {len(entries) - TIMELINE_LIMIT} older entries\n", "dim")
    return text


def _name(network: Network, cid: str) -> str:
    c = network.get_contact(cid)
    return c.name if c else "someone deleted"


def _timeline_line(record: Interaction | Favour | CheckIn, viewer: str, network: Network) -> Text:
    line = Text()
    if isinstance(record, Interaction):
        line.append(f"{record.kind.value:<8} ", "cyan")
        line.append(record.text.splitlines()[0] if record.text else "")
    elif isinstance(record, Favour):
        intro = intros.describe(record, viewer, lambda cid: _name(network, cid),
                                lambda d: fmt_day(network, d))
        # "gave", "received", "asked" fit the kind column; a separating space always follows.
        label = "intro" if intro and viewer != record.contact_id else record.direction.value
        line.append(f"{label:<9}", "magenta")
        if intro:
            line.append(intro)
            if viewer == record.contact_id and record.text:
                line.append(f" · {record.text}")
        else:
            line.append(record.text)
        if record.status.value != "done":
            line.append(f"  [{record.status.value}]", "yellow")
    else:
        line.append("check-in ", "green")
        line.append(record.reason or record.kind.value)
        if record.status is not CheckInStatus.done:
            line.append(f"  [{record.status.value}]", "dim")
    return line
