"""The health figures' inputs (services.health_inputs) kept between shell commands in the
data directory (storage.health_file), so that `netui stats` works its figures out
without parsing every note, favour and contact (~30 MB at 10k contacts).

A cache, never trusted: used only when its checksum and the stamps of the files it was
read from say it describes the data as it is now, and when it was read with the config
it is used with; otherwise the inputs are read again from the store under the lock (so
no commit is seen half-done) and saved. A shell command's commit that only adds notes
and favours (`netui note`, `gave`, ...) adds them to the small delta file under the same
lock (Store.write_hooks): before the write the stamps must still be the data's, after
it the new records and the new stamps are saved. Anything else (an edit, a deletion, a
contact added) drops the files: the next `netui stats` reads the store again."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from ..domain import health
from ..domain.models import Direction, FavourStatus
from ..storage import health_file
from ..storage.change import Change, Doc
from ..storage.store import Store
from .health_inputs import Facts, Inputs, add_records, contact_facts, read_all

if TYPE_CHECKING:
    from . import Network

# What reading a body not written by `encode` may raise, there or when the figures are
# worked out from it (orjson's error is a ValueError): it is then rebuilt.
CORRUPT = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)
PATCH_LIMIT = 200  # records in one commit beyond which the files are dropped, not patched


def _options(network: Network) -> dict[str, Any]:
    return {"favours_touch": network.config.favours_count_as_touch}


# The body: a JSON line (the contacts' facts by column, who has touch days), then the
# numbers as native arrays of C ints, which load in one copy each rather than as 130k JSON
# numbers parsed one by one (~25 ms at 10k contacts): everyone's touch days end to end,
# how many each has, the days with touches and their counts, the favours' directions,
# statuses and days. The layout names the byte order: a file copied to another machine
# is read again from the store.
_LAYOUT = f"{sys.byteorder}-i{array('i').itemsize}"
_DIRECTIONS, _STATUSES = list(Direction), list(FavourStatus)
_DIRECTION_CODE = {m: n for n, m in enumerate(_DIRECTIONS)}
_STATUS_CODE = {m: n for n, m in enumerate(_STATUSES)}


def encode(inputs: Inputs) -> bytes:
    columns = list(zip(*inputs.contacts, strict=True)) or [()] * 6
    touched = list(inputs.touches)
    favours = inputs.favours
    head = orjson.dumps({"layout": _LAYOUT, "contacts": columns,
                         "archived": sorted(inputs.archived), "touched": touched,
                         "daily": len(inputs.daily), "favours": len(favours)})
    arrays = (
        array("i", map(len, inputs.touches.values())),
        array("i", [day for days in inputs.touches.values() for day in days]),
        array("i", inputs.daily), array("i", inputs.daily.values()),
        array("b", [_DIRECTION_CODE[f[0]] for f in favours]),
        array("b", [_STATUS_CODE[f[1]] for f in favours]),
        array("i", [f[2].toordinal() for f in favours]))
    return head + b"\n" + b"".join(a.tobytes() for a in arrays)


def _typed(values: Sequence[Any], *types: type) -> bool:
    return {*map(type, values)} <= set(types)


class _Reader:
    """Arrays read one after the other from the body's numbers."""

    def __init__(self, blob: memoryview) -> None:
        self.blob, self.at = blob, 0

    def take(self, code: str, count: int) -> list[int]:
        out = array(code)
        end = self.at + count * out.itemsize
        if count < 0 or end > len(self.blob):
            raise ValueError("the health file's numbers are cut short")
        out.frombytes(self.blob[self.at:end])
        self.at = end
        return out.tolist()


def decode(body: bytes | memoryview, favours_touch: bool) -> Inputs:
    """The inputs `encode` wrote; ValueError (or another of CORRUPT) when it is not that."""
    raw = bytes(body)
    cut = raw.find(b"\n")
    if cut < 0:
        raise ValueError("no numbers in the health file")
    doc = orjson.loads(memoryview(raw)[:cut])
    ids, names, circles, own, met, added = doc["contacts"]
    touched, none = doc["touched"], type(None)
    if not (doc["layout"] == _LAYOUT
            and len(ids) == len(names) == len(circles) == len(own) == len(met) == len(added)
            and _typed(ids, str) and _typed(names, str) and _typed(circles, str, none)
            and _typed(own, int, none) and _typed(met, int, none) and _typed(added, int)
            and _typed(doc["archived"], str) and _typed(touched, str)):
        raise ValueError("not the health file's contacts")
    contacts: list[Facts] = list(zip(ids, names, circles, own, met, added, strict=True))
    numbers = _Reader(memoryview(raw)[cut + 1:])
    counts = numbers.take("i", len(touched))
    every_day = numbers.take("i", sum(counts))
    touches, at = {}, 0
    for cid, n in zip(touched, counts, strict=True):
        touches[cid] = every_day[at:at + n]
        at += n
    days = numbers.take("i", doc["daily"])
    daily = dict(zip(days, numbers.take("i", len(days)), strict=True))
    n = doc["favours"]
    directions = map(_DIRECTIONS.__getitem__, numbers.take("b", n))
    statuses = map(_STATUSES.__getitem__, numbers.take("b", n))
    fromordinal = date.fromordinal
    favours = list(zip(directions, statuses, map(fromordinal, numbers.take("i", n)),
                       strict=True))
    if numbers.at != len(numbers.blob) or min(counts, default=1) < 1:
        raise ValueError("not the health file's numbers")
    return Inputs(contacts, set(doc["archived"]), touches, daily, favours, favours_touch)


