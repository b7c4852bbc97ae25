"""`[remind]` in the config: the morning digest (`netui remind`) and calendar alarms."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from . import config_rules


class RemindConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built inside Config

    at: str = "09:00"  # when the installed timer runs `netui remind --notify`
    notify_command: str | None = None  # default: notify-send, or osascript on macOS
    ics_alarm: str | None = "09:00"  # alarm time on exported events; "none" for none

    @field_validator("at")
    @classmethod
    def _at(cls, v: str) -> str:
        return config_rules.clock(v)

    @field_validator("ics_alarm")
    @classmethod
    def _alarm(cls, v: str | None) -> str | None:
        return config_rules.alarm(v)

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.at.split(":")
        return int(hour), int(minute)
