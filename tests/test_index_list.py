"""`netui list` without a query from the raw index rows (services.index_list) and the
column-at-a-time table (cli.fit.table) against the straightforward builds they replace:
the Entry-based rows of shell_index.listed, and a table sized and padded cell by cell.
Both must give the same text, byte for byte."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.cli.fit import MIN_COLUMN, cell_width, cut, fit_widths, pad, table
from netui.domain.cadence import humanize_ago
from netui.errors import NotFound
from netui.services.index_list import every_row
from netui.services.shell_index import ShellIndex, listed
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
