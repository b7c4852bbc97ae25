"""A test-only model of power loss (issue 12, item 10; finding F19).

`Recorder` passes every file system call netui makes in a data directory through to the
real OS while writing it down: file creation, writes, fsyncs, renames, unlinks and
directory fsyncs. `crash_states` then builds every on-disk state a POSIX file system may
leave after a power cut at each point of that log:

- a file's data written since its last fsync may be lost (its content is the one of the
  last fsync, or the empty file for one never fsynced), or kept;
- a create, rename or unlink in a directory since that directory's last fsync may each
  be lost or kept, in any combination (POSIX promises no order between them);
- anything fsynced (file data) or in a directory fsynced after the change is kept.

Directories themselves are not renamed by a commit, so they are modelled by path."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Model:
    """The volatile view while recording: every directory's entries, every file's bytes."""

    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # dir -> name -> file id
    content: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes


@dataclass(frozen=True)
class Op:
    kind: str  # create | write | fsync | rename | unlink | fsync_dir
    folder: str = ""
    name: str = ""
    other: str = ""  # the rename's new name
    fid: str = ""
    data: bytes = b""


class Recorder:
    """Monkeypatch os.open/write/fsync/close/replace/rename/unlink while a commit runs."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.initial = Model()
        for folder, _dirs, names in os.walk(self.root):
            rel = os.path.relpath(folder, self.root)
            if rel.split(os.sep)[0] == "backups":
                continue
            self.initial.entries[rel] = {}
            for name in names:
                fid = f"{rel}/{name}"
                self.initial.entries[rel][name] = fid
                self.initial.content[fid] = Path(folder, name).read_bytes()
        self.live = Model({d: dict(e) for d, e in self.initial.entries.items()},
                          dict(self.initial.content))
        self.ops: list[Op] = []
        self._fds: dict[int, tuple[str, str | None]] = {}  # fd -> (dir, file id or None)
        self._new = itertools.count()

    def _split(self, path: object) -> tuple[str, str] | None:
        full = os.path.abspath(os.fspath(path))  # type: ignore[arg-type]
        if os.path.commonpath([full, str(self.root)]) != str(self.root):
            return None
        rel = os.path.relpath(full, self.root)
        folder, name = os.path.split(rel)
        return (folder or ".", name) if rel != "." else (".", "")

    def install(self, monkeypatch) -> None:
        real = {n: getattr(os, n) for n in ("open", "write", "fsync", "close", "replace",
                                            "rename", "unlink")}

        def open_(path, flags, mode=0o777, *, dir_fd=None):
            where = self._split(path) if dir_fd is None else None
            existed = where is not None and where[1] in self.live.entries.get(where[0], {})
            fd = real["open"](path, flags, mode, dir_fd=dir_fd)
            if where is not None:
                folder, name = where
                rel = os.path.normpath(os.path.join(folder, name))
                if rel in self.live.entries or name == "":
                    self._fds[fd] = (rel if name else ".", None)  # a directory
                else:
                    if not existed and flags & os.O_CREAT:
                        fid = f"new{next(self._new)}:{name}"
                        self.live.entries[folder][name] = fid
                        self.live.content[fid] = b""
                        self.ops.append(Op("create", folder, name, fid=fid))
                    self._fds[fd] = (folder, self.live.entries.get(folder, {}).get(name))
            return fd

        def write(fd, data):
            n = real["write"](fd, data)
            folder, fid = self._fds.get(fd, ("", None))
            if fid is not None:
                chunk = bytes(data[:n])
                self.live.content[fid] += chunk
                self.ops.append(Op("write", folder, fid=fid, data=chunk))
            return n

        def fsync(fd):
            real["fsync"](fd)
            if fd in self._fds:
                folder, fid = self._fds[fd]
                self.ops.append(Op("fsync", fid=fid) if fid else Op("fsync_dir", folder))

        def close(fd):
            self._fds.pop(fd, None)
            return real["close"](fd)

        def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None, _real=real["replace"]):
            _real(src, dst)
            a, b = self._split(src), self._split(dst)
            if a and b:
                assert a[0] == b[0], "a commit renames within one directory"
                entries = self.live.entries[a[0]]
                entries[b[1]] = entries.pop(a[1])
                self.ops.append(Op("rename", a[0], a[1], other=b[1]))

        def unlink(path, *, dir_fd=None):
            real["unlink"](path, dir_fd=dir_fd)
            where = self._split(path) if dir_fd is None else None
            if where:
                self.live.entries[where[0]].pop(where[1], None)
                self.ops.append(Op("unlink", where[0], where[1]))

        for name, fake in (("open", open_), ("write", write), ("fsync", fsync),
                           ("close", close), ("replace", rename), ("rename", rename),
                           ("unlink", unlink)):
            monkeypatch.setattr(os, name, fake)


def crash_states(rec: Recorder) -> Iterator[dict[str, bytes]]:
    """Every distinct state (relative path -> bytes) a power cut may leave, at every
    point of the recorded log (before the first step up to after the last)."""
    seen: set[frozenset[tuple[str, bytes]]] = set()
    for cut in range(len(rec.ops) + 1):
        for state in _states_at(rec, rec.ops[:cut]):
            key = frozenset(state.items())
            if key not in seen:
                seen.add(key)
                yield state


def _states_at(rec: Recorder, ops: list[Op]) -> Iterator[dict[str, bytes]]:
    durable_entries = {d: dict(e) for d, e in rec.initial.entries.items()}
    pending: dict[str, list[Op]] = {d: [] for d in durable_entries}
    content = dict(rec.initial.content)  # what the program sees
    durable = dict(rec.initial.content)  # what an fsync made safe
    for op in ops:
        if op.kind == "create":
            content[op.fid] = durable[op.fid] = b""
            pending[op.folder].append(op)
        elif op.kind == "write":
            content[op.fid] += op.data
        elif op.kind == "fsync":
            durable[op.fid] = content[op.fid]
        elif op.kind in ("rename", "unlink"):
            pending[op.folder].append(op)
        elif op.kind == "fsync_dir":
            _apply(durable_entries[op.folder], pending[op.folder])
            pending[op.folder] = []
    folders = sorted(pending)
    choices = [list(_subsets(pending[d])) for d in folders]
    for picked in itertools.product(*choices):
        entries = {d: dict(durable_entries[d]) for d in folders}
        for d, chosen in zip(folders, picked, strict=True):
            _apply(entries[d], chosen)
        fids = {fid for e in entries.values() for fid in e.values()}
        unsynced = sorted(f for f in fids if content[f] != durable[f])
        for kept in itertools.product((False, True), repeat=len(unsynced)):
            data = {f: (content[f] if k else durable[f]) for f, k in zip(unsynced, kept,
                                                                          strict=True)}
            yield {os.path.normpath(os.path.join(d, name)): data.get(fid, content[fid])
                   for d, e in entries.items() for name, fid in e.items()}


def _subsets(ops: list[Op]) -> Iterator[list[Op]]:
    for mask in range(1 << len(ops)):
        yield [op for i, op in enumerate(ops) if mask >> i & 1]


def _apply(entries: dict[str, str], ops: list[Op]) -> None:
    for op in ops:
        if op.kind == "create":
            entries[op.name] = op.fid
        elif op.kind == "rename" and op.name in entries:
            entries[op.other] = entries.pop(op.name)
        elif op.kind == "unlink":
            entries.pop(op.name, None)


def materialize(state: dict[str, bytes], root: Path) -> None:
    for rel, data in state.items():
        path = root / rel
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_bytes(data)
        path.chmod(0o600)
