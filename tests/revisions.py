"""Comparing networks by content: an undo puts records back at a newer revision (so a
form opened before the undo cannot write over it), everything else as it was."""

from __future__ import annotations

from typing import Any


def content(export: dict[str, Any]) -> dict[str, Any]:
    """A full export without the revision numbers."""
    return {k: [{f: v for f, v in d.items() if f != "rev"} for d in docs]
            if isinstance(docs, list) else docs for k, docs in export.items()}
