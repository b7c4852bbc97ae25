"""vCard content lines, both ways: unfolding and parsing a line into a `Prop` (name,
group, parameters, raw value), backslash escapes, and folding at 75 octets. Shared by the
reader (vcard_read), the writer (vcard_write) and the sync's card patcher."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Prop:
    name: str  # upper case, without the group
    group: str
    params: dict[str, list[str]]  # upper-case keys; bare 2.1 params go under TYPE
    value: str  # raw, still escaped

    @property
    def types(self) -> set[str]:
        return {t.lower() for t in self.params.get("TYPE", ())}


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with their first physical line number. Joins folded lines
    (a leading space or tab) and quoted-printable soft breaks (a trailing '=')."""
    out: list[tuple[int, str]] = []
    qp_open = False
    for n, line in enumerate(_LINE_BREAK.split(text), 1):
        if qp_open and out:
            out[-1] = (out[-1][0], out[-1][1][:-1] + line)
        elif line[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + line[1:])
        elif line.strip():
            out.append((n, line))
        else:
            continue
        last = out[-1][1]
        qp_open = last.endswith("=") and "QUOTED-PRINTABLE" in last.split(":", 1)[0].upper()
    return out


def split_params(head: str) -> list[str]:
    """Split `NAME;A=1;B="x;y"` on semicolons outside double quotes."""
    if '"' not in head:  # most heads: one C split
        return head.split(";")
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


def parse_line(line: str) -> Prop | None:
    """One content line, or None when it has no name and colon."""
    colon = line.find(":")
    if '"' in line[:colon]:  # a quoted parameter may hold a colon: walk the quotes
        quoted, colon = False, -1
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == ":" and not quoted:
                colon = i
                break
    if colon <= 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    if ";" not in head:  # no parameters (most lines)
        group, _, name = head.rpartition(".")
        return Prop(name.strip().upper(), group, {}, value)
    name, *raw_params = split_params(head)
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for p in raw_params:
        key, eq, val = p.partition("=")
        key, vals = (key.strip().upper(), val) if eq else ("TYPE", key)
        params.setdefault(key, []).extend(v.strip().strip('"') for v in vals.split(",") if v)
    return Prop(name.strip().upper(), group, params, value)


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _unescaped(m: re.Match[str]) -> str:
    ch = m.group(1)
    return "\n" if ch in "nN" else ch


def unescape(text: str) -> str:
    """`\\n` and `\\N` a line break, any other escaped character itself; a lone trailing
    backslash kept."""
    if "\\" not in text:  # most values
        return text
    return _ESCAPED.sub(_unescaped, text)


def split_escaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not backslash-escaped; parts stay escaped."""
    if "\\" not in text:  # most values: one C split
        return text.split(sep)
    parts, buf, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
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


_SPECIAL = re.compile(r"[\\\n,;]")


def escape(text: str, structured: bool = False) -> str:
    if _SPECIAL.search(text) is None:  # most values: nothing to escape (one C scan)
        return text
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n").replace(",", "\\,")
    return text.replace(";", "\\;") if structured else text


def fold_line(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    if len(line) <= 75 and (line.isascii() or len(line.encode()) <= 75):  # most lines
        return line
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
