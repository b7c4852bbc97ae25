"""The locks on a data directory: an exclusive flock on `.lock` around every
read-modify-write, and a shared one on `.session` held by every open netui session."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import StoreError, StoreLocked
from .fsio import FILE_MODE, link_message

LOCK_TIMEOUT = 5.0  # seconds a write waits for another netui to finish its own


def open_lock(path: Path, writable: bool) -> int | None:
    """An fd to flock on `path`, never through a link (a dangling `.lock` link is not
    created through). Read-only when the directory cannot be written: None if the lock
    file is not there and cannot be made (reads go on without it)."""
    flags = os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        if writable:
            return os.open(path, flags | os.O_RDWR | os.O_CREAT, FILE_MODE)
        return os.open(path, flags | os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(link_message(path)) from None
        raise


class DirLock:
    """The data directory's `.lock`, re-entrant within this process."""

    def __init__(self, root: Path, timeout: float) -> None:
        self.root = root
        self.timeout = timeout
        self.fd: int | None = None
        self._depth = 0
        self._session_fd: int | None = None

    @contextlib.contextmanager
    def held(self, *, writable: bool) -> Iterator[None]:
        """An exclusive flock on .lock; re-entrant within this process."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.fd is None:
            try:
                # A read-only directory is only read: flock on a read-only fd, or no lock
                # at all when there is no .lock to open (nobody can write there either).
                self.fd = open_lock(self.root / ".lock", writable=writable)
            except OSError as exc:
                raise StoreError(f"cannot lock {self.root}: {exc.strerror or exc}") from exc
            if self.fd is None:
                yield
                return
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLocked(
                        f"another netui is busy with {self.root}; waited "
                        f"{self.timeout:g}s, try again"
                    ) from None
                time.sleep(0.005)
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def join_session(self) -> bool:
        """Hold a shared lock on .session for this process's lifetime; say whether another
        session already holds it."""
        if self._session_fd is None:
            try:
                self._session_fd = os.open(self.root / ".session",
                                           os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
            except OSError:
                return False
        others = False
        try:
            fcntl.flock(self._session_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            others = True
        fcntl.flock(self._session_fd, fcntl.LOCK_SH)
        return others

    def close(self) -> None:
        if self._session_fd is not None:
            os.close(self._session_fd)
            self._session_fd = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
