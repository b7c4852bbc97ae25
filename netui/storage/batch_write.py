"""Many files written into one folder (a vdir export, a sync round), each atomically and
all durably, at a cost close to the disk's: 10,000 cards in a fraction of a second of
disk time instead of 10,000 journal commits one after another.

Every file goes to a fresh temp file beside its final name and is renamed into place only
once its bytes are on the disk; the folder is fsynced after the last rename. A kill or a
power cut at any point leaves each file old or new, never torn; a killed run's temp
files (hidden, `.tmp`: no vdir reader lists them) are removed by the next export.

How the bytes reach the disk before the renames:
- Linux 5.8 and later: one syncfs() of the folder's file system for a large batch (it
  reports write-back errors from 5.8 on; before that it did not, so it is not used).
- Elsewhere, or when syncfs is refused: fsync() of every temp file by a pool of threads
  while the next files are written, so the file system commits many at once."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .fsio import FILE_MODE, temp_name

# Below this many files, fsyncing each costs less than flushing a whole file system (which
# may hold other programs' unwritten data).
SYNCFS_MIN_FILES = 64
_FSYNC_THREADS = 16
_IN_FLIGHT = 128  # temp files open at once (well under any open-file limit)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_OUR_TEMP = re.compile(r"\.(?P<final>.+)\.[0-9a-f]{8}\.tmp")


@functools.cache
def syncfs() -> Callable[[int], None] | None:
    """syncfs(2) where it is there and reports errors (Linux 5.8+), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        release = tuple(int(x) for x in re.findall(r"\d+", os.uname().release)[:2])
    except ValueError:
        return None
    if release < (5, 8):
        return None
    try:
        import ctypes

        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int]
    fn.restype = ctypes.c_int

    def call(fd: int) -> None:
        if fn(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))

    return call


def _write_temp(dfd: int, name: str, data: bytes) -> tuple[int, str]:
    """A new temp file for `name` holding `data`, still open (not yet fsynced)."""
    tmp = temp_name(name, os.urandom(4).hex())
    fd = os.open(tmp, _CREATE, FILE_MODE, dir_fd=dfd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)
        raise
    return fd, tmp


def _rename(dfd: int, tmp: str, name: str) -> None:
    os.rename(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)  # replaces `name` (POSIX rename)


def _unlink_all(dfd: int, temps: list[str]) -> None:
    for tmp in temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)


def _one_flush(dfd: int, files: Mapping[str, bytes], flush: Callable[[int], None]) -> bool:
    """All temps written and closed, one flush of the file system, then the renames.
    False (nothing changed) when the flush is refused as unsupported."""
    temps: list[tuple[str, str]] = []
    renamed = 0
    try:
        for name, data in files.items():
            fd, tmp = _write_temp(dfd, name, data)
            temps.append((tmp, name))
            os.close(fd)
        try:
            flush(dfd)
        except OSError as exc:
            if exc.errno in (errno.ENOSYS, errno.EPERM):  # not there, or a seccomp filter
                _unlink_all(dfd, [t for t, _ in temps])
                return False
            raise
        for tmp, name in temps:
            _rename(dfd, tmp, name)
            renamed += 1
    except BaseException:
        _unlink_all(dfd, [t for t, _ in temps[renamed:]])
        raise
    return True


def _fsync_each(dfd: int, files: Mapping[str, bytes]) -> None:
    """Each temp fsynced then renamed by a pool thread while the main thread writes the
    next ones. The first error stops the batch: the files renamed so far stay (each is
    whole), the rest are removed, and the error is raised."""
    slots = threading.BoundedSemaphore(_IN_FLIGHT)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def finish(fd: int, tmp: str, name: str) -> None:
        try:
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            if errors:
                raise InterruptedError  # the batch failed: this one is not renamed either
            _rename(dfd, tmp, name)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dfd)
            if not isinstance(exc, InterruptedError):
                with lock:
                    errors.append(exc)
        finally:
            slots.release()

    with ThreadPoolExecutor(max_workers=_FSYNC_THREADS) as pool:
        try:
            for name, data in files.items():
                slots.acquire()
                if errors:
                    slots.release()
                    break
                try:
                    fd, tmp = _write_temp(dfd, name, data)
                except BaseException:
                    slots.release()
                    raise
                pool.submit(finish, fd, tmp, name)
        except BaseException as exc:
            with lock:
                errors.insert(0, exc)
    if errors:
        raise errors[0]


def write_batch(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace or create every file of `files` (name -> bytes) in `folder`: each one
    atomically, all of them durable when this returns."""
    if not files:
        return
    dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        flush = syncfs() if len(files) >= SYNCFS_MIN_FILES else None
        if flush is None or not _one_flush(dfd, files, flush):
            _fsync_each(dfd, files)
    except OSError as exc:
        raise _named(exc, folder) from None
    finally:
        with contextlib.suppress(OSError):  # some file systems refuse a folder's fsync
            os.fsync(dfd)  # also after a failure: the files renamed before it stay
        os.close(dfd)


def _named(exc: OSError, folder: Path) -> OSError:
    """The error with the path of the file it is about (not a temp name, not relative)."""
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if not isinstance(name, str) or os.path.isabs(name):
        return exc
    temp = _OUR_TEMP.fullmatch(name)
    return OSError(exc.errno, exc.strerror, str(folder / (temp["final"] if temp else name)))


def remove_stale_temps(folder: Path) -> int:
    """Temp files a killed batch left in `folder` (netui's names only; the caller holds
    the folder's lock, so no batch is running). Returns how many were removed."""
    removed = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and _OUR_TEMP.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)
                        removed += 1
    return removed
