"""The app's first-frame file: what the contact list shows when the app opens (the first
screenfuls of rows in name order, how many there are, the columns' widths, the theme),
so that the app paints it before importing the models or opening the store (~300 ms at
10k contacts, a second at 50k, where a bare Textual app takes ~200 ms).

It is derived from the contact files and nothing else, and stamped with them: it is
trusted only when every contacts shard and meta.json (the schema) has the stamp it
records, no contacts shard it does not list exists, and the config file is the one it
was written with. The app writes it under the data directory's lock once its rows are
what the disk says (services.first_frame), and replaces the picture with the opened
store's own rows before a key acts on anything. A cache, never data: not backed up,
never the only copy of anything; atomically replaced (temp file, rename), 0600, not
fsynced (after a power loss it is a whole older file, which the stamps then reject
unless it still describes the data, or none). Imports neither the registry, TinyDB nor
pydantic: the app reads it before any of them is loaded."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.rows import ContactRow
from .fsio import read_cache, replace_file, stamp

NAME = "first-frame.json"
VERSION = 1
FOLDER = "contacts"  # the collection whose documents the rows are read from
SCHEMA_FILE = "meta.json"
HEAD_ROWS = 300  # rows kept: a terminal taller than this opens the normal way
_SHARD = re.compile(r"\d\d\.json")
Stamps = dict[str, list[int] | None]


@dataclass(frozen=True, slots=True)
class FirstFrame:
    rows: list[ContactRow]  # the first HEAD_ROWS listed contacts, in the list's order
    count: int  # how many contacts are listed (archived ones are not)
    natural: tuple[int, int, int]  # ContactList.natural for everyone listed
    theme: str | None  # the config's theme when it was written


def stamps_of(root: Path, names: Sequence[str]) -> Stamps:
    """The stamps of `names` (paths relative to `root`), None for a file not there."""
    out: Stamps = {}
    for rel in names:
        found = stamp(root / rel)
        out[rel] = list(found) if found is not None else None
    return out


def config_stamp(config_path: Path | None) -> list[int] | None:
    found = stamp(config_path) if config_path is not None else None
    return list(found) if found is not None else None


def save(root: Path, stamps: Mapping[str, list[int] | None], rows: Sequence[ContactRow],
         count: int, natural: tuple[int, int, int], theme: str | None,
         config_path: Path | None) -> None:
    """Replace the file (the caller holds the data directory's lock and read `rows` from
    the files `stamps` describe)."""
    doc = {"netui-first-frame": VERSION, "stamps": dict(stamps),
           "config": [str(config_path) if config_path else None, config_stamp(config_path)],
           "count": count, "natural": list(natural), "theme": theme,
           "rows": [[r.id, r.name, r.nickname, r.company, r.circle, list(r.tags),
                     list(r.emails), r.archived] for r in rows[:HEAD_ROWS]]}
    path = root / NAME
    replace_file(path, json.dumps(doc, separators=(",", ":")).encode(),  # ASCII: escaped
                 sync=False)


def drop(root: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(root / NAME)


def describes(root: Path, stamps: Mapping[str, object]) -> bool:
    """Whether the schema file and every contacts shard are as `stamps` records them,
    and no contacts shard it does not list exists."""
    if SCHEMA_FILE not in stamps:
        return False
    try:
        for rel, recorded in stamps.items():
            if rel != SCHEMA_FILE and not rel.startswith(FOLDER + "/"):
                return False  # not a file this netui records
            now = stamp(root / rel)
            if (list(now) if now is not None else None) != recorded:
                return False
        with os.scandir(root / FOLDER) as files:
            for f in files:
                if _SHARD.fullmatch(f.name) and f"{FOLDER}/{f.name}" not in stamps:
                    return False
    except OSError:
        return False
    return True


def read(root: Path, config_path: Path | None) -> FirstFrame | None:
    """The first frame recorded for `root` if it describes the data and the config as
    they are now; None otherwise (missing, torn, stale, another version)."""
    raw = read_cache(root / NAME)
    if raw is None:
        return None
    try:
        doc = json.loads(raw)  # the stdlib's: loaded already, where orjson costs ~8 ms
        if (not isinstance(doc, dict) or doc.get("netui-first-frame") != VERSION
                or not isinstance(doc.get("stamps"), dict)
                or doc.get("config") != [str(config_path) if config_path else None,
                                         config_stamp(config_path)]
                or not describes(root, doc["stamps"])):
            return None
        rows = [ContactRow(str(v[0]), str(v[1]), v[2], v[3], v[4], tuple(v[5]), tuple(v[6]),
                           bool(v[7])) for v in doc["rows"]]
        n, c, t = (int(x) for x in doc["natural"])
        theme = doc.get("theme")
        return FirstFrame(rows, int(doc["count"]), (n, c, t),
                          theme if isinstance(theme, str) else None)
    except (ValueError, TypeError, IndexError, KeyError):  # not a file netui wrote (a
        # JSONDecodeError or UnicodeDecodeError is a ValueError)
        return None
