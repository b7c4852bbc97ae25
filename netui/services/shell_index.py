"""The shell's derived index: what `netui note @name`, `netui list NAME` and friends need
(names and name keys, contact rows, last touches, check-ins for due dates), kept in the
data directory (storage.index_file) so a command resolves a name and writes one record
without reading every shard.

A cache, never trusted: it is used only when every data file's stamp says it describes
the data as it is now, and each part of it only once its checksum holds (index_file: a
note reads the keys and the rows they name, `netui list` the base's listing
(index_list), a search every row); otherwise, or when a part fails its checksum, it is
rebuilt from the store under the lock (so no commit is seen half-done) and saved. Each
commit this process makes is folded into it under the same lock (Store.write_hooks):
before the write its stamps must still be the data's (nobody else wrote since it was
read), after it the rows of the records written are patched and the new stamps saved. A
change it cannot fold in (a touch removed that may have been someone's latest, a bulk
change) drops it: the next command rebuilds it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from ..domain import registry
from ..domain.rows import ContactRow
from ..storage import index_file
from ..storage.change import Change, Doc
from ..storage.layout import HEALTH
from ..storage.store import Store
from .index_patch import Lines, patched
from .index_rows import Entry, build

if TYPE_CHECKING:
    from ..config import Config
    from . import Network

T = TypeVar("T")

# What decoding a line not written by Entry.encode may raise (orjson's error is a
# ValueError): the index is then corrupt, and rebuilt.
CORRUPT = (ValueError, TypeError, IndexError, KeyError, AttributeError)

# Rows the delta holds before they are written into a new base.
DELTA_LIMIT = 500


class ShellIndex:
    def __init__(self, store: Store, found: index_file.IndexFile | None = None) -> None:
        """`found`: the index as read before the store was opened; used only if the
        data files are still as it says."""
        self.store = store
        self._base: index_file.Base | None = None  # the base's keys and rows
        self._base_id = ""
        self._delta: dict[str, bytes | None] = {}  # rows changed since the base
        self._stamps: index_file.Stamps | None = None
        self._decoded: dict[int, Entry] = {}  # base row offset -> entry, for this base
        if found is not None and found.current(store.root):
            self._base, self._stamps = found.base, found.stamps
            self._base_id, self._delta = found.base_id, dict(found.delta)
        if not store.readonly:
            store.write_hooks.append(self)

    # -- having it -------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._base is not None

    def ensure(self) -> index_file.Base:
        """The base, rebuilt from the store unless what was read describes the data."""
        if self._base is not None:
            return self._base
        store = self.store
        with store.locked():  # one consistent state: no other commit lands meanwhile
            store.refresh()
            entries = build(store.docs("contacts"), store.docs("interactions"),
                            store.docs("favours"), store.docs("checkins"))
            for collection in registry.KINDS:  # every shard parsed (see Store.known_clean)
                store.count(collection)
            from .index_list import listing_of  # not on a note's way: it reads no listing

            rows = [(e.id, e.encode(), e.names()) for e in entries.values()]
            base = index_file.Base.of(rows, listing_of(orjson.loads(line)
                                                       for _id, line, _names in rows))
            self._set(base, {}, index_file.current_stamps(store.root))
            self._save_base()
        return base

    def whole(self) -> index_file.Base:
        """The base with every row's checksum checked (dropped and rebuilt when one
        fails): what reads all of its rows use."""
        base = self.ensure()
        try:
            base.whole()
        except index_file.Torn:
            self._drop()
            base = self.ensure()
        return base

    def _set(self, base: index_file.Base, delta: dict[str, bytes | None],
             stamps: index_file.Stamps) -> None:
        if base is not self._base:
            self._decoded = {}
        self._base, self._delta, self._stamps = base, delta, stamps

    def _save_base(self) -> None:
        if self.store.readonly or self._base is None or self._stamps is None:
            return
        try:
            self._base_id = index_file.save(self.store.root, self._stamps, self._base)
        except OSError:
            self._drop()  # a full disk: no index, the data is fine

    # -- reading -------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every contact's entry: the base's, as the delta leaves them."""
        def read() -> list[Entry]:
            base = self.whole()
            delta = self._delta
            out = [Entry.decode(line) for line in base.rows()]
            out = [e for e in out if e.id not in delta]
            return out + [Entry.decode(line) for line in delta.values() if line is not None]

        return self._read(read)

    def read_listing(self, use: Callable[[bytes, Mapping[str, bytes | None]], T]) -> T:
        """`use(listing, delta)` of the base's listing (index_list), checked, and the rows
        the delta changed since, as `_read` retries it."""
        return self._read(lambda: use(self._listing(), self._delta))

    def _listing(self) -> bytes:
        try:
            return self.ensure().listing()
        except index_file.Torn:
            self._drop()
            return self.ensure().listing()

    def _read(self, read: Callable[[], T]) -> T:
        """`read()`, or, when a line does not decode (not written by netui, though the
        checksum holds), the same once the index is rebuilt from the store."""
        try:
            return read()
        except CORRUPT:
            self._drop()
            return read()

    def candidates(self, word: str) -> list[Entry]:
        """The entries whose line holds `word` (folded): a superset of everyone a name or
        a filter word containing it can match, found in the raw file before any parsing."""
        return self._read(lambda: self._candidates(word))

    def _candidates(self, word: str) -> list[Entry]:
        needle = orjson.dumps(word)[1:-1]  # JSON escapes character by character
        if not needle:
            return self.entries()
        body, delta, first = self.whole().whole(), self._delta, 0
        out: list[Entry] = []
        at = body.find(needle, first + 1)
        while at >= 0:
            start = body.rfind(b"\n", first, at) + 1
            end = body.find(b"\n", at)
            entry = self._decoded.get(start)
            if entry is None:
                entry = self._decoded[start] = Entry.decode(body[start:end])
            if entry.id not in delta:
                out.append(entry)
            at = body.find(needle, end)
        out += [Entry.decode(line) for line in delta.values()
                if line is not None and needle in line]
        return out

    def named(self, word: str) -> list[Entry]:
        """The entries whose names (Entry.names) may hold `word` (folded): a superset of
        everyone an @name starting with it can mean, found through the keys, reading
        only their rows."""
        return self._read(lambda: self._named(word))

    def _named(self, word: str) -> list[Entry]:
        needle = orjson.dumps(word)[1:-1]
        if not needle:
            return self.entries()
        base, delta, decoded = self.ensure(), self._delta, self._decoded
        out: list[Entry] = []
        for at, cid, row in base.named(needle):
            entry = decoded.get(at)
            if entry is None:
                entry = decoded[at] = Entry.decode(row)
            if cid not in delta and entry.id == cid:
                out.append(entry)
        out += [Entry.decode(line) for line in delta.values()
                if line is not None and needle in line]
        return out

    def entry(self, cid: str) -> Entry | None:
        """One contact's entry (None: not indexed, or no index to read)."""
        if self._base is None:
            return None
        try:
            return Lines(self._base, self._delta).get(cid)
        except CORRUPT:
            self._drop()
            return None

    def name_of(self, cid: str) -> str | None:
        """A contact's name if the index knows them as a valid contact (Indexes.name_hint)."""
        entry = self.entry(cid)
        return entry.listed.name if entry is not None and entry.listed is not None else None

    def pending_ids(self, cid: str) -> list[str] | None:
        """The ids of a contact's pending check-ins, None when there is no index to ask
        (Indexes.pending_hint: a touch closes them without reading every check-in)."""
        entry = self.entry(cid)
        if self._base is None:  # dropped: it could not read the line
            return None
        return [p[0] for p in entry.pending] if entry is not None else []

    def people(self, word: str) -> list[ContactRow]:
        """Not archived people whose names may hold `word` (Network.people's rows)."""
        return [e.row for e in self.named(word) if e.row is not None and not e.row.archived]

    def everyone(self) -> list[ContactRow]:
        """Network.people(): every contact's row, archived ones left out."""
        return [e.row for e in self.entries() if e.row is not None and not e.row.archived]

    # -- keeping it in step with this process's commits (Store.write_hooks) -------------------

    def before_write(self) -> None:
        try:
            stale = self._base is not None and \
                index_file.current_stamps(self.store.root) != self._stamps
        except OSError:
            stale = True
        if stale:
            self._drop()  # another program wrote since it was read: not ours to patch

    def after_write(self, changes: Sequence[Change],
                    before: Mapping[tuple[str, str], Doc | None]) -> None:
        if self._base is None:
            return
        try:
            delta = patched(Lines(self._base, self._delta), changes, before)
        except CORRUPT:
            delta = None  # a line it cannot read: corrupt, rebuilt next time
        try:
            if delta is not None:
                self._keep(delta, index_file.current_stamps(self.store.root))
                return
        except OSError:  # the commit is done: an index that cannot follow is dropped
            pass
        self._drop()

    def _keep(self, delta: dict[str, bytes | None], stamps: index_file.Stamps) -> None:
        """Save the rows a commit changed: in the delta, or, once it holds many, in a new
        base (so a read never sifts through thousands of replaced rows)."""
        assert self._base is not None
        if len(delta) <= DELTA_LIMIT:
            self._set(self._base, delta, stamps)
            if not self.store.readonly:
                index_file.save_delta(self.store.root, self._base_id, stamps,
                                      (line if line is not None else index_file.gone(cid)
                                       for cid, line in delta.items()))
            return
        try:
            old = self._base.rows()
            names = self._base.names()
        except CORRUPT:
            self._drop()  # rebuilt next time
            return
        rows = [(cid, line, names.get(cid, "")) for line in old
                if (cid := _row_id(line)) not in delta]
        rows += [(cid, line, Entry.decode(line).names()) for cid, line in delta.items()
                 if line is not None]
        from .index_list import listing_of

        try:
            listing = listing_of(orjson.loads(line) for _cid, line, _names in rows)
        except CORRUPT:
            self._drop()
            return
        self._set(index_file.Base.of(rows, listing), {}, stamps)
        self._save_base()

    def _drop(self) -> None:
        self._base = self._stamps = None
        self._delta, self._decoded = {}, {}
        if not self.store.readonly:
            index_file.drop(self.store.root)


