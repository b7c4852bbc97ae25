"""vCard 2.1, 3.0 and 4.0 in; vCard 4.0 out.

The reader is netui's own, not vobject's: it must keep going past any one broken card
(vobject stops at the first), join quoted-printable soft line breaks of vCard 2.1
(Outlook), honour per-property CHARSET, and read 3,000 cards in well under a second.
Every card is read inside its own guard, so one bad card never loses the others."""

from __future__ import annotations

import hashlib
import quopri
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..domain.models import Contact, safe_id
from .common import Draft, Parsed, Problem, decode, is_email, parse_birthday, recode, tags_from
from .vcard_links import read_link

Progress = Callable[[int, int], None]


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


def _logical_lines(text: str) -> list[tuple[int, str]]:
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


def _split_params(head: str) -> list[str]:
    """Split `NAME;A=1;B="x;y"` on semicolons outside double quotes."""
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
    name, *raw_params = _split_params(head)
    group, _, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for p in raw_params:
        key, eq, val = p.partition("=")
        key, vals = (key.strip().upper(), val) if eq else ("TYPE", key)
        params.setdefault(key, []).extend(v.strip().strip('"') for v in vals.split(",") if v)
    return Prop(name.strip().upper(), group, params, value)


def unescape(text: str) -> str:
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


def split_escaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not backslash-escaped; parts stay escaped."""
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


@dataclass(slots=True)
class _Card:
    number: int
    line: int
    props: list[Prop]
    utf8: bool

    def value(self, prop: Prop) -> str:
        """The property's text: quoted-printable decoded, charset applied, still escaped."""
        raw = prop.value
        charsets = prop.params.get("CHARSET")
        charset = charsets[0] if charsets else None
        encoding = {e.upper() for e in prop.params.get("ENCODING", ())}
        if "QUOTED-PRINTABLE" in encoding or "quoted-printable" in prop.types:
            data = quopri.decodestring(raw.encode("latin-1", errors="replace"))
            if charset:
                try:
                    return data.decode(charset, errors="replace")
                except LookupError:
                    pass
            try:  # no (known) charset: UTF-8 when the bytes are UTF-8, else Windows-1252
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return data.decode("cp1252", errors="replace")
        if not self.utf8:
            return recode(raw, charset)
        return raw

    def all(self, name: str) -> Iterator[Prop]:
        return (p for p in self.props if p.name == name)

    def first(self, name: str) -> Prop | None:
        return next(self.all(name), None)


def _cards(text: str, utf8: bool, source: str, parsed: Parsed) -> Iterator[_Card]:
    current: _Card | None = None
    count = 0
    agent_depth = 0  # vCard 2.1 may nest a card (AGENT:) inside another; it is skipped
    for line_no, line in _logical_lines(text):
        upper = line.strip().upper()
        if agent_depth and upper in ("BEGIN:VCARD", "END:VCARD"):
            agent_depth += 1 if upper == "BEGIN:VCARD" else -1
        elif agent_depth:
            continue
        elif upper == "BEGIN:VCARD" and current is not None and current.props and (
                current.props[-1].name == "AGENT" and not current.props[-1].value.strip()):
            agent_depth = 1
        elif upper == "BEGIN:VCARD":
            count += 1
            if current is not None:
                parsed.problems.append(Problem(
                    f"{source} card {current.number} (line {current.line})",
                    "no END:VCARD before the next card; card skipped"))
            current = _Card(count, line_no, [], utf8)
        elif upper == "END:VCARD":
            if current is None:
                parsed.problems.append(Problem(f"{source} line {line_no}",
                                               "END:VCARD without BEGIN:VCARD"))
            else:
                yield current
            current = None
        elif current is not None:
            prop = parse_line(line)
            if prop is not None:
                current.props.append(prop)
    if current is not None:
        parsed.problems.append(Problem(
            f"{source} card {current.number} (line {current.line})",
            "the file ends in the middle of this card (no END:VCARD); card skipped"))
    if count == 0:
        parsed.problems.append(Problem(source, "no vCards found (no BEGIN:VCARD line)"))


def _name(card: _Card, text: Callable[[Prop], str]) -> str:
    if (fn := card.first("FN")) and (name := " ".join(unescape(text(fn)).split())):
        return name
    if n := card.first("N"):
        parts = [unescape(p).strip() for p in split_escaped(text(n), ";")]
        parts += [""] * (5 - len(parts))
        family, given, additional, prefix, suffix = parts[:5]
        if name := " ".join(x for x in (prefix, given, additional, family, suffix) if x):
            return name
    if (org := card.first("ORG")) and (name := unescape(split_escaped(text(org), ";")[0]).strip()):
        return name
    for email in card.all("EMAIL"):
        if address := unescape(text(email)).strip():
            return address
    return ""


def _location(adr: str) -> str:
    parts = [unescape(p).strip() for p in split_escaped(adr, ";")]
    parts += [""] * (7 - len(parts))
    city = [p for p in (parts[3], parts[4], parts[6]) if p]
    return ", ".join(city) or ", ".join(p for p in parts[:3] if p)


