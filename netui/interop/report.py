"""What an import did, or would do on a dry run: one entry per record read, the pairs
kept apart that may be one person, the files that could not be read, and warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.text import scrub_line
from .common import Problem

ACTIONS = ("added", "updated", "unchanged", "skipped")
RECORD_LABELS = {"interactions": ("interaction", "interactions"),
                 "favours": ("favour", "favours"), "checkins": ("check-in", "check-ins"),
                 "links": ("link", "links")}
# Fields compared for an update's "what changes" line, in the order they are listed.
SHOWN_FIELDS = ("nickname", "emails", "phones", "company", "title", "location", "tags", "links",
                "birthday", "met_on", "how_met", "circle", "cadence_days", "notes", "uid",
                "archived", "name_parts", "roles")


@dataclass(frozen=True, slots=True)
class Entry:
    action: str  # added, updated, unchanged, merged (into a record added above), skipped
    name: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        who = f"{self.name} ({self.where})" if self.name else self.where
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.action:<9} {who}{detail}"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A record added next to someone it may be: kept apart, for `netui dedupe`."""

    name: str
    where: str
    other: str
    reason: str

    def __str__(self) -> str:
        return (f"duplicate {self.name} ({self.where}): kept apart from {self.other} "
                f"({self.reason}); merge with `netui dedupe` if they are one person")


@dataclass(slots=True)
class Report:
    entries: list[Entry] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)  # files not read or not recognised
    notes: list[Problem] = field(default_factory=list)  # how files were read
    records: Counter[tuple[str, str]] = field(default_factory=Counter)  # (collection, action)
    dry_run: bool = False
    json_files: list[Path] = field(default_factory=list)  # netui exports, restored separately

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    def summary(self) -> str:
        parts = [f"{self.count(a)} {a}" for a in ACTIONS]
        if merged := self.count("merged"):
            parts.append(f"{merged} merged")
        if self.duplicates:
            n = len(self.duplicates)
            parts.append(f"{n} possible duplicate{'s' if n != 1 else ''}")
        if self.failed:
            n = len(self.failed)
            parts.append(f"{n} file{'s' if n != 1 else ''} not read")
        tail = " (dry run: nothing written)" if self.dry_run else ""
        return "Import: " + ", ".join(parts) + tail

    def record_line(self) -> str | None:
        """ "History: 4 interactions added, 1 check-in unchanged", or None."""
        if not self.records:
            return None
        parts = []
        for coll, (one, many) in RECORD_LABELS.items():
            for action in ("added", "updated", "unchanged"):
                if n := self.records[(coll, action)]:
                    parts.append(f"{n} {one if n == 1 else many} {action}")
        return "History: " + ", ".join(parts)

    def writes(self) -> int:
        """How many records an import writes (what a preview asks to confirm)."""
        return self.count("added") + self.count("updated") + sum(
            n for (_, action), n in self.records.items() if action != "unchanged")

    def lines(self, verbose: bool = False) -> list[str]:
        """The summary, files not read, what was skipped and why, possible duplicates,
        values left out; with `verbose`, then every record added, updated or unchanged."""
        out = [self.summary()]
        if line := self.record_line():
            out.append(line)
        out += [f"not read  {p}" for p in self.failed]
        out += [f"read      {p}" for p in self.notes]
        out += [str(e) for e in self.entries if e.action == "skipped"]
        out += [str(d) for d in self.duplicates]
        out += [f"warning   {w}" for w in self.warnings]
        if verbose:
            out += [str(e) for e in self.entries if e.action != "skipped"]
        # A skipped record's name is the file's, unvalidated: never raw to a terminal.
        return [scrub_line(line) for line in out]


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What an update changes, briefly: "title Boss (was Intern); emails + b@example.com"."""
    parts = []
    for key in SHOWN_FIELDS:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = key.replace("_", " ")
        if isinstance(new, list):
            gained = [v for v in new if v not in (old or [])]
            parts.append(f"{label} + {_show(gained)}")
        elif key == "notes":
            parts.append("notes added to")
        elif old in (None, "", False):
            parts.append(f"{label} {_show(new)}")
        else:
            parts.append(f"{label} {_show(new)} (was {_show(old)})")
    return "; ".join(parts)