def _row_id(line: bytes) -> str:
    """A base row's contact id: the JSON string its line starts with (read whole only
    when the quick cut is not the id: a quote inside it)."""
    cut = line.find(b'",', 1)
    if cut > 0:
        quick = line[2:cut].decode("utf-8", "replace")
        if line.startswith(b"[" + orjson.dumps(quick) + b","):
            return quick
    return str(orjson.loads(line)[0])


def narrowest(words: Iterable[str]) -> str | None:
    """The longest of the words every match must contain: the fewest candidates."""
    return max((w for w in words if w), key=len, default=None)


def listed(index: ShellIndex, text: str, include_archived: bool) -> list[Entry]:
    """What `netui list TEXT` shows, as filter_contacts finds it among
    Network.contacts() sorted by name: exact matches are looked for among the lines
    holding the query's longest word, close spellings (when there are none) among all."""
    from ..domain.names import fold
    from ..domain.search import filter_contacts, filter_exact, parse_query

    q = parse_query(text)
    narrow = narrowest([*q.words, *q.tags, *q.companies])

    def pool(entries: Iterable[Entry]) -> list[Entry]:
        found = [e for e in entries if e.listed is not None
                 and (include_archived or not e.listed.archived)]
        found.sort(key=lambda e: (fold(e.id if e.listed is None else e.listed.name), e.id))
        return found

    some = pool(index.candidates(narrow) if narrow is not None else index.entries())
    by_row = {id(e.listed): e for e in some}
    hits = filter_exact([e.listed for e in some if e.listed is not None], text)
    if not hits and q.words:  # close spellings: of everyone, as the whole filter tries them
        every = pool(index.entries()) if narrow is not None else some
        by_row = {id(e.listed): e for e in every}
        hits = filter_contacts([e.listed for e in every if e.listed is not None], text)
    return [by_row[id(r)] for r in hits]


