"""What may exist in a data directory and how netui touches it: known names only, never
through a symbolic link, directories 0700 and files 0600.

Every name netui reads, writes, renames or deletes is derived here from `SHARDS`, so a
collection added later is covered by every check (journal, restore, backups) at once."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import zlib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from .domain import registry
from .errors import NetuiError


# Shards per collection, as each record kind declares them (netui.domain.registry): a
# live view, so a kind registered later is covered by every name derived here.
class _Shards(Mapping[str, int]):
    def __getitem__(self, collection: str) -> int:
        return registry.kind(collection).shards

    def __iter__(self) -> Iterator[str]:
        return iter(list(registry.KINDS))

    def __len__(self) -> int:
        return len(registry.KINDS)


SHARDS: Mapping[str, int] = _Shards()

DIR_MODE = 0o700
FILE_MODE = 0o600
META = "meta.json"
JOURNAL = "journal.json"
RESTORE_MARKER = "restore.json"
STAGING = ".restore-staging"  # a restore's complete new data, before the switch
BACKUPS = "backups"
SYNC_STATE = "sync.json"  # `netui sync`: what the vdir held at the last round
# Names directly in the data directory that must be what they say, never a link.
FIXED_NAMES = (META, JOURNAL, RESTORE_MARKER, ".lock", ".session", BACKUPS, STAGING, SYNC_STATE)

_TEMP = re.compile(r"\.(?P<final>[^/]+)\.[0-9a-f]{8}\.tmp")


class StoreError(NetuiError):
    """A problem with the data directory, worded for the user in one line."""


def shard_of(record_id: str, shards: int) -> int:
    return zlib.crc32(record_id.encode()) % shards


def shard_name(collection: str, index: int) -> str:
    return f"{collection}/{index:02d}.json"


def data_names() -> frozenset[str]:
    """Every data file's path relative to the data directory: meta.json, the shards and the
    sync state (backed up and restored with the records it describes)."""
    return _data_names(registry.version())


@cache
def _data_names(_version: int) -> frozenset[str]:
    shards = {shard_name(c, i) for c, n in SHARDS.items() for i in range(n)}
    return frozenset({META, SYNC_STATE} | shards)


def temp_name(final: str, token: str) -> str:
    head, _, name = final.rpartition("/")
    return f"{head}/.{name}.{token}.tmp" if head else f".{name}.{token}.tmp"


def known_data_file(rel: object) -> str:
    """`rel` if it names a data file, else ValueError saying why."""
    if not isinstance(rel, str):
        raise ValueError(f"{rel!r} is not a path")
    if rel not in data_names():  # exact names only: no "..", no absolute path, no "./"
        raise ValueError(f"{rel[:80]!r} is not a netui data file")
    return rel


def known_temp_of(tmp: object, final: str) -> str:
    """`tmp` if it is a temp file netui writes beside data file `final`."""
    if not isinstance(tmp, str):
        raise ValueError(f"{tmp!r} is not a path")
    head, _, name = tmp.rpartition("/")
    match = _TEMP.fullmatch(name)
    final_head, _, final_name = final.rpartition("/")
    if not match or head != final_head or match["final"] != final_name:
        raise ValueError(f"{tmp[:80]!r} is not a temp file of {final}")
    return tmp


def _link_message(path: Path) -> str:
    return (f"{path} is a symbolic link; netui does not follow links inside its data "
            "directory: replace it with the file or folder it points to")


def refuse_links(root: Path) -> None:
    """One line if a fixed name or a collection folder in `root` is a symbolic link."""
    for name in (*FIXED_NAMES, *SHARDS):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            if stat.S_ISLNK(os.lstat(root / name).st_mode):
                raise StoreError(_link_message(root / name))


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist; a link is refused, never followed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(_link_message(path)) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"{path} is not a regular file; netui will not read it")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
            raise StoreError(_link_message(path)) from None
        raise


def unwritable_reason(root: Path, exc: OSError) -> str | None:
    """Why `root` cannot be written, if `exc` (from creating a file there) says so."""
    if exc.errno == errno.EROFS:
        return f"the data directory {root} is on a read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"the data directory {root} cannot be written (permission denied)"
    return None


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse directory fsync
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def repair_modes(root: Path) -> None:
    """Every folder under `root` 0700 and every file 0600 (an older netui, a copy or a sync
    tool may have left them open to others). Links are not followed; files owned by
    someone else are left (chmod would fail). Below the data directory's own folders
    (inside a backup), a folder is entered only when its mode was wrong: what a private
    folder holds is out of reach anyway, and this keeps an open from stat'ing every file
    of fourteen backups (~9 ms)."""
    uid = os.geteuid()
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            if not is_dir and not stat.S_ISREG(st.st_mode):
                continue
            want = DIR_MODE if is_dir else FILE_MODE
            wrong = stat.S_IMODE(st.st_mode) != want
            if wrong and st.st_uid == uid:
                with contextlib.suppress(OSError):
                    os.chmod(entry.path, want)  # not a link: checked just above
            if is_dir and (depth == 0 or wrong):
                stack.append((Path(entry.path), depth + 1))


def write_temp(final: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write `data` to a fresh private temp file beside `final`, flushed and (unless the
    caller fsyncs a batch itself) fsynced."""
    tmp = final.with_name(temp_name(final.name, os.urandom(4).hex()))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    return tmp


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    if not path.name:  # "" or "/": no file name to write a temp file beside
        raise StoreError(f"cannot write to {str(path)!r}: not a file name")
    tmp = write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_many(folder: Path, files: dict[str, bytes], chunk: int = 1024) -> None:
    """Replace many files in one folder, each atomically (a crash leaves each file old or
    new), at one fsync per file and one for the folder. A chunk of temp files is written,
    then fsynced by a few threads at once (the file system commits them together, two to
    three times faster than one by one), then renamed."""
    from concurrent.futures import ThreadPoolExecutor

    names = list(files)
    if not names:
        return
    with ThreadPoolExecutor(max_workers=8) as pool:
        for start in range(0, len(names), chunk):
            batch = names[start:start + chunk]
            temps: list[Path] = []
            try:
                for name in batch:
                    temps.append(write_temp(folder / name, files[name], sync=False))
                list(pool.map(_fsync_file, temps))
                for name, tmp in zip(batch, temps, strict=True):
                    os.replace(tmp, folder / name)
            except BaseException:
                for tmp in temps:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
                raise
    fsync_dir(folder)
