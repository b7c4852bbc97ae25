"""The touch days the health figures read (services.health.TouchDays) against a
straightforward count, note by note, with dates another program broke."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.services.health import TouchDays

_date = st.one_of(st.dates(date(2024, 1, 1), date(2026, 12, 31)).map(date.isoformat),
                  st.sampled_from(["", "2026-13-01", "not a date", None, 20261122,
                                   ["2026-01-01"], {"d": 1}]))
_note = st.fixed_dictionaries(
    {"kind": st.sampled_from(["meeting", "call", "note", "message"]), "date": _date,
     "contact_ids": st.lists(st.sampled_from("abcd"), max_size=3, unique=True)})
_favour = st.tuples(st.dates(date(2024, 1, 1), date(2026, 12, 31)),
                    st.lists(st.sampled_from("abcd"), min_size=1, max_size=2, unique=True)
                    .map(tuple))


def _straight(slices, favours):
    per, daily = defaultdict(set), defaultdict(int)
    for docs in slices:
        for doc in docs:
            try:
                day = date.fromisoformat(str(doc["date"])).toordinal()
            except ValueError:
                continue
            if doc["kind"] == "note":
                continue
            daily[day] += 1
            for cid in doc["contact_ids"]:
                per[cid].add(day)
    for day, who in favours:
        daily[day.toordinal()] += 1
        for cid in who:
            per[cid].add(day.toordinal())
    return {cid: sorted(days) for cid, days in per.items()}, dict(daily)


@settings(max_examples=300)
@given(st.lists(st.lists(_note, max_size=8), max_size=3), st.lists(_favour, max_size=4))
def test_touch_days_equal_a_note_by_note_count(slices, favours):
    days = TouchDays()
    for docs in slices:
        days.add(docs)
    days.add_favours(favours)
    per, daily = _straight(slices, favours)
    assert {cid: list(d) for cid, d in days.per_person().items()} == per
    assert dict(days.daily) == daily
