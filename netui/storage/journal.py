"""A commit of several shard files made atomic: every shard is staged to a durable temp,
then a journal listing the renames is written (the commit point), then the temps are
renamed into place. A crash after the commit point is finished at the next open by
replaying the journal, which is checked first: only netui's own temps onto its own files."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .fsio import atomic_write, fsync_dir, read_bytes, write_temp
from .layout import JOURNAL, known_data_file, known_temp_of
from .shards import Packed, ShardStorage

Plan = list[tuple[str, str]]


def journal_plan(raw: bytes) -> Plan:
    """The (temp, data file) renames of journal.json; ValueError unless every one is a
    temp file netui writes, renamed onto its own data file."""
    data = orjson.loads(raw)
    renames = data.get("renames") if isinstance(data, dict) else None
    if not isinstance(renames, list):
        raise ValueError("not a netui journal")
    plan = []
    for item in renames:
        if not isinstance(item, list) or len(item) != 2:
            raise ValueError("not a netui journal")
        final = known_data_file(item[1])
        plan.append((known_temp_of(item[0], final), final))
    return plan


def read_plan(root: Path) -> Plan | None:
    """The journal's renames, None when there is no journal (ValueError/OSError if it
    cannot be read)."""
    raw = read_bytes(root / JOURNAL)
    return None if raw is None else journal_plan(raw)


def replay(root: Path, plan: Plan) -> None:
    """Finish a journalled commit: renames are idempotent (a missing temp is done)."""
    for tmp_rel, final_rel in plan:
        tmp = root / tmp_rel
        if os.path.lexists(tmp):
            os.replace(tmp, root / final_rel)
    for d in {(root / f).parent for _t, f in plan}:
        fsync_dir(d)
    (root / JOURNAL).unlink()
    fsync_dir(root)


def temps_to_read(root: Path, plan: Plan) -> dict[Path, Path]:
    """Data file -> the journal's temp standing in for it (read-only: a commit left
    halfway is shown finished without finishing it)."""
    return {root / final: root / tmp for tmp, final in plan if os.path.lexists(root / tmp)}


@dataclass(slots=True)
class _Staged:
    storage: ShardStorage
    data: Packed | None  # None: spliced bytes, left to be read on first use
    tmp: Path


@dataclass(slots=True)
class Transaction:
    """The shards of one commit, staged to durable temps, then renamed into place."""

    root: Path
    staged: list[_Staged] = field(default_factory=list)
    past_commit_point: bool = False

    def stage(self, storage: ShardStorage, data: Packed | None, raw: bytes) -> None:
        self.staged.append(_Staged(storage, data, write_temp(storage.path, raw)))

    def commit(self) -> None:
        """Rename staged temp files into place. Every temp is already durable; with more
        than one file, a journal listing the renames is written first. If a rename fails
        once the journal is written, `past_commit_point` is set: the temps belong to the
        journal, and `replay` finishes the commit."""
        journal = self.root / JOURNAL
        if len(self.staged) > 1:
            plan = [[str(s.tmp.relative_to(self.root)), str(s.storage.path.relative_to(self.root))]
                    for s in self.staged]
            # The temps' names must be durable before the journal says they exist: a
            # replay takes a missing temp for one already renamed (power-loss test).
            for folder in {s.tmp.parent for s in self.staged}:
                fsync_dir(folder)
            atomic_write(journal, orjson.dumps({"renames": plan}))
        dirs = set()
        try:
            for s in self.staged:
                os.replace(s.tmp, s.storage.path)
                s.storage.adopt(s.data)
                dirs.add(s.storage.path.parent)
        except BaseException:
            if journal.exists():
                self.past_commit_point = True
                self.staged.clear()
            raise
        self.staged.clear()
        for d in dirs:
            fsync_dir(d)
        if journal.exists():
            # Not fsynced: every rename above is durable, so a journal that comes back
            # after a power cut names temps that are gone, and its replay at the next
            # open does nothing but remove it (the next journal's own fsync of this
            # folder makes the removal durable anyway). One fsync less per commit.
            journal.unlink()

    def discard(self) -> None:
        """Remove the temps of a commit that did not happen."""
        for s in self.staged:
            with contextlib.suppress(OSError):
                s.tmp.unlink()
        self.staged.clear()
