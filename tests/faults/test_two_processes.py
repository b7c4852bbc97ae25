"""Two netuis on one data directory: writes wait for each other, none is lost, and each
sees what the other wrote."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

from netui.services import Changed, Network
from tests.conftest import TODAY, open_network

HERE = Path(__file__).parent
REPO = HERE.parents[1]


def netui(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETUI_DATA_DIR": str(data_dir), "NETUI_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "netui", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def hold_lock(data_dir: Path, seconds: float) -> threading.Thread:
    """Another netui in the middle of a write: holds the store's lock for `seconds`."""
    fd = os.open(data_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    timer = threading.Timer(seconds, lambda: (fcntl.flock(fd, fcntl.LOCK_UN), os.close(fd)))
    timer.start()
    return timer


def test_thousand_interleaved_writes_from_two_processes_all_kept(demo_network: Network,
                                                                data_dir: Path) -> None:
    before = demo_network.store.count("interactions")
    demo_network.store.close()
    per_process = int(os.environ.get("NETUI_FAULT_INTERLEAVED", "500"))
    procs = [subprocess.Popen([sys.executable, str(HERE / "interleave_writer.py"),
                               str(data_dir), tag, str(per_process)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("left", "right")]
    outputs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    acked = [line for out, _err in outputs for line in out.split()]
    assert len(acked) == 2 * per_process
    net = open_network(data_dir)
    try:
        stored = {d["id"]: d["text"] for d in net.store.docs("interactions")}
        assert len(stored) == before + 2 * per_process
        assert all(i in stored for i in acked)
        texts = set(stored.values())
        assert all(f"{tag} {n}" in texts for tag in ("left", "right") for n in range(per_process))
    finally:
        net.store.close()


def test_shell_command_waits_for_the_lock_and_succeeds(network: Network, data_dir: Path) -> None:
    timer = hold_lock(data_dir, 1.0)
    result = netui(data_dir, "add", "Grace Hopper")
    timer.join()
    assert result.returncode == 0, result.stderr
    network.refresh()
    assert [c.name for c in network.find("Grace Hopper")] == ["Grace Hopper"]


def test_shell_command_gives_up_on_a_held_lock_with_one_line(network: Network,
                                                             data_dir: Path) -> None:
    timer = hold_lock(data_dir, 8.0)  # longer than the store's 5 s wait
    try:
        result = netui(data_dir, "add", "Grace Hopper")
    finally:
        timer.cancel()
        timer.function()
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "another netui is busy" in result.stderr
    assert "Traceback" not in result.stderr
    network.refresh()
    assert network.find("Grace Hopper") == []


def test_open_network_sees_what_a_shell_command_wrote(network: Network, data_dir: Path) -> None:
    events: list[Changed] = []
    network.listeners.append(events.append)
    assert netui(data_dir, "add", "Katherine Johnson").returncode == 0
    assert network.refresh() is True
    assert [c.name for c in network.find("Katherine")] == ["Katherine Johnson"]
    assert events and events[-1].external and "contacts" in events[-1].collections
