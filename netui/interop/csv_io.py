"""Contacts CSV in (LinkedIn Connections.csv, Google Contacts in its current and older
column layouts, Outlook, netui's own) and netui's CSV out.

All layouts go through one reader keyed by header names, because the exporters share
most columns under different names; each name below says which exporter uses it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator

from ..domain.models import Contact
from .common import (
    Draft,
    Parsed,
    Problem,
    decode,
    is_email,
    parse_birthday,
    parse_day,
    slashed_order,
    tags_from,
)

Progress = Callable[[int, int], None]

NETUI_COLUMNS = ["name", "nickname", "emails", "phones", "company", "title", "location",
                 "tags", "links", "birthday", "met_on", "how_met", "circle", "cadence_days",
                 "notes", "uid", "archived", "roles"]
MULTI = " ::: "  # Google's separator for several values in one cell; netui uses it too


def layout_of(header: Iterable[str]) -> str | None:
    """Which exporter wrote this header row, or None when it is not a contacts header."""
    keys = {h.strip().lower() for h in header}
    if {"name", "cadence_days", "emails"} <= keys:
        return "netui"
    if {"first name", "last name", "connected on"} <= keys:
        return "linkedin"
    if {"given name", "family name"} <= keys or "group membership" in keys:
        return "google-legacy"
    if {"primary email", "display name"} <= keys:
        return "thunderbird"
    if "e-mail 1 - value" in keys or "organization name" in keys or "labels" in keys:
        return "google"
    if {"first name", "last name"} <= keys and ("e-mail address" in keys or "job title" in keys
                                                or "business phone" in keys):
        return "outlook"
    return None


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(":::") if v.strip()]


class _Row:
    def __init__(self, cells: dict[str, str], layout: str) -> None:
        self.cells = cells
        self.layout = layout

    def get(self, *keys: str) -> str:
        for k in keys:
            if v := self.cells.get(k, "").strip():
                return v
        return ""

    def matching(self, pattern: str, exclude: str = r"$^") -> list[str]:
        rx, ex = re.compile(pattern), re.compile(exclude)
        out = []
        for k, v in self.cells.items():
            if v and rx.search(k) and not ex.search(k):
                out += _split(v)
        return out


def _name(row: _Row) -> str:
    if name := row.get("name", "full name", "display name"):
        return name
    parts = [row.get("first name", "given name"), row.get("middle name", "additional name"),
             row.get("last name", "family name"), row.get("suffix", "name suffix")]
    return " ".join(p for p in parts if p)


def _location(row: _Row) -> str:
    if loc := row.get("location"):
        return loc
    for prefix in ("address 1 - ", "home ", "business ", "other "):
        parts = [row.get(prefix + k) for k in ("city", "region", "state", "country",
                                                "country/region")]
        if found := ", ".join(p for p in parts if p):
            return found
    return row.get("address 1 - formatted").replace("\n", ", ")


def row_to_draft(row: _Row, where: str, date_order: str = "mdy") -> Draft:
    draft = Draft({}, where)
    f = draft.fields
    netui = row.layout == "netui"
    emails = row.matching(r"^e-?mail( \d+)?( address| - value)?$|^emails$"
                          r"|^(primary|secondary) email$")
    f["emails"] = [e for e in emails if is_email(e)]
    draft.warnings += [f"email {e!r} is not an address; left out" for e in emails if not is_email(e)]
    f["phones"] = row.matching(r"phone|^mobile number$",
                               r"type$|label$|phonetic|assistant|fax|pager|callback")
    f["links"] = row.matching(r"^url$|^website \d+ - value$|web page( \d)?$|^links$")
    labels = row.matching(r"^labels$|^group membership$|^tags$")
    labels += re.split(r"[;,]", row.get("categories"))
    f["tags"] = tags_from(labels)
    f["name"] = _name(row) or row.get("nickname", "company", "organization name",
                                      "organization") or (
        f["emails"][0] if f["emails"] else "")
    f["nickname"] = row.get("nickname")
    f["company"] = row.get("company", "organization name", "organization 1 - name",
                           "organization")
    title_keys = ("title",) if netui else ()
    f["title"] = row.get(*title_keys, "position", "job title", "organization title",
                         "organization 1 - title")
    f["location"] = _location(row)
    f["notes"] = row.get("notes")
    if bday := row.get("birthday") or _birth_parts(row):
        _birthday(bday, draft, date_order)
    if met := row.get("connected on", "met_on"):
        if day := parse_day(met):
            f["met_on"] = day.isoformat()
        else:
            draft.warnings.append(f"date {met!r} is not a date netui understands; left out")
    if row.layout == "linkedin":
        f["how_met"] = "LinkedIn"
    if netui:
        for key in ("how_met", "circle", "uid"):
            f[key] = row.get(key)
        if row.get("archived").lower() in ("true", "yes", "1"):
            f["archived"] = True
        if roles := row.matching(r"^roles$"):
            f["roles"] = tags_from(roles)
        if cadence := row.get("cadence_days"):
            if cadence.isdigit():
                f["cadence_days"] = int(cadence)
            else:
                draft.warnings.append(f"cadence_days {cadence!r} is not a number; left out")
    return draft


def _birth_parts(row: _Row) -> str:
    """Thunderbird's Birth Year / Month / Day columns as one ISO (or no-year) date."""
    month, day = row.get("birth month"), row.get("birth day")
    if not (month.isdigit() and day.isdigit()):
        return ""
    year = row.get("birth year")
    return f"{year}-{int(month):02d}-{int(day):02d}" if year.isdigit() else (
        f"--{int(month):02d}-{int(day):02d}")


