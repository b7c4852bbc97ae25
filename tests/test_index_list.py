"""`netui list` without a query from the raw index rows (services.index_list) and the
column-at-a-time table (cli.fit.table) against the straightforward builds they replace:
the Entry-based rows of shell_index.listed, and a table sized and padded cell by cell.
Both must give the same text, byte for byte."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.cli.fit import MIN_COLUMN, cell_width, cut, fit_widths, pad, table
from netui.config_model import Config
from netui.domain.cadence import humanize_ago
from netui.domain.kinds import CheckInKind, CheckInStatus
from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction, Kind
from netui.errors import NotFound
from netui.services import Network
from netui.services.index_list import every_row
from netui.services.shell_index import ShellIndex, listed, open_shell
from netui.storage import Store
from netui.storage.layout import INDEX
from tests.conftest import TODAY
from tests.test_shell_index import apply_write, notes_st, people_st, seed_network, shell, writes_st


def entry_rows(index: ShellIndex, archived: bool, circles, favours_count: bool) -> list[list[str]]:
    """What `netui list` printed before index_list: one Entry per contact."""
    rows = []
    for e in listed(index, "", archived):
        c = e.listed
        due = e.due(circles, favours_count, TODAY)
        overdue = due.overdue_days(TODAY) if due else 0
        mark = (f"overdue {overdue}d" if overdue
                else ("due today" if due is not None and due.due == TODAY else ""))
        rows.append([c.name, c.company or "", c.circle or "",
                     humanize_ago(e.last_touch(favours_count), TODAY), mark])
    return rows


def assert_rows_alike(index: ShellIndex, circles) -> None:
    for archived in (False, True):
        for favours_count in (False, True):
            assert every_row(index, archived, circles, favours_count, TODAY) == \
                entry_rows(index, archived, circles, favours_count)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(people=people_st, notes=notes_st, writes=writes_st)
def test_every_row_is_what_the_entries_give_after_any_writes(tmp_path_factory, people, notes,
                                                             writes) -> None:
    root: Path = tmp_path_factory.mktemp("net") / "data"
    ids = seed_network(root, people, notes)
    net, index = shell(root)
    circles = {**net.config.circles, "close": 7}
    try:
        index.ensure()
        assert_rows_alike(index, circles)
        for op, who, days in writes:  # the delta's rows replace the base's
            with contextlib.suppress(NotFound):  # someone deleted before
                apply_write(net, ids, op, who, days)
            if index.ready:
                assert_rows_alike(index, circles)
    finally:
        net.store.close()


def cell_by_cell(rows: list[list[str]], headers: list[str], width: int) -> str:
    """cli.fit.table as it was: every cell sized and padded on its own."""
    sized = [[(c, cell_width(c)) for c in row] for row in [headers, *rows]]
    natural = [0] * len(headers)
    for row in sized:
        natural = [max(w, cw) for w, (_c, cw) in zip(natural, row, strict=True)]
    floors = [min(n, max(cell_width(h), MIN_COLUMN)) for n, h in zip(natural, headers,
                                                                     strict=True)]
    widths = fit_widths(natural, floors, width)

    def cell(text: str, used: int, w: int) -> str:
        return text + " " * (w - used) if used <= w else pad(cut(text, w), w)

    return "\n".join("  ".join(cell(c, cw, w) for (c, cw), w in zip(r, widths, strict=True))
                     .rstrip() for r in sized)


texts = st.one_of(st.text(st.sampled_from("ab Z-"), max_size=12),
                  st.text(st.sampled_from("aé漢😀\u0301 x"), max_size=8))


@given(rows=st.lists(st.lists(texts, min_size=4, max_size=4), max_size=12),
       width=st.integers(20, 120))
def test_the_table_is_what_sizing_each_cell_gave(rows, width) -> None:
    headers = ["NAME", "COMPANY", "C", "LAST TOUCH"]
    assert table(rows, headers, width) == cell_by_cell(rows, headers, width)


def test_no_character_below_the_combining_accents_is_wide_or_combining() -> None:
    import unicodedata

    from netui.cli.fit import NARROW_BELOW

    assert [i for i in range(ord(NARROW_BELOW)) if unicodedata.combining(chr(i))
            or unicodedata.east_asian_width(chr(i)) in ("W", "F")] == []
    assert cell_width("Zoë Łukasz Ångström") == len("Zoë Łukasz Ångström")


@given(st.text(st.one_of(st.characters(max_codepoint=0x3ff), st.characters())))
def test_narrow_text_is_text_below_the_combining_accents(text: str) -> None:
    from netui.cli.fit import narrow

    assert narrow(text) == all(ord(c) < 0x300 for c in text)


@given(st.text(st.one_of(st.sampled_from(" \u00a0\u0301\u0308ßıŁæ½ﬁΣς漢eE"), st.characters()),
               max_size=16),
       st.lists(st.sampled_from(["Zoë", "Åsa", "e\u0301", "\u0301", "", "ΣΑΣ"]), max_size=3))
def test_a_name_folds_a_word_at_a_time_as_it_folds_whole(name: str, seen: list[str]) -> None:
    from netui.domain.names import fold
    from netui.services.index_list import fold_name

    folded = {w: fold(w) for w in seen}  # words folded before, for other names
    assert fold_name(name, folded) == fold(name)


# -- the listing against the entries, over wide input (hypothesis) ---------------------------

CIRCLES = {"inner": 14, "close": 30, "network": 90, "club": 1, "far": 3650}
wide_names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
    st.sampled_from(["Bob [/]", "[bold]Ann[/bold]", "Zoë Łukasz", "ÅSA  åsa", "ǅemal",
                     "漢字 名", "e\u0301mile", "ﬁona", "Straße", "O'Neil \"Q\""])
).filter(str.strip)
days_st = st.integers(-40, 800)
person_st = st.fixed_dictionaries({
    "name": wide_names,
    "company": st.sampled_from([None, "", "Acme", "Bob [/]", "Ünï Co"]),
    "circle": st.sampled_from([None, "", *CIRCLES, "unknown"]),
    "cadence": st.one_of(st.none(), st.integers(1, 3650)),
    "met": st.one_of(st.none(), st.integers(-30, 4000)),
    "archived": st.booleans(),
    "notes": st.lists(st.tuples(days_st, st.sampled_from(list(Kind))), max_size=3),
    "favours": st.lists(days_st, max_size=2),
    "checkins": st.lists(st.tuples(st.integers(-60, 60), st.sampled_from(list(CheckInKind)),
                                   st.sampled_from(list(CheckInStatus))), max_size=3),
})


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(people=st.lists(person_st, min_size=1, max_size=8), renames=st.lists(
    st.tuples(st.integers(0, 7), wide_names), max_size=3))
def test_the_listing_gives_what_the_entries_give_for_any_contacts(tmp_path_factory, people,
                                                                   renames) -> None:
    """Names of any text (markup-like, combining, wide), empty fields, circles of any
    cadence or none, met in the future, follow-ups and snoozes: the listing's rows and
    table are the Entry-based ones, from the base and after renames in the delta."""
    root: Path = tmp_path_factory.mktemp("net") / "data"
    config = Config(circles={**CIRCLES, "unknown": 5})  # not a circle when listed
    net = Network(Store(root, backups=False, today=lambda: TODAY).open(), config,
                  today=lambda: TODAY)
    ids = []
    try:
        for p in people:
            c = net.add_contact(Contact(
                name=p["name"], company=p["company"], circle=p["circle"],
                cadence_days=p["cadence"], archived=p["archived"],
                met_on=TODAY - timedelta(days=p["met"]) if p["met"] is not None else None))
            ids.append(c.id)
            for days, kind in p["notes"]:
                net.log_interaction(Interaction(contact_ids=[c.id], kind=kind, text="n",
                                                date=TODAY - timedelta(days=days)))
            for days in p["favours"]:
                net.log_favour(Favour(contact_id=c.id, direction=Direction.gave, text="f",
                                      date=TODAY - timedelta(days=days)))
            for days, kind, status in p["checkins"]:
                net.add_checkin(CheckIn(contact_id=c.id, due=TODAY + timedelta(days=days),
                                        kind=kind, status=status, reason="r"))
    finally:
        net.store.close()
    net, index = open_shell(root, config=config, today=lambda: TODAY)
    try:
        index.ensure()
        for step in range(len(renames) + 1):
            for archived in (False, True):
                for favours_count in (False, True):
                    fast = every_row(index, archived, CIRCLES, favours_count, TODAY)
                    slow = entry_rows(index, archived, CIRCLES, favours_count)
                    assert fast == slow
                    headers = ["NAME", "COMPANY", "CIRCLE", "LAST TOUCH", "DUE"]
                    assert table(fast, headers, 80) == cell_by_cell(slow, headers, 80)
            if step < len(renames):
                who, name = renames[step]
                net.edit_contact(ids[who % len(ids)], name=name)  # into the delta
                assert index.ready
    finally:
        net.store.close()


def test_a_torn_listing_is_rebuilt_before_it_is_listed(tmp_path) -> None:
    root = tmp_path / "data"
    seed_network(root, [("Ann Lee", None, "inner", False), ("Tom Ng", None, None, False)], [])
    net, index = shell(root)
    try:
        index.ensure()
        want = every_row(index, False, CIRCLES, True, TODAY)
    finally:
        net.store.close()
    raw = (root / INDEX).read_bytes()
    at = raw.index(b'"Tom Ng"')  # the first row naming Tom after the keys: the listing's
    (root / INDEX).write_bytes(raw[:at + 2] + bytes([raw[at + 2] ^ 1]) + raw[at + 3:])
    net, index = shell(root)
    try:
        assert index.ready  # the header and keys hold: the listing's checksum catches it
        assert every_row(index, False, CIRCLES, True, TODAY) == want
        assert (root / INDEX).read_bytes() != raw  # dropped and rebuilt
    finally:
        net.store.close()
