"""netui's services: everything the CLI and the TUI do to a network goes through here.

`Network` wraps the store with typed methods that take and return models, keeps derived
values (last touch, due dates, balances) in memory and updates them per write, records
an undo step for every change, and tells listeners what changed.

Contacts are held as validated models (10k validate in ~70 ms); interactions, favours and
check-ins stay as the stored documents and become models on demand, because validating
100k notes at start-up would cost over a second."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from pydantic import ValidationError

from . import history
from .config import Config
from .domain import ledger, registry, touches
from .domain.cadence import (
    BirthdaySoon,
    Due,
    birthday_snoozed,
    cadence_due,
    cadence_for,
    due_state,
    next_due,
    upcoming_birthday,
)
from .domain.facts import CheckRow, favour_fields, marks_of, pending_of
from .domain.models import (
    MAX_YEAR,
    MIN_YEAR,
    PEOPLE_DATA,
    SCHEMA_VERSION,
    STORED,
    CheckIn,
    CheckInKind,
    CheckInStatus,
    Contact,
    Direction,
    Favour,
    FavourStatus,
    Interaction,
    Kind,
    Record,
    UndoEntry,
    utcnow,
)
from .domain.names import fold, match_exact, match_name
from .domain.rows import ContactRow
from .errors import Invalid, NotFound, one_line
from .storage import Change, Conflict, Store, gc_paused

R = TypeVar("R", bound=Record)
T = TypeVar("T")
# A contact's place in the daily review: (-urgency, circle rank, name key, id, contact).
ReviewKey = tuple[int, int, str, str, Contact]


@dataclass(frozen=True, slots=True)
class Changed:
    """What a write (or another process) changed: collections and contact ids."""

    collections: frozenset[str]
    contact_ids: frozenset[str] = frozenset()
    external: bool = False
    label: str = ""


@dataclass(frozen=True, slots=True)
class DueEntry:
    contact: Contact
    due: Due
    overdue_days: int
    last_touch: date | None
    state: str = "due"  # ok, due (past the ideal interval) or late (past the maximum)

    def to_json(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact.id,
            "name": self.contact.name,
            "due": self.due.due.isoformat(),
            "state": self.state,
            "overdue_days": self.overdue_days,
            "reason": self.due.reason,
            "detail": self.due.detail,
            "circle": self.contact.circle,
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
        }


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: date
    record: Interaction | Favour | CheckIn


@dataclass(slots=True)
class Nudges:
    owes_back: list[tuple[Contact, ledger.Standing]] = field(default_factory=list)
    stale_asks: list[tuple[Contact, Favour, int]] = field(default_factory=list)
    over_asked: list[tuple[Contact, ledger.Standing]] = field(default_factory=list)


def _validate(model: type[R], doc: dict[str, Any], what: str) -> R:
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        raise Invalid(one_line(exc, what)) from exc


def in_years(iso: Any) -> bool:
    """A stored ISO date inside the years netui computes with (models.MIN_YEAR...)."""
    return isinstance(iso, str) and f"{MIN_YEAR:04d}" <= iso[:4] <= f"{MAX_YEAR:04d}"


def _start(c: Contact, today: date) -> date:
    """What stands in for the last touch before the first: when you met, or when the
    contact was added."""
    return c.met_on if c.met_on and c.met_on <= today else c.created_at.date()


def _valid_contact(doc: dict[str, Any]) -> Contact | None:
    try:
        return Contact.model_validate(doc, context=STORED)
    except ValidationError:
        return None  # a record another program broke: skipped, never rewritten


class Network:
    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.config = config or Config()
        self._today = today
        self.listeners: list[Callable[[Changed], None]] = []
        # Which kind of netui writes, as the undo log lists it ("shell", "app").
        self.process = "shell"
        # Contact models, built on first use: a shell note only needs the names it
        # mentions (validating 10k contacts costs ~160 ms of a 400 ms budget).
        self._contacts_map: dict[str, Contact] | None = None
        # What lists draw and filter, read from the documents when no model exists yet
        # (the app's first frame) and kept in step with writes (see contact_rows).
        self._rows_map: dict[str, ContactRow] | None = None
        # (interaction ids by contact, last touch by contact), built on first use: shell
        # commands that only add a note never need it (65 ms of 100k notes at start-up).
        self._inter_index: tuple[dict[str, dict[str, None]], dict[str, date]] | None = None
        # Last touches with favours counted (see _touch), and introduced_id -> favour ids.
        self._touch_merged: dict[str, date] | None = None
        self._intro_map: dict[str, dict[str, None]] | None = None
        # (collection, owner field) -> contact id -> record ids, built on first use: the
        # app's first frame needs none (see _owned).
        self._owner_index: dict[tuple[str, str], dict[str, dict[str, None]]] = {}
        self._standing: dict[str, ledger.Standing] = {}
        # Derived from every favour / check-in on first use, then kept in step per write.
        self._marks_map: ledger.Marks | None = None
        self._pending_map: dict[str, list[CheckRow]] | None = None
        self._due: dict[str, Due | None] = {}
        self._due_key: tuple[Any, ...] | None = None
        # id -> (folded text and tags, document); built by the first search_notes
        self._note_text: dict[str, tuple[str, dict[str, Any]]] | None = None
        self._folded: dict[str, str] = {}
        # Whole-network answers (due list, nudges) until the next write or reload.
        self._memo: dict[tuple[Any, ...], Any] = {}
        # collection -> id -> validated model, for the collections _models keeps
        self._kept: dict[str, dict[str, Any]] = {"favours": {}, "checkins": {}}
        # name -> contacts written to since a patchable answer was last brought in step
        self._patches: dict[str, set[str]] = {}
        self._ranks: tuple[Any, dict[str, int]] = (None, {})
        self._rebuild()
        store.on_external_change.append(self._on_external_change)

    # -- basics -------------------------------------------------------------------------

    def today(self) -> date:
        return self._today()

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def circles(self) -> dict[str, int]:
        return self.config.circles

    def circle_rank(self, circle: str | None) -> int:
        """0 for the closest circle; unknown or none sort last."""
        circles = self.config.circles
        if self._ranks[0] is not circles:  # a sort key for 10k rows: kept, not rebuilt
            self._ranks = (circles, {name: n for n, name in enumerate(circles)})
        return self._ranks[1].get(circle or "", len(circles))

    def name_key(self, name: str) -> str:
        """The sort key for a name (accent- and case-folded), remembered: lists of
        thousands of people sort by it."""
        key = self._folded.get(name)
        if key is None:
            key = self._folded[name] = fold(name)
        return key

    # -- indexes ------------------------------------------------------------------------

    def _rebuild(self) -> None:
        with gc_paused():  # 10k contact models and 100k index entries live all session
            self._build_indexes()

    def _build_indexes(self) -> None:
        had_history = self._inter_index is not None
        self._contacts_map = None
        self._rows_map = None
        self._inter_index = None
        self._touch_merged = self._intro_map = None
        self._owner_index.clear()
        for kept in self._kept.values():
            kept.clear()
        self._standing.clear()
        self._marks_map = None
        self._pending_map = None
        self._due.clear()
        self._note_text = None
        self._memo.clear()
        self._patches.clear()
        if had_history:  # whoever shows last touches now (the app) keeps them after a reload
            self._interaction_index()

    @property
    def _contacts(self) -> dict[str, Contact]:
        if self._contacts_map is None:
            contacts: dict[str, Contact] = {}
            with gc_paused():
                for doc in self.store.docs("contacts"):
                    c = _valid_contact(doc)
                    if c is not None:
                        contacts[c.id] = c
            self._contacts_map = contacts
        return self._contacts_map

    def _owned(self, collection: str, owner: registry.OwnerField | str = "contact_id"
               ) -> dict[str, dict[str, None]]:
        """Contact id -> ids of the records of `collection` naming them in `owner`."""
        if isinstance(owner, str):
            owner = next(f for f in registry.kind(collection).owners if f.name == owner)
        if (collection, owner.name) == ("interactions", "contact_ids"):
            return self._inter_of  # built with the last touches
        if (collection, owner.name) == ("favours", "introduced_id"):
            return self._intro_of  # only intros that are real (touches.intro_index)
        index = self._owner_index.get((collection, owner.name))
        if index is None:
            index = defaultdict(dict)
            with gc_paused():
                for doc in self.store.docs(collection):
                    for cid in owner.ids(doc):
                        index[cid][doc["id"]] = None
            self._owner_index[(collection, owner.name)] = index
        return index

    def _owned_built(self, collection: str, owner: registry.OwnerField) -> bool:
        if (collection, owner.name) == ("interactions", "contact_ids"):
            return self._inter_index is not None
        if (collection, owner.name) == ("favours", "introduced_id"):
            return self._intro_map is not None
        return (collection, owner.name) in self._owner_index

    @property
    def _fav_of(self) -> dict[str, dict[str, None]]:
        return self._owned("favours")

    @property
    def _chk_of(self) -> dict[str, dict[str, None]]:
        return self._owned("checkins")

    @property
    def history_ready(self) -> bool:
        """Whether last touches and timelines are indexed yet (built on first use, from
        every note: the app shows its first frame before and fills them in after)."""
        return self._inter_index is not None

    def load_history(self) -> None:
        """Index every interaction, favour and check-in now (last touches, timelines,
        ledger marks, pending check-ins)."""
        self._interaction_index()
        self._marks  # noqa: B018 (built on first use)
        self._pending  # noqa: B018
        self._touch  # noqa: B018 (favours as touches, when they count)

    @property
    def _marks(self) -> ledger.Marks:
        if self._marks_map is None:
            with gc_paused():
                self._marks_map = marks_of(self.store.docs("favours"))
        return self._marks_map

    @property
    def _pending(self) -> dict[str, list[CheckRow]]:
        if self._pending_map is None:
            with gc_paused():
                self._pending_map = pending_of(self.store.docs("checkins"))
        return self._pending_map

    def _recount(self, collection: str, cid: str) -> None:
        """Bring a contact's ledger marks or pending check-ins in step after a write."""
        if collection == "favours" and self._marks_map is not None:
            self._marks_map.forget(cid)
            for doc in self._docs_of("favours", self._fav_of, cid):
                if (fields := favour_fields(doc)) is not None:
                    self._marks_map.add(cid, *fields)
        elif collection == "checkins" and self._pending_map is not None:
            docs = self._docs_of("checkins", self._chk_of, cid)
            if rows := pending_of(docs).get(cid):
                self._pending_map[cid] = rows
            else:
                self._pending_map.pop(cid, None)

    def _docs_of(self, collection: str, index: dict[str, dict[str, None]],
                 cid: str) -> list[dict[str, Any]]:
        return [d for rid in index.get(cid, ()) if (d := self.store.get(collection, rid))]

    @property
    def _inter_of(self) -> dict[str, dict[str, None]]:
        return self._interaction_index()[0]

    @property
    def _touch(self) -> dict[str, date]:
        """Last touch by contact: notes that are touches and, with favours_count_as_touch,
        every favour with them (built once, then kept in step per write)."""
        notes = self._interaction_index()[1]
        if not self.config.favours_count_as_touch:
            return notes
        if self._touch_merged is None:
            with gc_paused():
                self._touch_merged = touches.merged(
                    notes, touches.favour_touches(self.store.docs("favours")))
        return self._touch_merged

    @property
    def _intro_of(self) -> dict[str, dict[str, None]]:
        if self._intro_map is None:
            self._intro_map = touches.intro_index(self.store.docs("favours"))
        return self._intro_map

    def _interaction_index(self) -> tuple[dict[str, dict[str, None]], dict[str, date]]:
        if self._inter_index is not None:
            return self._inter_index
        inter_of: dict[str, dict[str, None]] = defaultdict(dict)
        latest: dict[str, str] = {}
        with gc_paused():
            for doc in self.store.docs("interactions"):
                iid, day, touching = doc["id"], doc.get("date", ""), doc.get("kind") != "note"
                for cid in doc.get("contact_ids", ()):
                    inter_of[cid][iid] = None
                    if touching and day > latest.get(cid, "") and in_years(day):
                        latest[cid] = day
        touch: dict[str, date] = {}
        for cid, day in latest.items():
            try:
                touch[cid] = date.fromisoformat(day)
            except ValueError:
                continue
        self._inter_index = (inter_of, touch)
        return self._inter_index

    def _reindex(self, changes: Sequence[Change], old: dict[tuple[str, str], Any]) -> set[str]:
        """Update the indexes for records a write touched; returns the contacts affected."""
        # Whole-network answers depend on some collections only: a note leaves the
        # nudges valid, a favour leaves the due list valid.
        touched = {ch.collection for ch in changes}
        depends = registry.memo_depends()
        for key in [k for k in self._memo if touched & depends[k[0].split()[0]]]:
            if key[0] not in self._patches:
                del self._memo[key]
        affected: set[str] = set()
        for ch in changes:
            prev = old.get((ch.collection, ch.id))
            docs = [d for d in (prev, ch.doc) if d]
            if ch.collection in self._kept:
                self._kept[ch.collection].pop(ch.id, None)
            if ch.collection == "favours" and self._intro_map is not None:
                self._reindex_intro(ch.id, prev, ch.doc)
            if ch.collection == "contacts":
                affected.add(ch.id)
                if self._rows_map is not None:
                    row = ContactRow.of_doc(ch.doc) if ch.doc is not None else None
                    if row is None:
                        self._rows_map.pop(ch.id, None)
                    else:
                        self._rows_map[ch.id] = row
                if self._contacts_map is None:
                    continue  # built from the store when first needed
                if ch.doc is None:
                    self._contacts_map.pop(ch.id, None)
                else:
                    self._contacts_map[ch.id] = Contact.model_validate(ch.doc, context=STORED)
                continue
            if ch.collection == "interactions" and self._note_text is not None:
                if ch.doc:
                    self._note_text[ch.id] = (_note_hay(ch.doc), ch.doc)
                else:
                    self._note_text.pop(ch.id, None)
            # Every owner of the record before and after is affected (an intro touches
            # its other person too); each owner index already built is kept in step
            # (one not built yet is built from the store when first needed).
            owners = registry.kind(ch.collection).owners
            for d in docs:
                for owner in owners:
                    affected.update(owner.ids(d))
            for owner in owners:
                if owner.name == "introduced_id" or not self._owned_built(ch.collection, owner):
                    continue  # intros are re-indexed above (only real intros count)
                index = self._owned(ch.collection, owner)
                for d in docs:
                    for cid in owner.ids(d):
                        index[cid].pop(ch.id, None)
                if ch.doc:
                    for cid in owner.ids(ch.doc):
                        index[cid][ch.id] = None
        for pending in self._patches.values():
            pending.update(affected)
        for cid in affected:
            self._standing.pop(cid, None)
            self._due.pop(cid, None)
            for collection in touched & {"favours", "checkins"}:
                self._recount(collection, cid)
            if self._inter_index is not None and touched & {"interactions", "favours"}:
                self._recompute_touch(cid)
        return affected

    def _reindex_intro(self, rid: str, prev: dict[str, Any] | None,
                       doc: dict[str, Any] | None) -> None:
        index = self._intro_of
        if prev and (was := prev.get("introduced_id")) in index:
            index[was].pop(rid, None)
        for cid, ids in touches.intro_index([doc] if doc else []).items():
            index.setdefault(cid, {}).update(ids)

    def _recompute_touch(self, cid: str) -> None:
        notes = self._interaction_index()[1]
        best = ""
        for iid in self._inter_of.get(cid, ()):
            doc = self.store.get("interactions", iid)
            if doc and doc.get("kind") != "note" and doc.get("date", "") > best \
                    and in_years(doc["date"]):
                best = doc["date"]
        if best:
            notes[cid] = date.fromisoformat(best)
        else:
            notes.pop(cid, None)
        if self._touch_merged is not None:
            ids = [*self._fav_of.get(cid, ()), *self._intro_of.get(cid, ())]
            docs = [d for rid in ids if (d := self.store.get("favours", rid))]
            day = touches.merged({cid: notes[cid]} if cid in notes else {},
                                 touches.favour_touches(docs)).get(cid)
            if day is None:
                self._touch_merged.pop(cid, None)
            else:
                self._touch_merged[cid] = day

    def _on_external_change(self, collections: set[str]) -> None:
        self._rebuild()
        self._emit(Changed(frozenset(collections), external=True, label="reloaded"))

    def refresh(self) -> bool:
        """Pick up changes another netui or a sync tool wrote. True when there were any."""
        return bool(self.store.refresh())

    # -- committing ------------------------------------------------------------------------

    def _commit(self, changes: list[Change] | Callable[[], list[Change]], label: str, *,
                force: bool = False) -> Changed:
        """Write `changes` (or what a function computes from the disk state under the
        lock) at the next revisions, with their undo-log entry, as one transaction.
        Unless `force`, a put derived from an older revision than the disk's is refused
        (history.Stale): whatever this process reloaded since, a stale edit never wins."""
        # What this process holds now: a list of changes was computed from it, so a record
        # another program rewrote meanwhile (even one that keeps its revision, as a sync
        # tool may) refuses the write once the lock is held.
        before = ({} if callable(changes) or force else
                  {(c.collection, c.id): self.store.get(c.collection, c.id) for c in changes})

        def plan() -> tuple[list[Change], str, str | None]:
            for (collection, record_id), doc in before.items():
                if self.store.get(collection, record_id) != doc:
                    raise Conflict(f"a {collection[:-1]} was changed on disk by another "
                                   "program while you edited it; the new version is loaded, "
                                   "nothing was saved")
            return (changes() if callable(changes) else changes), label, None

        return self._logged(plan, force=force) or Changed(frozenset(), label=label)

    def _logged(self, plan: Callable[[], tuple[list[Change], str, str | None]], *,
                force: bool) -> Changed | None:
        """One transaction: `plan` (run under the lock) gives the changes, their label and
        the undo-log entry they undo, if any. None when it had nothing to change."""
        done: dict[str, Any] = {}

        def build() -> list[Change]:
            wanted, label, undoes = plan()
            if not wanted:
                return []
            stamped = history.stamp(wanted, self.store.get, force=force)
            old = {(c.collection, c.id): self.store.get(c.collection, c.id) for c in stamped}
            entries = history.log_entries(lambda: self.store.docs("undo"))
            done.update(changes=stamped, old=old, label=label)
            return stamped + history.record(entries, stamped, old, label, self.process,
                                            undoes=undoes)

        self.store.apply(build, "the change")
        if not done:
            return None
        affected = self._reindex(done["changes"], done["old"])
        event = Changed(frozenset(c.collection for c in done["changes"]), frozenset(affected),
                        label=done["label"])
        self._emit(event)
        return event

    def commit(self, changes: list[Change], label: str, *, force: bool = False) -> Changed:
        """Apply raw changes as one undoable transaction (bulk work: imports, merges).
        Callers validate documents through their models first."""
        return self._commit(changes, label, force=force)

    def _emit(self, event: Changed) -> None:
        for listener in list(self.listeners):
            listener(event)

    def undo_log(self) -> list[UndoEntry]:
        """The last changes made by any netui on this data, oldest first."""
        self.refresh()
        return history.log_entries(lambda: self.store.docs("undo"))

    @property
    def can_undo(self) -> bool:
        return history.last_undoable(self.undo_log()) is not None

    def undo_label(self) -> str | None:
        entry = history.last_undoable(self.undo_log())
        return entry.label if entry else None

    def undo(self) -> str | None:
        """Revert the last change made by any netui on this data (the undo log); returns
        what was undone, None when there is nothing. history.UndoRefused (nothing
        changed) when its records changed since."""
        def plan() -> tuple[list[Change], str, str | None]:
            entry = history.last_undoable(history.log_entries(lambda: self.store.docs("undo")))
            if entry is None:
                return [], "", None
            return history.reverse(entry, self.store.get).changes, f"undo {entry.label}", entry.id

        event = self._logged(plan, force=True)
        return event.label.removeprefix("undo ") if event else None

    # -- reading records --------------------------------------------------------------

    def _model(self, model: type[R], collection: str, record_id: str) -> R:
        doc = self.store.get(collection, record_id)
        if doc is None:
            raise NotFound(f"no {collection[:-1]} with id {record_id}")
        try:
            return model.model_validate(doc, context=STORED)
        except ValidationError as exc:  # another program broke it: one line, no traceback
            raise Invalid(one_line(exc, f"the stored {collection[:-1]} {record_id} is damaged:"))\
                from None

    def _models(self, model: type[R], collection: str, ids: Iterable[str]) -> Iterator[R]:
        # Favours and check-ins are validated once and kept (20k favours: ~60 ms, which
        # balances, nudges and the review would otherwise each pay); notes are too many.
        kept = self._kept.get(collection)
        for rid in ids:
            if kept is not None and (found := kept.get(rid)) is not None:
                yield found
                continue
            doc = self.store.get(collection, rid)
            if doc is None:
                continue
            try:
                record = model.model_validate(doc, context=STORED)
            except ValidationError:
                continue
            if kept is not None:
                kept[rid] = record
            yield record

    # -- contacts ----------------------------------------------------------------------

    def contacts(self, include_archived: bool = False) -> list[Contact]:
        people = (c for c in self._contacts.values() if include_archived or not c.archived)
        return sorted(people, key=lambda c: self.name_key(c.name))

    def contact_count(self) -> int:
        if self._contacts_map is None:
            return self.store.count("contacts")
        return len(self._contacts_map)

    def contact(self, contact_id: str) -> Contact:
        c = self.get_contact(contact_id)
        if c is None:
            raise NotFound(f"no contact with id {contact_id}")
        return c

    def get_contact(self, contact_id: str) -> Contact | None:
        if self._contacts_map is None:  # one record: no need to build them all
            doc = self.store.get("contacts", contact_id)
            return _valid_contact(doc) if doc is not None else None
        return self._contacts_map.get(contact_id)

    def contact_rows(self, include_archived: bool = False) -> list[ContactRow]:
        """Every contact as a list row (id, names, company, circle, tags, emails), sorted
        by name. Read straight from the stored documents until the models exist, so the
        app's first frame needs no model at all; a row keeps its identity until a write
        changes that contact (the filter caches per row)."""
        return sorted(self.people(include_archived), key=lambda r: self.name_key(r.name))

    def people(self, include_archived: bool = False) -> list[ContactRow]:
        """Every contact's row, unsorted: enough to resolve @names in a shell command."""
        if self._rows_map is None:
            if self._contacts_map is not None:
                rows: Iterable[ContactRow | None] = map(ContactRow.of,
                                                        self._contacts_map.values())
            else:
                rows = map(ContactRow.of_doc, self.store.docs("contacts"))
            with gc_paused():
                self._rows_map = {r.id: r for r in rows if r is not None}
        return [r for r in self._rows_map.values() if include_archived or not r.archived]

    def find(self, name: str, include_archived: bool = False) -> list[Contact]:
        """Contacts `name` may mean (see domain.names.match_name)."""
        people = (c for c in self._contacts.values() if include_archived or not c.archived)
        return match_name(name, people)

    def find_one(self, name: str) -> Contact:
        """The one contact `name` means; NotFound or Invalid (ambiguous) otherwise."""
        hits = self.find(name.lstrip("@"), include_archived=True)
        if not hits:
            raise NotFound(f"no contact matches {name!r}")
        if len(hits) > 1:
            names = ", ".join(sorted(c.name for c in hits))
            raise Invalid(f"{name!r} is ambiguous: {names}")
        return hits[0]

    def find_exact(self, name: str) -> Contact:
        """The one contact `name` names exactly (see names.match_exact): what commands
        that change, delete or show someone use. A close spelling is an error listing
        the nearest names, never a guess."""
        hits, near = match_exact(name.lstrip("@"), self._contacts.values())
        if len(hits) > 1:
            names = ", ".join(sorted(c.name for c in hits))
            raise Invalid(f"{name!r} is ambiguous: {names}; use the full name")
        if not hits:
            hint = f"; nearest: {', '.join(sorted(c.name for c in near)[:5])}" if near else ""
            raise NotFound(f"no contact is named {name!r}{hint} (give the exact name)")
        return hits[0]

    def _check_contact(self, c: Contact) -> None:
        if c.circle and c.circle not in self.config.circles:
            known = ", ".join(self.config.circles)
            raise Invalid(f"circle: {c.circle!r} is not a circle ({known})")

    def add_contact(self, contact: Contact) -> Contact:
        self._check_contact(contact)
        if self.store.get("contacts", contact.id) is not None:
            raise Invalid(f"a contact with id {contact.id} already exists")
        self._commit([Change("contacts", contact.id, contact.to_doc())], f"add {contact.name}")
        return self.contact(contact.id)

    def update_contact(self, contact: Contact) -> Contact:
        self._check_contact(contact)
        self.contact(contact.id)
        updated = contact.model_copy(update={"updated_at": utcnow()})
        doc = _validate(Contact, updated.to_doc(), "contact")
        self._commit([Change("contacts", contact.id, doc.to_doc())], f"edit {contact.name}")
        return self.contact(contact.id)

    def edit_contact(self, contact_id: str, **fields: Any) -> Contact:
        """Change some fields of a contact, validated like a form."""
        doc = {**self.contact(contact_id).to_doc(), **fields}
        return self.update_contact(_validate(Contact, doc, "contact"))

    def set_archived(self, contact_id: str, archived: bool = True) -> Contact:
        return self.edit_contact(contact_id, archived=archived)

    def delete_contact(self, contact_id: str) -> None:
        """Delete a contact with their favours and check-ins; shared interactions lose
        them, interactions with nobody left are deleted. Undo puts everything back.
        What goes with them is read under the lock, from the disk: a note another
        process just wrote about them goes too, never left behind as an orphan."""
        c = self.contact(contact_id)

        def cascade() -> list[Change]:
            if self.store.get("contacts", contact_id) is None:
                raise NotFound(f"{c.name} was already deleted by another program")
            return self._owner_cascade(contact_id, None,
                                       [Change("contacts", contact_id, None)])

        self._commit(cascade, f"delete {c.name}")

    def _owner_cascade(self, old_id: str, new_id: str | None,
                       changes: list[Change]) -> list[Change]:
        """`changes` plus what deleting `old_id` (new_id None) or merging it into
        `new_id` does to every record naming them, as each kind's owner fields say
        (netui.domain.registry); a record already in `changes` is changed there."""
        planned = {(ch.collection, ch.id): n for n, ch in enumerate(changes)}
        for kind in registry.owned_kinds():
            ids = dict.fromkeys(rid for owner in kind.owners
                                for rid in self._owned(kind.collection, owner).get(old_id, ()))
            for rid in ids:
                n = planned.get((kind.collection, rid))
                doc = changes[n].doc if n is not None else self.store.get(kind.collection, rid)
                if doc is None:
                    continue
                moved = Change(kind.collection, rid, registry.reowned(kind, doc, old_id, new_id))
                if n is not None:
                    changes[n] = moved
                else:
                    planned[(kind.collection, rid)] = len(changes)
                    changes.append(moved)
        return changes

    def merge_contacts(self, keep_id: str, other_id: str) -> Contact:
        """Make two records of one person one: `keep` gains every field of `other` (see
        domain.dedupe.merge_fields) and its interactions, favours and check-ins; `other`
        is deleted. One transaction, so undo() puts both back as they were; what moves
        is read under the lock from the disk (see delete_contact)."""
        from .domain.dedupe import merge_fields

        if keep_id == other_id:
            raise Invalid("merge: pick two different contacts")
        keep, other = self.contact(keep_id), self.contact(other_id)
        merged = _validate(Contact, {**merge_fields(keep, other), "updated_at": utcnow()},
                           "merged contact")

        def moves() -> list[Change]:
            if self.store.get("contacts", other_id) is None:
                raise NotFound(f"{other.name} was deleted by another program")
            return self._owner_cascade(other_id, keep_id, [
                Change("contacts", keep_id, merged.to_doc()), Change("contacts", other_id, None)])

        self._commit(moves, f"merge {other.name} into {keep.name}")
        return self.contact(keep_id)

    # -- derived per contact ---------------------------------------------------------------

    def last_touch(self, contact_id: str) -> date | None:
        return self._touch.get(contact_id)

    def cadence(self, contact: Contact) -> int | None:
        return cadence_for(contact.circle, contact.cadence_days, self.config.circles)

    def due(self, contact_id: str) -> Due | None:
        """When this contact is next due (cached until a write touches them or the day changes)."""
        today = self.today()
        cache = self._due_cache(today)
        if contact_id in cache:
            return cache[contact_id]
        c = self._contacts.get(contact_id)
        result = cache[contact_id] = self._next_due(c, today) if c is not None else None
        return result

    def _due_cache(self, today: date) -> dict[str, Due | None]:
        """Due dates until a new day or config (a write drops its contacts' own)."""
        key = self._memo_key(today)
        if self._due_key != key:
            self._due.clear()
            self._due_key = key
        return self._due

    def _next_due(self, c: Contact, today: date) -> Due | None:
        if c.archived:
            return None
        return next_due(last_touch=self._touch.get(c.id), cadence=self.cadence(c),
                        start=_start(c, today), checkins=self._pending.get(c.id, ()))

    def due_list(self, within_days: int = 0) -> list[DueEntry]:
        """Contacts due by today + within_days: most overdue first, then closest circle."""
        today = self.today()
        key = ("due_list", within_days, *self._memo_key(today))
        if key in self._memo:
            return list(self._memo[key])
        horizon = today + timedelta(days=within_days)
        out = [e for c in self._contacts.values() if (e := self._due_entry(c, horizon))]
        out.sort(key=lambda e: (e.due.due, self.circle_rank(e.contact.circle),
                                self.name_key(e.contact.name)))
        self._memo[key] = out
        return list(out)

    def _due_entry(self, c: Contact, horizon: date) -> DueEntry | None:
        d = self.due(c.id)
        if d is None or d.due > horizon:
            return None
        return DueEntry(c, d, d.overdue_days(self.today()), self._touch.get(c.id),
                        self._state(c, d))

    def _state(self, c: Contact, d: Due | None) -> str:
        cadence = self.cadence(c)
        grace = self.config.late_after(c.circle, cadence) - cadence if cadence else 0
        return due_state(d, self.today(), grace)

    def due_state(self, contact_id: str) -> str:
        """ok, due (amber: the ideal interval is up) or late (red: past the maximum)."""
        c = self._contacts.get(contact_id)
        return "ok" if c is None else self._state(c, self.due(contact_id))

    def _memo_key(self, today: date) -> tuple[Any, ...]:
        # Cadences come from the config, which the app may replace while running.
        return (today, id(self.config), id(self.config.circles))

    def due_count(self, within_days: int = 0) -> int:
        """How many contacts are due by today + within_days, without building the list."""
        horizon = self.today() + timedelta(days=within_days)
        return sum(1 for cid in self._contacts if (d := self.due(cid)) and d.due <= horizon)

    def active_count(self) -> int:
        """Contacts not archived."""
        return sum(1 for c in self._contacts.values() if not c.archived)

    def warm(self) -> None:
        """Compute what the daily review needs (the note index behind last touches, the
        ledger marks, pending check-ins and the queue's order) ahead of use, e.g. right
        after the app's first frame, so that opening the review costs nothing."""
        from .domain.review import queue_for

        queue_for(self)

    def cached(self, name: str, build: Callable[[], T],
               patch: Callable[[T, set[str]], T] | None = None) -> T:
        """A whole-network answer kept until a write to what `name` depends on (see
        _MEMO_DEPENDS), a new day or a new config. With `patch`, a write keeps it and
        `patch(answer, contact_ids)` brings it in step with the contacts written to,
        when next asked for."""
        key = (name, *self._memo_key(self.today()))
        if key not in self._memo:
            self._patches.pop(name, None)
            with gc_paused():  # thousands of small objects that live until a write
                self._memo[key] = build()
        elif patch is not None and (ids := self._patches.pop(name, None)):
            self._memo[key] = patch(self._memo[key], ids)
        if patch is not None:
            self._patches.setdefault(name, set())
        return self._memo[key]

    def birthdays(self, within_days: int = 7) -> list[tuple[Contact, BirthdaySoon]]:
        return list(self.cached(f"birthdays {within_days}",
                                lambda: self._birthdays(within_days)))

    def _birthdays(self, within_days: int) -> list[tuple[Contact, BirthdaySoon]]:
        out = [(c, soon) for c in self._contacts.values()
               if (soon := self._birthday_of(c, within_days))]
        out.sort(key=lambda x: (x[1].in_days, self.name_key(x[0].name)))
        return out

    def _birthday_of(self, c: Contact, within_days: int) -> BirthdaySoon | None:
        return None if c.archived else upcoming_birthday(c.birthday, self.today(), within_days)

    def needs_triage(self) -> list[Contact]:
        """Active contacts with neither a circle nor their own cadence."""
        return [c for c in self.contacts() if not c.circle and not c.cadence_days]

    # -- interactions ------------------------------------------------------------------

    def interaction(self, interaction_id: str) -> Interaction:
        return self._model(Interaction, "interactions", interaction_id)

    def interactions_for(self, contact_id: str) -> list[Interaction]:
        """Newest first."""
        found = list(self._models(Interaction, "interactions", self._inter_of.get(contact_id, ())))
        found.sort(key=lambda i: i.date, reverse=True)
        return found

    def interaction_docs(self) -> Iterator[dict[str, Any]]:
        """Every stored interaction document (for search, export and the calendar)."""
        return self.store.docs("interactions")

    def _check_people(self, ids: Iterable[str]) -> None:
        for cid in ids:
            self.contact(cid)

    def log_interaction(
        self,
        interaction: Interaction,
        *,
        followup: date | None = None,
        followup_reason: str = "",
        new_contacts: Sequence[Contact] = (),
    ) -> Interaction:
        """Log a meeting, call, note...; a touch completes check-ins that were due by its
        date. With `followup`, also schedules a check-in with each person. Contacts in
        `new_contacts` are created in the same transaction (quick-add's unknown names)."""
        for c in new_contacts:
            self._check_contact(c)
        known = {c.id for c in new_contacts}
        self._check_people(i for i in interaction.contact_ids if i not in known)
        changes = [Change("contacts", c.id, c.to_doc()) for c in new_contacts]
        changes.append(Change("interactions", interaction.id, interaction.to_doc()))
        if interaction.is_touch:
            changes += self._complete_checkins(interaction.contact_ids, interaction.date)
        if followup:
            for cid in interaction.contact_ids:
                chk = CheckIn(contact_id=cid, due=followup, reason=followup_reason)
                changes.append(Change("checkins", chk.id, chk.to_doc()))
        names = ", ".join(self._name(cid, new_contacts) for cid in interaction.contact_ids)
        self._commit(changes, f"{interaction.kind.value} with {names}")
        return self.interaction(interaction.id)  # as stored: at its revision

    def _name(self, cid: str, extra: Sequence[Contact] = ()) -> str:
        for c in extra:
            if c.id == cid:
                return c.name
        c = self.get_contact(cid)
        return c.name if c else cid

    def _complete_checkins(self, contact_ids: Iterable[str], on: date) -> list[Change]:
        changes = []
        for cid in contact_ids:
            for chk in self.checkins_for(cid, pending_only=True):
                if chk.due <= on or chk.kind is CheckInKind.snooze:
                    done = chk.model_copy(update={"status": CheckInStatus.done})
                    changes.append(Change("checkins", chk.id, done.to_doc()))
        return changes

    def update_interaction(self, interaction: Interaction) -> Interaction:
        self.interaction(interaction.id)
        self._check_people(interaction.contact_ids)
        doc = _validate(Interaction, interaction.to_doc(), "interaction")
        self._commit([Change("interactions", doc.id, doc.to_doc())], "edit interaction")
        return self.interaction(doc.id)

    def delete_interaction(self, interaction_id: str) -> None:
        self.interaction(interaction_id)
        self._commit([Change("interactions", interaction_id, None)], "delete interaction")

    def search_notes(self, text: str, limit: int = 200) -> list[Interaction]:
        """Interactions whose text or tags contain every word of `text` (accent- and
        case-insensitive), newest first."""
        words = fold(text).split()
        if not words:
            return []
        if self._note_text is None:  # folding 100k notes once, not on every search
            with gc_paused():
                self._note_text = {d["id"]: (_note_hay(d), d)
                                   for d in self.store.docs("interactions")}
        found = list(self._note_text.values())
        for w in sorted(words, key=len, reverse=True):  # longest word narrows most
            found = [pair for pair in found if w in pair[0]]
        # The newest `limit` without sorting every hit (a short word matches most notes).
        hits = heapq.nlargest(limit, (doc for _hay, doc in found),
                              key=lambda d: d.get("date", ""))
        return [Interaction.model_validate(d, context=STORED) for d in hits]

    # -- favours -----------------------------------------------------------------------

    def favour(self, favour_id: str) -> Favour:
        return self._model(Favour, "favours", favour_id)

    def favours(
        self,
        contact_id: str | None = None,
        direction: Direction | None = None,
        status: FavourStatus | None = None,
    ) -> list[Favour]:
        """Newest first."""
        if contact_id is not None:
            found = self._models(Favour, "favours", self._fav_of.get(contact_id, ()))
        else:
            found = (Favour.model_validate(d, context=STORED) for d in self.store.docs("favours"))
        out = [
            f for f in found
            if (direction is None or f.direction is direction)
            and (status is None or f.status is status)
            and f.contact_id in self._contacts
        ]
        out.sort(key=lambda f: (f.date, f.id), reverse=True)
        return out

    @staticmethod
    def _check_favour(favour: Favour) -> None:
        # An introduction says what it was by whom it names; anything else needs words.
        if not favour.text.strip() and not favour.introduced_id:
            raise Invalid("text: a favour needs a description (what was it?)")

    def log_favour(self, favour: Favour, new_contacts: Sequence[Contact] = ()) -> Favour:
        return self.log_favours([favour], new_contacts)[0]

    def log_favours(self, favours: Sequence[Favour],
                    new_contacts: Sequence[Contact] = ()) -> list[Favour]:
        """Favours in one transaction (an intro: one per person introduced)."""
        for f in favours:
            self._check_favour(f)
        for c in new_contacts:
            self._check_contact(c)
        made = {c.id for c in new_contacts}
        for f in favours:
            for cid in (f.contact_id, f.introduced_id):
                if cid and cid not in made:
                    self.contact(cid)
        changes = [Change("contacts", c.id, c.to_doc()) for c in new_contacts]
        changes += [Change("favours", f.id, f.to_doc()) for f in favours]
        first = favours[0]
        verb = {"gave": "gave to", "received": "got from", "asked": "asked"}[first.direction.value]
        self._commit(changes, f"{verb} {self._name(first.contact_id, new_contacts)}")
        return [self.favour(f.id) for f in favours]  # as stored: at their revision

    def update_favour(self, favour: Favour) -> Favour:
        self._check_favour(favour)
        self.favour(favour.id)
        self.contact(favour.contact_id)
        doc = _validate(Favour, favour.to_doc(), "favour")
        self._commit([Change("favours", doc.id, doc.to_doc())], "edit favour")
        return self.favour(doc.id)

    def set_favour_status(self, favour_id: str, status: FavourStatus,
                          rev: int | None = None) -> Favour:
        """`rev`: the revision the caller showed; refused (history.Stale) if it moved."""
        f = self.favour(favour_id)
        f = f.model_copy(update={"status": status, "rev": f.rev if rev is None else rev})
        self._commit([Change("favours", f.id, f.to_doc())], f"mark favour {status.value}")
        return self.favour(f.id)

    def delete_favour(self, favour_id: str) -> None:
        self.favour(favour_id)
        self._commit([Change("favours", favour_id, None)], "delete favour")

    def standing(self, contact_id: str) -> ledger.Standing:
        if contact_id not in self._standing:
            favours = self._models(Favour, "favours", self._fav_of.get(contact_id, ()))
            self._standing[contact_id] = ledger.standing(favours)
        return self._standing[contact_id]

    def balance(self, contact_id: str) -> int:
        return self.standing(contact_id).balance

    def balances(self) -> list[tuple[Contact, ledger.Standing]]:
        """Everyone with at least one favour, lowest balance (you owe most) first."""
        rows = [
            (self._contacts[cid], self.standing(cid))
            for cid, favs in self._fav_of.items()
            if favs and cid in self._contacts
        ]
        rows.sort(key=lambda r: (r[1].balance, self.name_key(r[0].name)))
        return rows

    def nudges(self) -> Nudges:
        today = self.today()
        key = ("nudges", *self._memo_key(today))
        if key in self._memo:
            m = self._memo[key]
            return Nudges(list(m.owes_back), list(m.stale_asks), list(m.over_asked))
        n = Nudges()
        contacts = self._contacts
        for cid, favs in self._fav_of.items():  # balances() order is not needed here
            if favs and (c := contacts.get(cid)) is not None:
                self._nudges_for(c, self.standing(cid), n)
        self._sort_nudges(n)
        self._memo[key] = n
        return Nudges(list(n.owes_back), list(n.stale_asks), list(n.over_asked))

    def _sort_nudges(self, n: Nudges) -> None:
        """Longest unreturned help first, oldest ask first, then by name: the same order
        for the whole network and for the few contacts the review rebuilds."""
        today, name = self.today(), self.name_key
        n.owes_back.sort(key=lambda r: (r[1].last_received or today, name(r[0].name)))
        n.stale_asks.sort(key=lambda r: (-r[2], name(r[0].name), r[1].id))
        n.over_asked.sort(key=lambda r: (r[1].balance, name(r[0].name)))

    def _nudges_for(self, c: Contact, st: ledger.Standing, n: Nudges) -> None:
        """Add what the ledger says of `c` to `n` (nothing for an archived contact)."""
        if c.archived:
            return
        if st.owes_back:
            n.owes_back.append((c, st))
        if st.asks_exceed_gives:
            n.over_asked.append((c, st))
        if st.open_asks:
            today = self.today()
            for f in self.favours(c.id, Direction.asked, FavourStatus.open):
                if ledger.is_stale(f.date, today):
                    n.stale_asks.append((c, f, ledger.ask_age(f, today)))

    def ledger_nudged(self) -> set[str]:
        """Who the ledger nudges about: they helped you with nothing given back since, or
        an ask of yours is old (one pass over the marks, for the paced review)."""
        marks, today = self._marks, self.today()
        return {cid for cid in (*marks.last_received, *marks.oldest_open_ask)
                if marks.nudges(cid, today)}

    def review_inputs(self, contact_ids: Iterable[str], birthday_days: int) -> tuple[
            list[DueEntry], list[tuple[Contact, BirthdaySoon]], Nudges]:
        """What the daily review is built from (due_list(0), birthdays(birthday_days),
        nudges()), for these contacts only: the review keeps its queue in step with a
        write by rebuilding the items of the contacts the write touched."""
        today = self.today()
        due, birthdays, n = [], [], Nudges()
        for cid in contact_ids:
            c = self._contacts.get(cid)
            if c is None:
                continue  # deleted
            if entry := self._due_entry(c, today):
                due.append(entry)
            if (soon := self._birthday_of(c, birthday_days)) and not birthday_snoozed(
                    soon, self._pending.get(cid, ()), today):
                birthdays.append((c, soon))
            if self._fav_of.get(cid):
                self._nudges_for(c, self.standing(cid), n)
        self._sort_nudges(n)
        return due, birthdays, n

    def review_order(self, birthday_days: int,
                     contact_ids: Iterable[str] | None = None) -> list[ReviewKey]:
        """Who is in today's review, and in what order, without the reasons: a sort key
        (-urgency, circle rank, name key, id, contact) for everyone due, with a birthday
        within `birthday_days` or with a ledger nudge; `review.build_queue` gives the same
        people in the same order with their reasons. Read from the derived values only
        (last touches, pending check-ins, ledger marks): 10k contacts in ~20 ms."""
        today, contacts = self.today(), self._contacts
        pairs: Iterable[tuple[str, Contact]] = contacts.items() if contact_ids is None else [
            (cid, contacts[cid]) for cid in contact_ids if cid in contacts]
        touch, pending, marks, circles = self._touch, self._pending, self._marks, self.circles()
        birthdays = {(d.month, d.day) for d in (today + timedelta(days=n)
                                                for n in range(birthday_days + 1))}
        ranks: dict[str | None, int] = {}
        dues, folded = self._due_cache(today), self._folded
        out: list[ReviewKey] = []
        for cid, c in pairs:
            if c.archived:
                continue
            urgency = None
            if cid in pending:  # follow-ups and snoozes: the full rule
                if cid not in dues:
                    dues[cid] = self._next_due(c, today)
                due = dues[cid]
                day = due.due if due is not None else None
            elif cadence := cadence_for(c.circle, c.cadence_days, circles):
                last = touch.get(cid)
                day = cadence_due(last, cadence, _start(c, today) if last is None else last)
            else:
                day = None
            if day is not None and day <= today:
                urgency = (today - day).days
            b = c.birthday  # 29 Feb falls on 28 Feb in common years: ask the rule
            if b is not None and ((b.month, b.day) in birthdays or (b.month, b.day) == (2, 29)):
                soon = upcoming_birthday(b, today, birthday_days)
                if soon is not None and cid in pending and birthday_snoozed(
                        soon, pending[cid], today):
                    soon = None
                if soon is not None and urgency is None:
                    urgency = -soon.in_days  # a due check-in is at least as urgent
            if (urgency is None or urgency < 0) and marks.nudges(cid, today):
                urgency = 0
            if urgency is not None:
                if c.circle not in ranks:
                    ranks[c.circle] = self.circle_rank(c.circle)
                name = folded.get(c.name) or self.name_key(c.name)
                out.append((-urgency, ranks[c.circle], name, cid, c))
        out.sort()
        return out

    # -- check-ins -----------------------------------------------------------------------

    def checkin(self, checkin_id: str) -> CheckIn:
        return self._model(CheckIn, "checkins", checkin_id)

    def checkins_for(self, contact_id: str, pending_only: bool = False) -> list[CheckIn]:
        found = self._models(CheckIn, "checkins", self._chk_of.get(contact_id, ()))
        out = [c for c in found if not pending_only or c.status is CheckInStatus.pending]
        out.sort(key=lambda c: c.due)
        return out

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        self.contact(checkin.contact_id)
        self._commit([Change("checkins", checkin.id, checkin.to_doc())],
                     f"follow-up with {self._name(checkin.contact_id)}")
        return self.checkin(checkin.id)  # as stored: at its revision

    def mark_done(
        self, contact_id: str, note: str = "", kind: Kind = Kind.message, on: date | None = None
    ) -> Interaction:
        """Being in touch with someone now: logs a touch and closes what was due."""
        c = self.contact(contact_id)
        day = on or self.today()
        touch = _validate(Interaction, {"contact_ids": [contact_id], "date": day, "kind": kind,
                                        "text": note or "Checked in"}, "in touch")
        changes = [Change("interactions", touch.id, touch.to_doc())]
        changes += self._complete_checkins([contact_id], day)
        self._commit(changes, f"in touch with {c.name}")
        return self.interaction(touch.id)

    def snooze(self, contact_id: str, until: date, reason: str = "") -> CheckIn:
        """Not before `until`: replaces any earlier snooze of this contact."""
        c = self.contact(contact_id)
        if until <= self.today():
            raise Invalid("snooze: the date must be after today")
        changes = []
        for chk in self.checkins_for(contact_id, pending_only=True):
            if chk.kind is CheckInKind.snooze:
                skipped = chk.model_copy(update={"status": CheckInStatus.skipped})
                changes.append(Change("checkins", chk.id, skipped.to_doc()))
        new = _validate(CheckIn, {"contact_id": contact_id, "due": until,
                                  "reason": reason or "snoozed", "kind": CheckInKind.snooze},
                        "snooze")
        changes.append(Change("checkins", new.id, new.to_doc()))
        self._commit(changes, f"snooze {c.name}")
        return self.checkin(new.id)

    def reschedule(self, checkin_id: str, due: date, rev: int | None = None) -> CheckIn:
        """`rev`: the revision the caller showed; refused (history.Stale) if it moved."""
        chk = self.checkin(checkin_id)
        chk = chk.model_copy(update={"due": due, "rev": chk.rev if rev is None else rev})
        self._commit([Change("checkins", chk.id, chk.to_doc())], "reschedule check-in")
        return self.checkin(chk.id)

    # -- timeline -----------------------------------------------------------------------

    def introductions_of(self, contact_id: str) -> list[Favour]:
        """Favours that name this contact as the other person of an intro."""
        ids = [rid for rid in self._intro_of.get(contact_id, ()) if self.store.get("favours", rid)]
        return sorted(self._models(Favour, "favours", ids), key=lambda f: f.date, reverse=True)

    def timeline(self, contact_id: str) -> list[TimelineEntry]:
        """Interactions, favours and check-ins of one contact, newest first."""
        entries = [TimelineEntry(i.date, i) for i in self.interactions_for(contact_id)]
        entries += [TimelineEntry(f.date, f) for f in self.favours(contact_id)]
        entries += [TimelineEntry(f.date, f) for f in self.introductions_of(contact_id)]
        entries += [TimelineEntry(c.due, c) for c in self.checkins_for(contact_id)]
        entries.sort(key=lambda e: e.day, reverse=True)
        return entries

    # -- whole network -----------------------------------------------------------------------

    def export_all(self) -> dict[str, Any]:
        """The full export: {"schema": N, "contacts": [...], ...}, stable order."""
        out: dict[str, Any] = {"schema": SCHEMA_VERSION}
        for collection in PEOPLE_DATA:
            out[collection] = sorted(self.store.docs(collection), key=lambda d: d["id"])
        return out

    def import_all(self, data: Any, *, replace: bool = False) -> dict[str, int]:
        """Load a full export. Every record is validated first; one bad record fails the
        whole import with its place named, and nothing is written. Merges by id unless
        `replace`, which makes the network exactly the file (undoable)."""
        docs = validate_export(data)
        ids = {c["id"] for c in docs["contacts"]}
        if not replace:
            ids |= set(self._contacts)
        for kind in registry.people_kinds():
            required = [owner for owner in kind.owners if owner.required]
            for n, d in enumerate(docs[kind.collection] if required else (), 1):
                refs = [r for owner in required for r in owner.ids(d) or [None]]
                missing = [r for r in refs if r not in ids]
                if missing:
                    raise Invalid(f"{kind.collection}[{n}]: unknown contact id {missing[0]}")
        changes: list[Change] = []
        if replace:
            for collection in PEOPLE_DATA:
                wanted = {d["id"] for d in docs[collection]}
                changes += [Change(collection, d["id"], None)
                            for d in self.store.docs(collection) if d["id"] not in wanted]
        for collection in PEOPLE_DATA:
            changes += [Change(collection, d["id"], d) for d in docs[collection]
                        if self.store.get(collection, d["id"]) != d]
        self._commit(changes, "import", force=True)
        return {collection: len(docs[collection]) for collection in PEOPLE_DATA}