def card_to_draft(card: _Card, where: str) -> Draft:
    def text(prop: Prop) -> str:
        return card.value(prop)

    def plain(prop: Prop) -> str:
        return unescape(text(prop)).replace("\r\n", "\n").replace("\r", "\n").strip()

    draft = Draft({}, where)
    f = draft.fields
    f["name"] = _name(card, text)
    emails, phones, links, tags, notes, roles = [], [], [], [], [], []
    for p in card.props:
        name = p.name
        if name == "EMAIL":
            address = _strip_scheme(plain(p), "mailto:")
            if is_email(address):
                emails.append(address)
            elif address:
                draft.warnings.append(f"email {address!r} is not an address; left out")
        elif name == "TEL":
            if number := _strip_scheme(plain(p), "tel:"):
                phones.append(number)
        elif name in ("URL", "X-SOCIALPROFILE"):
            if url := plain(p):
                links.append(url)
        elif name == "CATEGORIES":
            tags += [unescape(t) for t in split_escaped(text(p), ",")]
        elif name == "NOTE":
            if note := plain(p):
                notes.append(note)
        elif name == "NICKNAME" and "nickname" not in f:
            f["nickname"] = unescape(split_escaped(text(p), ",")[0]).strip()
        elif name == "ORG" and "company" not in f:
            f["company"] = unescape(split_escaped(text(p), ";")[0]).strip()
        elif name == "TITLE" or (name == "ROLE" and "title" not in f):
            f["title"] = plain(p)
        elif name == "ADR" and "location" not in f:
            f["location"] = _location(text(p))
        elif name == "UID" and "uid" not in f:
            f["uid"] = plain(p)
        elif name == "BDAY" and "birthday" not in f:
            _birthday(p, plain(p), draft)
        elif name == "X-NETUI-CIRCLE":
            f["circle"] = plain(p)
        elif name == "X-NETUI-CADENCE":
            _int_field(plain(p), "cadence_days", "X-NETUI-CADENCE", draft)
        elif name == "X-NETUI-MET-ON":
            f["met_on"] = plain(p)
        elif name == "X-NETUI-HOW-MET":
            f["how_met"] = plain(p)
        elif name == "X-NETUI-ARCHIVED":
            f["archived"] = plain(p).upper() in ("TRUE", "1", "YES")
        elif name == "X-NETUI-ROLE":
            roles += [unescape(r) for r in split_escaped(text(p), ",")]

        elif name == "N" and "name_parts" not in f:
            parts = split_escaped(text(p), ";")[:5]
            if any(x.strip() for x in parts):
                f["name_parts"] = [x.strip() for x in parts] + [""] * (5 - len(parts))
    if f.get("name_parts") == [escape(x, True) for x in _split_name(f["name"])]:
        del f["name_parts"]  # what netui would write anyway (often netui's own export)
    elif "name_parts" in f:
        f["name_parts_of"] = " ".join(f["name"].split())
    f.update(emails=emails, phones=phones, links=links, tags=tags_from(tags))
    if roles:
        f["roles"] = tags_from(roles)
    if notes:
        f["notes"] = "\n\n".join(notes)
    return draft


def _strip_scheme(value: str, scheme: str) -> str:
    """`MAILTO:a@b`, `mailto:a@b`, `TEL:+1…`: the address without its URI scheme."""
    return value[len(scheme):].strip() if value[:len(scheme)].lower() == scheme else value


def _birthday(prop: Prop, value: str, draft: Draft) -> None:
    # Apple marks a birthday without a year with X-APPLE-OMIT-YEAR and a placeholder year.
    bday = parse_birthday(value)
    if bday is None:
        if value:
            draft.warnings.append(f"birthday {value!r} is not a date netui understands; left out")
        return
    if "X-APPLE-OMIT-YEAR" in prop.params and bday.year is not None:
        bday = type(bday)(bday.month, bday.day)
    draft.fields["birthday"] = str(bday)


def _int_field(value: str, key: str, label: str, draft: Draft) -> None:
    try:
        draft.fields[key] = int(value)
    except ValueError:
        draft.warnings.append(f"{label} {value!r} is not a number; left out")


def parse_vcards(raw: bytes | str, source: str, progress: Progress | None = None) -> Parsed:
    """Every card of a file as a draft; broken cards become problems, never exceptions."""
    text, utf8 = (raw, True) if isinstance(raw, str) else decode(raw)
    parsed = Parsed()
    cards = list(_cards(text, utf8, source, parsed))
    for i, card in enumerate(cards, 1):
        where = f"{source} card {card.number} (line {card.line})"
        try:
            draft = card_to_draft(card, where)
        except Exception as exc:  # one card's surprise must not lose the others
            parsed.problems.append(Problem(where, f"unreadable card ({type(exc).__name__})"))
            continue
        if not draft.fields["name"]:
            parsed.problems.append(Problem(where, "the card has no name, organisation or email"))
        else:
            parsed.drafts.append(draft)
            draft.key = str(draft.fields.get("uid") or "")  # what X-NETUI-LINK names
            for p in card.all("X-NETUI-LINK"):
                parts = [unescape(x) for x in split_escaped(card.value(p), ";")]
                if (rec := read_link(parts, draft, where)) is not None:
                    parsed.records.append(rec)
        if progress and i % 200 == 0:
            progress(i, len(cards))
    return parsed


