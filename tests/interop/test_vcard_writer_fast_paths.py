"""The vCard writer's fast paths (a value with nothing to escape, a line too short to
fold) write exactly what the full escaping and folding write: exports stay byte for byte
what they were, so a re-export rewrites (and a sync tool uploads) nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.interop.vcard import escape, fold_line


def escape_in_full(text: str, structured: bool = False) -> str:
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n").replace(",", "\\,")
    return text.replace(";", "\\;") if structured else text


def fold_in_full(line: str) -> str:
    out: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode())
        if size + n > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out)


texts = st.text(alphabet=st.sampled_from(list("ab ,;\\\n\r:é€😀")), max_size=90)


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans())
def test_escape_is_the_full_escape(text, structured):
    assert escape(text, structured) == escape_in_full(text, structured)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fold_is_the_full_fold(line):
    assert fold_line(line) == fold_in_full(line)
    assert all(len(part.encode()) <= 75 for part in fold_line(line).split("\r\n"))
