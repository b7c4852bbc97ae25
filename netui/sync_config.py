"""`[sync]` in the config: the vdirs `netui sync` keeps in step, and the sync tool it runs."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from . import config_rules


class SyncConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built inside Config

    vdir: str = ""  # contacts, e.g. "~/.contacts/netui" (a vdirsyncer filesystem storage)
    calendar_vdir: str = ""  # events, e.g. "~/.calendars/netui"
    command: str = ""  # run before and after a round, e.g. "vdirsyncer sync" (no shell)

    @field_validator("command")
    @classmethod
    def _command(cls, v: str) -> str:
        return config_rules.command(v)
