"""The shell commands' rows of the benchmark (issue 20): whole processes against
references run in turn in the same run (A B A B ..., the ratio taken pair by pair), so a
loaded machine moves both alike:

- `netui --version` against `python -c pass`;
- `netui note '@Name ...'` against the same note on a 1,000-contact copy of the generator's
  network (how the cost grows), and its absolute budget;
- `netui list NAME` against khard 0.22 searching the raw vCard files of the same network
  (`search_in_source_files = yes`: a grep over the files, then only the hits parsed);
- `netui list` against `khard list`, which parses every card;
- the `python -X importtime` summary of `netui note`: the slowest imports.

The vdir is written in process from netui's own vCard writer (one file per contact, no
fsync: the reference must not pay for the export)."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

MARKER_QUERY = "Zebulon"


def by_ratio(ms: float, ratio: float, budget: float) -> float:
    """The ms budget that makes a row's verdict the paired ratio's: ok iff ratio <= budget
    (the medians of A and of B alone can disagree with the median of A/B)."""
    return ms * budget / ratio if ratio > 0 else ms


def _run(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])}: {done.stderr.strip()[-300:]}")
    return took * 1000


def paired(a: tuple[list[str], dict[str, str]], b: tuple[list[str], dict[str, str]],
           runs: int) -> tuple[float, float, float]:
    """(median A ms, median B ms, median of the A/B ratios), one warm-up of each first."""
    _run(*a), _run(*b)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(_run(*a))
        tb.append(_run(*b))
    ratio = statistics.median(x / y for x, y in zip(ta, tb, strict=True))
    return statistics.median(ta), statistics.median(tb), ratio


def write_vdir(root: Path, folder: Path) -> int:
    """Every contact of the data directory `root` as one .vcf file in `folder`."""
    from netui.interop.vcard import to_vcard
    from netui.services import Network
    from netui.storage import Store

    folder.mkdir(parents=True, exist_ok=True)
    net = Network(Store(root, backups=False).open(backup=False))
    try:
        people = net.contacts(include_archived=True)
        for c in people:
            (folder / f"{c.id}.vcf").write_text(to_vcard(c))
    finally:
        net.store.close()
    return len(people)


def khard_config(tmp: Path, vdir: Path) -> Path:
    path = tmp / "khard.conf"
    path.write_text(
        "[addressbooks]\n[[bench]]\npath = " + str(vdir) + "\n"
        "[general]\ndebug = no\ndefault_action = list\neditor = vi\nmerge_editor = vimdiff\n"
        "[contact table]\ndisplay = formatted_name\nsort = formatted_name\n"
        "[vcard]\npreferred_version = 4.0\nsearch_in_source_files = yes\n")
    return path


def importtime_summary(env: dict[str, str], argv: list[str], top: int = 12) -> list[str]:
    """The slowest imports (cumulative) of one run of `netui ARGV`, and the total."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "netui", *argv],
                          capture_output=True, text=True, env=env)
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m[1]), int(m[2]), len(m[3]), m[4]))
    total = sum(r[0] for r in rows) / 1000
    netui = sum(r[0] for r in rows if r[3].startswith("netui")) / 1000
    shown = sorted(rows, key=lambda r: -r[1])[:top]
    out = [f"`python -X importtime -m netui {' '.join(argv)[:40]}`: {len(rows)} modules, "
           f"{total:.1f} ms self time in all ({netui:.1f} ms of it netui's own)"]
    out += [f"  {r[1] / 1000:8.1f} ms cumulative  {r[0] / 1000:6.1f} ms self  {r[3]}"
            for r in shown]
    return out


def shell_rows(root: Path, small: Path | None, tmp: Path, runs: int, env_for: Any,
               row: Any, contacts: int, khard_runs: int) -> tuple[list[Any], dict[str, Any]]:
    """The rows above, as bench.Row; `small`: a 1,000-contact network to compare with."""
    rows: list[Any] = []
    extra: dict[str, Any] = {}
    env = env_for(root)
    py = sys.executable
    netui = [py, "-m", "netui"]

    ms, ref, ratio = paired(([*netui, "--version"], env), ([py, "-c", "pass"], env), runs)
    rows.append(row("netui --version (whole process)", ms, by_ratio(ms, ratio, 5),
                    f"{ratio:.1f}x python -c pass ({ref:.1f} ms), budget 5x, in turn"))

    note = ["note", f"@{MARKER_QUERY} coffee, talked about tea"]
    budget = 150 if contacts <= 10_000 else 200
    if small is not None:
        ms, ref, ratio = paired((netui + note, env), (netui + note, env_for(small)), runs)
        if contacts > 10_000:  # past 10k the note must also grow little: 1.3x the 1k note
            budget = min(budget, by_ratio(ms, ratio, 1.3))
        rows.append(row("netui note '@Name ...' (whole process, budget 150/200 ms)", ms, budget,
                        f"{ratio:.2f}x the same note at 1,000 contacts ({ref:.0f} ms), "
                        f"budget 1.3x at 50k, in turn"))
    else:
        ms = statistics.median(_run(netui + note, env) for _ in range(runs))
        rows.append(row("netui note '@Name ...' (whole process, budget 150/200 ms)", ms, budget,
                        "this network is the 1,000-contact reference"))

    vdir = tmp / "vdir"
    write_vdir(root, vdir)
    khard = [str(Path(py).with_name("khard")), "-c", str(khard_config(tmp, vdir))]
    ms, ref, ratio = paired(([*netui, "list", MARKER_QUERY], env),
                            ([*khard, "list", MARKER_QUERY], env), runs)
    rows.append(row("netui list NAME (whole process)", ms, by_ratio(ms, ratio, 1.0),
                    f"{ratio:.2f}x khard list NAME over the raw vCards ({ref:.0f} ms), "
                    "budget 1.0x, in turn"))
    if khard_runs:
        ms, ref, ratio = paired(([*netui, "list"], env), ([*khard, "list"], env), khard_runs)
        # 0.05x holds from 10k contacts: below that khard's list is mostly its start-up
        limit = min(600, by_ratio(ms, ratio, 0.05)) if contacts >= 10_000 else 600
        rows.append(row("netui list, every contact (whole process)", ms, limit,
                        f"{ratio:.3f}x khard list ({ref:,.0f} ms), budget 0.05x (from 10k) "
                        "and 600 ms"))
    extra["importtime_note"] = importtime_summary(env, note)
    return rows, extra


def build_small(tmp: Path, seed: int, build: Any) -> Path:
    """The 1,000-contact network the note's growth is measured against."""
    small = tmp / "data-1k"
    build(small, 1000, seed)
    return small


def keep_env(env: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **env}
