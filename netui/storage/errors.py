"""The store's errors, each worded for the user in one line. TinyDB-free: the UI and the
CLI import these without loading the store."""

from __future__ import annotations

from pathlib import Path

from ..errors import NetuiError


class StoreError(NetuiError):
    """A problem with the data directory, worded for the user in one line."""


class StoreLocked(StoreError):
    pass


class CorruptData(StoreError):
    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        hint = (
            f"newest backup: {backup} (netui restore puts it back)"
            if backup
            else "no backup found"
        )
        super().__init__(f"cannot read {path} ({reason}); it was left untouched; {hint}")
        self.path, self.reason, self.backup = path, reason, backup


class ReadOnlyStore(StoreError):
    pass


class Conflict(StoreError):
    pass


class WriteFailed(StoreError):
    pass


def reason_of(exc: BaseException) -> str:
    """The first line of `exc`, short enough for a one-line message."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
