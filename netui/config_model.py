"""The settings' models (netui.config loads and writes the file). Each is declared with
`defer_build`: importing this module builds no validator; the first config read builds
Config's (a section the file leaves out builds its own, for its defaults)."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from . import config_rules, pydantic_plugins
from .domain.kinds import DEFAULT_CIRCLES
from .remind_config import RemindConfig
from .sync_config import SyncConfig

pydantic_plugins.install()  # before Config's validator is built: no plugin look-up


class ReviewSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    # People per day in the review (0 = no limit); birthdays and follow-ups always show.
    daily: int = Field(default=7, ge=0, le=10_000)


class Offers(BaseModel):
    """What the user can give: topics to advise on, introductions, references."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    topics: list[str] = Field(default_factory=list)
    introductions: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)


MAX_FACTOR = 1.5  # a circle's "late" threshold when only its ideal interval is given


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    # Circles from closest to widest, each with its check-in cadence in days (the ideal
    # interval); `close = {ideal = 30, max = 45}` also sets when a check-in is late. The
    # user's table adds to DEFAULT_CIRCLES (`close = false` drops one).
    # StrictInt: `inner = true` is a mistake, not a 1-day cadence.
    circles: dict[str, StrictInt] = Field(default_factory=lambda: dict(DEFAULT_CIRCLES))
    circle_max: dict[str, int] = Field(default_factory=dict)  # filled from `circles`
    favours_count_as_touch: bool = True
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    offers: Offers = Field(default_factory=Offers)
    week_start: Literal["monday", "sunday"] = "monday"
    date_format: str = "%Y-%m-%d"
    theme: str = "textual-dark"
    # Binding id -> keys, e.g. {"netui.quit" = "q,ctrl+q"}.
    keymap: dict[str, str] = Field(default_factory=dict)
    # Country of phone numbers written without +code, e.g. "GB" (empty: the locale's).
    region: str = ""
    # Imports: how 03/04/1990 is read when a file's own dates do not decide it
    # ("dmy" or "mdy"; empty: month first for US, CA and PH or no region, else day first).
    date_order: Literal["", "dmy", "mdy"] = ""
    remind: RemindConfig = Field(default_factory=RemindConfig)
    sync: SyncConfig = Field(default_factory=SyncConfig)

    @model_validator(mode="before")
    @classmethod
    def _circle_tables(cls, data: object) -> object:
        return config_rules.circle_tables(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _limits(self) -> Config:
        config_rules.circle_limits(self.circles, self.circle_max)
        return self

    def late_after(self, circle: str | None, cadence: int) -> int:
        """Days after the last touch at which a check-in is late (red), not just due."""
        if circle and circle in self.circle_max and self.circles.get(circle) == cadence:
            return self.circle_max[circle]
        return round(cadence * MAX_FACTOR)

    @field_validator("circles")
    @classmethod
    def _circles(cls, v: dict[str, int]) -> dict[str, int]:
        return config_rules.circles(v)

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        return config_rules.region(v)

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, v: str) -> str:
        return config_rules.date_format(v)

    @property
    def first_weekday(self) -> int:
        return 0 if self.week_start == "monday" else 6


def describe(exc: ValidationError) -> str:
    """A config validation error as "where: what"."""
    err = exc.errors()[0]
    # repr() keeps a key holding a newline or control character on the one line
    where = ".".join(str(p) if str(p).isprintable() else repr(p) for p in err["loc"]) or "config"
    return f"{where}: {err['msg'].removeprefix('Value error, ')}"
