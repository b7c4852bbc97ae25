"""One round of two-way sync between netui's people and a vdir of vCards.

Each vdir file is compared with the sync state: a file whose hash changed was edited
elsewhere, a file that is gone was deleted elsewhere, a person whose fields differ from
the state's base was edited in netui. Edits merge field by field (netui keeps its value
where both sides changed a field, the card's value goes to the person's notes). netui's
changes go into the card that is there, touching only netui's properties.

Order makes a crash harmless: netui's records first, then the files, then the state. A
round cut short finds both sides changed the next time, with equal values: no conflict,
nothing lost."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.clock import dated, made_at
from ..domain.models import Contact, new_id
from ..interop.vcard_write import to_vcard, vdir_filename
from ..storage.change import Change
from ..storage.fsio import atomic_write_many, fsync_dir
from .card_patch import patch_card
from .fields import (
    SYNCED,
    CardRead,
    Fields,
    compact,
    conflict_note,
    expand,
    fields_of,
    merge,
    read_card,
)
from .state import CardState, SyncState, digest

if TYPE_CHECKING:
    from ..services import Network


@dataclass
class ContactsReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)  # their card was deleted elsewhere
    pushed_new: list[str] = field(default_factory=list)
    pushed_updated: list[str] = field(default_factory=list)
    pushed_deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"pulled: {len(self.added)} added, {len(self.updated)} updated, "
               f"{len(self.archived)} deleted (archived in netui)",
               f"pushed: {len(self.pushed_new)} new, {len(self.pushed_updated)} updated, "
               f"{len(self.pushed_deleted)} deleted",
               f"conflicts: {len(self.conflicts)}"]
        out += [f"  archived, card deleted in the vdir: {n}" for n in self.archived]
        out += [f"  conflict: {c}" for c in self.conflicts]
        out += [f"  skipped: {s}" for s in self.skipped]
        return out


class _Round:
    def __init__(self, net: Network, folder: Path, state: SyncState) -> None:
        self.net = net
        self.folder = folder
        self.old = state
        self.circles = list(net.config.circles)
        self.people = {c.id: c for c in net.contacts(include_archived=True)}
        self.files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.vcf")) if p.is_file()}
        self.report = ContactsReport()
        self.puts: dict[str, Contact] = {}
        self.writes: dict[str, bytes] = {}
        self.deletes: list[str] = []
        self.cards: dict[str, CardState] = {}
        self.detached = set(state.detached)
        self.claimed: set[str] = set()
        self.now = made_at(net.today())  # the network's clock: a frozen day stamps that day

    # -- pulling ------------------------------------------------------------------------

    def known_files(self) -> None:
        for name, entry in self.old.cards.items():
            raw = self.files.get(name)
            person = self.people.get(entry.id)
            if raw is None:
                self.deleted_elsewhere(person)
                continue
            sha = digest(raw)
            card = read_card(raw, name, self.circles) if sha != entry.sha else None
            if card is not None and card.contact is None:
                self.report.skipped.append(f"{name}: {card.problem}; left as it was")
                self.cards[name] = entry
                self.claimed.add(entry.id)
                continue
            if person is None:
                self.deleted_in_netui(name, entry, card, raw)
                continue
            self.claimed.add(person.id)
            base = expand(entry.base)
            theirs = fields_of(card.contact) if card and card.contact else base
            self.settle(name, raw, person, base, theirs, card)

    def deleted_elsewhere(self, person: Contact | None) -> None:
        """The card was deleted on the server: the person is archived, history kept, and
        not uploaded again (detached) while archived."""
        if person is None:
            return
        self.claimed.add(person.id)
        self.detached.add(person.id)
        if not person.archived:
            self.puts[person.id] = self.updated(person, {"archived": True})
            self.report.archived.append(person.name)

    def deleted_in_netui(self, name: str, entry: CardState, card: CardRead | None,
                         raw: bytes) -> None:
        who = str(entry.base.get("name") or name)
        if card is None:
            self.deletes.append(name)
            self.report.pushed_deleted.append(who)
            return
        # Edited on the server after netui deleted them: that edit is not thrown away.
        assert card.contact is not None
        person = dated(card.contact.model_copy(update={"id": new_id(), "uid": card.uid}),
                       self.net.today())
        self.puts[person.id] = person
        self.cards[name] = CardState(id=person.id, sha=digest(raw), base=compact(fields_of(person)))
        self.report.conflicts.append(f"{who}: deleted in netui but edited in the vdir; "
                                     "added back from the card")

    def new_files(self) -> None:
        by_uid: dict[str, Contact] = {}
        for c in self.people.values():
            for key in (c.uid, c.id):
                if key:
                    by_uid.setdefault(key, c)
        for name, raw in self.files.items():
            if name in self.old.cards:
                continue
            card = read_card(raw, name, self.circles)
            if card.contact is None:
                self.report.skipped.append(f"{name}: {card.problem}")
                continue
            person = by_uid.get(card.uid) if card.uid else None
            if person is not None and person.id in self.claimed:
                self.report.skipped.append(f"{name}: another file has the UID {card.uid}")
                continue
            if person is not None:  # first sync of someone netui has (by UID)
                self.claimed.add(person.id)
                self.settle(name, raw, person, None, fields_of(card.contact), card)
                continue
            new = dated(card.contact.model_copy(update={"id": new_id(), "uid": card.uid}),
                        self.net.today())
            self.puts[new.id] = new
            self.claimed.add(new.id)
            self.cards[name] = CardState(id=new.id, sha=digest(raw), base=compact(fields_of(new)))
            self.report.added.append(new.name)

    def settle(self, name: str, raw: bytes, person: Contact, base: Fields | None,
               theirs: Fields, card: CardRead | None) -> None:
        ours = fields_of(person)
        merged = merge(base, ours, theirs)
        result = dict(merged.fields)
        if merged.conflicts:
            note = conflict_note(person.name, merged.conflicts, self.net.today().isoformat())
            result["notes"] = f"{result['notes']}\n\n{note}".strip()
            shown = ", ".join(k for k, _ in merged.conflicts)
            self.report.conflicts.append(f"{person.name}: {shown} changed on both sides; "
                                         "netui's kept, the card's saved in the notes")
        extra: dict[str, object] = {}
        if card is not None and card.contact is not None and result["name"] == theirs["name"]:
            extra = {"name_parts": card.contact.name_parts,
                     "name_parts_of": card.contact.name_parts_of}
        current = person
        if result != ours or any(getattr(person, k) != v for k, v in extra.items()):
            current = self.updated(person, {**result, **extra})
            self.puts[person.id] = current
            if result != ours:
                self.report.updated.append(person.name)
        changed = {k for k in SYNCED if result[k] != theirs[k]}
        out = raw
        if changed:
            out = patch_card(raw.decode("utf-8", errors="replace"), current, changed).encode()
            self.writes[name] = out
            self.report.pushed_updated.append(current.name)
        self.cards[name] = CardState(id=person.id, sha=digest(out), base=compact(fields_of(current)))

    def updated(self, person: Contact, fields: dict[str, object]) -> Contact:
        doc = {**person.to_doc(), **fields, "updated_at": self.now.isoformat()}
        return Contact.model_validate(doc)

    # -- pushing ------------------------------------------------------------------------

    def new_people(self) -> None:
        taken = set(self.files) | set(self.cards)
        for person in self.people.values():
            if person.id in self.claimed:
                continue
            if person.id in self.detached:
                if person.archived:
                    continue  # deleted on the server: stays off it while archived
                self.detached.discard(person.id)
            name = vdir_filename(person)
            if name in taken:
                name = f"{person.id}.vcf"
            taken.add(name)
            data = to_vcard(person).encode()
            self.writes[name] = data
            self.cards[name] = CardState(id=person.id, sha=digest(data), base=compact(fields_of(person)))
            self.report.pushed_new.append(person.name)

    # -- committing ---------------------------------------------------------------------

    def commit(self) -> SyncState:
        if self.puts:
            changes = [Change("contacts", c.id, c.to_doc()) for c in self.puts.values()]
            self.net.commit(changes, "sync with the vdir")
        atomic_write_many(self.folder, self.writes)
        for name in self.deletes:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        if self.deletes:
            fsync_dir(self.folder)
        alive = set(self.people) | set(self.puts)
        return SyncState(vdir=self.old.vdir, cards=self.cards,
                         detached=sorted(self.detached & alive))


def sync_contacts(net: Network, folder: Path, state: SyncState) -> tuple[ContactsReport, SyncState]:
    """Pull the vdir's changes into netui, push netui's into the vdir; the new state."""
    where = str(folder.resolve())
    if state.vdir != where:  # another folder: every file is new to this state
        state = SyncState(vdir=where)
    rnd = _Round(net, folder, state)
    rnd.known_files()
    rnd.new_files()
    rnd.new_people()
    return rnd.report, rnd.commit()
