"""`[sync]` in the config: the vdirs `netui sync` keeps in step, and the sync tool it runs."""

from __future__ import annotations

import shlex

from pydantic import BaseModel, ConfigDict, field_validator


class SyncConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built inside Config

    vdir: str = ""  # contacts, e.g. "~/.contacts/netui" (a vdirsyncer filesystem storage)
    calendar_vdir: str = ""  # events, e.g. "~/.calendars/netui"
    command: str = ""  # run before and after a round, e.g. "vdirsyncer sync" (no shell)

    @field_validator("command")
    @classmethod
    def _command(cls, v: str) -> str:
        try:
            shlex.split(v)
        except ValueError as exc:
            raise ValueError(f"{v!r} is not a command line: {exc}") from None
        return v.strip()
