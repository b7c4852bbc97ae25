"""The config's checks in plain Python: the pydantic models (config_model, remind_config,
sync_config) call them from their validators, and config_fast calls the same ones for the
shell commands that read a few settings without loading pydantic. One rule, one place:
a value either reader accepts means the same to both. Each raises ValueError with the
message the user sees."""

from __future__ import annotations

import re
from typing import Any

from .domain.kinds import DEFAULT_CIRCLES

# strftime directives (with the optional glibc flag: %-d): what date_format may use.
_DIRECTIVE = re.compile(r"%([-_0^#]?)(.)", re.DOTALL)
_DIRECTIVES = set("aAbBcdDeFgGhHIjmMnpuUVwWxXyYzZ%")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def circle_tables(data: dict[str, Any]) -> dict[str, Any]:
    """`close = {ideal = 30, max = 45}` -> circles.close = 30, circle_max.close = 45."""
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


def circles(v: dict[str, int]) -> dict[str, int]:
    """The circles by their folded names, closest (shortest cadence) first."""
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


def circle_limits(circles: dict[str, int], circle_max: dict[str, int]) -> None:
    """Each circle's max has an ideal interval and is at least it."""
    for name, days in circle_max.items():
        ideal = circles.get(name)
        if ideal is None:
            raise ValueError(f"circles: circle {name!r} has a max but no ideal interval")
        if type(days) is not int or not ideal <= days <= 3650:
            raise ValueError(f"circles: circle {name!r}: max must be a number of days, "
                             f"at least the ideal ({ideal})")


def region(v: str) -> str:
    v = v.strip().upper()
    if v and not (len(v) == 2 and v.isalpha() and v.isascii()):
        raise ValueError(f"{v!r} is not a two-letter country code such as GB")
    return v


def date_format(v: str) -> str:
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


def clock(v: str) -> str:
    v = v.strip()
    if not _CLOCK.match(v):
        raise ValueError(f"{v!r} is not a time of day like 09:00")
    return v


def alarm(v: str | None) -> str | None:
    return None if v is None or v.strip().lower() == "none" else clock(v)


def command(v: str) -> str:
    import shlex

    try:
        shlex.split(v)
    except ValueError as exc:
        raise ValueError(f"{v!r} is not a command line: {exc}") from None
    return v.strip()