def _apply_delta(inputs: Inputs, body: bytes | memoryview) -> int:
    """Fold the delta's records in; how many there were."""
    records = [orjson.loads(line) for line in bytes(body).splitlines() if line]
    by_kind: dict[str, list[dict[str, Any]]] = {"interactions": [], "favours": []}
    for collection, doc in records:
        if type(doc) is not dict:
            raise ValueError("not a record")
        by_kind[collection].append(doc)
    add_records(inputs, by_kind["interactions"], by_kind["favours"])
    return len(records)


def inputs_for(network: Network) -> Inputs:
    """The figures' inputs: from the files when they describe the data, else read from
    the store (and saved for the next command)."""
    store, options = network.store, _options(network)
    if store.readonly:  # a commit may be left halfway: read as the store shows it
        return read_all(network)
    found = health_file.read(store.root)
    if found is not None and found.options == options and found.current(store.root):
        try:
            inputs = decode(found.body, options["favours_touch"])
            added = _apply_delta(inputs, found.delta) if found.delta is not None else 0
        except CORRUPT:
            pass
        else:
            if added:
                _fold(store, inputs, found.stamps, options)
            return inputs
    return rebuild(network)


def rebuild(network: Network) -> Inputs:
    """Read the inputs from the store under the lock and save them."""
    store = network.store
    with store.locked():  # one consistent state: no other commit lands meanwhile
        store.refresh()
        inputs = read_all(network)
        try:
            health_file.save(store.root, health_file.current_stamps(store.root),
                             _options(network), encode(inputs))
        except OSError:
            health_file.drop(store.root)  # a full disk: no cache, the data is fine
    return inputs


def _fold(store: Store, inputs: Inputs, stamps: health_file.Stamps,
          options: dict[str, Any]) -> None:
    """Write base and delta as one new base, if they still describe the data."""
    try:
        with store.locked():
            if health_file.current_stamps(store.root) == stamps:
                health_file.save(store.root, stamps, options, encode(inputs))
    except OSError:
        health_file.drop(store.root)


def figures(network: Network, since: date | None = None) -> health.Health:
    """`netui stats`'s figures, from the kept inputs (or, when they cannot be worked out
    from what the file holds, from the store's, read again)."""
    from . import health as health_service

    try:
        return health_service.compute(network, since, inputs=inputs_for(network))
    except CORRUPT:
        if network.store.readonly:
            raise
        health_file.drop(network.store.root)
        return health_service.compute(network, since, inputs=rebuild(network))


class HealthHook:
    """Keeps the files in step with this process's commits (Store.write_hooks)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._point: tuple[str, health_file.Stamps, bytes] | None = None
        if not store.readonly:
            store.write_hooks.append(self)

    def before_write(self) -> None:
        root = self.store.root
        try:
            point = health_file.extend_point(root)
            current = point is not None and point[1] == health_file.current_stamps(root)
        except OSError:
            point, current = None, False
        self._point = point if current else None  # stale: rebuilt on the next use

    def after_write(self, changes: Sequence[Change],
                    before: Mapping[tuple[str, str], Doc | None]) -> None:
        point, self._point = self._point, None
        if point is None:
            return
        root = self.store.root
        try:
            lines = _records(changes, before)
            if lines is None:
                health_file.drop(root)
                return
            stamps = health_file.current_stamps(root)
            if not lines and stamps == point[1]:
                return  # nothing the figures read was written
            base_id, _stamps, body = point
            health_file.save_delta(root, base_id, stamps,
                                   body + b"".join(line + b"\n" for line in lines))
        except (OSError, TypeError, orjson.JSONEncodeError):
            health_file.drop(root)  # the commit is done: a cache that cannot follow goes


def _records(changes: Sequence[Change],
             before: Mapping[tuple[str, str], Doc | None]) -> list[bytes] | None:
    """The delta's lines for a commit's changes, None when they cannot be added: an edit
    or deletion of a note or favour, a contact added, removed or changed in what the
    figures read."""
    if len(changes) > PATCH_LIMIT:
        return None
    out = []
    for c in changes:
        if c.collection not in health_file.SOURCES:
            continue
        old = before.get((c.collection, c.id))
        if c.collection == "contacts":
            if old is None or c.doc is None or contact_facts(old) != contact_facts(c.doc):
                return None
        elif old is not None or c.doc is None:
            return None
        else:
            out.append(orjson.dumps([c.collection, c.doc]))
    return out
