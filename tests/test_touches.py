"""Every exchange is a touch: last touches from favours read straight from the stored
documents agree with the ones the models give, whatever a document holds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain import touches
from netui.domain.models import Direction, Favour, FavourStatus
from tests.test_facts import FAVOUR_ODD, PROPS, TODAY, broken, change, days, model_or_none

INTRO_ODD = {**FAVOUR_ODD, "introduced_id": ["", "  ", "x" * 65, 5, None, "c1", "c3"]}

favour_docs = broken(st.builds(
    lambda f: f.to_doc(),
    st.builds(Favour, contact_id=st.sampled_from(["c1", "c2"]),
              direction=st.sampled_from(Direction), status=st.sampled_from(FavourStatus),
              size=st.integers(1, 3), date=days, text=st.sampled_from(["", "an intro"]),
              introduced_id=st.sampled_from([None, "c2", "c3"]))),
    INTRO_ODD)


def touches_by_model(docs: list[dict]) -> dict[str, date]:
    latest: dict[str, date] = {}
    for d in docs:
        f = model_or_none(Favour, d)
        if f is None:
            continue
        cid = d.get("contact_id", "")
        people = [cid] + ([d["introduced_id"]] if f.introduced_id and
                          d["introduced_id"] != cid else [])
        for p in people:
            latest[p] = max(latest.get(p, date.min), f.date)
    return latest


@PROPS
@given(st.lists(favour_docs, max_size=12))
def test_favour_touches_read_in_one_pass_equal_the_models(docs: list[dict]) -> None:
    assert touches.favour_touches(docs) == touches_by_model(docs)


@pytest.mark.parametrize(("field", "value"), [(f, v) for f, vs in INTRO_ODD.items() for v in vs])
def test_every_odd_field_reads_as_the_model_reads_it(field, value) -> None:
    for direction in Direction:
        doc = change(Favour(contact_id="c1", direction=direction, date=TODAY,
                            introduced_id="c2").to_doc(), field, value)
        assert touches.favour_touches([doc]) == touches_by_model([doc])


def test_merged_takes_the_later_day():
    a, b = date(2026, 1, 1), date(2026, 2, 1)
    assert touches.merged({"x": a, "y": b}, {"x": b, "z": a}) == {"x": b, "y": b, "z": a}
