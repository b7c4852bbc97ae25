"""The stored documents of a note, its follow-ups, the check-ins it closes and its undo
entry, built without the models: `netui note`'s short path (services.quick_note) writes
these. Each is what the model's `to_doc()` gives for the same values, cleaned by the same
functions (domain.cleaning); tests/test_note_docs.py compares them with the models on
generated input. Anything these cannot promise to build the same way gives None, and the
caller takes the models' path instead."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from .cleaning import clean_list, clean_tags, scrub_value
from .kinds import MAX_YEAR, MIN_YEAR, CheckInKind, CheckInStatus, Kind

Doc = dict[str, Any]

TEXT_LIMIT = 100_000  # models.Interaction.text's max_length
# A stored check-in, as CheckIn.to_doc() writes it: fields in order.
CHECKIN_FIELDS = ("id", "rev", "contact_id", "due", "reason", "status", "kind")
# An undo-log entry, as UndoEntry.to_doc() writes it.
UNDO_FIELDS = ("id", "rev", "seq", "at", "label", "process", "changes", "complete", "undone")


def _text(value: str) -> str:
    """A str field as the models store it: control characters dropped, then trimmed."""
    cleaned: str = scrub_value(value)
    return cleaned.strip()


def _kept_day(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def interaction_doc(record_id: str, contact_ids: list[str], day: date, kind: Kind,
                    text: str, tags: list[str]) -> Doc | None:
    """Interaction(...).to_doc() for these values; None when the model would refuse them."""
    ids = clean_list([_text(i) for i in contact_ids])
    body = _text(text)
    if not ids or len(body) > TEXT_LIMIT or not _kept_day(day):
        return None
    return {"id": record_id, "rev": 0, "contact_ids": ids, "date": day.isoformat(),
            "kind": kind.value, "text": body, "tags": clean_tags([_text(t) for t in tags])}


def followup_doc(record_id: str, contact_id: str, due: date, reason: str) -> Doc | None:
    """CheckIn(contact_id=..., due=..., reason=...).to_doc(): a pending follow-up."""
    cid = _text(contact_id)
    if not cid or not _kept_day(due):
        return None
    return {"id": record_id, "rev": 0, "contact_id": cid, "due": due.isoformat(),
            "reason": _text(reason), "status": CheckInStatus.pending.value,
            "kind": CheckInKind.followup.value}


def closes(doc: Doc, on: date) -> bool | None:
    """Whether a touch on `on` closes this stored pending check-in (due by then, or a
    snooze: Schedule.complete_checkins); None when the document is not of the stored shape."""
    if tuple(doc) != CHECKIN_FIELDS or doc["status"] != CheckInStatus.pending.value:
        return None
    due, kind = doc["due"], doc["kind"]
    if type(due) is not str or len(due) != 10 or kind not in ("followup", "snooze"):
        return None
    return kind == "snooze" or due <= on.isoformat()  # ISO dates compare as text


def closed(doc: Doc) -> Doc:
    """A stored check-in marked done (its model copied with status done)."""
    return {**doc, "status": CheckInStatus.done.value}


def undo_seq(doc: Doc) -> int | None:
    """The order of a stored undo-log entry; None when it is not of the stored shape
    (the unit of work skips an entry its model refuses: the models' path decides)."""
    seq = doc.get("seq")
    if tuple(doc) != UNDO_FIELDS or type(seq) is not int or seq < 0:
        return None
    return seq


def undo_doc(record_id: str, seq: int, at: datetime, label: str, process: str,
             changes: list[Doc]) -> Doc:
    """UndoEntry(seq=..., label=..., process=...).to_doc() with its changes: a complete,
    not undone entry (unit_of_work.record)."""
    stamp = at.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return {"id": record_id, "rev": 0, "seq": seq, "at": stamp, "label": _text(label),
            "process": _text(process), "changes": changes, "complete": True, "undone": False}
