"""Hypothesis over the readers of netui's own markers (journal.json, restore.json,
meta.json): whatever the bytes, they either refuse with ValueError or return only names
of netui's data files and their temps, so nothing they return can point elsewhere."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.store_files import SHARDS, data_names
from netui.store_restore import journal_plan, parse_schema, restore_files

EXAMPLES = int(os.environ.get("NETUI_HYPOTHESIS_EXAMPLES", "200"))
PROPS = settings(max_examples=EXAMPLES, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

NAMES = sorted(data_names())
# Paths near the real ones: real names, temps, escapes, absolute paths, odd separators.
PATHS = st.one_of(
    st.sampled_from(NAMES),
    st.builds(lambda n, t: f"{n.rpartition('/')[0]}/.{n.rpartition('/')[2]}.{t}.tmp",
              st.sampled_from(NAMES[1:]), st.text("0123456789abcdefxyz/.", min_size=0,
                                                  max_size=10)),
    st.sampled_from(["../.bashrc", "/etc/passwd", "contacts/../../x", "./meta.json",
                     "contacts//00.json", "backups/a/contacts/00.json", "", "."]),
    st.text(max_size=30),
)
JSON = st.recursive(st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | PATHS,
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(["renames", "files", "schema", "x"]),
                                      inner, max_size=3), max_leaves=12)
TEMP = re.compile(r"(?P<dir>[a-z]+)/\.(?P<name>\d\d\.json)\.[0-9a-f]{8}\.tmp")


def _raw(value: object) -> bytes:
    return orjson.dumps(value)


@PROPS
@given(st.one_of(JSON, st.builds(lambda p: {"renames": p},
                                 st.lists(st.lists(PATHS, min_size=2, max_size=2),
                                          max_size=4))))
def test_a_journal_names_only_temps_onto_their_own_data_files(value: object) -> None:
    try:
        plan = journal_plan(_raw(value))
    except ValueError:
        return
    for tmp, final in plan:
        assert final in data_names()
        match = TEMP.fullmatch(tmp)
        assert match and f"{match['dir']}/{match['name']}" == final
        assert match["dir"] in SHARDS
        assert not Path(tmp).is_absolute() and ".." not in Path(tmp).parts


@PROPS
@given(st.one_of(JSON, st.builds(lambda f: {"files": ["meta.json", *f]},
                                 st.lists(PATHS, max_size=4))))
def test_a_restore_marker_names_only_data_files(value: object) -> None:
    try:
        files = restore_files(_raw(value))
    except ValueError:
        return
    assert "meta.json" in files and set(files) <= data_names()


@PROPS
@given(st.one_of(JSON, st.binary(max_size=40)))
def test_meta_is_a_version_number_or_refused(value: object) -> None:
    raw = value if isinstance(value, bytes) else _raw(value)
    try:
        schema = parse_schema(raw)
    except ValueError:
        return
    assert type(schema) is int and schema >= 0
