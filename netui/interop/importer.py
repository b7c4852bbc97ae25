"""Bringing contacts in: read files of any supported format, match each person against
the network (domain.matching: merged only when certainly the same person, otherwise
added and reported as a possible duplicate), and plan one transaction of adds and
updates with a report of what happens to every record.

`run_import` is the one way in, for the CLI and the app alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..date_order import default_date_order
from ..domain.clock import dated, made_at
from ..domain.matching import Matcher, Possible, name_key, names_compatible, uid_conflict
from ..domain.models import COLLECTIONS, Contact
from ..domain.phones import default_region
from ..errors import one_line
from ..perf import gc_paused
from ..storage.change import Change
from . import detect
from .common import Draft, Parsed, Problem
from .report import RECORD_LABELS, Duplicate, Entry, Report, describe_changes

if TYPE_CHECKING:
    from ..services import Network

__all__ = ["PROGRESS_STEPS", "Entry", "Plan", "Report", "prepare_import", "run_import"]

Progress = Callable[[int, int], None]
Commit = Callable[[list[Change], str], object]
LISTS = ("emails", "phones", "tags", "links")
PROGRESS_STEPS = 1000
# Fields a person sets in netui itself; a file only fills them when they are empty.
KEEP_EXISTING = ("uid", "met_on", "how_met")
NEVER_FROM_FILE = ("id", "created_at", "updated_at", "name")  # a merge never renames


@dataclass(slots=True)
class Plan:
    changes: list[Change]
    report: Report


def read_file(path: Path, progress: Progress | None = None, date_order: str = "mdy",
              today: date | None = None) -> tuple[str | None, Parsed]:
    """(format, what the file holds); unreadable or unknown files become problems."""
    parsed = Parsed()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        parsed.problems.append(Problem(str(path), f"cannot read: {exc.strerror or exc}"))
        return None, parsed
    kind = detect.detect(raw)
    if kind == detect.VCARD:
        from .vcard_read import parse_vcards

        return kind, parse_vcards(raw, path.name, progress)
    if kind == detect.CSV:
        from .csv_io import parse_csv

        return kind, parse_csv(raw, path.name, progress, date_order=date_order)
    if kind == detect.MONICA:
        from .monica import parse_monica

        return kind, parse_monica(raw, path.name, today)
    if kind == detect.FRIENDS:
        from .friends_md import parse_friends

        return kind, parse_friends(raw, path.name)
    if kind is None:
        parsed.problems.append(Problem(str(path), "not a vCard, contacts CSV, Monica export, "
                                                  "friends.md or netui JSON file"))
    return kind, parsed


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
            reason = one_line(exc).split(": ", 1)[-1]
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(fields[key], list):
                bad = fields[key].pop(loc[1])
            else:
                bad = fields.pop(key)
            draft.warnings.append(f"{key} {bad!r}: {reason}; left out")
    return Contact.model_validate(fields)


def merge_into(existing: dict[str, Any], new: Contact) -> dict[str, Any]:
    """An existing contact updated from a file: lists unioned, the file's values for the
    rest (it is the newer copy), notes appended, netui-only facts kept, the name kept."""
    out = dict(existing)
    incoming = new.to_doc()
    for key in new.model_fields_set - set(NEVER_FROM_FILE):
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


def _match_fields(c: Contact) -> dict[str, Any]:
    """What the matcher reads of a known contact (domain.matching), as its stored
    document has it."""
    return {"id": c.id, "uid": c.uid, "name": c.name, "emails": list(c.emails),
            "phones": list(c.phones)}


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # The revision is bookkeeping too (netui.services.unit_of_work): a re-import compares content.
    return {**a, "updated_at": None, "rev": None} == {**b, "updated_at": None, "rev": None}


class _Planner:
    """One pass over the drafts against the network, then the linked records."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.report = Report()
        self.matcher = Matcher(default_region(network.config.region))
        self.known: dict[str, Contact] = {}
        self._docs: dict[str, dict[str, Any]] = {}  # stored documents, made when needed
        for c in network.contacts(include_archived=True):
            self.known[c.id] = c
            self.matcher.add(_match_fields(c))
        self.planned: dict[str, dict[str, Any]] = {}
        self.added: set[str] = set()
        self.pending: list[tuple[int, str, str, str]] = []  # entry, contact id, how, where
        self.ids_by_key: dict[str, str] = {}
        self.circles = set(network.circles())

    def existing(self, cid: str) -> dict[str, Any]:
        """The contact as stored: dumped only for the few a file matches (a dump of all
        10k costs ~0.1 s of every import)."""
        doc = self._docs.get(cid)
        if doc is None:
            doc = self._docs[cid] = self.known[cid].to_doc()
        return doc

    def doc(self, cid: str) -> dict[str, Any]:
        return self.planned.get(cid) or self.existing(cid)

    def draft(self, draft: Draft) -> None:
        try:
            contact = dated(validate_draft(draft, self.circles), self.network.today())
        except ValidationError as exc:
            self.report.entries.append(Entry("skipped", str(draft.fields.get("name") or ""),
                                             draft.where, one_line(exc)))
            return
        self.report.warnings += [Problem(f"{draft.where} ({contact.name})", w)
                                 for w in draft.warnings]
        doc = contact.to_doc()
        decision = self.matcher.decide(doc)
        target, how = decision.target, decision.how
        if target is None:  # the same name already holding everything on the card
            target = next((p.other_id for p in decision.possible if self._holds(p.other_id,
                                                                                contact)), None)
            how = "name (nothing new on the card)"
        if target is None:
            self._add(contact, doc, draft, decision.possible)
        else:
            self._merge(target, how, contact, draft)

    def _holds(self, cid: str, contact: Contact) -> bool:
        other = self.doc(cid)
        return (name_key(other["name"]) == name_key(contact.name)
                and not uid_conflict(contact.to_doc(), other)
                and _same(merge_into(other, contact), other))

    def _add(self, contact: Contact, doc: dict[str, Any], draft: Draft,
             possible: list[Possible]) -> None:
        self.planned[contact.id] = doc
        self.added.add(contact.id)
        self.matcher.add(doc)
        if draft.key:
            self.ids_by_key[draft.key] = contact.id
        self.report.entries.append(Entry("added", contact.name, draft.where))
        self.report.duplicates += [Duplicate(contact.name, draft.where,
                                             self.doc(p.other_id)["name"], p.reason)
                                   for p in possible]

    def _merge(self, cid: str, how: str, contact: Contact, draft: Draft) -> None:
        before = self.doc(cid)
        merged = Contact.model_validate(merge_into(before, contact)).to_doc()
        self.planned[cid] = merged
        self.matcher.add(merged)
        if draft.key:
            self.ids_by_key[draft.key] = cid
        renamed = "" if names_compatible(contact.name, before["name"]) else (
            f"; the card's name {contact.name!r} is not taken")
        if cid in self.added:
            self.report.entries.append(Entry("merged", contact.name, draft.where,
                                             f"same {how} as {before['name']} added above; "
                                             f"one record{renamed}"))
            return
        self.pending.append((len(self.report.entries), cid, how, renamed))
        self.report.entries.append(Entry("unchanged", before["name"], draft.where))

    def settle(self) -> list[Change]:
        """Each update judged on where the contact ends up (several cards of one person,
        as in a vdir, settle to one state: importing them again changes nothing)."""
        changes: list[Change] = []
        for i, cid, how, renamed in self.pending:
            before, after = self.existing(cid), self.planned[cid]
            old = self.report.entries[i]
            if _same(before, after):
                self.report.entries[i] = Entry("unchanged", old.name, old.where, f"same {how}")
            else:
                what = describe_changes(before, after)
                self.report.entries[i] = Entry("updated", old.name, old.where,
                                               f"matched by {how}: {what}{renamed}")
        for cid, doc in self.planned.items():
            if cid in self.added:
                changes.append(Change("contacts", cid, doc))
            elif not _same(doc, self.existing(cid)):
                fresh = Contact.model_validate({**doc, "updated_at": made_at(self.network.today())}).to_doc()
                changes.append(Change("contacts", cid, fresh))
        return changes

    def linked(self, parsed: Parsed) -> list[Change]:
        """Interactions, favours and check-ins of the file, about the people matched."""
        changes: list[Change] = []
        for rec in parsed.records:
            ids = list(dict.fromkeys(self.ids_by_key[k] for k in rec.people
                                     if k in self.ids_by_key))
            one = RECORD_LABELS[rec.collection][0]
            if not ids:
                self.report.warnings.append(Problem(rec.where, f"{one} about nobody imported; "
                                                               "left out"))
                continue
            owner = {"contact_ids": ids} if rec.collection == "interactions" else {
                "contact_id": ids[0]}
            if rec.collection == "links":  # between two people, both in the network now
                if len(ids) != 2:
                    self.report.warnings.append(Problem(rec.where, "link to someone not "
                                                                   "imported; left out"))
                    continue
                owner = {"a_id": ids[0], "b_id": ids[1]}
            try:
                doc = COLLECTIONS[rec.collection].model_validate(
                    {**rec.fields, **owner, "id": rec.id}).to_doc()
            except ValidationError as exc:
                self.report.warnings.append(Problem(rec.where, f"{one}: {one_line(exc)}; "
                                                               "left out"))
                continue
            old = self.network.store.get(rec.collection, rec.id)
            if old is not None:  # an update of what is stored: at its revision
                doc = {**doc, "rev": old.get("rev", 0)}
            state = "added" if old is None else "unchanged" if old == doc else "updated"
            self.report.records[(rec.collection, state)] += 1
            if state != "unchanged":
                changes.append(Change(rec.collection, rec.id, doc))
        return changes


