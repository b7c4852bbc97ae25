"""Crash at any moment: SIGKILL a writer process at random points and check what survived.

Each round starts `crash_writer.py` on the same data directory, lets it write for a random
time, kills it with SIGKILL, reopens the data as netui would and checks that:
- the data opens, and every record validates as its model;
- every write acknowledged before the kill is there, and the data is exactly the
  previous state plus the acknowledged writes, plus the interrupted transaction either
  whole or not at all (never half of it);
- no temp file or journal is left once the store is open; the directory stays private.

Full run (the README figure):  NETUI_FAULT_KILLS=200 python tests/faults/crash_harness.py
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from netui.demo import generate
from netui.services import Network, validate_export
from netui.storage import Store

TODAY = date(2026, 11, 22)
WRITER = Path(__file__).with_name("crash_writer.py")
Key = tuple[str, str]
State = dict[Key, Any]


@dataclass
class Stats:
    kills: int = 0
    mid_write: int = 0  # killed inside a transaction (intent logged, call not returned)
    mid_write_applied: int = 0  # ... and that transaction had reached the disk
    acked_writes: int = 0
    during_open: int = 0  # killed before the store was open (while it recovers)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.kills} kills survived, {self.mid_write} landed mid-write "
                f"({self.mid_write_applied} of those had committed), {self.during_open} while "
                f"opening, "
                f"{self.acked_writes} acknowledged writes all kept")


def snapshot(store: Store) -> State:
    return {(coll, d["id"]): d for coll, docs in store.snapshot().items() for d in docs}


def open_and_check(root: Path) -> State:
    """Open the data as netui does and check it is whole; returns every record."""
    store = Store(root, today=lambda: TODAY).open()
    try:
        net = Network(store, today=lambda: TODAY)
        validate_export(net.export_all())  # every record validates as its model
        leftovers = [p for p in root.rglob("*.tmp") if "backups" not in p.parts]
        leftovers += [p for p in (root / "journal.json", root / "restore.json") if p.exists()]
        if leftovers:
            raise AssertionError(f"left behind after open: {leftovers}")
        for path in [root, *root.rglob("*")]:
            mode = path.stat().st_mode & 0o777
            if mode & 0o077:
                raise AssertionError(f"{path} is readable by others ({oct(mode)})")
        return snapshot(store)
    finally:
        store.close()


def apply_intent(state: State, changes: list[list[Any]]) -> State:
    out = dict(state)
    for coll, rid, doc in changes:
        if doc is None:
            out.pop((coll, rid), None)
        else:
            out[(coll, rid)] = doc
    return out


def read_log(path: Path) -> tuple[bool, list[list[list[Any]]], int]:
    """(ready, intents in order, highest acknowledged intent number)."""
    ready, intents, acked = False, [], 0
    for raw in path.read_bytes().splitlines():
        try:
            entry = orjson.loads(raw)
        except orjson.JSONDecodeError:
            continue  # a line cut by the kill: its write was never acknowledged
        if entry.get("ready"):
            ready = True
        elif "intent" in entry:
            intents.append(entry["changes"])
        elif "ack" in entry:
            acked = entry["ack"]
    return ready, intents, acked


def one_round(root: Path, before: State, rng: random.Random, stats: Stats, n: int) -> State:
    log = root.parent / f"round-{n}.log"
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(root), str(log), str(rng.randint(0, 10**9))],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    early = rng.random() < 0.1  # some kills land while it opens (journal replay, clean-up)
    while not early and not (log.exists() and b"ready" in log.read_bytes()[:64]):
        if child.poll() is not None:
            raise AssertionError(f"writer died: {child.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError("writer never became ready")
        time.sleep(0.005)
    time.sleep(rng.uniform(0.0, 0.4))
    stats.during_open += not (log.exists() and b"ready" in log.read_bytes()[:64])
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stderr.close()
    if child.returncode != -signal.SIGKILL:
        raise AssertionError(f"writer exited on its own ({child.returncode})")
    stats.kills += 1

    _ready, intents, acked = read_log(log) if log.exists() else (False, [], 0)
    log.unlink(missing_ok=True)
    stats.acked_writes += acked
    after = open_and_check(root)
    applied = check_survivors(before, intents, acked, after, n)
    if len(intents) > acked:
        stats.mid_write += 1
        stats.mid_write_applied += applied
    return after


def check_survivors(
    before: State, intents: list[list[list[Any]]], acked: int, after: State, n: int = 0
) -> bool:
    """`after` must be `before` plus every acknowledged transaction, plus a prefix of the
    unacknowledged ones, each whole. Returns whether an interrupted one had committed."""
    expected = before
    for changes in intents[:acked]:
        expected = apply_intent(expected, changes)
    candidates = [expected]
    for changes in intents[acked:]:
        candidates.append(apply_intent(candidates[-1], changes))
    if after not in candidates:
        missing = [k for k, v in expected.items() if after.get(k) != v][:5]
        extra = [k for k in after if k not in expected][:5]
        raise AssertionError(f"kill {n}: data does not match the acknowledged writes "
                             f"(differs at {missing}, unexpected {extra})")
    return after != expected


def run(root: Path, kills: int, seed: int = 1) -> Stats:
    """Seed `root` with a demo network, then kill a writer `kills` times."""
    rng = random.Random(seed)
    store = Store(root, today=lambda: TODAY).open()
    try:
        if not store.count("contacts"):
            Network(store, today=lambda: TODAY).import_all(generate(80, seed=seed, today=TODAY))
    finally:
        store.close()
    state = open_and_check(root)
    stats = Stats()
    for n in range(kills):
        state = one_round(root, state, rng, stats, n)
    return stats


def main() -> None:
    import tempfile

    kills = int(os.environ.get("NETUI_FAULT_KILLS", "200"))
    with tempfile.TemporaryDirectory(prefix="netui-kills-") as tmp:
        started = time.monotonic()
        stats = run(Path(tmp) / "data", kills, seed=int(os.environ.get("NETUI_FAULT_SEED", "1")))
        print(f"{stats.summary()} in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