def _note_hay(doc: dict[str, Any]) -> str:
    return fold(doc.get("text", "") + " " + " ".join(doc.get("tags", ())))


def validate_export(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Check a full export and normalise each record through its model."""
    if not isinstance(data, dict):
        raise Invalid("not a netui export: expected a JSON object")
    schema = data.get("schema")
    if not isinstance(schema, int):
        raise Invalid("not a netui export: no schema number")
    if schema > SCHEMA_VERSION:
        raise Invalid(f"this export is from a newer netui (schema {schema}); upgrade netui")
    from .domain.ids import reissue_unsafe_ids

    data, _renamed = reissue_unsafe_ids(data)
    out: dict[str, list[dict[str, Any]]] = {}
    for collection, model in PEOPLE_DATA.items():
        items = data.get(collection, [])
        if not isinstance(items, list):
            raise Invalid(f"{collection}: expected a list")
        seen: set[str] = set()
        docs = []
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise Invalid(f"{collection}[{n}]: expected an object")
            rec = _validate(model, item, f"{collection}[{n}]")
            if rec.id in seen:
                raise Invalid(f"{collection}[{n}]: duplicate id {rec.id}")
            seen.add(rec.id)
            docs.append(rec.to_doc())
        out[collection] = docs
    return out


def open_network(
    data_dir: Any = None,
    *,
    config: Config | None = None,
    today: Callable[[], date] = date.today,
    lock_timeout: float | None = None,
    backup: bool = True,
) -> Network:
    """Open the store in `data_dir` (or the default) and wrap it (`backup`: see Store.open)."""
    from .paths import data_dir as default_dir

    kwargs = {"today": today}
    if lock_timeout is not None:
        kwargs["lock_timeout"] = lock_timeout
    store = Store(default_dir(data_dir), **kwargs).open(backup=backup)
    return Network(store, config, today)
