"""The calendar writer (netui.interop.ics_write) writes the bytes icalendar writes for the
same events: property order, TEXT escaping, folding, durations. Exports stay what they
were byte for byte (but for the time stamp), so nothing is rewritten or re-uploaded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard

from netui.interop.ics import PRODID
from netui.interop.ics_write import CalEvent, calendar_bytes

NOW = datetime(2026, 12, 1, 22, 14, 34, tzinfo=UTC)


def with_icalendar(events: list[CalEvent]) -> bytes:
    """The same calendar built with icalendar, as netui did before it wrote its own."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netui")
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", NOW)
        ev.add("summary", e.summary)
        ev.add("dtstart", e.day)
        ev.add("dtend", e.day + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        if e.description:
            ev.add("description", e.description)
        if e.rrule:
            ev.add("rrule", icalendar.vRecur.from_ical(e.rrule))
        if e.categories:
            ev.add("categories", list(e.categories))
        if e.alarm is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e.alarm_text)
            alarm.add("trigger", e.alarm, parameters={"RELATED": "START"})
            ev.add_component(alarm)
        cal.add_component(ev)
    if not events:
        zone = Timezone()
        zone.add("tzid", "UTC")
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", timedelta(0))
        standard.add("tzoffsetto", timedelta(0))
        standard.add("tzname", "UTC")
        zone.add_component(standard)
        cal.add_component(zone)
    out: bytes = cal.to_ical()
    return out


words = st.text(alphabet=st.sampled_from(list("ab ,;:\\^\"'\n\rNé€😀ß-")), max_size=120)
events = st.builds(
    CalEvent,
    uid=st.from_regex(r"netui-(birthday|due|checkin)-[0-9a-f]{12}@netui", fullmatch=True),
    summary=words, day=st.dates(date(1900, 1, 1), date(2100, 12, 31)), description=words,
    rrule=st.sampled_from(["", "FREQ=YEARLY", "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"]),
    categories=st.sampled_from([(), ("birthday",)]),
    alarm=st.one_of(st.none(), st.builds(timedelta, hours=st.integers(0, 23),
                                         minutes=st.integers(0, 59))),
    alarm_text=words)


@settings(max_examples=300, deadline=None)
@given(st.lists(events, max_size=3))
def test_netuis_calendar_text_is_icalendars(evs):
    assert calendar_bytes(evs, PRODID, NOW) == with_icalendar(evs)


def test_an_empty_calendar_is_icalendars_too():
    assert calendar_bytes([], PRODID, NOW) == with_icalendar([])


def test_an_escape_at_a_fold_is_carried_to_the_next_line_as_icalendar_does():
    for n in range(50, 80):  # every position of the escapes around the first fold
        ev = CalEvent("netui-due-0123456789ab@netui", "x" * n + "\\,;^é" * 4, date(2027, 1, 1))
        assert calendar_bytes([ev], PRODID, NOW) == with_icalendar([ev]), n
