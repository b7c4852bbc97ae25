"""Writing netui's changes into a card someone else wrote, changing only the properties
of the fields that changed: every other line (PHOTO, ADR's street, TYPE parameters,
item1.EMAIL with its X-ABLabel, other apps' X-*, VERSION) stays byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain.models import Contact
from ..interop.common import is_email
from ..interop.vcard_names import n_line as netui_n_line
from ..interop.vcard_syntax import Prop, escape, fold_line, parse_line, split_escaped, unescape

_BREAK = re.compile(r"\r\n|\r|\n")
# netui's own single-valued fields and the property each one travels in.
_SINGLE = {"nickname": "NICKNAME", "title": "TITLE", "circle": "X-NETUI-CIRCLE",
           "cadence_days": "X-NETUI-CADENCE", "met_on": "X-NETUI-MET-ON",
           "how_met": "X-NETUI-HOW-MET"}
_MULTI = {"emails": ("EMAIL",), "phones": ("TEL",), "links": ("URL", "X-SOCIALPROFILE")}
_SCHEME = {"EMAIL": "mailto:", "TEL": "tel:"}


@dataclass
class _Block:
    """One content line with its continuation lines, as they are in the file."""

    text: str  # the physical lines, joined by the file's line break
    prop: Prop | None

    @property
    def name(self) -> str:
        return self.prop.name if self.prop else ""


def _blocks(text: str) -> tuple[list[_Block], str]:
    newline = "\r\n" if "\r\n" in text else "\n"
    physical = [line for line in _BREAK.split(text) if line != ""]
    groups: list[list[str]] = []
    for line in physical:
        if line[:1] in (" ", "\t") and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks = []
    for lines in groups:
        logical = lines[0] + "".join(x[1:] for x in lines[1:])
        blocks.append(_Block(newline.join(lines), parse_line(logical)))
    return blocks, newline


def _plain(prop: Prop) -> str:
    value = unescape(prop.value).strip()
    scheme = _SCHEME.get(prop.name, "")
    if scheme and value[:len(scheme)].lower() == scheme:
        value = value[len(scheme):].strip()
    return value


class _Card:
    def __init__(self, text: str) -> None:
        self.blocks, self.newline = _blocks(text)

    def new(self, line: str, group: str = "") -> _Block:
        line = f"{group}.{line}" if group else line
        return _Block(fold_line(line).replace("\r\n", self.newline), parse_line(line))

    def _end(self) -> int:
        for i in range(len(self.blocks) - 1, -1, -1):
            if self.blocks[i].name in ("END", "REV") or self.blocks[i].text.upper() == "END:VCARD":
                continue
            return i + 1
        return len(self.blocks)

    def replace_all(self, names: tuple[str, ...], lines: list[str]) -> None:
        """Every `names` line out; `lines` in where the first one was (else at the end)."""
        at = next((i for i, b in enumerate(self.blocks) if b.name in names), None)
        first = self.blocks[at].prop if at is not None else None
        group = first.group if first is not None else ""
        self.blocks = [b for b in self.blocks if b.name not in names]
        where = min(at, self._end()) if at is not None else self._end()
        self.blocks[where:where] = [self.new(line, group) for line in lines]

    def set_first(self, name: str, line: str | None,
                  edit: Callable[[Prop], str] | None = None) -> None:
        """The first `name` line replaced (its group and parameters kept when `edit`
        rewrites only the value), removed when `line` is None, added when missing."""
        at = next((i for i, b in enumerate(self.blocks) if b.name == name), None)
        if line is None:
            if at is not None:
                del self.blocks[at]
            return
        if at is None:
            self.blocks.insert(self._end(), self.new(line))
            return
        prop = self.blocks[at].prop
        assert prop is not None
        if edit is not None:
            self.blocks[at] = self.new(f"{_head(prop)}:{edit(prop)}")
        else:
            self.blocks[at] = self.new(line, prop.group)

    def set_list(self, names: tuple[str, ...], values: list[str]) -> None:
        """Lines whose value is still wanted stay exactly as they are (TYPE, group and
        label kept); the others go, with their item group's X-AB* labels; new values are
        added after the last such line."""
        wanted = dict.fromkeys(values)
        kept: set[str] = set()
        dropped_groups: set[str] = set()
        out: list[_Block] = []
        last = None
        for b in self.blocks:
            if b.name in names and b.prop is not None:
                value = _plain(b.prop)
                if b.name == "EMAIL" and not is_email(value):
                    out.append(b)  # netui never took it (not an address): not netui's to drop
                    continue
                if value in wanted and value not in kept:
                    kept.add(value)
                    out.append(b)
                    last = len(out)
                else:
                    if b.prop.group:
                        dropped_groups.add(b.prop.group.lower())
                    last = len(out)
                continue
            out.append(b)
        out = [b for b in out if not (b.prop and b.prop.group.lower() in dropped_groups
                                      and b.name.startswith("X-AB"))]
        self.blocks = out
        where = min(last, self._end()) if last is not None else self._end()
        added = [self.new(f"{names[0]}:{escape(v)}") for v in values if v not in kept]
        self.blocks[where:where] = added

    def text(self) -> str:
        return "".join(b.text + self.newline for b in self.blocks)


def _head(prop: Prop) -> str:
    """A property's name with its group and parameters, re-joined."""
    params = "".join(
        f";{k}={','.join(vs)}" if k != "TYPE" or vs else f";{k}"
        for k, vs in prop.params.items()
    )
    return f"{prop.group + '.' if prop.group else ''}{prop.name}{params}"


