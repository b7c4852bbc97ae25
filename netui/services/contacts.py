"""Contacts: reading, finding, adding, editing, and deleting or merging them with what
names them (the cascades every record kind declares in netui.domain.registry)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..domain import registry
from ..domain.clock import dated, made_at
from ..domain.models import Contact
from ..domain.names import match_exact, match_name
from ..domain.rows import ContactRow
from ..errors import Invalid, NotFound
from ..storage import Change, gc_paused
from .indexes import Indexes
from .results import valid_contact, validated
from .unit_of_work import UnitOfWork


class Contacts:
    def __init__(self, ix: Indexes, uow: UnitOfWork) -> None:
        self.ix, self.uow = ix, uow

    def contacts(self, include_archived: bool = False) -> list[Contact]:
        people = (c for c in self.ix.contacts.values() if include_archived or not c.archived)
        return sorted(people, key=lambda c: self.ix.name_key(c.name))

    def contact_count(self) -> int:
        if self.ix.contacts_map is None:
            return self.ix.store.count("contacts")
        return len(self.ix.contacts_map)

    def active_count(self) -> int:
        """Contacts not archived."""
        return sum(1 for c in self.ix.contacts.values() if not c.archived)

    def contact(self, contact_id: str) -> Contact:
        c = self.get_contact(contact_id)
        if c is None:
            raise NotFound(f"no contact with id {contact_id}")
        return c

    def get_contact(self, contact_id: str) -> Contact | None:
        if self.ix.contacts_map is None:  # one record: no need to build them all
            doc = self.ix.store.get("contacts", contact_id)
            return valid_contact(doc) if doc is not None else None
        return self.ix.contacts_map.get(contact_id)

    def name(self, cid: str, extra: Sequence[Contact] = ()) -> str:
        """What a write's label calls this contact (one just being created included)."""
        for made in extra:
            if made.id == cid:
                return made.name
        if self.ix.name_hint is not None and (known := self.ix.name_hint(cid)) is not None:
            return known
        c = self.get_contact(cid)
        return c.name if c else cid

    def contact_rows(self, include_archived: bool = False) -> list[ContactRow]:
        """Every contact as a list row (id, names, company, circle, tags, emails), sorted
        by name. Read straight from the stored documents until the models exist, so the
        app's first frame needs no model at all; a row keeps its identity until a write
        changes that contact (the filter caches per row)."""
        return sorted(self.people(include_archived), key=lambda r: self.ix.name_key(r.name))

    def people(self, include_archived: bool = False) -> list[ContactRow]:
        """Every contact's row, unsorted: enough to resolve @names in a shell command."""
        ix = self.ix
        if ix.rows_map is None:
            if ix.contacts_map is not None:
                rows: Iterable[ContactRow | None] = map(ContactRow.of, ix.contacts_map.values())
            else:
                rows = (ContactRow.of_doc(doc, rid) for rid, doc in ix.store.items("contacts"))
            with gc_paused():
                ix.rows_map = {r.id: r for r in rows if r is not None}
        return [r for r in ix.rows_map.values() if include_archived or not r.archived]

    def find(self, name: str, include_archived: bool = False) -> list[Contact]:
        """Contacts `name` may mean (see domain.names.match_name)."""
        people = (c for c in self.ix.contacts.values() if include_archived or not c.archived)
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
        hits, near = match_exact(name.lstrip("@"), self.ix.contacts.values())
        if len(hits) > 1:
            names = ", ".join(sorted(c.name for c in hits))
            raise Invalid(f"{name!r} is ambiguous: {names}; use the full name")
        if not hits:
            hint = f"; nearest: {', '.join(sorted(c.name for c in near)[:5])}" if near else ""
            raise NotFound(f"no contact is named {name!r}{hint} (give the exact name)")
        return hits[0]

    def check(self, c: Contact) -> None:
        circles = self.ix.config.circles
        if c.circle and c.circle not in circles:
            raise Invalid(f"circle: {c.circle!r} is not a circle ({', '.join(circles)})")

    def check_people(self, ids: Iterable[str]) -> None:
        hint = self.ix.name_hint
        for cid in ids:
            if hint is None or hint(cid) is None:
                self.contact(cid)

    def made(self, contact: Contact) -> Contact:
        """A new contact as made today by the network's clock (see domain.clock)."""
        return dated(contact, self.ix.today())

    def add_contact(self, contact: Contact) -> Contact:
        self.check(contact)
        contact = self.made(contact)
        if self.ix.store.get("contacts", contact.id) is not None:
            raise Invalid(f"a contact with id {contact.id} already exists")
        self.uow.commit([Change("contacts", contact.id, contact.to_doc())], f"add {contact.name}")
        return self.contact(contact.id)

    def update_contact(self, contact: Contact) -> Contact:
        self.check(contact)
        self.contact(contact.id)
        updated = contact.model_copy(update={"updated_at": made_at(self.ix.today())})
        doc = validated(Contact, updated.to_doc(), "contact")
        self.uow.commit([Change("contacts", contact.id, doc.to_doc())], f"edit {contact.name}")
        return self.contact(contact.id)

    def edit_contact(self, contact_id: str, **fields: Any) -> Contact:
        """Change some fields of a contact, validated like a form."""
        doc = {**self.contact(contact_id).to_doc(), **fields}
        return self.update_contact(validated(Contact, doc, "contact"))

    def set_archived(self, contact_id: str, archived: bool = True) -> Contact:
        return self.edit_contact(contact_id, archived=archived)

    def delete_contact(self, contact_id: str) -> None:
        """Delete a contact with what their records' kinds say goes with them (favours,
        check-ins); shared interactions lose them, interactions with nobody left are
        deleted, intros naming them name nobody. Undo puts everything back. What goes
        with them is read under the lock, from the disk: a note another process just
        wrote about them goes too, never left behind as an orphan."""
        c = self.contact(contact_id)

        def cascade() -> list[Change]:
            if self.ix.store.get("contacts", contact_id) is None:
                raise NotFound(f"{c.name} was already deleted by another program")
            return self.owner_cascade(contact_id, None, [Change("contacts", contact_id, None)])

        self.uow.commit(cascade, f"delete {c.name}")

    def merge_contacts(self, keep_id: str, other_id: str) -> Contact:
        """Make two records of one person one: `keep` gains every field of `other` (see
        domain.dedupe.merge_fields) and every record naming `other` names `keep`;
        `other` is deleted. One transaction, so undo() puts both back as they were; what
        moves is read under the lock from the disk (see delete_contact)."""
        from ..domain.dedupe import merge_fields

        if keep_id == other_id:
            raise Invalid("merge: pick two different contacts")
        keep, other = self.contact(keep_id), self.contact(other_id)
        merged = validated(Contact, {**merge_fields(keep, other),
                                    "updated_at": made_at(self.ix.today())},
                           "merged contact")

        def moves() -> list[Change]:
            if self.ix.store.get("contacts", other_id) is None:
                raise NotFound(f"{other.name} was deleted by another program")
            return self.owner_cascade(other_id, keep_id, [
                Change("contacts", keep_id, merged.to_doc()), Change("contacts", other_id, None)])

        self.uow.commit(moves, f"merge {other.name} into {keep.name}")
        return self.contact(keep_id)

    def owner_cascade(self, old_id: str, new_id: str | None, changes: list[Change],
                      of: str = "contacts") -> list[Change]:
        """`changes` plus what deleting `old_id` (new_id None) or merging it into
        `new_id` does to every record naming them, as each kind's owner fields say
        (netui.domain.registry; `of`: the owner's collection, contacts or communities);
        a record already in `changes` is changed there. A merge that makes a record the
        same as one the kept owner has (the kind's `same_as`) deletes it."""
        planned = {(ch.collection, ch.id): n for n, ch in enumerate(changes)}
        for kind in registry.owned_kinds(of):
            owners = registry.owners_of(kind, of)
            ids = dict.fromkeys(rid for owner in owners
                                for rid in self.ix.owned(kind.collection, owner).get(old_id, ()))
            seen = self._keys_of(kind, owners, new_id, ids) if new_id and kind.same_as else None
            for rid in ids:
                n = planned.get((kind.collection, rid))
                doc = changes[n].doc if n is not None else self.ix.store.get(kind.collection, rid)
                if doc is None:
                    continue
                after = registry.reowned(kind, doc, old_id, new_id, of)
                if seen is not None and after is not None and kind.same_as is not None:
                    key = kind.same_as(after)
                    after = None if key in seen else after
                    seen.add(key)
                moved = Change(kind.collection, rid, after)
                if n is not None:
                    changes[n] = moved
                else:
                    planned[(kind.collection, rid)] = len(changes)
                    changes.append(moved)
        return changes

    def _keys_of(self, kind: registry.RecordKind, owners: tuple[registry.OwnerField, ...],
                 owner_id: str, moving: dict[str, None]) -> set[object]:
        """The `same_as` keys of the records `owner_id` has already (not those moving)."""
        assert kind.same_as is not None
        rids = {rid for owner in owners
                for rid in self.ix.owned(kind.collection, owner).get(owner_id, ())}
        docs = (self.ix.store.get(kind.collection, rid) for rid in rids - moving.keys())
        return {kind.same_as(d) for d in docs if d is not None}
