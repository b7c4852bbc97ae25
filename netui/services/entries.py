"""Timeline entries: fixing and searching what was written: one timeline entry found by its id (or a
unique start of it), edited or deleted; people and notes matching a text.

The CLI (`edit-note`, `delete-note`, `search`) and the TUI (the timeline, `/`) both call
these, so a note fixed from the shell and from the app goes through one function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.models import CheckIn, Contact, Favour, Interaction, Kind
from ..domain.search import filter_contacts
from ..domain.snippets import Snippet, snippet
from ..errors import Invalid, NotFound
from ..storage.change import Change
from . import Network

Entry = Interaction | Favour | CheckIn
ENTRY_COLLECTIONS: tuple[tuple[str, type[Entry]], ...] = (
    ("interactions", Interaction), ("favours", Favour), ("checkins", CheckIn))


def find_entry(network: Network, entry_id: str) -> Entry:
    """The interaction, favour or check-in with this id, or the one whose id starts with
    it (at least 4 characters, as `netui show` prints them)."""
    entry_id = entry_id.strip()
    if not entry_id:
        raise Invalid("give an entry id (netui show NAME prints them)")
    for collection, _model in ENTRY_COLLECTIONS:
        if network.store.get(collection, entry_id) is not None:
            return _load(network, collection, entry_id)
    if len(entry_id) >= 4:
        found = [(coll, d["id"]) for coll, _m in ENTRY_COLLECTIONS
                 for d in network.store.docs(coll) if str(d.get("id", "")).startswith(entry_id)]
        if len(found) == 1:
            return _load(network, *found[0])
        if len(found) > 1:
            raise Invalid(f"{entry_id!r} starts {len(found)} entry ids: give more of it")
    raise NotFound(f"no note, favour or check-in with id {entry_id!r} "
                   "(netui show NAME prints the ids)")


def _load(network: Network, collection: str, entry_id: str) -> Entry:
    if collection == "interactions":
        return network.interaction(entry_id)
    if collection == "favours":
        return network.favour(entry_id)
    return network.checkin(entry_id)


def edit_entry(network: Network, entry_id: str, *, text: str | None = None,
               day: date | None = None, kind: Kind | None = None) -> Entry:
    """Change an entry's text, date or (for an interaction) kind; one undoable write."""
    record = find_entry(network, entry_id)
    if text is None and day is None and kind is None:
        raise Invalid("nothing to change: give --text, --date or --kind")
    if isinstance(record, Interaction):
        update = {k: v for k, v in (("text", text), ("date", day), ("kind", kind))
                  if v is not None}
        return network.update_interaction(record.model_copy(update=update))
    if kind is not None:
        raise Invalid("--kind applies to notes and interactions only")
    if isinstance(record, Favour):
        update = {k: v for k, v in (("text", text), ("date", day)) if v is not None}
        return network.update_favour(record.model_copy(update=update))
    update = {k: v for k, v in (("reason", text), ("due", day)) if v is not None}
    chk = CheckIn.model_validate({**record.to_doc(), **{
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in update.items()}})
    network.commit([Change("checkins", chk.id, chk.to_doc())], "edit check-in")
    return chk


def delete_entry(network: Network, entry_id: str) -> Entry:
    """Delete an interaction, favour or check-in (undoable); returns what was deleted."""
    record = find_entry(network, entry_id)
    if isinstance(record, Interaction):
        network.delete_interaction(record.id)
    elif isinstance(record, Favour):
        network.delete_favour(record.id)
    else:
        network.commit([Change("checkins", record.id, None)], "delete check-in")
    return record


def describe(record: Entry) -> str:
    """One line naming an entry: "meeting on 2026-11-21: dinner in town"."""
    if isinstance(record, Interaction):
        first = record.text.splitlines()[0] if record.text else ""
        return f"{record.kind.value} on {record.date.isoformat()}: {first}".rstrip(": ")
    if isinstance(record, Favour):
        return f"favour {record.direction.value} on {record.date.isoformat()}: {record.text}"
    return f"check-in due {record.due.isoformat()}: {record.reason or record.kind.value}"


def warm_note_index(network: Network) -> None:
    """Fold every note into the search index now (searches before it scan the notes)."""
    network.index_notes()


@dataclass(frozen=True, slots=True)
class NoteHit:
    note: Interaction
    names: str  # the people the note is about
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class SearchResults:
    people: list[Contact]  # best match first
    notes: list[NoteHit]  # newest first


def search(network: Network, text: str, *, limit: int = 50, width: int = 80,
           people: bool = True) -> SearchResults:
    """People whose name, company, tags or emails match, and notes whose text or tags
    contain every word, newest first, each with its matching line."""
    found_people = filter_contacts(network.contacts(), text) if people and text.strip() else []
    hits = []
    for note in network.search_notes(text, limit=limit):
        names = ", ".join(c.name for cid in note.contact_ids
                          if (c := network.get_contact(cid)) is not None)
        body = note.text or " ".join(f"#{t}" for t in note.tags)
        hits.append(NoteHit(note, names, snippet(body, text, width)))
    return SearchResults(found_people, hits)
