"""The benchmark keeps working: run at a tiny scale in CI. No timings are asserted; the
figures come from `python tests/perf/bench.py --contacts 10000` on a real machine."""

from __future__ import annotations

import json
from pathlib import Path

from tests.perf.bench import main


def test_benchmark_runs_at_small_scale(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    result = main(["--contacts", "120", "--runs", "1", "--json", str(out)])
    printed = capsys.readouterr().out
    assert json.loads(out.read_text()) == json.loads(json.dumps(result))
    counts = result["counts"]
    assert {k: counts[k] for k in ("contacts", "interactions", "favours", "checkins")} == {
        "contacts": 120, "interactions": 1200, "favours": 240, "checkins": 60}
    assert (counts["communities"], counts["links"]) == (4, 240)  # a fiftieth, two a person
    rows = {r["what"]: r for r in result["rows"]}
    # Every budget row of issue 6 is present and was measured.
    for what in ("quick-add note, durable", "favour edit, durable", "contact edit, durable",
                 "daily-review queue after a write (kept in step)",
                 "daily-review queue, first build, first item made",
                 "netui note ... (whole process)",
                 "netui stats (whole process)",
                 "Health pane, first open, key to painted pane",
                 "Ledger, first open, key to painted pane",
                 "Calendar, first open, key to painted pane",
                 "Daily review, first open, key to painted pane",
                 "cold start as a multiple of bare Textual's (x, not ms)",
                 "filter keystroke in the TUI, 90th percentile",
                 "filter keystroke in the TUI, key to painted list",
                 "filter backspace in the TUI, key to painted list",
                 "netui cold start to first frame with contacts",
                 "filter keystroke (domain filter, haystack cached)",
                 "full-text search over all notes ('coffee')",
                 "import of a 3,000-card vCard file (whole process)",
                 "dedupe of all 120 contacts (in process)",
                 "vdir export of all 120 contacts (whole process)",
                 "resident memory with the TUI open (MB, not ms)",
                 "paced daily queue (budget 10) from the queue",
                 "netui ideas (whole process)",
                 "netui --version (whole process)",
                 "netui note '@Name ...' (whole process, budget 150/200 ms)",
                 "netui list NAME (whole process)",
                 "netui list, every contact (whole process)",
                 "netui graph --around --depth 2 (whole process)",
                 "Communities pane, first open, key to painted pane"):
        assert rows[what]["ms"] is not None and rows[what]["ms"] > 0, rows[what]
        assert rows[what]["budget_ms"], what
        assert rows[what]["status"] in ("ok", "MISSED")
    refs = result["references"]
    assert refs["bare_textual_first_frame_ms"] > 0 and refs["orjson_loads_gc_off_ms"] > 0
    assert refs["tinydb_insert_ms"] > 0 and refs["fsync_small_file_ms"] > 0
    assert "| quick-add note, durable" in printed and "plain TinyDB" in printed
    assert "python -X importtime -m netui note" in printed  # the import summary is shown


def test_the_vdir_export_is_held_to_the_disks_own_file_creates() -> None:
    """Where 10k bare file creates cost more than 3,000 ms, the export's budget is 1.2x
    them (the same run's); on a quicker disk the 3,000 ms stand."""
    from tests.perf.bench import vdir_export_row

    slow_disk = vdir_export_row(10_000, 5_386, 5_361, 10_004)
    assert (slow_disk.budget_ms, slow_disk.status) == (5_361 * 1.2, "ok")
    assert slow_disk.note.startswith("1.00x 10,004 bare file creates")
    assert vdir_export_row(10_000, 6_500, 5_361, 10_004).status == "MISSED"
    quick_disk = vdir_export_row(10_000, 3_200, 900, 10_004)
    assert (quick_disk.budget_ms, quick_disk.status) == (3_000, "MISSED")


def test_past_10k_only_the_rows_budgeted_at_every_scale_are_judged() -> None:
    from tests.perf.bench import Row, judged_at

    def rows() -> list[Row]:
        return [Row("quick-add note, durable", 40.0, 15), Row("netui ideas (whole process)",
                                                             900.0, 300, "needs"),
                Row("Ledger, first open, key to painted pane", 120.0, 250),
                Row("resident memory with the TUI open (MB, not ms)", 450.0, 400),
                Row("netui list, every contact (whole process)", 500.0, 600)]

    at_10k = judged_at(rows(), 10_000)
    assert [r.status for r in at_10k] == ["MISSED", "MISSED", "ok", "MISSED", "ok"]
    at_50k = judged_at(rows(), 50_000)
    assert [r.status for r in at_50k] == ["", "", "ok", "MISSED", "ok"]
    assert at_50k[0].note == "budget 15.0 ms set at 10k contacts"
    assert at_50k[1].note == "needs; budget 300 ms set at 10k contacts"
    assert [r.budget_ms for r in at_50k[2:]] == [250, 400, 600]
