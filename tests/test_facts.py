"""Favours and check-ins read straight from stored documents (domain.facts): whatever a
document holds, the reading agrees with the model's (same values, or rejected by both),
and the ledger marks and due dates built from them agree with the model-based rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netui.domain import facts, ledger
from netui.domain.cadence import Due, next_due
from netui.domain.models import (
    STORED,
    CheckIn,
    CheckInKind,
    CheckInStatus,
    Direction,
    Favour,
    FavourStatus,
)

TODAY = date(2026, 11, 22)
PROPS = settings(max_examples=300, deadline=None)
MISSING = object()  # the key is left out of the document

# Documents as netui stores them, then with at most one field broken or odd: every
# check the reading makes is exercised next to the model's verdict on the same field.
ODD_IDS = ["", "   ", " x ", "\t", "x" * 65, 5, None]
ODD_DAYS = ["2026-02-30", "20261122", "2026-1-02", "2026/11/22", "", 20261122, None]
ODD_TEXT = ["  padded  ", "x" * 10_001, None, 5]
FAVOUR_ODD = {"id": ODD_IDS, "contact_id": ODD_IDS, "date": ODD_DAYS, "text": ODD_TEXT,
              "direction": [MISSING, "Gave", "gift", None, ["gave"]],
              "status": [MISSING, "Done", "", None, []],
              "size": [MISSING, 0, 4, "2", True, 2.0, None]}
CHECKIN_ODD = {"id": ODD_IDS, "contact_id": ODD_IDS, "due": ODD_DAYS, "reason": ODD_TEXT,
               "status": [MISSING, "Pending", None, {}], "kind": [MISSING, "later", None]}
days = st.dates(date(2024, 1, 1), date(2028, 12, 31))


def change(doc: dict, field: str, value: object) -> dict:
    doc = {k: v for k, v in doc.items() if k != field}
    if value is not MISSING:
        doc[field] = value
    return doc


def broken(docs: st.SearchStrategy[dict], odd: dict[str, list]) -> st.SearchStrategy[dict]:
    def variants(doc: dict) -> st.SearchStrategy[dict]:
        one_field = st.sampled_from(sorted(odd)).flatmap(
            lambda f: st.sampled_from(odd[f]).map(lambda v: change(doc, f, v)))
        return st.just(doc) | one_field

    return docs.flatmap(variants)


favour_docs = broken(st.builds(
    lambda f: f.to_doc(),
    st.builds(Favour, contact_id=st.sampled_from(["c1", "c2"]),
              direction=st.sampled_from(Direction), status=st.sampled_from(FavourStatus),
              size=st.integers(1, 3), date=days, text=st.sampled_from(["", "an intro"]))),
    FAVOUR_ODD)
checkin_docs = broken(st.builds(
    lambda c: c.to_doc(),
    st.builds(CheckIn, contact_id=st.just("c1"), due=days,
              reason=st.sampled_from(["", "call back"]), status=st.sampled_from(CheckInStatus),
              kind=st.sampled_from(CheckInKind))),
    CHECKIN_ODD)


def model_or_none(model: type, doc: dict) -> object:
    try:
        return model.model_validate(doc, context=STORED)
    except ValidationError:
        return None


@PROPS
@given(checkin_docs)
def test_a_checkin_read_without_its_model_reads_as_the_model_does(doc: dict) -> None:
    c = model_or_none(CheckIn, doc)
    expected = None if c is None else facts.CheckRow.of(c)
    assert facts.CheckRow.of_doc(doc) == expected
    quick = facts.CheckRow._read(doc)
    assert quick is None or quick == expected


def marks_by_model(docs: list[dict], cid: str) -> tuple:
    expected = ledger.Marks()
    for d in docs:
        if d.get("contact_id", "") == cid and (f := model_or_none(Favour, d)) is not None:
            expected.add(cid, f.direction, f.status, f.date)
    return (expected.last_given.get(cid), expected.last_received.get(cid),
            expected.oldest_open_ask.get(cid))


def marks_for(marks: ledger.Marks, cid: str) -> tuple:
    return (marks.last_given.get(cid), marks.last_received.get(cid),
            marks.oldest_open_ask.get(cid))


@pytest.mark.parametrize(("field", "value"), [(f, v) for f, vs in FAVOUR_ODD.items() for v in vs])
def test_every_odd_field_of_a_favour_reads_as_the_model_reads_it(field, value) -> None:
    for direction in Direction:
        for status in FavourStatus:
            doc = change(Favour(contact_id="c1", direction=direction, status=status,
                                date=TODAY).to_doc(), field, value)
            cid = doc.get("contact_id", "")  # indexed as stored, as the services do
            assert marks_for(facts.marks_of([doc]), cid) == marks_by_model([doc], cid)


@pytest.mark.parametrize(("field", "value"),
                         [(f, v) for f, vs in CHECKIN_ODD.items() for v in vs])
def test_every_odd_field_of_a_checkin_reads_as_the_model_reads_it(field, value) -> None:
    for kind in CheckInKind:
        doc = change(CheckIn(contact_id="c1", due=TODAY, kind=kind).to_doc(), field, value)
        c = model_or_none(CheckIn, doc)
        assert facts.CheckRow.of_doc(doc) == (None if c is None else facts.CheckRow.of(c))
        pending = [] if c is None or c.status is not CheckInStatus.pending else [
            facts.CheckRow.of(c)]
        assert facts.pending_of([doc]).get(doc.get("contact_id", ""), []) == pending


@PROPS
@given(st.lists(favour_docs, max_size=12))
def test_marks_read_in_one_pass_equal_the_marks_of_the_models(docs: list[dict]) -> None:
    marks = facts.marks_of(docs)
    for cid in ("c1", "c2"):
        assert marks_for(marks, cid) == marks_by_model(docs, cid)


favours = st.builds(
    Favour, contact_id=st.just("c1"), direction=st.sampled_from(Direction),
    status=st.sampled_from(FavourStatus), size=st.integers(1, 3),
    date=st.dates(TODAY - timedelta(days=400), TODAY))


@PROPS
@given(st.lists(favours, max_size=10))
def test_marks_say_what_the_standing_says(fs: list[Favour]) -> None:
    marks = ledger.Marks()
    for f in fs:
        marks.add("c1", f.direction, f.status, f.date)
    s = ledger.standing(fs)
    assert marks.last_given.get("c1") == s.last_given
    assert marks.last_received.get("c1") == s.last_received
    assert marks.oldest_open_ask.get("c1") == s.oldest_open_ask
    stale = [f for f in fs if f.direction is Direction.asked and f.status is FavourStatus.open
             and ledger.ask_age(f, TODAY) > ledger.STALE_ASK_DAYS]
    assert marks.nudges("c1", TODAY) == (s.owes_back or bool(stale))
    marks.forget("c1")
    assert not marks.nudges("c1", TODAY)


def reference_next_due(last_touch, cadence, start, checkins):
    """next_due as first written: every candidate, then the earliest (the first of a tie)."""
    candidates = []
    if cadence:
        candidates.append(Due((last_touch or start) + timedelta(days=cadence), "cadence",
                              f"every {cadence} days"))
    snooze = None
    for c in checkins:
        if c.status is not CheckInStatus.pending:
            continue
        if c.kind is CheckInKind.snooze:
            if snooze is None or c.due > snooze.due:
                snooze = c
        else:
            candidates.append(Due(c.due, "follow-up", c.reason))
    best = min(candidates, key=lambda d: d.due, default=None)
    if snooze is not None and best is not None and snooze.due > best.due:
        return Due(snooze.due, "snoozed", best.detail or best.reason)
    return best


near = st.dates(TODAY - timedelta(days=3), TODAY + timedelta(days=3))  # ties are common
checkins = st.builds(CheckIn, contact_id=st.just("c1"), due=near,
                     reason=st.sampled_from(["", "call back", "intro"]),
                     status=st.sampled_from(CheckInStatus), kind=st.sampled_from(CheckInKind))


@PROPS
@given(last=st.none() | near, cadence=st.none() | st.integers(1, 6), start=near,
       chks=st.lists(checkins, max_size=5))
def test_next_due_gives_what_the_first_rule_gave(last, cadence, start, chks) -> None:
    rows = [facts.CheckRow.of(c) for c in chks]
    expected = reference_next_due(last, cadence, start, chks)
    assert next_due(last_touch=last, cadence=cadence, start=start, checkins=chks) == expected
    assert next_due(last_touch=last, cadence=cadence, start=start, checkins=rows) == expected