def open_shell(data_dir: Any = None, *, config: Config | None = None,
               today: Callable[[], date] = date.today, lock_timeout: float | None = None,
               backup: bool = True) -> tuple[Network, ShellIndex]:
    """A shell command's network over open_index's store and index."""
    from . import Network

    store, index = open_index(data_dir, today=today, lock_timeout=lock_timeout, backup=backup)
    network = Network(store, config, today)
    network._ix.pending_hint = index.pending_ids
    network._ix.name_hint = index.name_of
    return network, index


def open_index(data_dir: Any = None, *, today: Callable[[], date] = date.today,
               lock_timeout: float | None = None,
               backup: bool = True) -> tuple[Store, ShellIndex]:
    """A shell command's store, opened lazily (each shard read when first used), with the
    index read before it, so that the open's scan for merge markers skips the files the
    index saw parse and that have not changed since."""
    from ..paths import data_dir as default_dir

    root = default_dir(data_dir)
    found = index_file.read(root)
    store = (Store(root, today=today, lazy=True) if lock_timeout is None else
             Store(root, today=today, lazy=True, lock_timeout=lock_timeout))
    if found is not None:
        store.known_clean = found.stamps
    store.open(backup=backup)
    index = ShellIndex(store, found)
    if (root / HEALTH).exists():  # `netui stats`'s inputs, kept in step with the commits
        from .health_hook import keep_in_step

        keep_in_step(store)
    return store, index
