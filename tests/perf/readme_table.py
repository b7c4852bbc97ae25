"""Write the README's performance table from benchmark runs, so it is never typed by hand.

    python tests/perf/bench.py --contacts 10000 --runs 3 --no-tinydb --json 10k.json
    python tests/perf/bench.py --contacts 50000 --runs 3 --no-tinydb --json 50k.json
    python tests/perf/readme_table.py 10k.json [50k.json ...]

Each file adds a column pair (measured, budget); the first names the rows. Rows are
matched by what they measure with their numbers taken out ("dedupe of all 10,000
contacts" is the row "dedupe of all 50,000 contacts" at 50k). A note every run gives is
written once, the rest by the run's scale.
Only the part of README.md between the two markers below is replaced."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

START = "<!-- bench-table:start (tests/perf/readme_table.py writes this part) -->"
END = "<!-- bench-table:end -->"
README = Path(__file__).resolve().parents[2] / "README.md"
REFERENCES = (  # (key in the run's references, what it is, unit)
    ("bare_textual_first_frame_ms", "a bare Textual app's first frame", "ms"),
    ("bare_textual_rss_mb", "a bare Textual app, resident", "MB"),
    ("bare_textual_input_key_ms", "a bare Textual Input, key to painted frame", "ms"),
    ("bare_textual_input_key_p90_ms", "the same, 90th percentile", "ms"),
    ("orjson_loads_gc_on_ms", "`orjson.loads` of the whole export, gc on", "ms"),
    ("orjson_loads_gc_off_ms", "`orjson.loads` of the whole export, gc off", "ms"),
    ("fsync_small_file_ms", "an fsync of a small file", "ms"),
    ("tinydb_open_ms", "plain TinyDB, open and read all", "ms"),
    ("tinydb_insert_ms", "plain TinyDB, insert one note", "ms"),
)


def row_key(what: str) -> str:
    """A row's name with its figures taken out: the same row at every scale."""
    return re.sub(r"\d[\d,]*", "N", what)


def unit_of(what: str) -> str:
    """As bench.table says it: rows name their unit when it is not milliseconds."""
    return "MB" if "MB" in what else ("x" if "(x," in what else "ms")


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    text = f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{text}x" if unit == "x" else f"{text} {unit}"


def measured(row: dict[str, Any] | None) -> str:
    if row is None:
        return "not run"
    text = figure(row["ms"], unit_of(row["what"]))
    return f"{text} **missed**" if row["status"] == "MISSED" else text


def budget(row: dict[str, Any] | None) -> str:
    if row is None or row["budget_ms"] is None:
        return ""
    return figure(row["budget_ms"], unit_of(row["what"]))


def cell(text: str) -> str:
    """Table cells keep their own pipes from ending the cell."""
    return text.replace("|", "\\|")


def scale_line(run: dict[str, Any]) -> str:
    c = run["counts"]
    return (f"{c['contacts']:,} contacts, {c['interactions']:,} interactions, "
            f"{c['favours']:,} favours, {c['checkins']:,} check-ins, "
            f"{c.get('communities', 0):,} communities, {c.get('links', 0):,} links "
            f"({run['data_mb']} MB on disk); median of {run['runs']} runs; "
            f"Python {run['python']}, {run['cpus']} CPUs")


def notes_of(scales: list[str], matches: list[dict[str, Any] | None]) -> str:
    """A row's notes: what every run says, once, then what each run says besides, by
    its scale (a note's parts are separated by "; ")."""
    said = {scale: [part for part in (m["note"] or "").split("; ") if part]
            for scale, m in zip(scales, matches, strict=True) if m is not None}
    parts = list(said.values())
    common = [part for part in parts[0] if all(part in other for other in parts[1:])] \
        if parts else []
    out = list(common)
    for scale, own in said.items():
        rest = [part for part in own if part not in common]
        if rest:
            out.append(f"{scale}: {', '.join(rest)}" if len(said) > 1 else ", ".join(rest))
    return "; ".join(out)


def render(runs: list[dict[str, Any]]) -> str:
    """The Markdown that goes between the markers."""
    if not runs:
        raise ValueError("no benchmark run given")
    by_key = [{row_key(r["what"]): r for r in run["rows"]} for run in runs]
    scales = [f"{run['counts']['contacts']:,}" for run in runs]
    head = ["what"]
    for scale in scales:
        head += [f"{scale} contacts", "budget"]
    head.append("note")
    lines = [*(f"- {scale_line(run)}" for run in runs), "",
             "| " + " | ".join(head) + " |",
             "| --- |" + " ---: | ---: |" * len(runs) + " --- |"]
    for row in runs[0]["rows"]:
        key = row_key(row["what"])
        matches = [table.get(key) for table in by_key]
        cells = [row["what"]]
        for match in matches:
            cells += [measured(match), budget(match)]
        cells.append(notes_of(scales, matches))
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    lines += ["", "References measured in the same run" + (
        f" ({' / '.join(scales)} contacts):" if len(runs) > 1 else ":")]
    for key, what, unit in REFERENCES:
        values = [run["references"].get(key) for run in runs]
        if all(v is None for v in values):
            continue
        lines.append(f"- {what}: " + " / ".join(figure(v, unit) for v in values))
    return "\n".join(lines)


def replace_block(text: str, block: str) -> str:
    """`text` with what lies between the markers replaced by `block`."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"README has no '{START}' ... '{END}' block")
    return text[:start + len(START)] + "\n" + block + "\n" + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="bench.py --json files")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    try:
        runs = [json.loads(path.read_text()) for path in args.runs]
        text = replace_block(args.readme.read_text(), render(runs))
    except (OSError, ValueError, KeyError) as exc:
        print(f"readme_table: {exc}", file=sys.stderr)
        return 1
    args.readme.write_text(text)
    print(f"wrote the performance table into {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
