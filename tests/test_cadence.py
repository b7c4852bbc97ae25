from datetime import date, timedelta

from netui.domain.cadence import cadence_for, humanize_ago, next_due, upcoming_birthday
from netui.domain.models import Birthday, CheckIn, CheckInKind, CheckInStatus

D = date(2026, 11, 22)


def chk(due, kind="followup", status="pending", reason="r"):
    return CheckIn(contact_id="c", due=due, kind=CheckInKind(kind), status=CheckInStatus(status),
                   reason=reason)


def test_default_circles_and_override():
    assert cadence_for("inner", None) == 14
    assert cadence_for("close", None) == 30
    assert cadence_for("network", None) == 90
    assert cadence_for("acquaintance", None) == 365
    assert cadence_for("inner", 7) == 7
    assert cadence_for(None, None) is None
    assert cadence_for("close", None, {"close": 10}) == 10


def test_due_is_last_touch_plus_cadence():
    d = next_due(last_touch=D - timedelta(days=40), cadence=30, start=date(2020, 1, 1))
    assert d.due == D - timedelta(days=10)
    assert d.reason == "cadence"
    assert d.overdue_days(D) == 10


def test_never_touched_counts_from_start():
    d = next_due(last_touch=None, cadence=14, start=D)
    assert d.due == D + timedelta(days=14) and d.overdue_days(D) == 0


def test_earlier_followup_wins():
    d = next_due(last_touch=D, cadence=30, start=D, checkins=[chk(D + timedelta(days=3))])
    assert d.due == D + timedelta(days=3) and d.reason == "follow-up"


def test_later_followup_does_not_delay_cadence():
    d = next_due(last_touch=D, cadence=30, start=D, checkins=[chk(D + timedelta(days=90))])
    assert d.due == D + timedelta(days=30)


def test_snooze_pushes_later_but_never_earlier():
    overdue = D - timedelta(days=60)
    d = next_due(last_touch=overdue, cadence=30, start=D,
                 checkins=[chk(D + timedelta(days=7), "snooze")])
    assert d.due == D + timedelta(days=7) and d.reason == "snoozed"
    early = next_due(last_touch=D, cadence=30, start=D,
                     checkins=[chk(D + timedelta(days=2), "snooze")])
    assert early.due == D + timedelta(days=30) and early.reason == "cadence"


def test_finished_checkins_are_ignored():
    d = next_due(last_touch=D, cadence=30, start=D,
                 checkins=[chk(D, status="done"), chk(D, status="skipped")])
    assert d.due == D + timedelta(days=30)


def test_no_cadence_and_no_checkins_is_never_due():
    assert next_due(last_touch=None, cadence=None, start=D) is None
    assert next_due(last_touch=None, cadence=None, start=D,
                    checkins=[chk(D + timedelta(days=1), "snooze")]) is None


def test_birthdays_across_leap_years():
    leap = Birthday.parse("1992-02-29")
    soon = upcoming_birthday(leap, date(2027, 2, 25), 7)
    assert soon.on == date(2027, 2, 28) and soon.in_days == 3 and soon.turns == 35
    assert upcoming_birthday(leap, date(2028, 2, 28), 0) is None
    assert upcoming_birthday(leap, date(2028, 2, 29), 0).on == date(2028, 2, 29)
    assert upcoming_birthday(Birthday.parse("--01-02"), date(2026, 12, 30), 7).on == date(2027, 1, 2)
    assert upcoming_birthday(None, D, 7) is None


def test_humanize():
    assert humanize_ago(None, D) == "never"
    assert humanize_ago(D, D) == "today"
    assert humanize_ago(D - timedelta(days=3), D) == "3d ago"
    assert humanize_ago(D - timedelta(days=21), D) == "3w ago"
    assert humanize_ago(D - timedelta(days=400), D) == "13mo ago"
