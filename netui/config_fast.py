"""The config read without pydantic, for the shell commands that need only a few of its
settings (`netui list NAME`, `netui note`): importing pydantic and building Config's
validator is most of such a command's start (issue 20: `netui list NAME` within khard's
time at 1,000 contacts).

It accepts only what it fully understands: every key one of Config's, every value of the
plain shape the model takes as it is, and each checked by the model's own rules
(config_rules). Anything else (an unreadable file, bad TOML, an unknown key, a value of
another type, even one the model would convert) is left to the model: `read` gives None
and the caller loads the config the usual way, which accepts it or says what is wrong in
its one line. tests/test_config_fast.py holds the two readers to the same values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import config_rules
from .domain.kinds import DEFAULT_CIRCLES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# Config's fields (tests hold them equal to config_model.Config.model_fields).
KEYS = frozenset({
    "circles", "circle_max", "favours_count_as_touch", "review", "offers", "week_start",
    "date_format", "theme", "keymap", "region", "date_order", "remind", "sync"})


class Unsure(Exception):
    """A value only the model can judge."""


class Settings:
    """What a shell command reads of the config, as config_model.Config gives it."""

    __slots__ = ("circle_max", "circles", "date_format", "date_order",
                 "favours_count_as_touch", "region", "theme", "week_start")

    def __init__(self, data: dict[str, Any]) -> None:
        self.circles: dict[str, int] = data.get("circles", dict(DEFAULT_CIRCLES))
        self.circle_max: dict[str, int] = data.get("circle_max", {})
        self.favours_count_as_touch: bool = data.get("favours_count_as_touch", True)
        self.week_start: str = data.get("week_start", "monday")
        self.date_format: str = data.get("date_format", "%Y-%m-%d")
        self.theme: str = data.get("theme", "textual-dark")
        self.region: str = data.get("region", "")
        self.date_order: str = data.get("date_order", "")


def read(path: Path) -> Settings | None:
    """The settings in the file at `path` (the defaults when there is none), or None when
    only the model can read it."""
    import tomllib

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings({})
    except OSError:
        return None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return settings(data)


def settings(data: dict[str, Any]) -> Settings | None:
    """The settings of a parsed config, or None when only the model can judge them."""
    try:
        return Settings(_checked(data))
    except (Unsure, ValueError):
        return None


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as Config's validation leaves the settings Settings keeps."""
    if not set(data) <= KEYS:
        raise Unsure
    data = config_rules.circle_tables(data)
    out: dict[str, Any] = {}
    if "circles" in data:
        circles = _table(data["circles"])
        if not all(type(days) is int for days in circles.values()):
            raise Unsure
        out["circles"] = config_rules.circles(circles)
        out["circle_max"] = data["circle_max"]  # ints: circle_tables checked them
    config_rules.circle_limits(out.get("circles", DEFAULT_CIRCLES), out.get("circle_max", {}))
    if "favours_count_as_touch" in data:
        out["favours_count_as_touch"] = _bool(data["favours_count_as_touch"])
    for key, check in (("date_format", config_rules.date_format),
                       ("region", config_rules.region), ("theme", _same)):
        if key in data:
            out[key] = check(_str(data[key]))
    for key, allowed in (("week_start", ("monday", "sunday")),
                         ("date_order", ("", "dmy", "mdy"))):
        if key in data:
            out[key] = _one_of(data[key], allowed)
    if "review" in data:
        daily = _section(data["review"], {"daily"}).get("daily", 0)
        if type(daily) is not int or not 0 <= daily <= 10_000:
            raise Unsure
    if "offers" in data:
        for items in _section(data["offers"],
                              {"topics", "introductions", "references"}).values():
            if type(items) is not list or not all(type(i) is str for i in items):
                raise Unsure
    if "keymap" in data:
        for keys in _table(data["keymap"]).values():
            _str(keys)
    for section, checks in _SECTIONS.items():
        if section in data:
            table = _section(data[section], set(checks))
            for key, value in table.items():
                checks[key](_str(value))
    return out


def _same(v: str) -> str:
    return v


# The string-only sections: each key's check (the sub-model's validator, or none).
_SECTIONS: dict[str, dict[str, Callable[[str], object]]] = {
    "remind": {"at": config_rules.clock, "notify_command": _same,
               "ics_alarm": config_rules.alarm},
    "sync": {"vdir": _same, "calendar_vdir": _same, "command": config_rules.command},
}


def _str(v: object) -> str:
    if type(v) is not str:
        raise Unsure
    return v


def _bool(v: object) -> bool:
    if type(v) is not bool:
        raise Unsure
    return v


def _one_of(v: object, allowed: tuple[str, ...]) -> str:
    if type(v) is not str or v not in allowed:
        raise Unsure
    return v


def _table(v: object) -> dict[str, Any]:
    if type(v) is not dict:
        raise Unsure
    return v


def _section(v: object, keys: set[str]) -> dict[str, Any]:
    """A sub-model's table: only its own keys (the models forbid others)."""
    table = _table(v)
    if not set(table) <= keys:
        raise Unsure
    return table
