"""Birthdays and check-ins as an iCalendar file for khal, Thunderbird or Google Calendar.

Every event has a UID derived from the contact or check-in id, so exporting again and
re-importing (or re-subscribing) updates the events instead of adding copies."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard, vRecur

from ..domain.models import Birthday, CheckInKind, Contact, utcnow

if TYPE_CHECKING:
    from ..services import Network

PRODID = "-//netui//netui calendar export//EN"


def _event(uid: str, summary: str, day: date, description: str = "") -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", utcnow())
    ev.add("summary", summary)
    ev.add("dtstart", day)  # a date, not a datetime: an all-day event
    ev.add("dtend", day + timedelta(days=1))
    ev.add("transp", "TRANSPARENT")  # does not block time in anyone's schedule
    if description:
        ev.add("description", description)
    return ev


def alarm_offset(at: str | None) -> timedelta | None:
    """"09:00" -> 9 hours after the start of an all-day event (its local midnight)."""
    if not at:
        return None
    hour, minute = at.split(":")
    return timedelta(hours=int(hour), minutes=int(minute))


def with_alarm(ev: Event, offset: timedelta | None, what: str) -> Event:
    """A DISPLAY alarm on the event's day at `offset` after its start, so a phone's
    calendar reminds even with netui closed ([remind] ics_alarm)."""
    if offset is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", what)
        alarm.add("trigger", offset, parameters={"RELATED": "START"})
        ev.add_component(alarm)
    return ev


def birthday_event(c: Contact, b: Birthday) -> Event:
    """Yearly from the birth date (2000 when the year is unknown or before 1900, since some
    calendar apps mishandle very old dates). 29 February recurs on the last day of
    February, so it shows on the 28th in common years."""
    year = b.year if b.year and b.year >= 1900 else 2000
    ev = _event(f"netui-birthday-{c.id}@netui", f"{c.name}'s birthday", date(year, b.month, b.day),
                f"Born {b}" if b.year else "")
    if (b.month, b.day) == (2, 29):
        ev.add("rrule", vRecur(freq="YEARLY", bymonth=2, bymonthday=-1))
    else:
        ev.add("rrule", vRecur(freq="YEARLY"))
    ev.add("categories", ["birthday"])
    return ev


def calendar_events(network: Network) -> list[Event]:
    """Birthdays of active contacts; each contact's next due check-in (overdue ones on
    today, so they are seen); and scheduled follow-ups that are not that same day."""
    today = network.today()
    offset = alarm_offset(network.config.remind.ics_alarm)
    events: list[Event] = []
    for c in network.contacts():
        if c.birthday:
            events.append(with_alarm(birthday_event(c, c.birthday), offset,
                                     f"{c.name}'s birthday"))
        due = network.due(c.id)
        if due is not None:
            late = f" (due since {due.due.isoformat()})" if due.due < today else ""
            text = f"{due.reason}: {due.detail}" if due.detail else due.reason
            ev = _event(f"netui-due-{c.id}@netui", f"Check in with {c.name}",
                        max(due.due, today), text + late)
            events.append(with_alarm(ev, offset, f"Check in with {c.name}"))
        for chk in network.checkins_for(c.id, pending_only=True):
            if chk.kind is CheckInKind.followup and (due is None or chk.due != due.due):
                ev = _event(f"netui-checkin-{chk.id}@netui", f"Follow up with {c.name}",
                            chk.due, chk.reason)
                events.append(with_alarm(ev, offset, f"Follow up with {c.name}"))
    return events


def calendar(events: list[Event]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netui")
    for ev in events:
        cal.add_component(ev)
    if not events:  # RFC 5545 wants a component; UTC's time zone shows nothing anywhere
        cal.add_component(_utc_zone())
    return cal


def _utc_zone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", "UTC")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(0))
    standard.add("tzoffsetto", timedelta(0))
    standard.add("tzname", "UTC")
    zone.add_component(standard)
    return zone


def to_ics(network: Network) -> bytes:
    """Every event (see calendar_events) in one calendar file."""
    return ics_export(network)[0]


def ics_export(network: Network) -> tuple[bytes, int]:
    """The calendar file and how many events it holds."""
    events = calendar_events(network)
    ical: bytes = calendar(events).to_ical()
    return ical, len(events)