def _birthday(text: str, draft: Draft, date_order: str = "mdy") -> None:
    if not text.strip("0/-. "):
        return  # Outlook writes 0/0/00 for "no birthday"
    bday = parse_birthday(text, date_order)
    if bday is None:
        draft.warnings.append(f"birthday {text!r} is not a date netui understands; left out")
    else:
        draft.fields["birthday"] = str(bday)


def _unguard(cell: str) -> str:
    """Undo the quote our export puts before cells a spreadsheet would run as formulas."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _find_header(text: str) -> tuple[str, int, list[str], str] | None:
    """(delimiter, header line, header cells, layout), looking past notes before the header
    (LinkedIn writes a few lines of notes first)."""
    for delimiter in (",", ";", "\t"):
        try:
            for n, (line, row) in enumerate(_rows(text, delimiter)):
                if n > 30:
                    break
                if layout := layout_of(row):
                    return delimiter, line, row, layout
        except csv.Error:
            continue
    return None


def _decode(raw: bytes, source: str, parsed: Parsed) -> str | None:
    """The file's text: UTF-8 (or a BOM's), else the code page charset-normalizer finds,
    preferring Windows-1252 (Outlook's Western default) where it reads as well. None,
    with the reason, when no code page reads it."""
    text, utf8 = decode(raw)
    if utf8:
        return text
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        parsed.problems.append(Problem(source, "its text encoding cannot be told (not UTF-8, "
                                               "and no code page reads it); save it as UTF-8 "
                                               "and import it again"))
        return None
    best = min(matches, key=lambda m: (m.chaos, m.encoding != "cp1252"))
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos),
                   None)
    chosen = western or best
    parsed.notes.append(Problem(source, f"not UTF-8; read as {chosen.encoding}"))
    return str(chosen)


def _date_order(rows: list[tuple[int, list[str]]], keys: list[str], fallback: str,
                source: str, parsed: Parsed) -> str:
    """Slashed dates of this file: day or month first, decided by its own values."""
    if "birthday" not in keys:
        return fallback
    col = keys.index("birthday")
    values = [r[col] for _, r in rows if len(r) > col and "/" in r[col] and r[col].strip("0/ ")]
    if not values:
        return fallback
    order = slashed_order(values)
    if order is None:
        first = "day" if fallback == "dmy" else "month"
        parsed.notes.append(Problem(source, f"dates such as {values[0]} could be day or month "
                                            f"first; read {first} first (set date_order = "
                                            '"dmy" or "mdy" in the config to choose)'))
        return fallback
    return order


def parse_csv(raw: bytes | str, source: str, progress: Progress | None = None,
              date_order: str = "mdy") -> Parsed:
    """Every row as a draft; broken rows become problems, never exceptions. Slashed dates
    follow the file's own values, else `date_order` ("dmy" or "mdy")."""
    parsed = Parsed()
    text = raw if isinstance(raw, str) else _decode(raw, source, parsed)
    if text is None:
        return parsed
    text = text.replace("\0", "")
    found = _find_header(text)
    if found is None:
        parsed.problems.append(Problem(source, "no contacts header row found (not a LinkedIn, "
                                               "Google, Outlook, Thunderbird or netui CSV)"))
        return parsed
    delimiter, header_line, header, layout = found
    keys = [h.strip().lower() for h in header]
    rows: list[tuple[int, list[str]]] = []
    try:
        for line, row in _rows(text, delimiter):
            if line > header_line and any(c.strip() for c in row):
                rows.append((line, row))
    except csv.Error as exc:
        line = rows[-1][0] + 1 if rows else header_line + 1
        parsed.problems.append(Problem(f"{source} line {line}",
                                       f"unreadable CSV ({exc}); the rest of the file was not read"))
    order = _date_order(rows, keys, date_order or "mdy", source, parsed)
    cut_off = not text.endswith(("\n", "\r"))
    for i, (line, row) in enumerate(rows, 1):
        where = f"{source} line {line}"
        while len(row) > len(keys) and not row[-1].strip():
            row = row[:-1]  # Thunderbird ends rows with an extra empty cell
        if len(row) > len(keys) or (len(row) < len(keys) and cut_off and i == len(rows)):
            reason = "the file ends in the middle of this row" if len(row) < len(keys) else (
                f"{len(row)} cells where the header has {len(keys)}")
            parsed.problems.append(Problem(where, f"{reason}; row skipped"))
            continue
        cells = dict(zip(keys, (_unguard(c) if layout == "netui" else c for c in row),
                         strict=False))
        try:
            draft = row_to_draft(_Row(cells, layout), where, order)
        except Exception as exc:  # one row's surprise must not lose the others
            parsed.problems.append(Problem(where, f"unreadable row ({type(exc).__name__})"))
            continue
        if draft.fields["name"]:
            parsed.drafts.append(draft)
        else:
            parsed.problems.append(Problem(where, "the row has no name, company or email"))
        if progress and i % 200 == 0:
            progress(i, len(rows))
    return parsed


# -- writing ---------------------------------------------------------------------------------


def _guard(cell: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a quote keeps them text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def contacts_csv(contacts: Iterable[Contact]) -> bytes:
    """netui's columns, several values joined by ' ::: ', UTF-8 with a BOM for Excel."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(NETUI_COLUMNS)
    for c in contacts:
        values = {
            "emails": MULTI.join(c.emails), "phones": MULTI.join(c.phones),
            "tags": MULTI.join(c.tags), "links": MULTI.join(c.links),
            "birthday": str(c.birthday) if c.birthday else "",
            "met_on": c.met_on.isoformat() if c.met_on else "",
            "cadence_days": str(c.cadence_days or ""), "uid": c.uid or c.id,
            "archived": "TRUE" if c.archived else "", "roles": MULTI.join(c.roles),
        }
        row = [values[k] if k in values else (getattr(c, k) or "") for k in NETUI_COLUMNS]
        writer.writerow([_guard(str(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")
