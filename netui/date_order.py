"""How 03/04 reads in quick-add, snooze and the review's boxes: the config's
`date_order`, else as imports read files without a rule of their own (month first where
that is the custom, or the region is unknown; day first elsewhere)."""

from __future__ import annotations

from typing import Any

from .domain.phones import default_region


def default_date_order(configured: str, region: str | None) -> str:
    """The order for slashed dates a file does not decide: the config's `date_order`, else
    month first where that is the custom (or the region is unknown), else day first.
    Here, not with the importers: quick-add needs it, and none of their parsers."""
    if configured:
        return configured
    return "mdy" if region in (None, "US", "CA", "PH", "FM", "MH", "PW") else "dmy"


def date_order(config: Any) -> str:
    """"dmy" or "mdy" for this config."""
    return default_date_order(config.date_order, default_region(config.region))
