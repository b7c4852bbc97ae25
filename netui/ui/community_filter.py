"""`in:acm` in the contacts filter: only members of the communities named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..domain.communities import in_all
from ..services import Network

R = TypeVar("R")


def in_communities(network: Network, rows: Sequence[R], wanted: Sequence[str]) -> list[R]:
    member_of = network.communities.membership()
    return [r for r in rows if in_all(member_of.get(r.id, ()), wanted)]  # type: ignore[attr-defined]
