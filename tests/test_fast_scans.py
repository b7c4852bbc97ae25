"""The byte scans every open makes (merge markers, control characters) against the
straightforward scans they short-cut."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netui.domain.text import json_may_hold_controls
from netui.storage.conflicts import split_markers

_MARKERS = re.compile(rb"^(<<<<<<<|=======|>>>>>>>)( .*)?$", re.MULTILINE)
_PIECES = [b"<<<<<<<", b"=======", b">>>>>>>", b" HEAD", b"\n", b"\r", b"{}", b'"a":1',
           b"\\", b"\\u00", b"u00", b"\\b", b"b", b"\\f", b"\\r", b"\x7f", b"\xc2", b"\xc2\x85",
           b"\xe2", b"\xe2\x80", b"\xe2\x80\x8b", b"\xe2\x81", b"\x80", b"x"]
_bytes = st.lists(st.sampled_from(_PIECES), max_size=12).map(b"".join)


def _may_hold_controls(raw: bytes) -> bool:
    return (b"\\u00" in raw or b"\\b" in raw or b"\\f" in raw or b"\\r" in raw
            or b"\x7f" in raw or b"\xc2" in raw or b"\xe2\x80" in raw or b"\xe2\x81" in raw)


@settings(max_examples=400)
@given(_bytes)
@example(b"=======")
@example(b"<<<<<<< HEAD")
@example(b'{"a":1}\n=======\n')
def test_marker_scan_equals_the_regex(raw):
    assert (split_markers(raw) is not None) == bool(_MARKERS.search(raw))


@settings(max_examples=400)
@given(_bytes)
@example(b"\\u0007")
@example(b"\xe2\x80\x8b")
@example(b"\\n\\t")
def test_control_scan_equals_every_substring_scan(raw):
    assert json_may_hold_controls(raw) == _may_hold_controls(raw)
