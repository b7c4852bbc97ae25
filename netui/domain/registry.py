"""Every kind of record netui keeps, declared once: its model, its collection, how it is
stored, who owns it and what happens to it when an owner is deleted or merged, whether it
is people data (exported and imported) and which whole-network answers it feeds.

Storage (shard counts, lazy loading), export/import and its reference checks, the delete
and merge cascades and memo invalidation all read this table, so a kind added here is
covered everywhere at once, and tests/test_registry.py fails if one place is missed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Record


class OnDelete(Enum):
    """What deleting the owner does to a record that names them in a field."""

    cascade = "cascade"  # the record goes with its owner
    remove = "remove"  # the owner leaves the list; a record naming nobody left goes
    detach = "detach"  # the field is set to None (a list loses them); the record stays


@dataclass(frozen=True, slots=True)
class OwnerField:
    """A field of a record that holds a contact id (`many`: a list of them). Merging
    the owner into another contact always re-points the field to the one kept; a
    `distinct_from` field is detached when the merge makes it name the same person
    (`on_same` cascade: the record goes instead, as a link from someone to themselves).
    `of` is the collection whose ids it holds: a contact's, or another record's (a
    participation's community), whose deletion cascades the same way."""

    name: str
    on_delete: OnDelete
    many: bool = False
    distinct_from: str | None = None
    of: str = "contacts"
    on_same: OnDelete = OnDelete.detach

    def ids(self, doc: dict[str, Any]) -> list[str]:
        value = doc.get(self.name)
        if self.many:
            return list(value or ())
        return [value] if isinstance(value, str) and value else []

    @property
    def required(self) -> bool:
        """Whether an import must name a known contact here (a detached field may not)."""
        return self.on_delete is not OnDelete.detach


@dataclass(frozen=True, slots=True)
class RecordKind:
    collection: str
    # The model, or where it lives ("module:Class" under netui.domain): a built-in kind
    # names its model, so reading the table (storage's shard counts, the shell index)
    # imports no pydantic; `model` imports it when a record is validated.
    model_ref: type[Record] | str
    shards: int  # storage hint: files the collection is spread over
    lazy: bool = False  # storage hint: read on first use rather than at open
    owners: tuple[OwnerField, ...] = ()
    people_data: bool = True  # exported, imported, validated as a person's data
    feeds: frozenset[str] = field(default_factory=frozenset)  # memoised answers it feeds
    # Two records with the same key are one: a merge that makes a record the same as one
    # the kept person has deletes it (two "works with" links between the same people).
    same_as: Callable[[dict[str, Any]], object] | None = None

    @property
    def model(self) -> type[Record]:
        ref = self.model_ref
        if not isinstance(ref, str):
            return ref
        import importlib

        module, name = ref.split(":")
        model: type[Record] = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return model


def _link_key(doc: dict[str, Any]) -> object:
    from .links import link_key

    return link_key(doc)


# Whole-network answers the services memoise (services.memo), by name.
MEMOS = frozenset({"due_list", "nudges", "birthdays", "review", "ideas_index", "health"})

_CONTACT = OwnerField("contact_id", OnDelete.cascade)

# Shards: at ten years of use (10k contacts, 100k notes) a shard stays around 1-2k
# records, and at five times that under 8k: a durable write stays well under 15 ms.
# Lazy: notes are most of the data, and the app's first frame needs contacts only.
BUILTIN: tuple[RecordKind, ...] = (
    RecordKind("contacts", "models:Contact", shards=8, feeds=MEMOS),
    RecordKind("interactions", "models:Interaction", shards=64, lazy=True,
               owners=(OwnerField("contact_ids", OnDelete.remove, many=True),),
               feeds=frozenset({"due_list", "review", "health"})),
    RecordKind("favours", "models:Favour", shards=8, lazy=True,
               owners=(_CONTACT, OwnerField("introduced_id", OnDelete.detach,
                                            distinct_from="contact_id")),
               # favours are touches (due list), the ledger (nudges) and health
               feeds=frozenset({"due_list", "nudges", "review", "health"})),
    RecordKind("checkins", "models:CheckIn", shards=4, lazy=True, owners=(_CONTACT,),
               feeds=frozenset({"due_list", "review"})),
    # Communities: members leave a community with the person; the participation log goes
    # with its community; a link goes with either person (a merge drops a link to oneself
    # and a duplicate of one the kept person has).
    RecordKind("communities", "communities:Community", shards=2, lazy=True,
               owners=(OwnerField("member_ids", OnDelete.detach, many=True),),
               # a community's due date shows in the calendar (due_list) and the review
               feeds=frozenset({"due_list", "review", "health"})),
    RecordKind("participations", "communities:Participation", shards=8, lazy=True,
               owners=(OwnerField("contact_ids", OnDelete.detach, many=True),
                       OwnerField("community_id", OnDelete.cascade, of="communities")),
               feeds=frozenset({"due_list", "review", "health"})),
    RecordKind("links", "links:Link", shards=8, lazy=True,
               owners=(OwnerField("a_id", OnDelete.cascade),
                       OwnerField("b_id", OnDelete.cascade, distinct_from="a_id",
                                  on_same=OnDelete.cascade)),
               same_as=_link_key),
    # The undo log (netui.services.unit_of_work): the last 50 changes of any netui.
    RecordKind("undo", "models:UndoEntry", shards=1, lazy=True, people_data=False),
)

KINDS: dict[str, RecordKind] = {}
_listeners: list[Callable[[], None]] = []
_version = [0]


def _sync() -> None:
    _version[0] += 1
    for listener in list(_listeners):
        listener()


def register(kind: RecordKind) -> None:
    """Add a kind of record (before a store is opened on it)."""
    if kind.collection in KINDS:
        raise ValueError(f"collection {kind.collection!r} is already registered")
    unknown = kind.feeds - MEMOS
    if unknown:
        raise ValueError(f"{kind.collection}: unknown memo {sorted(unknown)[0]!r}")
    KINDS[kind.collection] = kind
    _sync()


def unregister(collection: str) -> None:
    del KINDS[collection]
    _sync()


@contextmanager
def registered(kind: RecordKind) -> Iterator[RecordKind]:
    """`kind` registered for the duration (tests)."""
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.collection)


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` whenever a kind is registered or removed (caches of derived names)."""
    _listeners.append(listener)


def version() -> int:
    return _version[0]


def kind(collection: str) -> RecordKind:
    return KINDS[collection]


def people_kinds() -> list[RecordKind]:
    return [k for k in KINDS.values() if k.people_data]


def owned_kinds(of: str = "contacts") -> list[RecordKind]:
    """Kinds that name records of `of` (contacts), in declaration order (the cascades')."""
    return [k for k in KINDS.values() if any(o.of == of for o in k.owners)]


def owners_of(kind: RecordKind, of: str = "contacts") -> tuple[OwnerField, ...]:
    return tuple(o for o in kind.owners if o.of == of)


def memo_depends() -> dict[str, set[str]]:
    """Memo name -> the collections whose writes invalidate it."""
    return {m: {k.collection for k in KINDS.values() if m in k.feeds} for m in MEMOS}


def shard_counts() -> dict[str, int]:
    return {k.collection: k.shards for k in KINDS.values()}


def lazy_collections() -> frozenset[str]:
    return frozenset(k.collection for k in KINDS.values() if k.lazy)


for _kind in BUILTIN:
    KINDS[_kind.collection] = _kind
_sync()


def reowned(kind: RecordKind, doc: dict[str, Any], old_id: str,
            new_id: str | None, of: str = "contacts") -> dict[str, Any] | None:
    """`doc` after its owner `old_id` (a record of `of`) is deleted (new_id None) or
    merged into `new_id`, as its kind's owner fields say; None when the record goes."""
    out = dict(doc)
    for owner in owners_of(kind, of):
        ids = owner.ids(out)
        if old_id not in ids:
            continue
        if new_id is not None:
            moved = list(dict.fromkeys(new_id if x == old_id else x for x in ids))
            out[owner.name] = moved if owner.many else moved[0]
        elif owner.on_delete is OnDelete.cascade:
            return None
        elif owner.many:
            rest = [x for x in ids if x != old_id]
            if not rest and owner.on_delete is OnDelete.remove:
                return None
            out[owner.name] = rest
        elif owner.on_delete is OnDelete.detach:
            out[owner.name] = None
        else:
            return None  # a single owner removed: nobody is left
    for owner in kind.owners:  # a merge that makes a field name the person it must not
        if (new_id is not None and owner.distinct_from
                and out.get(owner.name) is not None
                and out.get(owner.name) == out.get(owner.distinct_from)):
            if owner.on_same is OnDelete.cascade:
                return None
            out[owner.name] = None
    return out
