"""The kinds of interaction and the directions of a favour: plain enums, apart from the
models (domain.models re-exports them), so reading a quick-add line needs no pydantic."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    meeting = "meeting"
    call = "call"
    message = "message"
    email = "email"
    event = "event"
    note = "note"  # records something about a person; does not count as being in touch


class Direction(StrEnum):
    gave = "gave"
    received = "received"
    asked = "asked"
