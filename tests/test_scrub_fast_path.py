"""The records' control-character scrub skips strings that hold none (one regex scan
instead of a translate): it must leave exactly what the full translate leaves."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain import cleaning

# Every control character and its neighbours (tab, newline, space, DEL, NBSP), many times.
edges = st.sampled_from([chr(c) for c in [*range(0, 34), *range(120, 165)]] + ["a", "é", "😀"])


@settings(max_examples=500, deadline=None)
@given(st.lists(edges, max_size=30).map("".join) | st.text())
def test_the_scrub_is_the_full_translate(text: str) -> None:
    assert cleaning.scrub_value(text) == text.translate(cleaning._CONTROLS)
    assert cleaning.scrub_value([text, 3]) == [text.translate(cleaning._CONTROLS), 3]
