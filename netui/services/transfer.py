"""The whole network in and out: the full export, its validation and its import, over
every kind the registry marks as people data, with each owner reference checked."""

from __future__ import annotations

from typing import Any

from ..domain import registry
from ..domain.models import PEOPLE_DATA, SCHEMA_VERSION
from ..errors import Invalid
from ..storage import Change
from .indexes import Indexes
from .results import validated
from .unit_of_work import UnitOfWork


class Transfer:
    def __init__(self, ix: Indexes, uow: UnitOfWork) -> None:
        self.ix, self.uow = ix, uow

    def export_all(self) -> dict[str, Any]:
        """The full export: {"schema": N, "contacts": [...], ...}, stable order."""
        out: dict[str, Any] = {"schema": SCHEMA_VERSION}
        known = {of: {d["id"] for d in self.ix.store.docs(of)} for of in _owner_collections()}
        for collection in PEOPLE_DATA:
            kind = registry.kind(collection)
            docs = [d for d in (_without_missing(kind, doc, known)
                                for doc in self.ix.store.docs(collection)) if d is not None]
            out[collection] = sorted(docs, key=lambda d: d["id"])
        return out

    def import_all(self, data: Any, *, replace: bool = False) -> dict[str, int]:
        """Load a full export. Every record is validated first; one bad record fails the
        whole import with its place named, and nothing is written. Merges by id unless
        `replace`, which makes the network exactly the file (undoable)."""
        store = self.ix.store
        docs = validate_export(data)
        known = {of: {d["id"] for d in docs[of]} for of in _owner_collections()}
        if not replace:
            for of, ids in known.items():
                ids.update(self.ix.contacts if of == "contacts" else
                           (d["id"] for d in store.docs(of)))
        for kind in registry.people_kinds():
            for n, d in enumerate(docs[kind.collection] if kind.owners else (), 1):
                for owner in kind.owners:
                    # a required field left empty names the unknown owner None
                    refs: list[str | None] = [*owner.ids(d)]
                    missing = [r for r in refs or ([None] if owner.required else [])
                               if r not in known[owner.of]]
                    if missing:
                        raise Invalid(f"{kind.collection}[{n}]: unknown "
                                      f"{_noun(owner.of)} id {_shown(missing[0])}")
        changes: list[Change] = []
        if replace:
            for collection in PEOPLE_DATA:
                wanted = {d["id"] for d in docs[collection]}
                changes += [Change(collection, d["id"], None)
                            for d in store.docs(collection) if d["id"] not in wanted]
        for collection in PEOPLE_DATA:
            changes += [Change(collection, d["id"], d) for d in docs[collection]
                        if store.get(collection, d["id"]) != d]
        self.uow.commit(changes, "import", force=True)
        return {collection: len(docs[collection]) for collection in PEOPLE_DATA}


def _shown(value: object) -> str:
    """An id as the one-line error shows it: as written when it is printable text, else
    escaped (a damaged file's id can hold a line break or a terminal escape)."""
    return value if isinstance(value, str) and value.isprintable() else repr(value)


def validate_export(data: Any) -> dict[str, list[dict[str, Any]]]:
    """Check a full export and normalise each record through its model."""
    if not isinstance(data, dict):
        raise Invalid("not a netui export: expected a JSON object")
    schema = data.get("schema")
    if not isinstance(schema, int):
        raise Invalid("not a netui export: no schema number")
    if schema > SCHEMA_VERSION:
        raise Invalid(f"this export is from a newer netui (schema {schema}); upgrade netui")
    from ..domain.ids import reissue_unsafe_ids

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
            rec = validated(model, item, f"{collection}[{n}]")
            if rec.id in seen:
                raise Invalid(f"{collection}[{n}]: duplicate id {rec.id}")
            seen.add(rec.id)
            docs.append(rec.to_doc())
        out[collection] = docs
    return out


def _owner_collections() -> set[str]:
    return {owner.of for kind in registry.people_kinds() for owner in kind.owners}


def _noun(collection: str) -> str:
    """"contacts" -> "contact", "communities" -> "community" (its model's name)."""
    return registry.kind(collection).model.__name__.lower()


def _without_missing(kind: registry.RecordKind, doc: dict[str, Any],
                     known: dict[str, set[str]]) -> dict[str, Any] | None:
    """`doc` as deleting every owner it names who is gone would have left it (None: it
    went with them). An older netui or another program may have left such orphans on
    disk; exporting them as they are would make the export refuse to import."""
    out: dict[str, Any] | None = doc
    for owner in kind.owners:
        for cid in owner.ids(doc):
            if out is not None and cid not in known[owner.of]:
                out = registry.reowned(kind, out, cid, None, owner.of)
    return out
