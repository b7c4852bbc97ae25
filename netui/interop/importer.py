"""Bringing contacts in: read files of any supported format, match each person against
the network (vCard UID, then email, then phone, then name with company), and plan one
transaction of adds and updates with a report of what happens to every record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..domain.models import Contact, utcnow
from ..domain.names import fold
from ..domain.text import scrub_line
from ..errors import one_line
from ..storage import Change
from . import detect
from .common import Draft, Parsed, Problem
from .csv_io import parse_csv
from .vcard import parse_vcards

if TYPE_CHECKING:
    from ..services import Network

Progress = Callable[[int, int], None]
LISTS = ("emails", "phones", "tags", "links")
PROGRESS_STEPS = 1000
# Fields a person sets in netui itself; a file only fills them when they are empty.
KEEP_EXISTING = ("uid", "met_on", "how_met")


@dataclass(frozen=True, slots=True)
class Entry:
    action: str  # added, updated, unchanged, skipped
    name: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        who = f"{self.name} ({self.where})" if self.name else self.where
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.action:<9} {who}{detail}"


@dataclass(slots=True)
class Report:
    entries: list[Entry] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    json_files: list[Path] = field(default_factory=list)  # netui exports, restored separately

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    def summary(self) -> str:
        parts = [f"{self.count(a)} {a}" for a in ("added", "updated", "unchanged", "skipped")]
        tail = " (dry run: nothing written)" if self.dry_run else ""
        return "Import: " + ", ".join(parts) + tail

    def lines(self, verbose: bool = False) -> list[str]:
        """The summary, what was skipped and why, values left out; with `verbose`, then
        every record added, updated or unchanged."""
        out = [self.summary()]
        out += [str(e) for e in self.entries if e.action == "skipped"]
        out += [f"warning   {w}" for w in self.warnings]
        if verbose:
            out += [str(e) for e in self.entries if e.action != "skipped"]
        # A skipped record's name is the file's, unvalidated: never raw to a terminal.
        return [scrub_line(line) for line in out]


@dataclass(slots=True)
class Plan:
    changes: list[Change]
    report: Report


def read_file(path: Path, progress: Progress | None = None) -> tuple[str | None, Parsed]:
    """(format, what the file holds); unreadable or unknown files become problems."""
    parsed = Parsed()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        parsed.problems.append(Problem(str(path), f"cannot read: {exc.strerror or exc}"))
        return None, parsed
    kind = detect.detect(raw)
    if kind == detect.VCARD:
        return kind, parse_vcards(raw, path.name, progress)
    if kind == detect.CSV:
        return kind, parse_csv(raw, path.name, progress)
    if kind is None:
        parsed.problems.append(Problem(str(path), "not a vCard, contacts CSV or netui JSON file"))
    return kind, parsed


def _phone_key(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 5:
        return None
    return digits[-9:]  # "+44 7700 900123" and "07700 900123" are the same phone


class _Index:
    """Where each identifying key points: contact id by uid, email, phone, name+company."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {"uid": {}, "email": {}, "phone": {}, "name": {}}

    @staticmethod
    def keys_of(doc: dict[str, Any], with_id: bool = False) -> dict[str, list[str]]:
        uids = [u for u in (doc.get("uid"), doc.get("id") if with_id else None) if u]
        phones = [k for k in map(_phone_key, doc.get("phones", ())) if k]
        name = f"{fold(doc.get('name') or '')}|{fold(doc.get('company') or '')}"
        return {"uid": uids, "email": [e.lower() for e in doc.get("emails", ())],
                "phone": phones, "name": [name]}

    def add(self, doc: dict[str, Any], with_id: bool = False) -> None:
        for kind, values in self.keys_of(doc, with_id).items():
            for v in values:
                self.keys[kind].setdefault(v, doc["id"])

    def match(self, doc: dict[str, Any]) -> tuple[str, str] | None:
        """(contact id, what matched) in the order UID, email, phone, name with company."""
        for kind, values in self.keys_of(doc).items():
            for v in values:
                if v in self.keys[kind]:
                    return self.keys[kind][v], kind
        return None


def validate_draft(draft: Draft, circles: Iterable[str]) -> Contact:
    """The draft as a Contact; a bad value other than the name is left out with a warning
    (one unreadable phone must not lose the person). Raises ValidationError for the name."""
    fields = {k: v for k, v in draft.fields.items() if v not in (None, "", [])}
    if fields.get("circle") and str(fields["circle"]).lower() not in circles:
        draft.warnings.append(f"circle {fields.pop('circle')!r} is not one of your circles; "
                              "left out")
    for _ in range(50):
        try:
            return Contact.model_validate(fields)
        except ValidationError as exc:
            loc = exc.errors()[0]["loc"]
            key = loc[0] if loc else None
            if key == "name" or key not in fields:
                raise
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(fields[key], list):
                bad = fields[key].pop(loc[1])
                draft.warnings.append(f"{key} {bad!r}: {one_line(exc).split(': ', 1)[-1]}; "
                                      "left out")
            else:
                bad = fields.pop(key)
                draft.warnings.append(f"{key} {bad!r}: {one_line(exc).split(': ', 1)[-1]}; "
                                      "left out")
    return Contact.model_validate(fields)


