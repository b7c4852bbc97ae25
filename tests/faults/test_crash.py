"""SIGKILL at random moments during a long mixed write sequence: nothing acknowledged is
lost, nothing is half-written. CI runs NETUI_FAULT_KILLS (default 50); the full run is
`NETUI_FAULT_KILLS=200 python tests/faults/crash_harness.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.faults.crash_harness import check_survivors, run

KILLS = int(os.environ.get("NETUI_FAULT_KILLS", "50"))


def test_every_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    stats = run(tmp_path / "data", KILLS, seed=int(os.environ.get("NETUI_FAULT_SEED", "1")))
    print(stats.summary())
    assert stats.kills == KILLS
    assert stats.acked_writes > KILLS  # the writer really wrote between kills
    assert stats.mid_write > 0  # some kills did land inside a transaction


NOTE = ["interactions", "n1", {"id": "n1", "text": "hi"}]
FAV = ["favours", "f1", {"id": "f1", "text": "lift"}]


def test_checker_catches_a_lost_acknowledged_write() -> None:
    with pytest.raises(AssertionError, match="acknowledged"):
        check_survivors({}, [[NOTE]], acked=1, after={})


def test_checker_catches_half_a_transaction() -> None:
    after = {("interactions", "n1"): NOTE[2]}
    with pytest.raises(AssertionError):
        check_survivors({}, [[NOTE, FAV]], acked=0, after=after)


def test_checker_accepts_an_interrupted_transaction_whole_or_not_at_all() -> None:
    whole = {("interactions", "n1"): NOTE[2], ("favours", "f1"): FAV[2]}
    assert check_survivors({}, [[NOTE, FAV]], acked=0, after=whole) is True
    assert check_survivors({}, [[NOTE, FAV]], acked=0, after={}) is False
