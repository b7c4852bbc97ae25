"""netui's performance budgets (issue 6), measured on a reproducible power-user network.

    python tests/perf/bench.py --contacts 10000 [--scale 5] [--runs 5] [--json FILE]

Builds the network with the demo generator (10 years, 10 notes, 2 favours and half a
check-in per person, from --seed) into a temporary data directory, then measures every
budget row headless, as the median of --runs, beside references measured in the same run
on the same data: a bare Textual app's first frame, orjson.loads of the whole export (gc
on and off), an fsync of a small file, and plain TinyDB (default JSONStorage, one file).
Prints a table and, with --json, writes the figures as JSON.

Filter keystrokes are timed from the key event to the first frame that shows the filtered
list (keystroke.py), the same way as for a bare Textual Input; medians and p90 are given.
netui's bytecode is compiled first, as `pip install .` does: with PYTHONDONTWRITEBYTECODE
set (as on this machine) every cold start would otherwise compile netui from source."""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from netui.demo import generate  # noqa: E402
from netui.domain.models import Contact, Direction, Favour, FavourStatus, Interaction, Kind  # noqa: E402
from netui.domain.search import filter_contacts  # noqa: E402
from netui.services import Network  # noqa: E402
from netui.storage import Store  # noqa: E402
from tests.perf.keystroke import bare_input_keys, netui_keys  # noqa: E402
from tests.perf.pane_open import (  # noqa: E402
    communities_first_open,
    first_open,
    health_first_open,
)
from tests.perf.shell_bench import build_small, shell_rows  # noqa: E402

TODAY = date(2026, 11, 22)
HERE = Path(__file__).parent
MARKER = "Zebulon Quixote"  # one unambiguous name among thousands of generated ones
TYPED = ["m", "ma", "mar", "mari", "maria", "maria b"]  # a filter typed one key at a time
WARM_SETTLE = 12.0  # seconds after the first frame at which the app counts as warm


def waits(contacts: int) -> tuple[float, float]:
    """(seconds a fresh app is left to its start-up work before a key is timed, seconds
    after the first frame at which it counts as warm). That work grows with the network:
    several seconds at 10k contacts, a fraction of one at the CI smoke run's hundred,
    where the full waits would only idle (~20 s of its minute)."""
    return (2.0, WARM_SETTLE) if contacts >= 1000 else (0.5, 2.0)


@dataclass
class Row:
    what: str
    ms: float | None
    budget_ms: float | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.ms is None:
            return "n/a"
        if self.budget_ms is None:
            return ""
        return "ok" if self.ms <= self.budget_ms else "MISSED"


# Rows whose budgets hold at every scale: issue 20 sets them at 10k and at 50k contacts (or
# as ratios to references of the same run). The others' budgets were set for a network of
# 10k; past it their rows still print what they measured, beside the 10k budget, unjudged.
AT_EVERY_SCALE = ("cold start as a multiple", "filter keystroke in the TUI",
                  "filter backspace in the TUI", "Ledger, first open", "Calendar, first open",
                  "Daily review, first open", "resident memory", "netui --version",
                  "netui note '@Name", "netui list", "vdir export")


def judged_at(rows: list[Row], contacts: int) -> list[Row]:
    """`rows`, the budgets set for 10k contacts moved into the note past 10k."""
    if contacts <= 10_000:
        return rows
    for row in rows:
        if row.budget_ms is not None and not row.what.startswith(AT_EVERY_SCALE):
            said = f"budget {fmt(row.budget_ms)} set at 10k contacts"
            row.note = f"{row.note}; {said}" if row.note else said
            row.budget_ms = None
    return rows


def median_ms(fn: Callable[[], Any], runs: int, warmup: int = 0) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def env_for(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "NETUI_DATA_DIR": str(data_dir), "NETUI_TODAY": TODAY.isoformat(),
            "NETUI_CONFIG": str(data_dir.parent / "config.toml"), "PYTHONPATH": str(REPO)}


# -- the dataset --------------------------------------------------------------------------