def _org(company: str) -> Callable[[Prop], str]:
    def edit(prop: Prop) -> str:
        parts = split_escaped(prop.value, ";")
        return ";".join([escape(company, True), *parts[1:]])
    return edit


def _adr(location: str) -> Callable[[Prop], str]:
    def edit(prop: Prop) -> str:
        parts = split_escaped(prop.value, ";") + [""] * 7
        parts[3], parts[4], parts[6] = escape(location, True), "", ""
        return ";".join(parts[:7])
    return edit


def _bday(value: str) -> str:
    if value.startswith("--"):
        return "BDAY:--" + value[2:].replace("-", "")
    return "BDAY:" + value.replace("-", "")


def patch_card(text: str, c: Contact, changed: set[str]) -> str:
    """The card `text` with netui's values of the `changed` fields written in."""
    card = _Card(text)
    doc: dict[str, Any] = c.to_doc()
    for key in sorted(changed):
        value = doc.get(key)
        if key == "name":
            card.set_first("FN", f"FN:{escape(c.name)}")
            card.set_first("N", netui_n_line(c))
        elif key in _SINGLE:
            name = _SINGLE[key]
            card.set_first(name, f"{name}:{escape(str(value))}" if value else None)
        elif key in _MULTI:
            card.set_list(_MULTI[key], list(value or []))
        elif key == "tags":
            tags = ",".join(escape(t) for t in value or [])
            card.replace_all(("CATEGORIES",), [f"CATEGORIES:{tags}"] if tags else [])
        elif key == "notes":
            card.replace_all(("NOTE",), [f"NOTE:{escape(value)}"] if value else [])
        elif key == "company":
            card.set_first("ORG", f"ORG:{escape(value, True)}" if value else None,
                           _org(value) if value else None)
        elif key == "location":
            card.set_first("ADR", f"ADR:;;;{escape(value, True)};;;" if value else None,
                           _adr(value) if value else None)
        elif key == "birthday":
            card.set_first("BDAY", _bday(value) if value else None)
        elif key == "archived":
            card.set_first("X-NETUI-ARCHIVED", "X-NETUI-ARCHIVED:TRUE" if value else None)
    if changed:
        card.set_first("REV", f"REV:{c.updated_at.strftime('%Y%m%dT%H%M%SZ')}")
    return card.text()
