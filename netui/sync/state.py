"""The sync state in the data directory (sync.json): for each vdir file, the person it
belongs to, the hash of the file as netui last saw it, and the person's fields as both
sides agreed at that moment (the base of a three-way merge). Small: no card text."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

STATE_VERSION = 1
_FILE_NAME = re.compile(r"^[^/\\\x00]{1,255}$")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class CardState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=64)  # the netui contact
    sha: str = Field(pattern=r"^[0-9a-f]{64}$")  # the file as last read or written
    base: dict[str, Any]  # the contact's synced fields at that moment


class SyncState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = STATE_VERSION
    vdir: str = ""  # the folder these files are in (another folder starts afresh)
    cards: dict[str, CardState] = Field(default_factory=dict)  # by file name
    # People whose card was deleted on the server: archived, and not uploaded again
    # while they stay archived.
    detached: list[str] = Field(default_factory=list)

    @field_validator("version")
    @classmethod
    def _version(cls, v: int) -> int:
        if v != STATE_VERSION:
            raise ValueError(f"sync state version {v} is not {STATE_VERSION}")
        return v

    @field_validator("cards")
    @classmethod
    def _names(cls, v: dict[str, CardState]) -> dict[str, CardState]:
        for name in v:
            if not _FILE_NAME.match(name) or name in (".", ".."):
                raise ValueError(f"{name[:80]!r} is not a file name")
        return v


def parse_state(raw: bytes) -> SyncState:
    """The state from sync.json's bytes; ValueError with the reason if unusable."""
    try:
        return SyncState.model_validate(orjson.loads(raw))
    except (orjson.JSONDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()
        if isinstance(exc, ValidationError):
            err = exc.errors()[0]
            first = [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"]
        raise ValueError((first or ["unreadable"])[0][:160]) from None


def dump_state(state: SyncState) -> bytes:
    return orjson.dumps(state.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
