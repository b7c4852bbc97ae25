"""Who is drifting (domain.health.drift) against the rule worked out in full for everyone,
without the short cut that skips people seen lately or whose gaps are all short."""

from __future__ import annotations

import itertools
import statistics
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain import health

TODAY = date(2026, 11, 22)


def _straight(days: list[int], today: date) -> tuple[int, int] | None:
    before = [d for d in days if d <= today.toordinal()]
    if len(before) < 3:
        return None
    recent = before[-health.DRIFT_HISTORY - 2:]
    usual = int(statistics.median(b - a for a, b in itertools.pairwise(recent[:-1])))
    apart = today.toordinal() - recent[-1]
    latest = max(recent[-1] - recent[-2], apart)
    if (apart > usual and latest >= health.DRIFT_FACTOR * usual
            and latest - usual >= health.DRIFT_MIN_DAYS):
        return usual, latest
    return None


@settings(max_examples=500)
@given(st.sets(st.integers(-400, 30), max_size=20))
def test_drift_equals_the_rule_in_full(offsets):
    days = sorted((TODAY + timedelta(days=o)).toordinal() for o in offsets)
    found = health.drift("p", "P", days, TODAY)
    want = _straight(days, TODAY)
    assert (None if found is None else (found.usual_days, found.latest_days)) == want
