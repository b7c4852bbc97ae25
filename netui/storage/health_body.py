"""The body of the health figures' derived file (storage.health_file): the inputs
(domain.health_inputs) as bytes and back. Imports neither TinyDB nor the services:
`netui stats` reads it before either is loaded (netui.quick_stats)."""

from __future__ import annotations

import sys
from array import array
from collections.abc import MutableSequence, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .. import __version__
from ..domain.health_inputs import Facts, Inputs, add_records
from ..domain.kinds import Direction, FavourStatus
from . import health_file

if TYPE_CHECKING:
    from ..config import Config

# What reading a body not written by `encode` may raise, there or when the figures are
# worked out from it (orjson's error is a ValueError): it is then read again.
CORRUPT = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)

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
    touches: dict[str, MutableSequence[int]] = {}
    at = 0
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


def options_for(config: Config) -> dict[str, Any]:
    """What the inputs depend on besides the data: a file read with other options (or by
    another netui) is read again."""
    return {"favours_touch": config.favours_count_as_touch, "netui": __version__}


def apply_delta(inputs: Inputs, body: bytes | memoryview) -> int:
    """Fold the delta's records in; how many there were."""
    records = [orjson.loads(line) for line in bytes(body).splitlines() if line]
    by_kind: dict[str, list[dict[str, Any]]] = {"interactions": [], "favours": []}
    for collection, doc in records:
        if type(doc) is not dict:
            raise ValueError("not a record")
        by_kind[collection].append(doc)
    add_records(inputs, by_kind["interactions"], by_kind["favours"])
    return len(records)


def kept_inputs(root: Path, options: dict[str, Any]
                ) -> tuple[Inputs, health_file.HealthFile, int] | None:
    """(the inputs the files hold, the files, how many records the delta added) if they
    describe the data files as they are now and were read with `options`; None when
    they must be read again (missing, stale, torn, planted, other options)."""
    found = health_file.read(root)
    if found is None or found.options != options or not found.current(root):
        return None
    try:
        inputs = decode(found.body, options["favours_touch"])
        added = apply_delta(inputs, found.delta) if found.delta is not None else 0
    except CORRUPT:
        return None
    return inputs, found, added
