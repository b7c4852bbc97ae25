"""The README's performance table is written from benchmark runs (tests/perf/readme_table.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.perf import readme_table
from tests.perf.readme_table import END, START, main, render, replace_block, row_key


def run(contacts: int, rows: list[tuple[str, float | None, float | None, str, str]],
        **refs: float) -> dict:
    return {"contacts": contacts, "runs": 3, "python": "3.12.3", "cpus": 2, "data_mb": 30.1,
            "counts": {"contacts": contacts, "interactions": contacts * 10,
                       "favours": contacts * 2, "checkins": contacts // 2,
                       "communities": contacts // 50, "links": contacts * 2},
            "references": refs,
            "rows": [{"what": w, "ms": ms, "budget_ms": b, "status": s, "note": n}
                     for w, ms, b, s, n in rows]}


SMALL = run(10_000, [
    ("dedupe of all 10,000 contacts (in process)", 839.4, 2000, "ok", ""),
    ("netui note ... (whole process)", 286.2, 150, "MISSED", "1.12x the same note at 1k"),
    ("resident memory with the TUI open (MB, not ms)", 182.0, 160, "MISSED", "the same note"),
    ("cold start as a multiple of bare Textual's (x, not ms)", 1.31, 1.6, "ok", ""),
    ("only at ten thousand | here", 5.25, None, "", ""),
], bare_textual_first_frame_ms=295.0, fsync_small_file_ms=0.8)
LARGE = run(50_000, [
    ("dedupe of all 50,000 contacts (in process)", 4100.0, 2000, "MISSED", "grows"),
    ("netui note ... (whole process)", 118.9, 200, "ok", "0.98x"),
    ("resident memory with the TUI open (MB, not ms)", 380.0, 400, "ok", "the same note"),
    ("cold start as a multiple of bare Textual's (x, not ms)", 1.4, 2.0, "ok", ""),
], bare_textual_first_frame_ms=310.0, fsync_small_file_ms=1.1)


def lines_of(markdown: str) -> dict[str, list[str]]:
    """Table rows by their first cell, split into cells."""
    out = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            out[cells[0]] = cells
    return out


def test_rows_at_every_scale_are_matched_with_their_figures_taken_out() -> None:
    assert row_key("dedupe of all 10,000 contacts") == row_key("dedupe of all 50,000 contacts")
    assert row_key("dedupe of all 120 contacts") != row_key("dedupe of all contacts")
    table = lines_of(render([SMALL, LARGE]))
    assert table["what"] == ["what", "10,000 contacts", "budget", "50,000 contacts", "budget",
                             "note"]
    assert table["dedupe of all 10,000 contacts (in process)"] == [
        "dedupe of all 10,000 contacts (in process)", "839 ms", "2,000 ms",
        "4,100 ms **missed**", "2,000 ms", "50,000: grows"]
    assert table["resident memory with the TUI open (MB, not ms)"][5] == "the same note"
    assert table["netui note ... (whole process)"][1:5] == [
        "286 ms **missed**", "150 ms", "119 ms", "200 ms"]
    assert table["netui note ... (whole process)"][5] == "10,000: 1.12x the same note at 1k; 50,000: 0.98x"


def test_units_follow_the_row_and_missing_rows_say_so() -> None:
    table = lines_of(render([SMALL, LARGE]))
    assert table["resident memory with the TUI open (MB, not ms)"][1:3] == [
        "182 MB **missed**", "160 MB"]
    assert table["cold start as a multiple of bare Textual's (x, not ms)"][1:5] == [
        "1.3x", "1.6x", "1.4x", "2.0x"]
    # A row only the first run has, its pipe kept inside its cell, no budget.
    assert table["only at ten thousand \\| here"][1:5] == ["5.2 ms", "", "not run", ""]


def test_references_of_each_run_follow_the_table() -> None:
    text = render([SMALL, LARGE])
    assert "- a bare Textual app's first frame: 295 ms / 310 ms" in text
    assert "- an fsync of a small file: 0.8 ms / 1.1 ms" in text
    assert "plain TinyDB" not in text  # measured in neither run
    assert "- 10,000 contacts, 100,000 interactions, 20,000 favours" in text
    assert "- a bare Textual app's first frame: 295 ms\n" in render([SMALL]) + "\n"


def test_only_the_marked_block_is_replaced(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# netui\nbefore\n{START}\nold table\n{END}\nafter\n")
    first, second = tmp_path / "10k.json", tmp_path / "50k.json"
    first.write_text(json.dumps(SMALL))
    second.write_text(json.dumps(LARGE))
    assert main([str(first), str(second), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert text.startswith(f"# netui\nbefore\n{START}\n- 10,000 contacts")
    assert text.endswith(f"\n{END}\nafter\n")
    assert "old table" not in text
    assert main([str(first), str(second), "--readme", str(readme)]) == 0
    assert readme.read_text() == text  # the same runs write the same README


def test_bad_input_is_one_line_and_leaves_the_readme_alone(tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# netui\nno markers here\n")
    good = tmp_path / "run.json"
    good.write_text(json.dumps(SMALL))
    assert main([str(good), "--readme", str(readme)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert readme.read_text() == "# netui\nno markers here\n"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    readme.write_text(f"{START}\n{END}\n")
    assert main([str(broken), "--readme", str(readme)]) == 1
    assert readme.read_text() == f"{START}\n{END}\n"
    with pytest.raises(ValueError):
        replace_block(f"{END}\n{START}\n", "x")


def test_the_readme_holds_a_table_this_script_wrote() -> None:
    text = readme_table.README.read_text()
    block = text[text.index(START) + len(START):text.index(END)]
    table = lines_of(block)
    assert "netui note ... (whole process)" in table
    assert "resident memory with the TUI open (MB, not ms)" in table
    assert block.strip().startswith("- ")  # its scale lines, as render() begins
