"""domain.note_docs builds what the models build (`to_doc()`), on generated values: the
note, its follow-ups, a closed check-in and the undo entry of `netui note`'s short path.
Where the model refuses a value, the builder gives None (the models' path then decides)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netui.domain import note_docs
from netui.domain.models import CheckIn, CheckInKind, CheckInStatus, Interaction, Kind, UndoEntry

# Text with what the models clean: control characters, spaces around, '#', capitals.
TEXT = st.text(st.sampled_from("ab Z#\t\n\x00\x1b\x7f\x9fé -"), max_size=12)
IDS = st.lists(st.sampled_from(["a1", "b2", " a1", "c3 ", ""]), max_size=4)
DAYS = st.dates(min_value=date(1800, 1, 1), max_value=date(2300, 12, 31))


@given(IDS, DAYS, st.sampled_from(list(Kind)), TEXT, st.lists(TEXT, max_size=4))
def test_the_note_is_the_models(ids, day, kind, text, tags):
    built = note_docs.interaction_doc("n1", ids, day, kind, text, tags)
    try:
        model = Interaction(id="n1", contact_ids=ids, date=day, kind=kind, text=text, tags=tags)
    except ValidationError:
        assert built is None
        return
    assert built is None or built == model.to_doc()
    # None only where the model's own answer is odd: a note with nobody once cleaned
    assert built is not None or not model.contact_ids


def test_a_long_note_is_left_to_the_model():
    assert note_docs.interaction_doc("n1", ["a1"], date(2026, 11, 22), Kind.call,
                                     "x" * 100_001, []) is None


@given(st.sampled_from(["a1", " b2 ", ""]), DAYS, TEXT)
def test_a_follow_up_is_the_models(cid, due, reason):
    built = note_docs.followup_doc("f1", cid, due, reason)
    try:
        model = CheckIn(id="f1", contact_id=cid, due=due, reason=reason)
    except ValidationError:
        assert built is None
        return
    assert built == model.to_doc()


@given(DAYS, st.sampled_from(list(CheckInKind)), st.sampled_from(list(CheckInStatus)),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_a_touch_closes_what_the_schedule_closes(due, kind, status, on):
    if not 1900 <= due.year <= 2200:
        return
    stored = CheckIn(id="k1", rev=3, contact_id="a1", due=due, reason="r", kind=kind,
                     status=status).to_doc()
    shut = note_docs.closes(stored, on)
    if status is not CheckInStatus.pending:
        assert shut is None  # only pending ones are asked about
        return
    assert shut == (due <= on or kind is CheckInKind.snooze)  # Schedule.complete_checkins
    model = CheckIn.model_validate(stored)
    assert note_docs.closed(stored) == model.model_copy(
        update={"status": CheckInStatus.done}).to_doc()


def test_a_check_in_of_another_shape_is_left_to_the_model():
    stored = CheckIn(id="k1", contact_id="a1", due=date(2026, 1, 1)).to_doc()
    assert note_docs.closes({**stored, "extra": 1}, date(2026, 2, 1)) is None
    assert note_docs.closes({k: v for k, v in stored.items() if k != "kind"},
                            date(2026, 2, 1)) is None


@given(st.integers(0, 10**6), TEXT, st.datetimes(min_value=datetime(2000, 1, 1),
                                                max_value=datetime(2100, 1, 1),
                                                timezones=st.just(UTC)))
def test_the_undo_entry_is_the_models(seq, label, at):
    changes = [{"collection": "interactions", "id": "n1", "before": None, "after": {"x": 1}}]
    built = note_docs.undo_doc("u1", seq, at, label, "shell", changes)
    model = UndoEntry(id="u1", seq=seq, at=at.replace(microsecond=0), label=label,
                      process="shell")
    assert built == {**model.to_doc(), "changes": changes}
    assert note_docs.undo_seq(built) == seq


def test_an_undo_entry_of_another_shape_is_left_to_the_model():
    doc = UndoEntry(id="u1", seq=4, label="x", process="shell").to_doc()
    assert note_docs.undo_seq(doc) == 4
    assert note_docs.undo_seq({**doc, "seq": "4"}) is None
    assert note_docs.undo_seq({k: v for k, v in doc.items() if k != "undone"}) is None
