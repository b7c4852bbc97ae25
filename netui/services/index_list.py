"""`netui list` without a query, from the shell's derived index: every contact's table row
(name, company, circle, last touch, due) read from the raw rows in one parse, with no
Entry or ContactRow built per contact (50k contacts: a third of the command's time went
on those objects). What it gives is what shell_index.listed and Entry.due/last_touch
give for the empty query (tests/test_index_list.py compares them, row for row)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import orjson

from ..domain.cadence import humanize_ago, next_due
from ..domain.facts import CheckRow
from ..domain.kinds import CheckInKind, CheckInStatus
from ..domain.names import fold

if TYPE_CHECKING:
    from .shell_index import ShellIndex

# A row's fields (index_rows.Entry.encode): id, the row's fields, the listed ones (0: the
# same), cadence days, met on, created, latest note touch, latest favour touch, pending.
_ID, _ROW, _LISTED, _CADENCE, _MET, _CREATED, _NOTE, _FAVOUR, _PENDING = range(9)
# In a contact's fields (index_rows._fields): name, company, circle, archived.
_NAME, _COMPANY, _CIRCLE, _ARCHIVED = 0, 2, 3, 6


def every_row(index: ShellIndex, include_archived: bool, circles: Mapping[str, int],
              favours_count: bool, today: date) -> list[list[str]]:
    """The table's rows, sorted by name as `listed(index, "", include_archived)`."""
    return index.read_raw(lambda rows: _rows(rows, include_archived, circles, favours_count,
                                             today))


def parse(base_rows: bytes, delta: Mapping[str, bytes | None]) -> list[list[Any]]:
    """Every row as the delta leaves them, parsed in one call (`base_rows`: the base's
    "\\n"-framed rows, as index_file.Base.whole gives them)."""
    inner = base_rows[1:-1].replace(b"\n", b",") if len(base_rows) > 1 else b""
    rows: list[list[Any]] = orjson.loads(b"[" + inner + b"]")
    if delta:
        rows = [r for r in rows if r[_ID] not in delta]
        rows += [orjson.loads(line) for line in delta.values() if line is not None]
    return rows


def _rows(rows: list[list[Any]], include_archived: bool, circles: Mapping[str, int],
          favours_count: bool, today: date) -> list[list[str]]:
    shown: list[tuple[str, str, list[Any], list[Any]]] = []
    folded: dict[str, str] = {}
    for r in rows:
        listed = r[_ROW] if r[_LISTED] == 0 else r[_LISTED]
        if listed is None or (listed[_ARCHIVED] and not include_archived):
            continue
        shown.append((fold_name(listed[_NAME], folded), r[_ID], listed, r))
    shown.sort()  # by name, then id: ids differ, so no further element is compared
    days: dict[str, date] = {}
    spans: dict[int, timedelta] = {}
    ago: dict[date | None, str] = {}
    known = days.get

    def day(iso: str) -> date:
        found = days[iso] = date.fromisoformat(iso)
        return found

    out: list[list[str]] = []
    append = out.append
    for _key, _id, c, r in shown:
        last = None  # Entry.last_touch
        if (note := r[_NOTE]) is not None:
            try:
                last = known(note) or day(note)
            except ValueError:
                last = None
        if favours_count and (fav := r[_FAVOUR]) is not None:
            fav_day = known(fav) or day(fav)
            last = fav_day if last is None or fav_day > last else last
        due: date | None = None  # Entry.due's date
        if not c[_ARCHIVED] and (created := r[_CREATED]) is not None:
            met = (known(r[_MET]) or day(r[_MET])) if r[_MET] else None
            start = met if met and met <= today else (known(created) or day(created))
            circle = c[_CIRCLE]  # cadence_for, inlined
            cadence = r[_CADENCE] or (circles.get(circle) if circle else None)
            if r[_PENDING]:
                due = _due(last, cadence, start, r[_PENDING], lambda d: known(d) or day(d))
            elif cadence:  # next_due without check-ins: cadence_due
                span = spans.get(cadence)
                if span is None:
                    span = spans[cadence] = timedelta(days=cadence)
                due = (last or start) + span
        if due is None:
            mark = ""
        elif due < today:
            mark = f"overdue {(today - due).days}d"
        else:
            mark = "due today" if due == today else ""
        when = ago.get(last)
        if when is None:
            when = ago[last] = humanize_ago(last, today)
        append([c[_NAME], c[_COMPANY] or "", c[_CIRCLE] or "", when, mark])
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


def _due(last: date | None, cadence: int | None, start: date, pending: list[list[str]],
         day: Any) -> date | None:
    checks = [CheckRow(day(due), reason, CheckInStatus.pending, CheckInKind(kind))
              for _id, due, kind, reason in pending]
    found = next_due(last_touch=last, cadence=cadence, start=start, checkins=checks)
    return found.due if found is not None else None
