"""Many files written into one folder (a vdir export, a sync round), each atomically and
all durably, at a cost close to the disk's: 10,000 cards in a fraction of a second of
disk time instead of 10,000 journal commits one after another.

Every file goes to a fresh temp file beside its final name and is renamed into place only
once its bytes are on the disk; the folder is fsynced after the last rename. A kill or a
power cut at any point leaves each file old or new, never torn; a killed run's temp
files (hidden, `.tmp`: no vdir reader lists them) are removed by the next export.

The temps are created by a thread while the caller makes the next files (an export
builds its cards on one core while the kernel allocates their inodes on the other).

How the bytes reach the disk before the renames:
- Linux 5.8 and later: one syncfs() of the folder's file system for a large batch (it
  reports write-back errors from 5.8 on; before that it did not, so it is not used); a
  batch of fewer than SYNCFS_MIN_FILES fsyncs each file instead.
- Elsewhere: fsync() of every temp file by a pool of threads while the next files are
  written, so the file system commits many at once; where syncfs is refused, every
  temp is fsynced the same way before the renames."""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from queue import SimpleQueue

from .fsio import FILE_MODE, temp_name

# Below this many files, fsyncing each costs less than flushing a whole file system (which
# may hold other programs' unwritten data).
SYNCFS_MIN_FILES = 64
_FSYNC_THREADS = 16
_IN_FLIGHT = 128  # temp files open at once (well under any open-file limit)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_FILL = os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC  # a spare temp, made empty by this batch
_SPARE = "netui-batch"  # the final-name part of spare temps' names (any is renamed over)
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


def _write_temp(dfd: int, name: str, data: bytes, spare: str | None = None) -> tuple[int, str]:
    """A new temp file for `name` holding `data`, still open (not yet fsynced); `spare`:
    an empty temp made for the batch beforehand (see _Writer), filled instead."""
    tmp = spare or temp_name(name, os.urandom(4).hex())
    fd = os.open(tmp, _FILL if spare else _CREATE, FILE_MODE, dir_fd=dfd)
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


class _Writer(threading.Thread):
    """Writes the temp files of a batch while the caller makes the next ones: creating a
    file is kernel work (ext4 allocating the inode) during which the GIL is free, so an
    export's cards are built on one core while their files are created on the other.
    The first SYNCFS_MIN_FILES temps stay open, so a batch that ends smaller than that
    fsyncs each of them instead of flushing the whole file system.

    `spares`: how many files the batch expects before it has their names or bytes (an
    export into an empty vdir, while the network is read). Until the first arrives the
    thread creates that many empty temps, each filled later by one of the files, so the
    inodes are allocated while the caller is still busy; those left over are removed."""

    def __init__(self, dfd: int, spares: int = 0) -> None:
        super().__init__(name="netui-batch-write", daemon=True)
        self.dfd = dfd
        self.queue: SimpleQueue[tuple[str, bytes] | None] = SimpleQueue()
        self.temps: list[tuple[str, str]] = []  # (temp, final name), in the caller's order
        self.held: list[int] = []  # open fds of the first temps (a small batch fsyncs them)
        self.to_make = spares
        self.spares: list[str] = []  # empty temps made ahead, not yet filled
        self.error: BaseException | None = None
        self.stopped = False

    def run(self) -> None:
        try:
            while True:
                if self.to_make > 0 and self.queue.empty() and not self.stopped:
                    self._make_spare()
                    continue
                item = self.queue.get()
                if item is None:
                    break
                if self.error is None and not self.stopped:
                    self._write(*item)
        finally:
            _unlink_all(self.dfd, self.spares)
            self.spares.clear()

    def _make_spare(self) -> None:
        tmp = temp_name(_SPARE, os.urandom(4).hex())
        try:
            os.close(os.open(tmp, _CREATE, FILE_MODE, dir_fd=self.dfd))
        except OSError:  # the files themselves will meet it and report it
            self.to_make = 0
            return
        self.to_make -= 1
        self.spares.append(tmp)

    def _write(self, name: str, data: bytes) -> None:
        try:
            fd, tmp = _write_temp(self.dfd, name, data, self.spares.pop() if self.spares else None)
        except BaseException as exc:
            self.error = exc
            return
        self.to_make = 0  # the files have started: no more spares
        self.temps.append((tmp, name))
        if len(self.temps) < SYNCFS_MIN_FILES:
            self.held.append(fd)
            return
        os.close(fd)
        while self.held:  # large enough for one flush: no fd is fsynced on its own
            os.close(self.held.pop())

    def drain(self, files: Iterable[tuple[str, bytes]]) -> None:
        """Hand every file to the thread, then wait for the last to be written."""
        try:
            for item in files:
                if self.error is not None:
                    break
                self.queue.put(item)
        except BaseException:
            self.stopped = True
            raise
        finally:
            self.queue.put(None)
            self.join()
        if self.error is not None:
            raise self.error

    def close_held(self) -> None:
        while self.held:
            os.close(self.held.pop())


