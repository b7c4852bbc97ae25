"""Helpers shared by the interop tests ."""

from __future__ import annotations

from datetime import date
from typing import Any

from netui.services import Network

FROZEN = date(2026, 11, 22)
VOLATILE = {"id", "created_at", "updated_at", "uid"}


def records(net: Network) -> list[dict[str, Any]]:
    """Every contact without the fields that differ between two networks, sorted."""
    out = [{k: v for k, v in c.to_doc().items() if k not in VOLATILE}
           for c in net.contacts(include_archived=True)]
    return sorted(out, key=lambda d: (d["name"], d["emails"]))