def plan_import(network: Network, parsed: Parsed, progress: Progress | None = None) -> Plan:
    planner = _Planner(network)
    report = planner.report
    report.entries += [Entry("skipped", "", p.where, p.reason) for p in parsed.problems]
    report.notes += parsed.notes
    total = len(parsed.drafts)
    for i, draft in enumerate(parsed.drafts, 1):
        if progress and (i % 200 == 0 or i == total):
            progress(i, total)
        planner.draft(draft)
    changes = planner.settle()
    changes += planner.linked(parsed)
    return Plan(changes, report)


def run_import(network: Network, paths: Sequence[Path], *, dry_run: bool = False,
               progress: Progress | None = None, commit: Commit | None = None) -> Report:
    """Read, match and write every file as one undoable transaction (nothing on a dry
    run): the one import path of the CLI and the app. `commit` writes the changes (the
    app passes one that runs on its own thread); netui JSON exports are not contacts
    files, they are listed in `report.json_files` to be restored separately."""
    plan = prepare_import(network, paths, progress)
    report = plan.report
    report.dry_run = dry_run
    if not dry_run and plan.changes:
        label = f"import {report.count('added')} added, {report.count('updated')} updated"
        (commit or network.commit)(plan.changes, label)
    return report


def prepare_import(network: Network, paths: Sequence[Path],
                   progress: Progress | None = None) -> Plan:
    """Read every file and plan the import; `progress(done, PROGRESS_STEPS)` runs along
    (each file is one share of the steps, and matching the records one more). Everything
    it builds lives until the plan is applied: the cyclic GC would only rescan it (~0.1 s
    of a 3,000-card import into 10k people)."""
    with gc_paused():
        return _prepare(network, paths, progress)


