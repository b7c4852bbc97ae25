"""How 03/04 reads in quick-add, snooze and the review's boxes: the config's
`date_order`, else as imports read files without a rule of their own (month first where
that is the custom, or the region is unknown; day first elsewhere)."""

from __future__ import annotations

from typing import Any

from .domain.phones import default_region
from .interop.common import default_date_order


def date_order(config: Any) -> str:
    """"dmy" or "mdy" for this config."""
    return default_date_order(config.date_order, default_region(config.region))
