"""Birthdays and check-ins as an iCalendar file for khal, Thunderbird or Google Calendar.

Every event has a UID derived from the contact or check-in id, so exporting again and
re-importing (or re-subscribing) updates the events instead of adding copies. The text
is written by ics_write (the bytes icalendar writes, ten times faster)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.models import Birthday, CheckInKind, Contact
from .ics_write import CalEvent, calendar_bytes

if TYPE_CHECKING:
    from ..services import Network

PRODID = "-//netui//netui calendar export//EN"


def alarm_offset(at: str | None) -> timedelta | None:
    """"09:00" -> 9 hours after the start of an all-day event (its local midnight)."""
    if not at:
        return None
    hour, minute = at.split(":")
    return timedelta(hours=int(hour), minutes=int(minute))


def with_alarm(ev: CalEvent, offset: timedelta | None, what: str) -> CalEvent:
    """A DISPLAY alarm on the event's day at `offset` after its start, so a phone's
    calendar reminds even with netui closed ([remind] ics_alarm)."""
    if offset is None:
        return ev
    return dataclasses.replace(ev, alarm=offset, alarm_text=what)


def birthday_event(c: Contact, b: Birthday) -> CalEvent:
    """Yearly from the birth date (2000 when the year is unknown or before 1900, since some
    calendar apps mishandle very old dates). 29 February recurs on the last day of
    February, so it shows on the 28th in common years."""
    year = b.year if b.year and b.year >= 1900 else 2000
    leap = (b.month, b.day) == (2, 29)
    return CalEvent(f"netui-birthday-{c.id}@netui", f"{c.name}'s birthday",
                    date(year, b.month, b.day), f"Born {b}" if b.year else "",
                    "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" if leap else "FREQ=YEARLY",
                    ("birthday",))


def calendar_events(network: Network) -> list[CalEvent]:
    """Birthdays of active contacts; each contact's next due check-in (overdue ones on
    today, so they are seen); and scheduled follow-ups that are not that same day."""
    today = network.today()
    offset = alarm_offset(network.config.remind.ics_alarm)
    events: list[CalEvent] = []
    for c in network.contacts():
        if c.birthday:
            events.append(with_alarm(birthday_event(c, c.birthday), offset,
                                     f"{c.name}'s birthday"))
        due = network.due(c.id)
        if due is not None:
            late = f" (due since {due.due.isoformat()})" if due.due < today else ""
            text = f"{due.reason}: {due.detail}" if due.detail else due.reason
            ev = CalEvent(f"netui-due-{c.id}@netui", f"Check in with {c.name}",
                          max(due.due, today), text + late)
            events.append(with_alarm(ev, offset, f"Check in with {c.name}"))
        for chk in network.checkins_for(c.id, pending_only=True):
            if chk.kind is CheckInKind.followup and (due is None or chk.due != due.due):
                ev = CalEvent(f"netui-checkin-{chk.id}@netui", f"Follow up with {c.name}",
                              chk.due, chk.reason)
                events.append(with_alarm(ev, offset, f"Follow up with {c.name}"))
    return events


def calendar(events: list[CalEvent]) -> bytes:
    """The events as one calendar file (UTC's time zone alone when there are none: RFC
    5545 wants a component, and that one shows nothing)."""
    return calendar_bytes(events, PRODID)


def to_ics(network: Network) -> bytes:
    """Every event (see calendar_events) in one calendar file."""
    return ics_export(network)[0]


def ics_export(network: Network) -> tuple[bytes, int]:
    """The calendar file and how many events it holds."""
    events = calendar_events(network)
    return calendar(events), len(events)