def _fsync_all(fds: list[int]) -> None:
    """fsync every fd, many at once (the file system commits them together)."""
    if not fds:
        return
    with ThreadPoolExecutor(max_workers=min(_FSYNC_THREADS, len(fds))) as pool:
        for _ in pool.map(os.fsync, fds):
            pass


def _reopen_and_fsync(dfd: int, temps: list[str]) -> None:
    """fsync temps already closed (the file system refused one flush of them all)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    for start in range(0, len(temps), _IN_FLIGHT):
        fds = []
        try:
            for tmp in temps[start:start + _IN_FLIGHT]:
                fds.append(os.open(tmp, flags, dir_fd=dfd))
            _fsync_all(fds)
        finally:
            for fd in fds:
                os.close(fd)


def _streamed(dfd: int, files: Iterable[tuple[str, bytes]], flush: Callable[[int], None],
              spares: int = 0) -> int:
    """All temps written (by a _Writer), made durable (each fsynced when fewer than
    SYNCFS_MIN_FILES, else one flush of the file system), then renamed in order (a name
    given twice ends with its last bytes). Returns how many files were written."""
    writer = _Writer(dfd, spares)
    writer.start()
    renamed = 0
    try:
        writer.drain(files)
        temps = writer.temps
        if writer.held:
            _fsync_all(writer.held)
        elif temps:
            try:
                flush(dfd)
            except OSError as exc:
                if exc.errno not in (errno.ENOSYS, errno.EPERM):  # not there, or seccomp
                    raise
                _reopen_and_fsync(dfd, [t for t, _ in temps])
        writer.close_held()
        for tmp, name in temps:
            _rename(dfd, tmp, name)
            renamed += 1
    except BaseException:
        writer.close_held()
        _unlink_all(dfd, [t for t, _ in writer.temps[renamed:]])
        raise
    return len(writer.temps)


def _fsync_each(dfd: int, files: Iterable[tuple[str, bytes]]) -> int:
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

    written = 0
    with ThreadPoolExecutor(max_workers=_FSYNC_THREADS) as pool:
        try:
            for name, data in files:
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
                written += 1
        except BaseException as exc:
            with lock:
                errors.insert(0, exc)
    if errors:
        raise errors[0]
    return written


def write_batch(folder: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]],
                *, expected: int = 0) -> int:
    """Replace or create every file of `files` (name -> bytes, or (name, bytes) pairs made
    while the first are written) in `folder`: each one atomically, all of them durable
    when this returns. Returns how many files were written. `expected`: how many new
    files the caller counts on while it makes the first (their inodes are made ahead)."""
    pairs = iter(files.items() if isinstance(files, Mapping) else files)
    if expected < SYNCFS_MIN_FILES:  # nothing to make ahead: an empty batch opens nothing
        first = next(pairs, None)
        if first is None:
            return 0
        pairs = itertools.chain((first,), pairs)
    dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        flush = syncfs()
        if flush is None:
            return _fsync_each(dfd, pairs)
        return _streamed(dfd, pairs, flush, expected if expected >= SYNCFS_MIN_FILES else 0)
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