# -- writing vCard 4.0 ---------------------------------------------------------------

PRODID = "-//netui//netui vCard export//EN"  # also marks the vdir files netui may replace


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


_PREFIXES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "obe", "mbe"}


def _split_name(name: str) -> list[str]:
    """A guessed N (family, given, additional, prefix, suffix) for a name that came with
    none: honorifics and generational suffixes set apart, the last word the family."""
    words = name.split()
    prefix = [w for w in words[:1] if w.lower().rstrip(".") in _PREFIXES and len(words) > 2]
    words = words[len(prefix):]
    suffix: list[str] = []
    while len(words) > 2 and words[-1].lower().rstrip(".,") in _SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return ["", " ".join(words), "", " ".join(prefix), " ".join(suffix)]
    return [words[-1], words[0], " ".join(words[1:-1]), " ".join(prefix), " ".join(suffix)]


def _n_fits(parts: list[str], name: str) -> bool:
    """A kept N still describes the name, though the name changed (a nickname dropped)."""
    from ..domain.matching import name_words

    have = set(name_words(name))
    words = [w for p in parts for w in name_words(unescape(p).replace(",", " "))]
    return bool(words) and all(w in have for w in words)


def n_line(c: Contact) -> str:
    """N as read while it still fits the name, else guessed from the name."""
    if c.name_parts and (c.name_parts_of == c.name or _n_fits(c.name_parts, c.name)):
        return "N:" + ";".join((list(c.name_parts) + [""] * 5)[:5])  # as read, still escaped
    return "N:" + ";".join(escape(p, True) for p in _split_name(c.name))


def to_vcard(c: Contact, extras: Sequence[str] = ()) -> str:
    """One contact as a vCard 4.0 (CRLF, folded); circle and cadence in X-NETUI-*;
    `extras`: more lines, escaped (roles, links: see vcard_links)."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}", f"UID:{escape(c.uid or c.id)}",
             f"FN:{escape(c.name)}", n_line(c)]
    if c.nickname:
        lines.append(f"NICKNAME:{escape(c.nickname)}")
    lines += [f"EMAIL:{escape(e)}" for e in c.emails]
    lines += [f"TEL:{escape(p)}" for p in c.phones]
    if c.company:
        lines.append(f"ORG:{escape(c.company, True)}")
    if c.title:
        lines.append(f"TITLE:{escape(c.title)}")
    if c.location:
        lines.append(f"ADR:;;;{escape(c.location, True)};;;")
    lines += [f"URL:{escape(u)}" for u in c.links]
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
    if c.birthday:
        b = c.birthday
        year = "--" if b.year is None else f"{b.year:04d}"
        lines.append(f"BDAY:{year}{b.month:02d}{b.day:02d}")
    if c.notes:
        lines.append(f"NOTE:{escape(c.notes)}")
    extra = {"X-NETUI-CIRCLE": c.circle, "X-NETUI-CADENCE": c.cadence_days,
             "X-NETUI-MET-ON": c.met_on, "X-NETUI-HOW-MET": c.how_met}
    lines += [f"{k}:{escape(str(v))}" for k, v in extra.items() if v]
    if c.archived:  # kept, not dropped: a sync must not delete the card on the server
        lines.append("X-NETUI-ARCHIVED:TRUE")
    if c.roles:
        lines.append("X-NETUI-ROLE:" + ",".join(escape(r) for r in c.roles))
    lines += extras
    lines.append(f"REV:{c.updated_at.strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    return "\r\n".join(map(fold_line, lines)) + "\r\n"


def dump_vcards(contacts: list[Contact],
                extras: Callable[[Contact], Sequence[str]] | None = None) -> str:
    return "".join(to_vcard(c, extras(c) if extras else ()) for c in contacts)


# vdirsyncer names a file by its UID only when the UID is made of these (SAFE_UID_CHARS
# in its utils.py); any other UID's file keeps the name it has.
_SAFE_UID = re.compile(r"^[A-Za-z0-9_.+-]{1,200}$")


def safe_uid(uid: str) -> bool:
    return bool(_SAFE_UID.match(uid)) and uid not in (".", "..")


def vdir_filename(c: Contact) -> str:
    """A new file's name: the UID when vdirsyncer would name it so, else the netui id."""
    uid = c.uid or c.id
    if safe_uid(uid):
        return f"{uid}.vcf"
    if safe_id(c.id):
        return f"{c.id}.vcf"
    # Never reached for records netui validated (ids are safe tokens); kept so that no
    # id can name a path outside the folder.
    return f"{hashlib.sha256(c.id.encode()).hexdigest()[:16]}.vcf"


def card_uid(raw: bytes) -> str | None:
    """The UID of a vdir file, read cheaply (first UID line, unfolded)."""
    text = raw.decode("utf-8", errors="replace")
    for _n, line in _logical_lines(text):
        prop = parse_line(line)
        if prop is not None and prop.name == "UID":
            return unescape(prop.value).strip() or None
    return None
