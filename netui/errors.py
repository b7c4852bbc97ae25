"""Errors netui shows to people: each carries one line that says what was wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic is loaded by what validates, not by what reports (the CLI's start)
    from pydantic import ValidationError


class ConfigError(Exception):
    """A config file that cannot be used, in one line (netui.config raises it)."""


class NetuiError(Exception):
    """A problem the user can fix; str() is the one line to show."""


class NotFound(NetuiError):
    pass


class Invalid(NetuiError):
    pass


def one_line(exc: ValidationError, what: str = "") -> str:
    """The first validation problem, naming the field: "emails.0: 'x' is not an email"."""
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    prefix = f"{what} " if what else ""
    return f"{prefix}{field}: {msg}" if field else f"{prefix}{msg}"