def build(root: Path, contacts: int, seed: int) -> tuple[bytes, dict[str, int]]:
    """The generated network written into `root`; returns its JSON export and counts."""
    data = generate(contacts, seed=seed, today=TODAY, years=10, interactions=contacts * 10,
                    favours=contacts * 2, checkins=contacts // 2,
                    communities=max(4, contacts // 50), links=contacts * 2)
    for n, doc in enumerate(data["contacts"]):  # one in 20 says what they are looking for
        if n % 20 == 0:
            doc["looking_for"] = [NEEDS[n % len(NEEDS)], NEEDS[(n // 20) % len(NEEDS)]]
    (root.parent / "config.toml").write_text(OFFERS)  # what a coached user offers
    store = Store(root, backups=False, today=lambda: TODAY).open()
    store.replace_all(data, "the benchmark data")
    network = Network(store, today=lambda: TODAY)
    marker = network.add_contact(Contact(name=MARKER))
    others = [d["id"] for d in data["contacts"][:3]]
    for other in others:
        network.links.add(marker.id, other, "works with")
    store.close()
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    return orjson.dumps(data), counts


OFFERS = """[offers]
topics = ["pricing", "product management", "hiring designers"]
introductions = ["investors", "climate founders"]
references = ["data science"]
"""
NEEDS = ["climate-tech intros", "a senior designer", "a flat in Berlin", "advice on pricing",
         "investors for a seed round", "a data scientist", "intros at Acme", "a good lawyer"]


def open_network(root: Path) -> Network:
    return Network(Store(root, backups=False, today=lambda: TODAY).open(), today=lambda: TODAY)


# -- references -------------------------------------------------------------------------------


def ref_orjson(raw: bytes, runs: int) -> tuple[float, float]:
    on = median_ms(lambda: orjson.loads(raw), runs)
    gc.disable()
    try:
        off = median_ms(lambda: orjson.loads(raw), runs)
    finally:
        gc.enable()
    return on, off


def ref_fsync(tmp: Path, runs: int) -> float:
    path = tmp / "fsync-probe"

    def write() -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"x" * 100)
            os.fsync(fd)
        finally:
            os.close(fd)

    return median_ms(write, max(runs, 10))


def ref_tinydb(tmp: Path, raw: bytes, runs: int) -> tuple[float, float]:
    """Plain TinyDB (one file, stdlib json, in-place writes): open + read everything, and
    one insert into the notes table."""
    from tinydb import TinyDB  # the reference only; netui's TinyDB use is in storage/shards.py

    data = orjson.loads(raw)
    path = tmp / "tinydb.json"
    tables = {coll: {str(n): doc for n, doc in enumerate(data[coll], 1)}
              for coll in ("contacts", "interactions", "favours", "checkins")}
    path.write_text(json.dumps(tables))

    def open_all() -> None:
        db = TinyDB(path)
        for name in tables:
            db.table(name).all()
        db.close()

    open_ms = median_ms(open_all, runs)
    db = TinyDB(path)
    notes = db.table("interactions")
    note = data["interactions"][0]
    insert_ms = median_ms(lambda: notes.insert({**note, "id": os.urandom(6).hex()}), runs)
    db.close()
    return open_ms, insert_ms


def first_frame(args: list[str], runs: int, settle: float = 0.0) -> tuple[float, float]:
    """(median ms from spawn to the first painted frame, resident MB after `settle` s)."""
    times, rss = [], 0.0
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(HERE / "first_frame.py"), *args,
                                 str(settle)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env_for(Path(args[-1]) if len(args) > 1
                                                       else Path(tempfile.gettempdir()) / "x"))
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t)
        rest, err = proc.communicate(timeout=120)
        if line.strip() != "frame":
            raise RuntimeError(f"first_frame {args[0]} failed: {line}{rest}{err[-2000:]}")
        rss = max(rss, json.loads(rest.splitlines()[-1])["rss_mb"])
    return statistics.median(times) * 1000, rss


def paired_first_frames(root: Path, runs: int,
                        settle: float = 2.0) -> tuple[float, float, float, float]:
    """A bare Textual app's first frame and netui's, run by run in turn, so that both see
    the same machine (a noisy neighbour for a minute would otherwise skew the ratio):
    (bare ms, bare MB, netui ms, netui MB resident `settle` s after its first frame)."""
    bare, cold, bare_mb, cold_mb = [], [], 0.0, 0.0
    # Once unmeasured: the app writes its first-frame file (storage.frame_file) when it
    # closes, and every later start paints from it; the very first start has none.
    first_frame(["netui", str(root)], 1, 2.0)
    for _ in range(runs):
        ms, mb = first_frame(["bare"], 1, 0.3)
        bare.append(ms)
        bare_mb = max(bare_mb, mb)
        ms, mb = first_frame(["netui", str(root)], 1, settle)
        cold.append(ms)
        cold_mb = max(cold_mb, mb)
    return statistics.median(bare), bare_mb, statistics.median(cold), cold_mb


def whole_process(data_dir: Path, argv: list[str], runs: int) -> float:
    def run() -> None:
        done = subprocess.run([sys.executable, "-m", "netui", *argv], capture_output=True,
                              text=True, env=env_for(data_dir), cwd=REPO)
        if done.returncode != 0:
            raise RuntimeError(f"netui {' '.join(argv)}: {done.stderr.strip()}")

    return median_ms(run, runs)


# -- the budget rows ----------------------------------------------------------------------------


def in_process_rows(root: Path, runs: int) -> tuple[list[Row], dict[str, Any]]:
    rows: list[Row] = []
    extra: dict[str, Any] = {}
    rows.append(Row("open store + Network (in process)", median_ms(
        lambda: open_network(root).store.close(), runs)))
    net = open_network(root)
    try:
        people = net.contacts()
        hay: dict[str, str] = {}
        filter_contacts(people, "x", hay)  # the pane's haystack cache, filled once

        def type_filter() -> None:
            for text in TYPED:
                filter_contacts(people, text, hay)

        per_key = median_ms(type_filter, runs, warmup=1) / len(TYPED)
        rows.append(Row("filter keystroke (domain filter, haystack cached)", per_key, 16))

        marker = net.find_one(MARKER)
        ids = [c.id for c in people[:50]]

        def note() -> None:
            net.log_interaction(Interaction(contact_ids=[marker.id], date=TODAY,
                                            kind=Kind.note, text="benchmark note about tea"))

        rows.append(Row("quick-add note, durable", median_ms(note, max(runs, 10), 1), 15))
        fav = Favour(contact_id=marker.id, direction=Direction.asked, text="an intro", date=TODAY)
        net.log_favour(fav)
        statuses = [FavourStatus.done, FavourStatus.open]
        rows.append(Row("favour edit, durable", median_ms(
            lambda: net.set_favour_status(fav.id, statuses.reverse() or statuses[0]),
            max(runs, 10), 1), 15))
        turn = iter(range(10**6))
        rows.append(Row("contact edit, durable", median_ms(
            lambda: net.edit_contact(ids[next(turn) % len(ids)], title=f"T{next(turn)}"),
            max(runs, 10), 1), 15))

        from netui.domain import review

        def cold_queue() -> float:
            """review.queue_for and its first item, on a Network whose contacts and
            history are loaded (as in the app once its history is in) but whose queue,
            due dates and balances are not."""
            fresh = Network(net.store, today=lambda: TODAY)
            fresh.contacts(include_archived=True)
            fresh.load_history()
            t = time.perf_counter()
            review.queue_for(fresh)[0]  # the first card's item is made here
            return (time.perf_counter() - t) * 1000

        def history() -> float:
            """load_history: every note, favour and check-in indexed (last touches,
            timelines, ledger marks, pending check-ins), shards already read."""
            fresh = Network(net.store, today=lambda: TODAY)
            fresh.contacts(include_archived=True)
            t = time.perf_counter()
            fresh.load_history()
            return (time.perf_counter() - t) * 1000

        def whole_queue() -> None:
            """What a process that has read nothing yet pays for the queue."""
            fresh = open_network(root)
            try:
                fresh.contacts(include_archived=True)
                fresh.load_history()
                review.queue_for(fresh)
            finally:
                fresh.store.close()

        def after_a_note() -> float:
            """`r` right after logging a note: the kept queue brought in step with it."""
            review.queue_for(net)
            who = review.queue_for(net)[0].contact.id
            net.log_interaction(Interaction(contact_ids=[who], date=TODAY, kind=Kind.call,
                                            text="benchmark call"))
            t = time.perf_counter()
            review.queue_for(net)
            return (time.perf_counter() - t) * 1000

        rows.append(Row("daily-review queue after a write (kept in step)",
                        statistics.median([after_a_note() for _ in range(max(runs, 5))]),
                        50, "what r costs in the app: the items of the contacts written to"))
        rows.append(Row("daily-review queue, first build, first item made",
                        statistics.median([cold_queue() for _ in range(runs)]), 50,
                        "once per process, history loaded: the app does it after its first frame"))
        rows.append(Row("history loaded (notes, favours, check-ins indexed)",
                        statistics.median([history() for _ in range(runs)]), None,
                        "once per process, after the app's first frame"))
        rows.append(Row("daily-review queue in a fresh process (loads every note)",
                        median_ms(whole_queue, runs), None,
                        "store opened from disk + contacts + load_history + queue_for"))
        def paced_queue() -> float:
            """The day's budget picked from the whole queue (queue already built)."""
            review.queue_for(net)
            t = time.perf_counter()
            review.paced_for(net, 10)
            return (time.perf_counter() - t) * 1000

        rows.append(Row("paced daily queue (budget 10) from the queue",
                        statistics.median([paced_queue() for _ in range(max(runs, 5))]), 50,
                        "pacing.pace over every person in today's queue"))
        extra["review_items"] = len(review.queue_for(net))
        firsts = []
        for _ in range(runs):
            fresh = Network(net.store, today=lambda: TODAY)
            t = time.perf_counter()
            fresh.search_notes("coffee")
            firsts.append((time.perf_counter() - t) * 1000)
        rows.append(Row("first full-text search of a session", statistics.median(firsts), 100,
                        "reads the notes holding its longest word; the next search builds"
                        " the index"))
        for query in ("coffee", "climate intros"):
            rows.append(Row(f"full-text search over all notes ({query!r})",
                            median_ms(lambda q=query: net.search_notes(q), runs, 1), 100))
        extra["search_hits"] = len(net.search_notes("coffee", limit=10**9))
    finally:
        net.store.close()
    return rows, extra


def p90(values: list[float]) -> float:
    """The 90th percentile: the worst keys are what typing feels like."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def tui_keystroke(root: Path, runs: int, settle: float = 2.0) -> dict[str, Any]:
    """Key-to-frame latency of the TUI's contact filter (see keystroke.py): typing
    "maria" and deleting it again, `runs` rounds, on the app started as `netui` starts it."""
    net = open_network(root)
    try:
        typed, deleted = netui_keys(net, runs, settle)
    finally:
        net.store.close()
    return {"key_ms": statistics.median(typed) * 1000, "key_p90_ms": p90(typed) * 1000,
            "backspace_ms": statistics.median(deleted) * 1000,
            "backspace_p90_ms": p90(deleted) * 1000,
            "each_key_ms": [round(t * 1000, 1) for t in typed],
            "each_backspace_ms": [round(t * 1000, 1) for t in deleted]}


def bare_input_keystroke(runs: int) -> tuple[float, float]:
    """The same measurement on a bare Textual app with one Input: the floor.
    Returns (median, p90) ms."""
    times = bare_input_keys(runs)
    return statistics.median(times) * 1000, p90(times) * 1000


def vcard_import(root: Path, tmp: Path, runs: int) -> float | None:
    """`netui import cards.vcf` (whole process) of 3,000 new people, each run on a fresh
    copy of the network."""
    try:
        from netui.interop.vcard import dump_vcards
    except ImportError:
        return None
    from netui.domain.models import Contact as C

    # Only the people: the history generate() would make first (30,000 notes) is unused.
    bare = generate(3000, seed=99, today=TODAY, interactions=0, favours=0, checkins=0,
                    communities=0, links=0)
    people = [C.model_validate(d) for d in bare["contacts"]]
    cards = tmp / "cards.vcf"
    cards.write_text(dump_vcards(people))
    times = []
    for n in range(runs):
        copy = tmp / f"vcard-run-{n}"
        shutil.copytree(root, copy)
        times.append(whole_process(copy, ["import", str(cards)], 1))
        shutil.rmtree(copy)
    return statistics.median(times)


EXPORT_BUDGET_MS = 3000
# The export creates one file per contact; on a disk where that many bare creates cost
# more than the budget (10,004 of them took 5,361 ms here with nothing else running, the
# export 5,386 ms: 0.54 ms a file, whatever writes it), no export can meet it. Its budget
# is then 1.2x the bare creates of the same run: the export's own work (reading the
# network, writing the cards, one flush, the renames) may add a fifth to the disk's.
EXPORT_OVER_CREATES = 1.2


def vdir_export(root: Path, tmp: Path, runs: int) -> tuple[float, float, int]:
    """`netui export vcard --vdir` (whole process) of every contact into an empty vdir:
    one file each, atomic per file, all durable. Beside it, run by run, the disk's floor:
    as many small files created in a fresh folder by a bare Python, no fsync. Returns the
    medians (export ms, bare creates ms) and the number of files."""
    times, floors = [], []
    net = open_network(root)
    count = len(net.contacts(include_archived=True))
    net.store.close()
    for n in range(runs):
        folder = tmp / f"vdir-run-{n}"
        times.append(whole_process(root, ["export", "vcard", "--vdir", str(folder)], 1))
        shutil.rmtree(folder)
        floor = tmp / f"vdir-floor-{n}"
        floor.mkdir()
        start = time.perf_counter()
        for i in range(count):
            (floor / f"{i}.vcf").write_bytes(b"x" * 300)
        floors.append((time.perf_counter() - start) * 1000)
        shutil.rmtree(floor)
    return statistics.median(times), statistics.median(floors), count


def vdir_export_row(contacts: int, export_ms: float, creates_ms: float, files: int) -> Row:
    ratio = export_ms / creates_ms
    budget = max(EXPORT_BUDGET_MS, EXPORT_OVER_CREATES * creates_ms)
    return Row(f"vdir export of all {contacts:,} contacts (whole process)", export_ms, budget,
               f"{ratio:.2f}x {files:,} bare file creates, no fsync ({creates_ms:,.0f} ms, in "
               f"turn); budget {EXPORT_OVER_CREATES}x them, at least {EXPORT_BUDGET_MS:,} ms")


def dedupe_candidates(root: Path, runs: int) -> float:
    """`netui dedupe`'s work in process: every likely pair among all contacts (shared
    email, the same phone in E.164, similar names), as the CLI and the app compute it."""
    from netui.domain.dedupe import candidates
    from netui.domain.phones import default_region, phone_key

    net = open_network(root)
    try:
        people = net.contacts(include_archived=True)
        region = default_region(net.config.region)

        def run() -> None:
            phone_key.cache_clear()  # every run parses every number, as a fresh process does
            candidates(people, region)

        return median_ms(run, runs)
    finally:
        net.store.close()


# -- running it ------------------------------------------------------------------------------


def compile_netui() -> None:
    """Write netui's bytecode, as `pip install .` does at install time. This machine sets
    PYTHONDONTWRITEBYTECODE=1, so otherwise every cold-start run would compile netui from
    source while Textual's installed bytecode is already compiled: the figure would be
    start-up plus a compiler run no installed netui ever pays. compileall writes the
    files even with that variable set (it only stops the import system writing them)."""
    compileall.compile_dir(REPO / "netui", quiet=1)


def measure(contacts: int, runs: int, seed: int, tinydb: bool, tui: bool,
            khard_runs: int | None = None, shell_only: bool = False) -> dict[str, Any]:
    compile_netui()
    settle, warm = waits(contacts)
    if shell_only:
        return measure_shell(contacts, runs, seed, khard_runs)
    tmp = Path(tempfile.mkdtemp(prefix="netui-bench-"))
    try:
        root = tmp / "data"
        t = time.perf_counter()
        raw, counts = build(root, contacts, seed)
        built_s = time.perf_counter() - t
        size_mb = sum(p.stat().st_size for p in root.rglob("*.json")) / 1e6
        refs: dict[str, float | None] = {}
        cold_start: tuple[float, float] | Exception | None = None
        if tui:
            try:
                bare_ms, bare_mb, cold_ms, cold_mb = paired_first_frames(root, runs, settle)
                refs["bare_textual_first_frame_ms"], refs["bare_textual_rss_mb"] = bare_ms, bare_mb
                cold_start = (cold_ms, cold_mb)
            except Exception as exc:  # the TUI is being built: report, keep measuring
                cold_start = exc
        if refs.get("bare_textual_first_frame_ms") is None:
            refs["bare_textual_first_frame_ms"], refs["bare_textual_rss_mb"] = first_frame(
                ["bare"], runs, 0.3)
        refs["orjson_loads_gc_on_ms"], refs["orjson_loads_gc_off_ms"] = ref_orjson(raw, runs)
        refs["fsync_small_file_ms"] = ref_fsync(tmp, runs)
        refs["bare_textual_input_key_ms"] = refs["bare_textual_input_key_p90_ms"] = None
        if tui:
            refs["bare_textual_input_key_ms"], refs["bare_textual_input_key_p90_ms"] = \
                bare_input_keystroke(runs)
        refs["tinydb_open_ms"] = refs["tinydb_insert_ms"] = None
        if tinydb:
            refs["tinydb_open_ms"], refs["tinydb_insert_ms"] = ref_tinydb(tmp, raw, min(runs, 3))

        rows: list[Row] = []
        bare = refs["bare_textual_first_frame_ms"]
        rss = None
        if isinstance(cold_start, Exception):
            rows.append(Row("netui cold start to first frame with contacts", None, 500,
                            f"failed: {str(cold_start).strip().splitlines()[-1][:80]}"))
        elif cold_start:
            cold, rss = cold_start
            rows.append(Row("netui cold start to first frame with contacts", cold, 500,
                            f"{cold / bare:.1f}x bare Textual, run in turn"))
            rows.append(Row("cold start as a multiple of bare Textual's (x, not ms)",
                            cold / bare, 1.6 if contacts <= 10_000 else 2.0,
                            "medians of the same paired runs (issue 20)"))
        rows_in, extra = in_process_rows(root, runs)
        rows += rows_in
        if tui:
            bare_key = refs["bare_textual_input_key_ms"]
            try:
                keys = tui_keystroke(root, runs, settle)
                rows[2:2] = [
                    Row("filter keystroke in the TUI, key to painted list", keys["key_ms"], 16,
                        f"p90 {keys['key_p90_ms']:.1f} ms; bare Textual Input {bare_key:.1f} ms"),
                    Row("filter backspace in the TUI, key to painted list",
                        keys["backspace_ms"], 16, f"p90 {keys['backspace_p90_ms']:.1f} ms"),
                    Row("filter keystroke in the TUI, 90th percentile", keys["key_p90_ms"], 16,
                        f"bare Textual Input p90 {refs['bare_textual_input_key_p90_ms']:.1f} ms"
                        " (issue 20)")]
                extra["tui_keys"] = keys
            except Exception as exc:
                failed = f"failed: {type(exc).__name__}: {exc}"[:90]
                rows[2:2] = [Row("filter keystroke in the TUI, key to painted list", None, 16,
                                 failed),
                             Row("filter backspace in the TUI, key to painted list", None, 16,
                                 failed)]
        rows.append(Row("netui note ... (whole process)", whole_process(
            root, ["note", f"@{MARKER.split()[0]} coffee, talked about tea"], runs), 400))
        rows.append(Row("netui add ... (whole process)", whole_process(
            root, ["add", "Benchmark Person", "--force"], runs), 400))
        rows.append(Row("netui ideas (whole process)", whole_process(root, ["ideas"], runs),
                        300, "500 people's needs, your offers and 10k contacts"))
        rows.append(Row("netui stats (whole process)", whole_process(root, ["stats"], runs),
                        600))
        rows.append(Row("netui graph --around --depth 2 (whole process)", whole_process(
            root, ["graph", "--around", f"@{MARKER}", "--depth", "2"], runs), 400,
            "the marker's neighbourhood over every link and community"))
        small = build_small(tmp, seed, build) if contacts > 1000 else None
        if khard_runs is None:  # khard parses every card: ~1.3 s per 1,000 of them
            khard_runs = min(runs, 3) if contacts <= 10_000 else 1
        shell, shell_extra = shell_rows(root, small, tmp, runs, env_for, Row, contacts,
                                        khard_runs)
        rows += shell
        extra.update(shell_extra)
        if tui:
            try:
                opens = communities_first_open(lambda: open_network(root), min(runs, 3),
                                               settle)
                rows.append(Row("Communities pane, first open, key to painted pane",
                                statistics.median(opens) * 1000, 100,
                                f"median of {len(opens)} fresh apps"))
            except Exception as exc:
                rows.append(Row("Communities pane, first open, key to painted pane", None, 100,
                                f"failed: {type(exc).__name__}: {exc}"[:90]))
            try:
                opens = health_first_open(lambda: open_network(root), min(runs, 3), settle)
                rows.append(Row("Health pane, first open, key to painted pane",
                                statistics.median(opens) * 1000, 150,
                                f"median of {len(opens)} fresh apps"))
            except Exception as exc:
                rows.append(Row("Health pane, first open, key to painted pane", None, 150,
                                f"failed: {type(exc).__name__}: {exc}"[:90]))
            pane_budget = 100 if contacts <= 10_000 else 250  # issue 20
            for key, what in (("2", "ledger"), ("3", "calendar"), ("r", "daily review")):
                label = f"{what.capitalize()}, first open, key to painted pane"
                try:
                    opens = first_open(lambda: open_network(root), key, min(runs, 3), settle)
                    rows.append(Row(label, statistics.median(opens) * 1000, pane_budget,
                                    f"median of {len(opens)} fresh apps"))
                except Exception as exc:
                    rows.append(Row(label, None, pane_budget,
                                    f"failed: {type(exc).__name__}: {exc}"[:90]))
        try:
            vc = vcard_import(root, tmp, min(runs, 3))
        except Exception:  # the interop is being built: report, keep measuring
            vc = None
        rows.append(Row("import of a 3,000-card vCard file (whole process)", vc, 1500))
        rows.append(vdir_export_row(contacts, *vdir_export(root, tmp, min(runs, 3))))
        rows.append(Row(f"dedupe of all {contacts:,} contacts (in process)",
                        dedupe_candidates(root, min(runs, 3)), 2000))
        if tui:
            # Warm: after start-up's background work (due dates, review, calendar,
            # health), which takes several seconds at 10k contacts.
            _, rss = first_frame(["netui", str(root)], 1, warm)
            rows.append(Row("resident memory with the TUI open (MB, not ms)", rss,
                            160 if contacts <= 10_000 else 400,
                            f"VmRSS {warm:.0f} s after the first frame"))
        return {
            "contacts": contacts, "runs": runs, "seed": seed, "counts": counts,
            "data_mb": round(size_mb, 1), "export_mb": round(len(raw) / 1e6, 1),
            "build_s": round(built_s, 1), "python": sys.version.split()[0],
            "cpus": os.cpu_count(), "references": refs, "extra": extra,
            "rows": [{**asdict(r), "status": r.status} for r in judged_at(rows, contacts)],
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure_shell(contacts: int, runs: int, seed: int, khard_runs: int | None) -> dict[str, Any]:
    """Only the shell commands' rows (tests/perf/shell_bench.py): --shell-only."""
    tmp = Path(tempfile.mkdtemp(prefix="netui-bench-"))
    try:
        root = tmp / "data"
        raw, counts = build(root, contacts, seed)
        size_mb = sum(p.stat().st_size for p in root.rglob("*.json")) / 1e6
        small = build_small(tmp, seed, build) if contacts > 1000 else None
        if khard_runs is None:
            khard_runs = min(runs, 3) if contacts <= 10_000 else 1
        rows, extra = shell_rows(root, small, tmp, runs, env_for, Row, contacts, khard_runs)
        rows += [Row("netui ideas (whole process)", whole_process(root, ["ideas"], runs), 300),
                 Row("netui stats (whole process)", whole_process(root, ["stats"], runs), 600)]
        refs = dict.fromkeys(("bare_textual_first_frame_ms", "bare_textual_rss_mb",
                              "bare_textual_input_key_ms", "bare_textual_input_key_p90_ms",
                              "orjson_loads_gc_on_ms", "orjson_loads_gc_off_ms",
                              "fsync_small_file_ms", "tinydb_open_ms", "tinydb_insert_ms"))
        return {"contacts": contacts, "runs": runs, "seed": seed, "counts": counts,
                "data_mb": round(size_mb, 1), "export_mb": round(len(raw) / 1e6, 1),
                "python": sys.version.split()[0], "cpus": os.cpu_count(), "references": refs,
                "extra": extra,
                "rows": [{**asdict(r), "status": r.status} for r in judged_at(rows, contacts)]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fmt(value: float | None, unit: str = "ms") -> str:
    if value is None:
        return "n/a"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def table(result: dict[str, Any]) -> str:
    c = result["counts"]
    lines = [
        f"netui benchmark: {c['contacts']:,} contacts, {c['interactions']:,} interactions, "
        f"{c['favours']:,} favours, {c['checkins']:,} check-ins "
        f"({result['data_mb']} MB on disk, export {result['export_mb']} MB); "
        f"median of {result['runs']}; Python {result['python']}, {result['cpus']} CPUs",
        "",
        f"| {'what':<60} | {'measured':>10} | {'budget':>9} |        | note",
        f"| {'-' * 60} | {'-' * 9}: | {'-' * 8}: | ------ | ----",
    ]
    for r in result["rows"]:
        unit = "MB" if "MB" in r["what"] else ("x" if "(x," in r["what"] else "ms")
        lines.append(f"| {r['what']:<60} | {fmt(r['ms'], unit):>10} | "
                     f"{fmt(r['budget_ms'], unit):>9} | {r['status']:<6} | {r['note']}")
    refs = result["references"]
    lines += [
        "",
        "References measured in the same run:",
        f"  {'bare Textual app, first frame':<40} {fmt(refs['bare_textual_first_frame_ms'])}"
        f"  ({fmt(refs['bare_textual_rss_mb'], 'MB')} resident)",
        f"  {'bare Textual Input, key to painted frame':<40} "
        f"{fmt(refs['bare_textual_input_key_ms'])}"
        f"  (p90 {fmt(refs['bare_textual_input_key_p90_ms'])})",
        f"  {'orjson.loads of the export, gc on':<40} {fmt(refs['orjson_loads_gc_on_ms'])}",
        f"  {'orjson.loads of the export, gc off':<40} {fmt(refs['orjson_loads_gc_off_ms'])}",
        f"  {'fsync of a small file':<40} {fmt(refs['fsync_small_file_ms'])}",
        f"  {'plain TinyDB open + read all':<40} {fmt(refs['tinydb_open_ms'])}",
        f"  {'plain TinyDB insert one note':<40} {fmt(refs['tinydb_insert_ms'])}",
    ]
    if result["extra"].get("importtime_note"):
        lines += ["", *result["extra"]["importtime_note"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--scale", type=int, default=1, help="multiply every count")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--no-tinydb", action="store_true", help="skip the TinyDB reference")
    parser.add_argument("--no-tui", action="store_true", help="skip the rows that start the TUI")
    parser.add_argument("--khard-runs", type=int, default=None,
                        help="pairs of `netui list` / `khard list` (0: skip; default 3, 1 past 10k)")
    parser.add_argument("--shell-only", action="store_true",
                        help="only the shell commands' rows (whole processes, khard)")
    args = parser.parse_args(argv)
    result = measure(args.contacts * args.scale, args.runs, args.seed,
                     tinydb=not args.no_tinydb, tui=not args.no_tui, khard_runs=args.khard_runs,
                     shell_only=args.shell_only)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
