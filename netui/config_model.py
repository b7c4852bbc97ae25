"""The settings' models (netui.config loads and writes the file). Each is declared with
`defer_build`: importing this module builds no validator; the first config read builds
Config's (a section the file leaves out builds its own, for its defaults)."""

from __future__ import annotations

import re
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

from .domain.models import DEFAULT_CIRCLES
from .remind_config import RemindConfig
from .sync_config import SyncConfig

# strftime directives (with the optional glibc flag: %-d): what date_format may use.
_DIRECTIVE = re.compile(r"%([-_0^#]?)(.)", re.DOTALL)
_DIRECTIVES = set("aAbBcdDeFgGhHIjmMnpuUVwWxXyYzZ%")


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
        """`close = {ideal = 30, max = 45}` -> circles.close = 30, circle_max.close = 45."""
        if not isinstance(data, dict):
            return data
        if "circle_max" in data:  # filled from the circles' tables, never written by hand
            raise ValueError("circle_max: give a circle's max as close = {ideal = 30, max = 45}")
        if not isinstance(data.get("circles"), dict):
            return data
        circles, limits, dropped = {}, {}, set()
        for name, value in data["circles"].items():
            if value is False:  # `acquaintance = false`: drop a built-in circle
                if str(name).strip().lower() not in DEFAULT_CIRCLES:
                    raise ValueError(f"circles: {name!r} = false drops a built-in circle "
                                     f"({', '.join(DEFAULT_CIRCLES)}); {name!r} is not one")
                dropped.add(str(name).strip().lower())
            elif isinstance(value, dict):
                extra = set(value) - {"ideal", "max"}
                if "ideal" not in value or extra:
                    raise ValueError(f"circles: circle {name!r}: give "
                                     "{ideal = DAYS, max = DAYS}")
                circles[name] = value["ideal"]
                if "max" in value:
                    if type(value["max"]) is not int:
                        raise ValueError(f"circles: circle {name!r}: max must be a number "
                                         "of days")
                    limits[str(name).strip().lower()] = value["max"]
            else:
                circles[name] = value
        # The table adds to the built-in circles and re-times them, never replaces them: one
        # new circle must not take everyone else's cadence away (B8).
        given = {str(name).strip().lower() for name in circles} | dropped
        circles.update({n: d for n, d in DEFAULT_CIRCLES.items() if n not in given})
        return {**data, "circles": circles, "circle_max": limits}

    @model_validator(mode="after")
    def _limits(self) -> Config:
        for name, days in self.circle_max.items():
            ideal = self.circles.get(name)
            if ideal is None:
                raise ValueError(f"circles: circle {name!r} has a max but no ideal interval")
            if type(days) is not int or not ideal <= days <= 3650:
                raise ValueError(f"circles: circle {name!r}: max must be a number of days, "
                                 f"at least the ideal ({ideal})")
        return self

    def late_after(self, circle: str | None, cadence: int) -> int:
        """Days after the last touch at which a check-in is late (red), not just due."""
        if circle and circle in self.circle_max and self.circles.get(circle) == cadence:
            return self.circle_max[circle]
        return round(cadence * MAX_FACTOR)

    @field_validator("circles")
    @classmethod
    def _circles(cls, v: dict[str, int]) -> dict[str, int]:
        if not v:
            raise ValueError("at least one circle is needed")
        out: dict[str, int] = {}
        for name, days in v.items():
            key = name.strip().lower()
            if not key or " " in key:
                raise ValueError(f"circle name {name!r} must be one word")
            if not key.isprintable():
                raise ValueError(f"circle name {name!r} holds a control character")
            if not 1 <= days <= 3650:
                raise ValueError(f"circle {name!r}: cadence must be 1-3650 days")
            out[key] = days
        # Closest first is shortest cadence first (ties: the user's before a built-in).
        return dict(sorted(out.items(), key=lambda item: item[1]))

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        v = v.strip().upper()
        if v and not (len(v) == 2 and v.isalpha() and v.isascii()):
            raise ValueError(f"{v!r} is not a two-letter country code such as GB")
        return v

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, v: str) -> str:
        from datetime import date

        # The C library prints an unknown directive as it is ("%Q"): check each one.
        if not v.isprintable() or any(
            m[2] not in _DIRECTIVES for m in _DIRECTIVE.finditer(v)
        ) or _DIRECTIVE.sub("", v).count("%"):
            raise ValueError(f"{v!r} is not a strftime format (e.g. %Y-%m-%d, %d %b %Y)")
        try:
            date(2026, 1, 2).strftime(v)
        except ValueError as exc:
            raise ValueError(f"{v!r} is not a strftime format") from exc
        return v

    @property
    def first_weekday(self) -> int:
        return 0 if self.week_start == "monday" else 6


def describe(exc: ValidationError) -> str:
    """A config validation error as "where: what"."""
    err = exc.errors()[0]
    # repr() keeps a key holding a newline or control character on the one line
    where = ".".join(str(p) if str(p).isprintable() else repr(p) for p in err["loc"]) or "config"
    return f"{where}: {err['msg'].removeprefix('Value error, ')}"
