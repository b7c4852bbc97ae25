"""`netui note '@Name …'` without click, the façade or pydantic: the habit command right
after a meeting, where every 10 ms of start-up shows (issue 20's budget: 150 ms at 10k
contacts, most of it what the models' path imports and builds before it writes).

Taken only for a plain note (no option, no &community) whose people the shell index
names as it is now, with a config config_fast reads without its model; everything
else (a favour, an unknown or ambiguous name, --create, a parse error, a stale or
missing index, a record of a shape it does not know) runs the click command, which
says what is wrong the usual way. What it writes is what that command writes
(services.quick_note); tests/test_note_fast.py compares the two."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def run(argv: list[str]) -> int | None:
    """The exit code of `netui note` run here; None when it is not one this path takes
    (nothing was written: the click command runs it)."""
    if len(argv) < 2 or argv[0] != "note" or any(a.startswith("-") for a in argv[1:]):
        return None
    line = " ".join(argv[1:])
    today = fixed_today()
    if "&" in line or today is None:
        return None
    from ..paths import config_file, data_dir

    order = _date_order(config_file())
    if order is None:
        return None
    return _save(data_dir(), line, today, order)


def fixed_today() -> date | None:
    """Today, as NETUI_TODAY may fix it; None when that is not a date."""
    fixed = os.environ.get("NETUI_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        return None  # the click path says it is not YYYY-MM-DD


def _date_order(path: Path) -> str | None:
    """How the config says 03/04 reads (date_order.date_order); None when the file holds
    what only its model can judge (config_fast)."""
    from ..config_fast import read
    from ..date_order import default_date_order
    from ..domain.phones import default_region

    settings = read(path)
    if settings is None:
        return None
    return default_date_order(settings.date_order, default_region(settings.region or None))


def _save(root: Path, line: str, today: date, order: str) -> int | None:
    from ..domain import community_quick
    from ..domain.name_lookup import Lookup
    from ..domain.text import scrub
    from ..services import quick_note
    from ..services.shell_index import ShellIndex
    from ..storage import index_file
    from ..storage.layout import HEALTH
    from ..storage.store import Store

    found = index_file.read(root)
    if found is None or not found.current(root):
        return None  # the click path rebuilds it
    store = Store(root, today=lambda: today, lazy=True)
    store.known_clean = found.stamps
    store.open(backup=True)
    try:
        index = ShellIndex(store, found)
        if not index.ready:
            return None
        if (root / HEALTH).exists():  # `netui stats`'s inputs, kept in step (open_shell)
            from ..services.health_hook import keep_in_step

            keep_in_step(store)
        read = community_quick.read(line, today, Lookup(index.people, index.everyone), [],
                                    create=False, date_order=order)
        parsed = read.parsed
        if read.community is not None or not quick_note.save(store, index, parsed):
            return None
        for conflict in store.sync_conflicts:
            sys.stderr.write(scrub(f"netui: {conflict}") + "\n")
        out = f"Saved: {parsed.preview}\n" + (f"  {parsed.body}\n" if parsed.body else "")
        sys.stdout.write(scrub(out))
        return 0
    finally:
        store.close()
