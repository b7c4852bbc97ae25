"""Writing an export to the path the user names, the way Unix tools do.

`-` is standard output. A FIFO, a terminal or another character device, and `/dev/stdout`
or `/proc/self/fd/N` (whatever they lead to), are written to directly: replacing them by
rename would swap the system's `/dev/stdout` link for a regular file (seen as root). A
symbolic link is followed and the file it names is replaced atomically, the link kept. A
regular file or a new name is replaced atomically (mode 0600). Anything else, a folder
included, is refused with one line."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..errors import Invalid
from ..storage import atomic_write

# A file descriptor's name (/dev/stdout -> /proc/self/fd/1): the open file behind it is
# the caller's, to write into, never a name to replace.
_FD_NAMES = ("/proc/", "/dev/fd/")


def write_export(file: str, data: bytes) -> bool:
    """Write `data` to `file`. Returns True when it went to a stream (stdout, a pipe, a
    terminal, a device), so the caller keeps its summary line off that stream."""
    if file == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    if not file or file.endswith("/"):
        raise Invalid(f"cannot export to {file!r}: not a file name")
    given = os.path.abspath(file)
    try:
        st = os.stat(given)  # follows links: what the path leads to
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise Invalid(f"cannot export to {file}: {exc.strerror or exc}") from None
    if _names_fd(given) or (st and _is_stream(st.st_mode)):
        if st is None:
            raise Invalid(f"cannot export to {file}: no such device")
        _write_through(file, data, st.st_mode)
        return True
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise Invalid(f"cannot export to {file}: it is {kind}")
    target = Path(os.path.realpath(given))  # a link's target is replaced, the link kept
    if not target.parent.is_dir():
        raise Invalid(f"cannot export to {file}: the folder {target.parent} does not exist")
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise Invalid(f"cannot export to {file}: {exc.strerror or exc}") from None
    return False


def _names_fd(path: str) -> bool:
    """Whether `path`, or a link on the way from it, is a file descriptor's name."""
    for _hop in range(40):
        if path.startswith(_FD_NAMES):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


def _is_stream(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _write_through(file: str, data: bytes, mode: int) -> None:
    if not (_is_stream(mode) or stat.S_ISREG(mode)):
        raise Invalid(f"cannot export to {file}: not a file, pipe or terminal")
    # A regular file behind /dev/stdout is the shell's redirect: append, never truncate
    # (`>>` must not lose what is there, `>` has already emptied it).
    flags = os.O_WRONLY | os.O_CLOEXEC | (os.O_APPEND if stat.S_ISREG(mode) else 0)
    try:
        fd = os.open(file, flags)
    except OSError as exc:
        raise Invalid(f"cannot export to {file}: {exc.strerror or exc}") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        if exc.errno != errno.EPIPE:  # a reader that went away (`| head`) is not an error
            raise Invalid(f"cannot export to {file}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