def _prepare(network: Network, paths: Sequence[Path], progress: Progress | None) -> Plan:
    # A folder is a vdir (khard, vdirsyncer, `netui export vcard --vdir`): its .vcf files.
    parsed = Parsed()
    failed: list[Problem] = []
    folders = [p for p in paths if p.is_dir()]
    failed += [Problem(str(p), "no .vcf files in this folder")
               for p in folders if not any(p.glob("*.vcf"))]
    paths = [f for p in paths for f in (sorted(p.glob("*.vcf")) if p in folders else [p])]
    json_files = []
    shares = len(paths) + 1
    date_order = default_date_order(network.config.date_order,
                                    default_region(network.config.region))

    def stage(k: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(
            int(PROGRESS_STEPS * (k + done / max(total, 1)) / shares), PROGRESS_STEPS)

    for k, path in enumerate(paths):
        kind, found = read_file(path, stage(k), date_order, network.today())
        if kind == detect.JSON:
            json_files.append(path)
        elif kind is None:
            failed += found.problems
        elif not found.drafts and found.problems:
            failed.append(Problem(str(path), "nothing in it could be read (reasons below)"))
        parsed.extend(found if kind is not None else Parsed(notes=found.notes))
    plan = plan_import(network, parsed, stage(len(paths)))
    plan.report.json_files = json_files
    plan.report.failed = failed
    if progress:
        progress(PROGRESS_STEPS, PROGRESS_STEPS)
    return plan
