"""`netui list [NAME]` without click, the façade or pydantic: the shell's look-up, held
to khard's search over raw vCards at 1,000 contacts (issue 20), where loading pydantic
and building the config's model was most of the time.

Taken only for `netui list` with at most a query and no option, no `in:` filter, a
config config_fast reads without its model and output streams click would write as
they are; everything else runs the click command, which prints the same (the listing
below is its own) or says what is wrong the usual way. tests/test_list_fast.py compares
the two."""

from __future__ import annotations

import codecs
import sys
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..services.shell_index import ShellIndex

HEADERS = ["NAME", "COMPANY", "CIRCLE", "LAST TOUCH", "DUE"]
NOBODY = "No contacts yet: run netui add NAME, or netui import FILE"


def run(argv: list[str]) -> int | None:
    """The exit code of `netui list` run here; None when this path does not take it
    (nothing was read: the click command runs it)."""
    if not argv or argv[0] != "list" or len(argv) > 2 or \
            any(a.startswith("-") for a in argv[1:]):
        return None
    from ..domain.in_filter import split_in
    from .note_fast import fixed_today

    text, wanted = split_in(argv[1] if len(argv) == 2 else "")
    today = fixed_today()
    if wanted or today is None or _recoded(sys.stdout) or _recoded(sys.stderr):
        return None
    from ..config_fast import read
    from ..paths import config_file, data_dir

    settings = read(config_file())
    if settings is None:
        return None
    from ..services.shell_index import open_index
    from . import echo

    store, index = open_index(data_dir(), today=lambda: today)
    try:
        for conflict in store.sync_conflicts:
            echo(f"netui: {conflict}", err=True)
        echo(listing(index, text, False, settings.circles, settings.favours_count_as_touch,
                     today))
    finally:
        store.close()
    return 0


def _recoded(stream: TextIO | None) -> bool:
    """Whether click.echo would write through a wrapper of its own: a stream without an
    encoding or with ASCII (click._compat._stream_is_misconfigured) gets UTF-8."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False  # as click reads it


def listing(index: ShellIndex, text: str, archived: bool, circles: dict[str, int],
            favours_count_as_touch: bool, today: date) -> str:
    """What `netui list TEXT` prints from the shell's derived index: no model built, no
    note read."""
    from ..domain.cadence import humanize_ago
    from ..services.shell_index import listed
    from .fit import table

    if not text.strip():  # everyone: from the raw rows, no object per contact
        from ..services.index_list import every_row

        rows = every_row(index, archived, circles, favours_count_as_touch, today)
        return table(rows, HEADERS) if rows else NOBODY
    found = listed(index, text, archived)
    if not found:
        return "No contacts match."
    rows = []
    for e in found:
        c = e.listed
        assert c is not None
        due = e.due(circles, favours_count_as_touch, today)
        overdue = due.overdue_days(today) if due else 0
        mark = (f"overdue {overdue}d" if overdue
                else ("due today" if due is not None and due.due == today else ""))
        rows.append([c.name, c.company or "", c.circle or "",
                     humanize_ago(e.last_touch(favours_count_as_touch), today), mark])
    return table(rows, HEADERS)
