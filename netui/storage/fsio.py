"""Durable file operations: atomic writes, fsynced temps and folders, stat stamps, reads
that never follow a link, and the wording of the disk's refusals. TinyDB-free: the config
and the CLI's exports write through this."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path

from .errors import StoreError, WriteFailed

DIR_MODE = 0o700
FILE_MODE = 0o600

Stamp = tuple[int, int, int]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EDQUOT: "the disk quota is exceeded",
}


def why(exc: OSError) -> str:
    """What the disk said, in a few words."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def os_error(exc: OSError, what: str) -> WriteFailed:
    return WriteFailed(f"could not save {what}: {why(exc)}; nothing was changed")


def unwritable_reason(root: Path, exc: OSError) -> str | None:
    """Why `root` cannot be written, if `exc` (from creating a file there) says so."""
    if exc.errno == errno.EROFS:
        return f"the data directory {root} is on a read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"the data directory {root} cannot be written (permission denied)"
    return None


def link_message(path: Path) -> str:
    return (f"{path} is a symbolic link; netui does not follow links inside its data "
            "directory: replace it with the file or folder it points to")


def stamp(path: Path) -> Stamp | None:
    """(mtime, size, inode) of `path` itself, None if it does not exist."""
    try:
        st = os.lstat(path)  # a link's own stamp: links are refused when read
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist; a link is refused, never followed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(link_message(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is not a regular file; netui will not read it")
        # One read of the whole file (a byte more, to see a file that grew meanwhile):
        # no 15 MB of chunks joined into a second copy. The loop reads what was added.
        chunks = []
        while chunk := os.read(fd, max(info.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse directory fsync
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_name(final: str, token: str) -> str:
    head, _, name = final.rpartition("/")
    return f"{head}/.{name}.{token}.tmp" if head else f".{name}.{token}.tmp"


def _write_all(fd: int, data: bytes, *, sync: bool = True) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    if sync:
        os.fsync(fd)


def write_temp(final: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write `data` to a fresh private temp file beside `final`, flushed and (unless the
    caller fsyncs a batch itself) fsynced."""
    tmp = final.with_name(temp_name(final.name, os.urandom(4).hex()))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        _write_all(fd, data, sync=sync)
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
    replace_file(path, data)
    fsync_dir(path.parent)


def read_cache(path: Path) -> bytes | None:
    """A derived file's bytes (the shell index, the first-frame file), None if it is
    missing or not netui's to use (a link, a folder, unreadable): a cache is then rebuilt,
    never trusted."""
    try:
        return read_bytes(path)
    except (OSError, StoreError):
        return None


def open_cache(path: Path) -> int | None:
    """A derived file opened for reading (a descriptor the caller closes), None as for
    `read_cache`: for a cache read in parts (the shell index's rows, when used)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def replace_file(path: Path, data: bytes, *, sync: bool = True) -> None:
    """`path` replaced by `data` through a temp file beside it, the temp removed if the
    rename fails. `sync=False` for caches (the derived index, the first-frame file): after
    a power loss either file may be there, which their stamps and checksums then judge."""
    tmp = write_temp(path, data, sync=sync)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_many(folder: Path, files: dict[str, bytes]) -> None:
    """Replace many files in one folder, each atomically (a crash leaves each file old or
    new), all durable on return, at a cost close to the disk's (see batch_write)."""
    from .batch_write import write_batch

    write_batch(folder, files)


def copy_tree(files: dict[str, bytes], dest: Path) -> None:
    """Write `files` under `dest`, every file and folder fsynced (the folder is new)."""
    os.mkdir(dest, DIR_MODE)
    folders = {dest}
    for rel, data in files.items():
        target = dest / rel
        if target.parent not in folders:
            os.mkdir(target.parent, DIR_MODE)
            folders.add(target.parent)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(folder)
    fsync_dir(dest.parent)


def remove_tree(path: Path) -> None:
    """Remove a folder netui made inside the data directory (a link is only unlinked)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISLNK(os.lstat(path).st_mode):
            os.unlink(path)
        else:
            shutil.rmtree(path)


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
