"""`[remind]` in the config: the morning digest (`netui remind`) and calendar alarms."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _clock(v: str) -> str:
    v = v.strip()
    if not _CLOCK.match(v):
        raise ValueError(f"{v!r} is not a time of day like 09:00")
    return v


class RemindConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built inside Config

    at: str = "09:00"  # when the installed timer runs `netui remind --notify`
    notify_command: str | None = None  # default: notify-send, or osascript on macOS
    ics_alarm: str | None = "09:00"  # alarm time on exported events; "none" for none

    @field_validator("at")
    @classmethod
    def _at(cls, v: str) -> str:
        return _clock(v)

    @field_validator("ics_alarm")
    @classmethod
    def _alarm(cls, v: str | None) -> str | None:
        return None if v is None or v.strip().lower() == "none" else _clock(v)

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.at.split(":")
        return int(hour), int(minute)