def merge_into(existing: dict[str, Any], new: Contact) -> dict[str, Any]:
    """An existing contact updated from a file: lists unioned, the file's values for the
    rest (it is the newer copy), notes appended, netui-only facts kept."""
    out = dict(existing)
    incoming = new.to_doc()
    for key in new.model_fields_set - {"id", "created_at", "updated_at"}:
        value = incoming[key]
        if key in LISTS:
            out[key] = list(dict.fromkeys([*existing.get(key, []), *value]))
        elif key == "notes":
            old = existing.get("notes") or ""
            out[key] = old if value in old else f"{old}\n\n{value}".strip()
        elif key in KEEP_EXISTING and existing.get(key):
            continue
        elif key == "uid" and value == existing["id"]:
            continue  # our own export names a contact by its id
        elif value not in (None, "", []):
            out[key] = value
    return out


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {**a, "updated_at": None} == {**b, "updated_at": None}


def plan_import(network: Network, parsed: Parsed, progress: Progress | None = None) -> Plan:
    report = Report()
    report.entries += [Entry("skipped", "", p.where, p.reason) for p in parsed.problems]
    index = _Index()
    existing: dict[str, dict[str, Any]] = {}
    for c in network.contacts(include_archived=True):
        doc = c.to_doc()
        existing[c.id] = doc
        index.add(doc, with_id=True)
    planned: dict[str, dict[str, Any]] = {}
    added: set[str] = set()
    circles = set(network.circles())
    total = len(parsed.drafts)
    for i, draft in enumerate(parsed.drafts, 1):
        if progress and (i % 200 == 0 or i == total):
            progress(i, total)
        try:
            contact = validate_draft(draft, circles)
        except ValidationError as exc:
            report.entries.append(Entry("skipped", str(draft.fields.get("name") or ""),
                                        draft.where, one_line(exc)))
            continue
        report.warnings += [Problem(f"{draft.where} ({contact.name})", w) for w in draft.warnings]
        hit = index.match(contact.to_doc())
        if hit is None:
            doc = contact.to_doc()
            planned[contact.id] = doc
            added.add(contact.id)
            index.add(doc)
            report.entries.append(Entry("added", contact.name, draft.where))
            continue
        cid, how = hit
        before = planned.get(cid) or existing[cid]
        merged = Contact.model_validate(merge_into(before, contact)).to_doc()
        if _same(merged, before):
            report.entries.append(Entry("unchanged", contact.name, draft.where, f"same {how}"))
            continue
        if cid in added:
            planned[cid] = merged
            index.add(merged)
            report.entries.append(Entry("skipped", contact.name, draft.where,
                                        f"same {how} as a record added above; merged into it"))
            continue
        planned[cid] = Contact.model_validate({**merged, "updated_at": utcnow()}).to_doc()
        index.add(merged)
        report.entries.append(Entry("updated", merged["name"], draft.where, f"matched by {how}"))
    changes = [Change("contacts", cid, doc) for cid, doc in planned.items()]
    return Plan(changes, report)


def run_import(
    network: Network,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Read, match and write every file as one undoable transaction (nothing on dry run).
    netui JSON exports are not contacts files: they are listed in `report.json_files`."""
    plan = prepare_import(network, paths, progress)
    plan.report.dry_run = dry_run
    if not dry_run:
        apply_plan(network, plan)
    return plan.report


def prepare_import(network: Network, paths: Sequence[Path],
                   progress: Progress | None = None) -> Plan:
    """Read every file and plan the import; `progress(done, PROGRESS_STEPS)` runs along
    (each file is one share of the steps, and matching the records one more)."""
    # A folder is a vdir (khard, vdirsyncer, `netui export vcard --vdir`): its .vcf files.
    parsed = Parsed()
    folders = [p for p in paths if p.is_dir()]
    parsed.problems += [Problem(str(p), "no .vcf files in this folder")
                        for p in folders if not any(p.glob("*.vcf"))]
    paths = [f for p in paths for f in (sorted(p.glob("*.vcf")) if p in folders else [p])]
    json_files = []
    shares = len(paths) + 1

    def stage(k: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(
            int(PROGRESS_STEPS * (k + done / max(total, 1)) / shares), PROGRESS_STEPS)

    for k, path in enumerate(paths):
        kind, found = read_file(path, stage(k))
        if kind == detect.JSON:
            json_files.append(path)
        parsed.extend(found)
    plan = plan_import(network, parsed, stage(len(paths)))
    plan.report.json_files = json_files
    if progress:
        progress(PROGRESS_STEPS, PROGRESS_STEPS)
    return plan


def apply_plan(network: Network, plan: Plan) -> None:
    if plan.changes:
        added = plan.report.count("added")
        network.commit(plan.changes, f"import {added} added, {plan.report.count('updated')} updated")
