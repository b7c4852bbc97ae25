from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain.dates import add_months, after, duration_days, parse_date, parse_duration

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("yesterday", date(2026, 11, 21)),
        ("Tomorrow", date(2026, 11, 23)),
        ("3d ago", date(2026, 11, 19)),
        ("2w ago", date(2026, 11, 8)),
        ("1m ago", date(2026, 10, 22)),
        ("last fri", date(2026, 11, 20)),
        ("fri", date(2026, 11, 20)),
        ("sunday", date(2026, 11, 15)),  # the most recent past one, not today
        ("next mon", date(2026, 11, 23)),
        ("2026-11-02", date(2026, 11, 2)),
        ("2 nov", date(2026, 11, 2)),
        ("dec 24", date(2025, 12, 24)),  # in the past: last year's
    ],
)
def test_date_words(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "someday", "2026-02-30", "31 feb", "last", "3x ago"])
def test_bad_date_words_are_one_line_errors(text):
    with pytest.raises(ValueError) as err:
        parse_date(text, TODAY)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1w", (1, "w")), ("+10d", (10, "d")), ("2 months", (2, "m")), ("1y", (1, "y"))],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["0d", "w", "-1d", "1 fortnight", ""])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert after(TODAY, "1m") == date(2026, 12, 22)
    assert duration_days("30d") == 30 and duration_days("2w") == 14


# -- B15: the date words people type ------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days ago", date(2026, 11, 19)),
        ("2 weeks ago", date(2026, 11, 8)),
        ("a week ago", date(2026, 11, 15)),
        ("a day ago", date(2026, 11, 21)),
        ("an hour ago", TODAY),
        ("a month ago", date(2026, 10, 22)),
        ("1 month ago", date(2026, 10, 22)),
        ("Nov 28th", date(2025, 11, 28)),  # after today: last year's
        ("nov 2nd", date(2026, 11, 2)),
        ("21st nov", date(2026, 11, 21)),
        ("21st of november", date(2026, 11, 21)),
        ("sat", date(2026, 11, 21)),
        ("last saturday", date(2026, 11, 21)),
        ("21/11", date(2026, 11, 21)),
        ("21/11/2026", date(2026, 11, 21)),
        ("21.11.26", date(2026, 11, 21)),
        ("28/11", date(2025, 11, 28)),
    ],
)
def test_more_date_words(text, expected):
    assert parse_date(text, TODAY) == expected


def test_slash_dates_follow_the_date_order():
    assert parse_date("11/21", TODAY, order="mdy") == date(2026, 11, 21)
    assert parse_date("3/4", TODAY, order="mdy") == date(2026, 3, 4)
    assert parse_date("3/4", TODAY, order="dmy") == date(2026, 4, 3)
    with pytest.raises(ValueError):
        parse_date("11/21", TODAY, order="dmy")  # no month 21
    with pytest.raises(ValueError):
        parse_date("31/02", TODAY)



_PIECES = st.sampled_from(["3", "28", "11", "0", "99", "a", "an", "days", "weeks", "ago",
                           "/", ".", "th", "st", "of", "nov", "sat", "on", "hours", "2026"])


@given(st.lists(_PIECES, max_size=5).map(lambda p: "".join(
    w if w in "/." else f" {w}" for w in p)), st.sampled_from(["dmy", "mdy"]),
    st.dates())
def test_date_words_give_a_past_or_real_date_or_one_line(text, order, today):
    try:
        day = parse_date(text, today, order)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:  # without a year, a date word means the most recent such day
        assert day <= today or text.count("/") + text.count(".") >= 2  # 28/11/2099
