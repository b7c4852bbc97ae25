"""Derived data, and the one place that knows how a write changes it: contact models and
rows, owner indexes (which records name whom, by the registry's owner fields), last
touches (favours included when they count), ledger marks, pending check-ins, balances
and due dates, plus the memoised whole-network answers (services.memo).

Everything is built on first use from the store and then kept in step per write by
`reindex`: the app's first frame needs contacts only, a shell note needs nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import ValidationError

from ..config import Config
from ..domain import ledger, registry, touches
from ..domain.facts import CheckRow, favour_fields, marks_of, pending_of
from ..domain.models import STORED, Contact
from ..domain.names import fold
from ..domain.rows import ContactRow
from ..errors import Invalid, NotFound, one_line
from ..storage import Change, Store, gc_paused
from .history_pass import Owned, index_interactions, owned_add, owned_drop, owned_of, owner_index
from .kept_contacts import keep_contact
from .memo import Memo
from .note_index import NoteIndex
from .results import R, in_years, share_fields, valid_contact

T = TypeVar("T")


class Indexes:
    def __init__(self, store: Store, config: Config, today: Callable[[], date]) -> None:
        self.store = store
        self.config = config
        self.today = today
        self.memo = Memo()
        # Contact models, built on first use: a shell note only needs the names it
        # mentions (validating 10k contacts costs ~160 ms of a 400 ms budget).
        self.contacts_map: dict[str, Contact] | None = None
        # What lists draw and filter, read from the documents when no model exists yet
        # (the app's first frame) and kept in step with writes (see Contacts.rows).
        self.rows_map: dict[str, ContactRow] | None = None
        # (interaction ids by contact, last touch by contact), built on first use: shell
        # commands that only add a note never need it (65 ms of 100k notes at start-up).
        self.inter_index: tuple[Owned, dict[str, date]] | None = None
        # Last touches with favours counted (see touch), and introduced_id -> favour ids.
        self._touch_merged: dict[str, date] | None = None
        self._intro_map: Owned | None = None
        # (collection, owner field) -> owner index, built on first use (see owned).
        self._owner_index: dict[tuple[str, str], Owned] = {}
        self.standing: dict[str, ledger.Standing] = {}
        # Derived from every favour / check-in on first use, then kept in step per write.
        self._marks_map: ledger.Marks | None = None
        self._pending_map: dict[str, list[CheckRow]] | None = None
        # Every note's folded text and tags, date and id; built by the first note search.
        self.note_text: NoteIndex | None = None
        self._folded: dict[str, str] = {}
        # collection -> id -> validated model, for the collections `models` keeps
        self._kept: dict[str, dict[str, Any]] = {"favours": {}, "checkins": {}}
        self._ranks: tuple[Any, dict[str, int]] = (None, {})
        # A contact's pending check-in ids from somewhere cheaper than every check-in
        # (the shell's derived index), None when it cannot say (see Schedule.checkins_for).
        self.pending_hint: Callable[[str], list[str] | None] | None = None
        # A contact's name if it exists and validates, from the same place (None: it
        # cannot say): a note checks its people without reading their contacts shard.
        self.name_hint: Callable[[str], str | None] | None = None

    # -- the config lens ---------------------------------------------------------------

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

    def folded(self, name: str) -> str | None:
        return self._folded.get(name)

    def cached(self, name: str, build: Callable[[], T],
               patch: Callable[[T, set[str]], T] | None = None) -> T:
        def paused() -> T:
            with gc_paused():  # thousands of small objects that live until a write
                return build()

        return self.memo.cached(name, self.memo.key(self.today(), self.config), paused, patch)

    # -- building ------------------------------------------------------------------------

    def rebuild(self) -> None:
        with gc_paused():  # 10k contact models and 100k index entries live all session
            had_history = self.inter_index is not None
            self.contacts_map = self.rows_map = self.inter_index = None
            self._touch_merged = self._intro_map = None
            self._owner_index.clear()
            for kept in self._kept.values():
                kept.clear()
            self.standing.clear()
            self._marks_map = self._pending_map = None
            self.note_text = None
            self.memo.clear()
            if had_history:  # whoever shows last touches now (the app) keeps them
                self.interaction_index()

    @property
    def contacts(self) -> dict[str, Contact]:
        if self.contacts_map is None:
            contacts: dict[str, Contact] = {}
            rows = self.rows_map or {}
            with gc_paused():
                for rid, doc in self.store.items("contacts"):
                    c = valid_contact(doc)
                    if c is not None:
                        contacts[c.id] = keep_contact(c, rid, rows.get(rid))
            self.contacts_map = contacts
        return self.contacts_map

    def owned(self, collection: str, owner: registry.OwnerField | str = "contact_id") -> Owned:
        """Owner id (a contact's, or as `owner.of` says) -> ids of the records of
        `collection` naming them in `owner`."""
        if isinstance(owner, str):
            owner = next(f for f in registry.kind(collection).owners if f.name == owner)
        if (collection, owner.name) == ("interactions", "contact_ids"):
            return self.inter_of  # built with the last touches
        if (collection, owner.name) == ("favours", "introduced_id"):
            return self.intro_of  # only intros that are real (touches.intro_index)
        index = self._owner_index.get((collection, owner.name))
        if index is None:
            with gc_paused():
                index = owner_index(self.store.items(collection), owner)
            self._owner_index[(collection, owner.name)] = index
        return index

    def load_records(self, collection: str) -> None:
        """Every index of favours or check-ins not built yet (owner indexes, ledger marks,
        last touches, intros, pending check-ins), from one parse of the collection: the
        store keeps documents packed, and each pass over 20k favours parses them again."""
        with gc_paused():
            items = list(self.store.items(collection))
            docs = [doc for _, doc in items]
            for owner in registry.kind(collection).owners:
                if owner.name == "introduced_id" and collection == "favours":
                    if self._intro_map is None:
                        self._intro_map = owned_of(touches.intro_index(docs))
                elif not self._owned_built(collection, owner):
                    self._owner_index[(collection, owner.name)] = owner_index(items, owner)
            if collection == "favours":
                if self._marks_map is None:
                    self._marks_map = marks_of(docs)
                if self.config.favours_count_as_touch and self._touch_merged is None:
                    self._touch_merged = touches.merged(
                        self.interaction_index()[1], touches.favour_touches(docs))
            elif collection == "checkins" and self._pending_map is None:
                self._pending_map = pending_of(docs)

    def _owned_built(self, collection: str, owner: registry.OwnerField) -> bool:
        if (collection, owner.name) == ("interactions", "contact_ids"):
            return self.inter_index is not None
        if (collection, owner.name) == ("favours", "introduced_id"):
            return self._intro_map is not None
        return (collection, owner.name) in self._owner_index

    @property
    def fav_of(self) -> Owned:
        return self.owned("favours")

    @property
    def chk_of(self) -> Owned:
        return self.owned("checkins")

    @property
    def inter_of(self) -> Owned:
        return self.interaction_index()[0]

    @property
    def marks(self) -> ledger.Marks:
        if self._marks_map is None:
            with gc_paused():
                self._marks_map = marks_of(self.store.docs("favours"))
        return self._marks_map

    @property
    def pending(self) -> dict[str, list[CheckRow]]:
        if self._pending_map is None:
            with gc_paused():
                self._pending_map = pending_of(self.store.docs("checkins"))
        return self._pending_map

    @property
    def touch(self) -> dict[str, date]:
        """Last touch by contact: notes that are touches and, with favours_count_as_touch,
        every favour with them (built once, then kept in step per write)."""
        notes = self.interaction_index()[1]
        if not self.config.favours_count_as_touch:
            return notes
        if self._touch_merged is None:
            with gc_paused():
                self._touch_merged = touches.merged(
                    notes, touches.favour_touches(self.store.docs("favours")))
        return self._touch_merged

    @property
    def intro_of(self) -> Owned:
        if self._intro_map is None:
            self._intro_map = owned_of(touches.intro_index(self.store.docs("favours")))
        return self._intro_map

    def interaction_index(self, with_notes: bool = False) -> tuple[Owned, dict[str, date]]:
        """(interaction ids by contact, last touch by contact). `with_notes`: the note
        index too, from the same pass over the notes if neither is built yet (each pass
        parses every packed note again: ~150 ms at 100k)."""
        if self.inter_index is not None:
            if with_notes:
                self.note_index()
            return self.inter_index
        notes = NoteIndex() if with_notes and self.note_text is None else None
        with gc_paused():
            inter_of, touch = index_interactions(self.store.items("interactions"), notes)
        self.inter_index = (inter_of, touch)
        if notes is not None:
            self.note_text = notes
        return self.inter_index

    def note_index(self) -> NoteIndex:
        """Every note's search haystack (folded text and tags) and date, folded once."""
        if self.note_text is None:
            with gc_paused():
                self.note_text = NoteIndex.of_store(self.store.items("interactions"))
        return self.note_text

    def docs_of(self, collection: str, index: Owned, cid: str) -> list[dict[str, Any]]:
        return [d for rid in index.get(cid, ()) if (d := self.store.get(collection, rid))]

    # -- reading records -------------------------------------------------------------------

    def model(self, model: type[R], collection: str, record_id: str) -> R:
        doc = self.store.get(collection, record_id)
        if doc is None:
            raise NotFound(f"no {collection[:-1]} with id {record_id}")
        try:
            return model.model_validate(doc, context=STORED)
        except ValidationError as exc:  # another program broke it: one line, no traceback
            raise Invalid(one_line(exc, f"the stored {collection[:-1]} {record_id} is damaged:"))\
                from None

    def models(self, model: type[R], collection: str, ids: Iterable[str]) -> Iterator[R]:
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
                kept[rid] = share_fields(record)
            yield record

    def all_models(self, model: type[R], collection: str) -> Iterator[R]:
        """Every valid record of a collection `models` keeps, each validated once."""
        kept = self._kept[collection]
        for doc in self.store.docs(collection):
            record = kept.get(doc["id"])
            if record is None:
                try:
                    record = kept[doc["id"]] = share_fields(
                        model.model_validate(doc, context=STORED))
                except ValidationError:
                    continue
            yield record

    # -- keeping in step -----------------------------------------------------------------

    def reindex(self, changes: Sequence[Change], old: dict[tuple[str, str], Any]) -> set[str]:
        """Update the indexes for records a write touched; returns the contacts affected."""
        touched = {ch.collection for ch in changes}
        self.memo.written(touched)
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
                self._reindex_contact(ch)
                continue
            if ch.collection == "interactions" and self.note_text is not None:
                if ch.doc:
                    self.note_text.put(ch.id, ch.doc)
                else:
                    self.note_text.drop(ch.id)
            # Every owner of the record before and after is affected (an intro touches
            # its other person too); each owner index already built is kept in step
            # (one not built yet is built from the store when first needed).
            owners = registry.kind(ch.collection).owners
            for d in docs:
                for owner in owners:
                    if owner.of == "contacts":
                        affected.update(owner.ids(d))
            for owner in owners:
                if owner.name == "introduced_id" or not self._owned_built(ch.collection, owner):
                    continue  # intros are re-indexed above (only real intros count)
                index = self.owned(ch.collection, owner)
                for d in docs:
                    for cid in owner.ids(d):
                        owned_drop(index, cid, ch.id)
                if ch.doc:
                    for cid in owner.ids(ch.doc):
                        owned_add(index, cid, ch.id)
        self.memo.touched(affected)
        for cid in affected:
            self.standing.pop(cid, None)
            for collection in touched & {"favours", "checkins"}:
                self._recount(collection, cid)
            if self.inter_index is not None and touched & {"interactions", "favours"}:
                self._recompute_touch(cid)
        return affected

    def _reindex_contact(self, ch: Change) -> None:
        row = None
        if self.rows_map is not None:
            row = ContactRow.of_doc(ch.doc, ch.id) if ch.doc is not None else None
            if row is None:
                self.rows_map.pop(ch.id, None)
            else:
                self.rows_map[ch.id] = row
        if self.contacts_map is None:
            return  # built from the store when first needed
        if ch.doc is None:
            self.contacts_map.pop(ch.id, None)
        else:
            self.contacts_map[ch.id] = keep_contact(
                share_fields(Contact.model_validate(ch.doc, context=STORED)), ch.id, row)

    def _recount(self, collection: str, cid: str) -> None:
        """Bring a contact's ledger marks or pending check-ins in step after a write."""
        if collection == "favours" and self._marks_map is not None:
            self._marks_map.forget(cid)
            for doc in self.docs_of("favours", self.fav_of, cid):
                if (fields := favour_fields(doc)) is not None:
                    self._marks_map.add(cid, *fields)
        elif collection == "checkins" and self._pending_map is not None:
            docs = self.docs_of("checkins", self.chk_of, cid)
            if rows := pending_of(docs).get(cid):
                self._pending_map[cid] = rows
            else:
                self._pending_map.pop(cid, None)

    def _reindex_intro(self, rid: str, prev: dict[str, Any] | None,
                       doc: dict[str, Any] | None) -> None:
        index = self.intro_of
        if prev and isinstance(was := prev.get("introduced_id"), str):
            owned_drop(index, was, rid)
        for cid, ids in touches.intro_index([doc] if doc else []).items():
            for fid in ids:
                owned_add(index, cid, fid)

    def _recompute_touch(self, cid: str) -> None:
        notes = self.interaction_index()[1]
        best = ""
        for iid in self.inter_of.get(cid, ()):
            doc = self.store.get("interactions", iid)
            day = doc.get("date") if doc else None
            if doc and doc.get("kind") != "note" and type(day) is str and day > best \
                    and in_years(day):
                best = day
        if best:
            notes[cid] = date.fromisoformat(best)
        else:
            notes.pop(cid, None)
        if self._touch_merged is not None:
            ids = [*self.fav_of.get(cid, ()), *self.intro_of.get(cid, ())]
            docs = [d for rid in ids if (d := self.store.get("favours", rid))]
            day = touches.merged({cid: notes[cid]} if cid in notes else {},
                                 touches.favour_touches(docs)).get(cid)
            if day is None:
                self._touch_merged.pop(cid, None)
            else:
                self._touch_merged[cid] = day
