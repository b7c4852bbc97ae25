"""The vCard reader's fast paths (a line without double quotes, a value without
backslashes, a property without parameters) read exactly what the full character-by-
character reading reads: the import of a file is the same person by person, only quicker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.interop.vcard_read import parse_vcards
from netui.interop.vcard_syntax import Prop, parse_line, split_escaped, split_params, unescape


def split_params_in_full(head: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_line_in_full(line: str) -> Prop | None:
    quoted, colon = False, -1
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            colon = i
            break
    if colon <= 0:
        return None
    head, value = line[:colon], line[colon + 1:]
    name, *raw_params = split_params_in_full(head)
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for p in raw_params:
        key, eq, val = p.partition("=")
        key, vals = (key.strip().upper(), val) if eq else ("TYPE", key)
        params.setdefault(key, []).extend(v.strip().strip('"') for v in vals.split(",") if v)
    return Prop(name.strip().upper(), group, params, value)


def unescape_in_full(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_escaped_in_full(text: str, sep: str) -> list[str]:
    parts, buf, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
            continue
        if text[i] == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(text[i])
        i += 1
    parts.append("".join(buf))
    return parts


# What content lines are made of, the syntax characters many times over.
chars = st.sampled_from([*'ab.;:,="\\nN \t\r\n=é😀', "TYPE", "ENCODING", "CHARSET"])
texts = st.lists(chars, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_parse_line_is_the_full_parse(line):
    assert parse_line(line) == parse_line_in_full(line)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_split_params_is_the_full_split(head):
    assert split_params(head) == split_params_in_full(head)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_unescape_is_the_full_unescape(text):
    assert unescape(text) == unescape_in_full(text)


@settings(max_examples=600, deadline=None)
@given(texts, st.sampled_from([";", ","]))
def test_split_escaped_is_the_full_split(text, sep):
    assert split_escaped(text, sep) == split_escaped_in_full(text, sep)


def test_a_parameterless_property_of_a_latin1_file_is_still_recoded():
    # No CHARSET, no ENCODING: a file that is not UTF-8 is read as Windows-1252.
    raw = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xe9e \x80\r\nEND:VCARD\r\n".encode("latin-1")
    assert parse_vcards(raw, "old.vcf").drafts[0].fields["name"] == "Renée €"


def test_a_quoted_printable_type_without_encoding_is_still_decoded():
    raw = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e\r\n"
           b"END:VCARD\r\n")
    assert parse_vcards(raw, "qp.vcf").drafts[0].fields["name"] == "Renée"
