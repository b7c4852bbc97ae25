"""Fixtures for the import/export tests: exporter-shaped sample files, the shared
third-party vCards, and fresh networks to import into."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from netui.services import Network
from netui.storage import Store

FROZEN = date(2026, 11, 22)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLES = HERE / "samples"
SHARED_VCARDS = REPO.parent / "shared" / "fixtures" / "vcards"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def shared_vcards() -> Path:
    """The third-party vCards; missing means a broken checkout, so fail rather than skip."""
    assert SHARED_VCARDS.is_dir(), f"shared vCard fixtures missing: {SHARED_VCARDS}"
    return SHARED_VCARDS


@pytest.fixture
def make_network(tmp_path: Path) -> Iterator[Callable[[str], Network]]:
    """Open extra empty networks (for round trips into a fresh one)."""
    opened: list[Network] = []

    def make(name: str = "other") -> Network:
        net = Network(Store(tmp_path / name, today=lambda: FROZEN).open(), today=lambda: FROZEN)
        opened.append(net)
        return net

    yield make
    for net in opened:
        net.store.close()
