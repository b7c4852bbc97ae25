"""`netui list` without a query, from the shell's derived index: every contact's table row
(name, company, circle, last touch, due) read from the base's listing, which holds just
what those columns are computed from, already sorted by name, with dates as ordinals
(50k contacts: parsing every row's 15 MB, sorting and working with dates took most of
the command's time). What it gives is what shell_index.listed and Entry.due/last_touch
give for the empty query (tests/test_index_list.py compares them, row for row)."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from ..domain.cadence import humanize_ago
from ..domain.kinds import CheckInKind
from ..domain.names import fold

if TYPE_CHECKING:
    from .shell_index import ShellIndex

# A row's fields (index_rows.Entry.encode): id, the row's fields, the listed ones (0: the
# same), cadence days, met on, created, latest note touch, latest favour touch, pending.
_ID, _ROW, _LISTED, _CADENCE, _MET, _CREATED, _NOTE, _FAVOUR, _PENDING = range(9)
# In a contact's fields (index_rows._fields): name, company, circle, archived.
_NAME, _COMPANY, _CIRCLE, _ARCHIVED = 0, 2, 3, 6
_SNOOZE = CheckInKind.snooze.value


def every_row(index: ShellIndex, include_archived: bool, circles: Mapping[str, int],
              favours_count: bool, today: date) -> list[list[str]]:
    """The table's rows, sorted by name as `listed(index, "", include_archived)`."""
    return index.read_listing(lambda listing, delta: _rows(
        merged(listing, delta), include_archived, circles, favours_count, today))


# -- the listing: written with the base (shell_index), read by every_row ---------------------


def listing_row(r: list[Any]) -> list[Any] | None:
    """A row's listing (None: no valid contact to list): id, name, company, circle,
    archived (0/1), own cadence (0: none), then as ordinals (0: none) met on, created, the
    latest note touch (an unreadable date: none, as Entry.last_touch reads it), the
    latest favour touch, the earliest pending follow-up and the latest pending snooze
    (all of the check-ins next_due reads for a due date)."""
    listed = r[_ROW] if r[_LISTED] == 0 else r[_LISTED]
    if listed is None:
        return None
    note = 0
    if r[_NOTE] is not None:
        try:
            note = date.fromisoformat(r[_NOTE]).toordinal()
        except ValueError:
            note = 0
    follow = snooze = 0
    for _id, due, kind, _reason in r[_PENDING]:
        day = _ordinal(due)
        if kind == _SNOOZE:
            snooze = max(snooze, day)
        elif not follow or day < follow:
            follow = day
    return [r[_ID], listed[_NAME], listed[_COMPANY] or "", listed[_CIRCLE] or "",
            1 if listed[_ARCHIVED] else 0, r[_CADENCE] or 0, _ordinal(r[_MET]),
            _ordinal(r[_CREATED]), note, _ordinal(r[_FAVOUR]), follow, snooze]


def _ordinal(iso: str | None) -> int:
    return date.fromisoformat(iso).toordinal() if iso else 0


def listing_of(rows: Iterable[list[Any]]) -> bytes:
    """The base's listing of these parsed rows: one JSON array of their listing rows,
    sorted by name, then id, as `listed` sorts (so a listing sorts nothing)."""
    folded: dict[str, str] = {}
    keyed = [(fold_name(found[1], folded), found[0], found) for r in rows
             if (found := listing_row(r)) is not None]
    keyed.sort()  # ids differ, so no further element is compared
    return orjson.dumps([found for _key, _id, found in keyed])


def _sort_key(found: list[Any]) -> tuple[str, str]:
    return fold(found[1]), found[0]


def merged(listing: bytes, delta: Mapping[str, bytes | None]) -> list[list[Any]]:
    """The listing's rows as the delta leaves them, still sorted: a changed row is put in
    its place by bisection, which folds only the few names it compares with."""
    rows: list[list[Any]] = orjson.loads(listing)
    if delta:
        rows = [found for found in rows if found[0] not in delta]
        for line in delta.values():
            if line is not None and (found := listing_row(orjson.loads(line))) is not None:
                insort(rows, found, key=_sort_key)
    return rows


def _rows(rows: list[list[Any]], include_archived: bool, circles: Mapping[str, int],
          favours_count: bool, today: date) -> list[list[str]]:
    """Entry.last_touch and Entry.due (next_due) on ordinals, each text made once."""
    now = today.toordinal()
    ago: dict[int, str] = {}
    marks: dict[int, str] = {0: ""}
    out: list[list[str]] = []
    append = out.append
    for (_id, name, company, circle, archived, own, met, created, note, fav, follow,
         snooze) in rows:
        if archived and not include_archived:
            continue
        last = fav if favours_count and fav > note else note
        due = 0
        if not archived and created:
            cadence = own or (circles.get(circle) if circle else None)
            if cadence:
                due = (last or (met if met and met <= now else created)) + cadence
            if follow and (not due or follow < due):
                due = follow
            if due and snooze > due:
                due = snooze
        mark = marks.get(due)
        if mark is None:
            mark = marks[due] = (f"overdue {now - due}d" if due < now else
                                 "due today" if due == now else "")
        when = ago.get(last)
        if when is None:
            when = ago[last] = humanize_ago(date.fromordinal(last) if last else None, today)
        append([name, company, circle, when, mark])
    return out


def fold_name(name: str, folded: dict[str, str]) -> str:
    """names.fold(name), a word at a time through `folded` (names share first names and
    surnames): folding maps each character on its own, and a space, which stays, ends
    every decomposition, so a name folds as its words do (tests/test_index_list.py)."""
    if name.isascii():
        return name.lower()
    out = []
    for word in name.split(" "):
        found = folded.get(word)
        if found is None:
            found = folded[word] = fold(word)
        out.append(found)
    return " ".join(out)
