"""`Change`, the unit a store transaction is made of. TinyDB-free, like `errors`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    """Put `doc` as record `id` of `collection`, or delete it when `doc` is None."""

    collection: str
    id: str
    doc: Doc | None
