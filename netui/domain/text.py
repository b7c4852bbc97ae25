"""User text on its way to a terminal: no control or escape sequences, ever.

A name or note may come from a file another program wrote (a sync tool, an import, a
hand edit). Printed raw, ESC]52 writes the clipboard, ESC[2J clears the screen, an OSC 8
hides a link. `scrub` is the one function every output boundary applies."""

from __future__ import annotations

import re
from typing import Any

# Whole escape sequences first (so no payload is left behind to print), then any control
# character left: C0 except tab and newline, DEL, C1, and the bidi overrides that make
# text read differently from what it holds.
_SEQUENCES = re.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL / ST
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # C1 OSC
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # C1 CSI
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # any other ESC sequence
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def scrub(text: str) -> str:
    """`text` without escape sequences or control characters (tab and newline kept)."""
    if not _CONTROLS.search(text):
        return text  # the common case: nothing to do
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def scrub_line(text: str) -> str:
    """For one line of output (a table cell, a name): newlines and tabs become spaces."""
    return scrub(text).replace("\n", " ").replace("\t", " ")


def scrub_value(value: Any) -> Any:
    """Every string inside a JSON-like value, scrubbed (dict keys too)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [scrub_value(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k) if isinstance(k, str) else k: scrub_value(v) for k, v in value.items()}
    return value


def json_may_hold_controls(raw: bytes) -> bool:
    """Whether JSON bytes may hold a control character (cheap: a few substring scans).
    orjson writes C0 characters as \\u00XX (\\b, \\f, \\r by name), DEL and C1 raw."""
    # One-byte searches (memchr, ~0.5 ms for 16 MB of notes) first: each longer one
    # costs ~15 ms, and most files hold no backslash and no U+2000 block at all.
    return ((b"\\" in raw and (b"\\u00" in raw or b"\\b" in raw or b"\\f" in raw
                                or b"\\r" in raw))
            or raw_may_hold_controls(raw))


def raw_may_hold_controls(raw: bytes) -> bool:
    """`json_may_hold_controls` for the characters orjson writes unescaped (DEL, C1, the
    bidi controls of the U+2000 block), for a reader that knows the escapes already."""
    return (b"\x7f" in raw or b"\xc2" in raw
            or (b"\xe2" in raw and (b"\xe2\x80" in raw or b"\xe2\x81" in raw)))
