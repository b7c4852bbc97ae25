"""The quick-add grammar, one line shared by `netui note` and the TUI's quick-add.

    @Priya @Tom coffee at Blue Bottle, talked climate intros #climate yesterday +2w
    gave @Priya intro to @Sam at Acme size:2

- `@Name` mentions a contact: first name, surname, nickname, or the longest known full
  name that follows the `@` (`@Priya Raman`); `@"Priya R"` quotes a name with spaces.
  Accent- and case-insensitive. Two people matching is an error naming both, never a guess;
  an unknown name is an error naming the nearest people unless creation is allowed.
- `#tag` tags the interaction.
- One date phrase: today, yesterday, 3d ago, 3 days ago, a week ago, last fri, friday,
  fri, on sat, 2 nov, Nov 28th, 28/11 (the config's date order), 2026-11-02; an "on"
  before it goes with it. Dates after today are refused: quick-add logs what happened.
- `+2w` / `+10d` / `+1m` schedules a follow-up check-in that long after today.
- A kind word as the first word of the text (after any @mentions) or right after a date
  word sets the kind (it stays in the text): call/called/phoned/zoom -> call;
  coffee/lunch/dinner/breakfast/drinks/meeting/met -> meeting; email/emailed -> email;
  message/messaged/text/texted/dm/sms/whatsapp -> message; event/conference/meetup/party
  -> event; note -> note (a note about someone does not count as being in touch).
  Without a kind word the line is a meeting.
- A line starting with `gave`, `got` or `asked` logs a favour with one person, or an
  introduction with more (`gave @A intro to @B`: one favour per person introduced);
  `!1`..`!3`, `size:1`..`size:3` or `++`/`+++` sets its size (default 1). Favours take no follow-up.

`parse` is pure and never raises: every problem is a one-line message in `errors`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import Any

from pydantic import ValidationError

from ..errors import Invalid, one_line
from . import dates, intros
from .models import Contact, Direction, Favour, Interaction, Kind
from .names import Named, NameKeys, best_tier, fold, query_key

KIND_WORDS: dict[str, Kind] = {
    **dict.fromkeys(("call", "called", "phoned", "zoom"), Kind.call),
    **dict.fromkeys(("coffee", "lunch", "dinner", "breakfast", "drinks", "meeting", "met"),
                    Kind.meeting),
    **dict.fromkeys(("email", "emailed", "e-mail"), Kind.email),
    **dict.fromkeys(("message", "messaged", "text", "texted", "dm", "sms", "whatsapp"),
                    Kind.message),
    **dict.fromkeys(("event", "conference", "meetup", "party"), Kind.event),
    "note": Kind.note,
}
VERBS: dict[str, Direction] = {"gave": Direction.gave, "got": Direction.received,
                               "asked": Direction.asked}
MAX_NAME_WORDS = 5

_WORD = re.compile(r"[^\W_][\w'’\-]*")
_TAG = re.compile(r"#([^\W\d_][\w\-]*)")
_FOLLOWUP = re.compile(r"\+(\d{1,4})([dwmy])")
_SIZE = re.compile(r"!(\d+)|size:(\d+)|\+\+\+?", re.IGNORECASE)
_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_AGO_AMOUNT = re.compile(r"\d{1,4}(?:d|w|m|mo|y)")
_AGO_UNIT = re.compile(r"(?:d|w|m|mo|y|h|days?|weeks?|months?|years?|hours?)")
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{2}|\d{4}))?")
# Short weekday names alone; "sat" and "sun" are words too, so they need "on" or "last".
_SHORT_WEEKDAYS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"}
_TRAILING = ".,;:!?)"
_FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_ONE_WORD_DATES = {"today", "yesterday", "tomorrow"}
_NOT_NAMES = _FULL_WEEKDAYS | _ONE_WORD_DATES | {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


# -- who is who ------------------------------------------------------------------------


class Directory:
    """The people a line may mention, with their folded names computed once (the TUI
    re-parses on every key press). Matching is `names.best_tier`; close spellings are
    only ever suggestions, never a match."""

    def __init__(self, people: Iterable[Named]) -> None:
        self.entries: list[NameKeys] = []
        self.phrases: set[str] = set()  # multi-word names (and their word prefixes)
        for p in people:
            keys = NameKeys.of(p)
            self.entries.append(keys)
            for known in (keys.full, keys.nick):
                parts = known.split()
                for k in range(2, len(parts) + 1):
                    self.phrases.add(" ".join(parts[:k]))

    def match(self, query: str) -> list[Any]:
        q = query_key(query)
        return best_tier(q, self.entries) if q else []

    def nearest(self, query: str, limit: int = 3) -> list[Any]:
        """Close spellings, best first (suggestions for an unknown name)."""
        q = query_key(query)
        if len(q) < 2 or not self.entries:
            return []
        from rapidfuzz import fuzz, process

        hits = process.extract(q, [e.full for e in self.entries], scorer=fuzz.WRatio,
                               limit=limit, score_cutoff=60)
        return [self.entries[i].person for _, _, i in hits]

    def complete(self, prefix: str, limit: int = 8) -> list[Any]:
        """People to offer while typing `@prefix`: name starts, then word starts, then
        anywhere in the name, then close spellings."""
        q = query_key(prefix)
        if not q:
            return [e.person for e in self.entries[:limit]]
        ranked: list[tuple[int, str, Any]] = []
        for e in self.entries:
            if e.full.startswith(q) or e.nick.startswith(q):
                ranked.append((0, e.full, e.person))
            elif any(w.startswith(q) for w in e.words):
                ranked.append((1, e.full, e.person))
            elif q in e.full:
                ranked.append((2, e.full, e.person))
        ranked.sort(key=lambda r: (r[0], r[1]))
        out = [p for _, _, p in ranked[:limit]]
        if len(out) < limit:
            seen = {id(p) for p in out}
            out += [p for p in self.nearest(q, limit) if id(p) not in seen][: limit - len(out)]
        return out

    def has_phrase(self, words: Sequence[str]) -> bool:
        return " ".join(fold(w) for w in words) in self.phrases


# -- parse result ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # span in the text, from the @ to the end of the name (quotes included)
    end: int
    query: str  # the name as typed, without @ and quotes
    matches: tuple[Any, ...]  # one person: resolved; several: ambiguous; none: unknown
    suggestions: tuple[Any, ...] = ()

    @property
    def person(self) -> Any | None:
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.matches) > 1

    @property
    def unknown(self) -> bool:
        return not self.matches


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Parsed:
    text: str
    today: date
    mentions: tuple[Mention, ...]
    tags: tuple[Span, ...]  # text is the tag as written, without '#'
    date_spans: tuple[Span, ...]
    followups: tuple[Span, ...]
    day: date
    kind: Kind
    direction: Direction | None
    size: int
    followup: date | None
    followup_words: str  # "2 weeks"
    body: str
    errors: tuple[str, ...]
    create: bool
    preview: str = ""
    intro: bool = False  # a favour naming the people introduced (gave @A intro to @B)

    @property
    def ok(self) -> bool:
        return not self.errors


    @property
    def unknown(self) -> list[Mention]:
        return [m for m in self.mentions if m.unknown]

    @property
    def ambiguous(self) -> list[Mention]:
        return [m for m in self.mentions if m.ambiguous]

    @property
    def people(self) -> list[Any]:
        """Resolved people, each once, in the order mentioned."""
        out: dict[str, Any] = {}
        for m in self.mentions:
            if m.person is not None:
                out.setdefault(m.person.id, m.person)
        return list(out.values())

    @property
    def tag_names(self) -> list[str]:
        return [t.text.lower() for t in self.tags]


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    kind: str  # word, mention, tag, followup, size, verb, date, junk
    value: Any = None
    tail: str = ""  # punctuation after a word, kept as text


# -- scanning --------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace-separated tokens; `@"..."` stays one token even with spaces inside."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        if text.startswith('@"', i):
            close = text.find('"', i + 2)
            i = n if close < 0 else close + 1
            while i < n and not text[i].isspace():
                i += 1
        else:
            while i < n and not text[i].isspace():
                i += 1
        out.append((start, i))
    return out


def _new_name_words(text: str, words: list[tuple[int, int]]) -> int:
    """How many words an unknown `@Name` takes: the capitalised words that follow it
    (`@Nadia Petrova coffee` is the new person "Nadia Petrova"), not a weekday or month."""
    k = 1
    while k < len(words):
        word = text[words[k][0]:words[k][1]]
        if not word[:1].isupper() or fold(word) in _NOT_NAMES:
            break
        k += 1
    return k


def _only_spaces(text: str, a: int, b: int) -> bool:
    return a < b and text[a:b].strip(" ") == ""


def _scan(text: str, directory: Directory, errors: list[str]) -> list[_Piece]:
    toks = _tokens(text)
    pieces: list[_Piece] = []
    i = 0
    while i < len(toks):
        start, end = toks[i]
        tok = text[start:end]
        if tok.startswith('@"'):
            close = text.find('"', start + 2, end)
            if close < 0:
                errors.append(f'mention: {tok} has no closing quote')
                pieces.append(_Piece(start, end, "junk"))
            else:
                pieces.append(_Piece(start, close + 1, "mention", text[start + 2:close].strip()))
                if close + 1 < end:
                    pieces.append(_Piece(close + 1, end, "junk"))
            i += 1
            continue
        if tok.startswith("@") and (m := _WORD.match(tok, 1)):
            words = [(start + 1, start + m.end())]
            j = i
            # Gather following words a multi-word name could take (spaces only between).
            if m.end() == len(tok):
                while j + 1 < len(toks) and len(words) < MAX_NAME_WORDS:
                    ns, ne = toks[j + 1]
                    if not _only_spaces(text, toks[j][1], ns):
                        break
                    wm = _WORD.match(text, ns)
                    if not wm or wm.start() != ns:
                        break
                    words.append((ns, wm.end()))
                    j += 1
                    if wm.end() != ne:
                        break
            k = len(words)
            while k > 1 and not directory.has_phrase([text[a:b] for a, b in words[:k]]):
                k -= 1
            if k == 1 and not directory.match(text[words[0][0]:words[0][1]]):
                k = _new_name_words(text, words)
            name_end = words[k - 1][1]
            query = " ".join(text[a:b] for a, b in words[:k])
            pieces.append(_Piece(start, name_end, "mention", query))
            last_tok = i + k - 1
            if name_end < toks[last_tok][1]:
                pieces.append(_Piece(name_end, toks[last_tok][1], "junk"))
            i = last_tok + 1
            continue
        if m := _TAG.match(tok):
            pieces.append(_Piece(start, start + m.end(), "tag", m[1]))
            if m.end() < len(tok):
                pieces.append(_Piece(start + m.end(), end, "junk"))
        elif _FOLLOWUP.fullmatch(tok):
            pieces.append(_Piece(start, end, "followup", tok))
        elif _SIZE.fullmatch(tok):
            pieces.append(_Piece(start, end, "size", tok))
        elif not pieces and tok.lower() in VERBS:
            pieces.append(_Piece(start, end, "verb", VERBS[tok.lower()]))
        else:
            core = tok.rstrip(_TRAILING)
            if core:
                pieces.append(_Piece(start, start + len(core), "word", core, tok[len(core):]))
            else:
                pieces.append(_Piece(start, end, "junk"))
        i += 1
    return pieces


def _date_phrase(words: list[str]) -> bool:
    """Date phrases quick-add recognises: strict, so ordinary words ("sat", "now") stay text."""
    w = [x.lower() for x in words]
    if len(w) == 1:
        x = w[0]
        return (x in _ONE_WORD_DATES or x in _FULL_WEEKDAYS or x in _SHORT_WEEKDAYS
                or bool(_ISO.fullmatch(x)) or bool(_NUMERIC_DATE.fullmatch(x)))
    if len(w) == 3:
        a, b, c = w
        if c == "ago" and (a.isdigit() or a in ("a", "an")) and _AGO_UNIT.fullmatch(b):
            return True
        return _ORDINAL.fullmatch(a) is not None and b == "of" and c in dates.MONTHS
    a, b = w
    if a in ("last", "next") and b in dates.WEEKDAYS:
        return True
    if b == "ago" and _AGO_AMOUNT.fullmatch(a):
        return True
    if _ORDINAL.fullmatch(a) and b in dates.MONTHS:
        return True
    return bool(_ORDINAL.fullmatch(b)) and a in dates.MONTHS


def _is_date_word(p: _Piece) -> bool:
    return p.kind == "word" and _date_phrase([p.value])


def _run(text: str, pieces: list[_Piece], i: int, n: int) -> list[str] | None:
    """The values of the `n` plain words from `i` when only spaces join them."""
    run = pieces[i:i + n]
    if len(run) < n or any(q.kind != "word" for q in run):
        return None
    if any(q.tail or not _only_spaces(text, q.end, r.start) for q, r in pairwise(run)):
        return None
    return [q.value for q in run]


def _find_dates(text: str, pieces: list[_Piece]) -> None:
    """Mark date phrases among adjacent plain words (longest phrases first). An "on"
    just before one is part of it ("lunch on monday"), and "on sat" is a date where a
    lone "sat" is a word."""
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if p.kind != "word":
            i += 1
            continue
        for n in (3, 2, 1):
            words = _run(text, pieces, i, n)
            if words is not None and _date_phrase(words):
                break
            if (n == 2 and words is not None and words[0].lower() == "on"
                    and words[1].lower() in dates.WEEKDAYS):
                words = words[1:]
                break
        else:
            i += 1
            continue
        start, last = p, pieces[i + n - 1]
        if (i > 0 and n == len(words) and pieces[i - 1].kind == "word" and not
                pieces[i - 1].tail and pieces[i - 1].value.lower() == "on"
                and _only_spaces(text, pieces[i - 1].end, p.start)):
            i, n, start = i - 1, n + 1, pieces[i - 1]
        phrase = text[start.start:last.end]
        pieces[i:i + n] = [_Piece(start.start, last.end, "date", phrase, last.tail)]
        i += 1


# -- the parser -------------------------------------------------------------------------


def parse(
    text: str,
    today: date,
    people: Directory | Iterable[Named],
    *,
    create: bool = False,
    date_order: str = "dmy",
    who: Any | None = None,
    default_kind: Kind = Kind.meeting,
) -> Parsed:
    """Read one quick-add line. Never raises: problems are listed in `errors`.

    `who` is a person the line is about without naming them (the review's card: "gave"
    + "an intro to @Sam" is a favour with them); `default_kind` is the kind when no kind
    word leads the text."""
    directory = people if isinstance(people, Directory) else Directory(people)
    errors: list[str] = []
    pieces = _scan(text, directory, errors)
    _find_dates(text, pieces)

    direction = next((p.value for p in pieces if p.kind == "verb"), None)
    mentions = []
    for p in pieces:
        if p.kind != "mention":
            continue
        matches = tuple(directory.match(p.value)) if p.value else ()
        suggestions = tuple(directory.nearest(p.value)) if not matches and p.value else ()
        mentions.append(Mention(p.start, p.end, p.value, matches, suggestions))
        if not p.value:
            errors.append('mention: @"" has no name')
        elif len(matches) > 1:
            names = sorted(describe_person(c) for c in matches)
            more = f" and {len(names) - 5} more" if len(names) > 5 else ""
            errors.append(f"@{p.value} is ambiguous: {', '.join(names[:5])}{more}")
        elif not matches and not create:
            near = ", ".join(c.name for c in suggestions)
            hint = f" (nearest: {near})" if near else ""
            errors.append(f"@{p.value}: no such contact{hint}")

    if who is not None:  # before any mention in the text: the favour's person
        mentions.insert(0, Mention(-1, -1, who.name, (who,), ()))  # not in the text

    tags = tuple(Span(p.start, p.end, p.value) for p in pieces if p.kind == "tag")
    date_spans = tuple(Span(p.start, p.end, p.value) for p in pieces if p.kind == "date")
    followups = tuple(Span(p.start, p.end, p.value) for p in pieces if p.kind == "followup")

    day = today
    if len(date_spans) > 1:
        errors.append("date: more than one date (" + ", ".join(s.text for s in date_spans) + ")")
    elif date_spans:
        try:
            day = dates.parse_date(_date_words(date_spans[0].text), today, date_order)
        except ValueError as exc:
            errors.append(f"date: {exc}")
        else:
            if day > today:
                errors.append(f"date: {date_spans[0].text} is in the future; "
                              "quick-add logs what happened (use +2w for a follow-up)")
                day = today

    followup, followup_words = None, ""
    if len(followups) > 1:
        errors.append("follow-up: more than one (" + ", ".join(s.text for s in followups) + ")")
    elif followups:
        try:
            amount, unit = dates.parse_duration(followups[0].text)
            followup = dates.shift(today, amount, unit)
            followup_words = dates.describe_duration(amount, unit)
        except ValueError as exc:
            errors.append(f"follow-up: {exc}")

    size = 1
    for p in pieces:
        if p.kind != "size":
            continue
        if direction is None:
            errors.append(f"size: {p.value} only goes with gave, got or asked")
        elif (n := _size_of(p.value)) is None:
            errors.append(f"size: {p.value} is not !1, !2 or !3 (or size:1, size:2 or size:3, ++)")
        else:
            size = n

    kind = _kind_of(pieces) or default_kind

    who = {m.person.id if m.person is not None else fold(m.query) for m in mentions}
    intro = (direction is not None and len(who) > 1
             and intros.is_intro(p.value for p in pieces if p.kind == "word"))
    if not mentions:
        errors.append("who: mention someone with @Name")
    elif direction is not None and len(who) > 1 and not intro:
        errors.append(f"a favour is with one person: found {len(who)} (@"
                      + ", @".join(m.query for m in mentions) + ")")
    if direction is not None and followups:
        errors.append("follow-up: +N goes with meetings; log a favour without it")

    shown = {m.start: m.person.name for m in mentions if m.person is not None}
    body = _body(text, pieces, direction is None, shown)
    if direction is not None and not body.strip() and mentions:
        verb = {"received": "got"}.get(direction, direction)
        errors.append(f"what: say what the favour was (e.g. {verb} @{mentions[0].query} "
                      "intro to Sam)")
    result = Parsed(
        text=text, today=today, mentions=tuple(mentions), tags=tags, date_spans=date_spans,
        followups=followups, day=day, kind=kind, direction=direction, size=size,
        followup=followup, followup_words=followup_words, body=body, errors=tuple(errors),
        create=create, intro=intro,
    )
    return _with_preview(result)


def _date_words(phrase: str) -> str:
    """The date itself, without the "on" of "on monday"."""
    words = phrase.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "on" else phrase


def _size_of(token: str) -> int | None:
    """!2, size:2 or ++ -> 2; None for a size outside 1..3."""
    if token.startswith("+"):
        return len(token)
    digits = token[1:] if token.startswith("!") else token[5:]
    return int(digits) if digits in ("1", "2", "3") else None


def _kind_of(pieces: list[_Piece]) -> Kind | None:
    """A kind word counts as the first word of the text, or right after a date word:
    "call about the grant", "yesterday call…"; not "discussed my note over coffee"."""
    first = True
    after_date = False
    for p in pieces:
        if p.kind == "word":
            if (first or after_date) and (k := KIND_WORDS.get(p.value.lower())):
                return k
            first = after_date = False
        elif p.kind == "date":
            after_date = True
        elif p.kind not in ("mention", "junk", "verb", "tag"):
            after_date = False
    return None


def _body(text: str, pieces: list[_Piece], is_interaction: bool, shown: dict[int, str]) -> str:
    """The text to store: the line without the grammar's tokens. Mentions before any
    other word are dropped ("@Priya coffee..."); later ones become the name
    ("coffee with @Priya" -> "coffee with Priya Raman")."""
    out: list[str] = []
    pos = 0
    leading = True
    for p in pieces:
        out.append(text[pos:p.start])
        pos = p.end
        if p.kind in ("word", "junk"):
            if is_interaction and leading and p.kind == "word" and p.value.lower() == "note":
                pos = p.end + len(p.tail)  # "@Priya note: moved to Lisbon"
            else:
                out.append(text[p.start:p.end])
                leading = leading and not any(c.isalnum() for c in text[p.start:p.end])
        elif p.kind == "mention" and not leading:
            out.append(shown.get(p.start, p.value))
    out.append(text[pos:])
    body = " ".join("".join(out).split())
    body = re.sub(r"\s+([,.;:!?])", r"\1", body)
    return body.strip(" ,;:-·")


def describe_person(c: Any) -> str:
    company = getattr(c, "company", None)
    return f"{c.name} ({company})" if company else c.name


_KIND_LABEL = {Kind.meeting: "Meeting with", Kind.call: "Call with", Kind.email: "Email with",
               Kind.message: "Message with", Kind.event: "Event with", Kind.note: "Note about"}
_VERB_LABEL = {Direction.gave: "Gave to", Direction.received: "Got from",
               Direction.asked: "Asked"}


def _with_preview(r: Parsed) -> Parsed:
    names = []
    seen: set[str] = set()
    for m in r.mentions:
        if m.person is not None:
            if m.person.id not in seen:
                seen.add(m.person.id)
                names.append(m.person.name)
        elif m.unknown and r.create and m.query:
            names.append(f"{m.query} (new)")
        else:
            names.append(f"{m.query}?")
    label = _VERB_LABEL[r.direction] if r.direction else _KIND_LABEL[r.kind]
    if r.intro:  # "Gave to Kenji · intro to Priya Raman"
        parts = [f"{label} {names[0]}", f"intro to {', '.join(names[1:])}"]
    else:
        parts = [f"{label} {', '.join(names)}" if names else f"{label} …"]
    parts.append(dates.describe_day(r.day, r.today))
    if r.tags:
        parts.append(" ".join(f"#{t}" for t in dict.fromkeys(r.tag_names)))
    if r.direction and r.size > 1:
        parts.append(f"size {r.size}")
    if r.followup_words:
        parts.append(f"follow-up in {r.followup_words}")
    return replace(r, preview=" · ".join(parts))


# -- turning a line into records --------------------------------------------------------


@dataclass(slots=True)
class Plan:
    """What saving a line writes, in one transaction (services.Network.quick_add)."""

    interaction: Interaction | None = None
    favour: Favour | None = None
    favours: list[Favour] = field(default_factory=list)  # an intro: one per person introduced
    followup: date | None = None
    followup_reason: str = ""
    new_contacts: list[Contact] = field(default_factory=list)


def plan(result: Parsed, more_text: str = "") -> Plan:
    """The records a parsed line stands for; `Invalid` (one line) when it has errors.
    `more_text` is appended to the body (the note editor's later lines)."""
    if result.errors:
        raise Invalid(result.errors[0])
    new: dict[str, Contact] = {}
    ids: list[str] = []
    try:
        for m in result.mentions:
            if m.person is not None:
                cid = m.person.id
            else:
                key = fold(m.query)
                if key not in new:
                    new[key] = Contact(name=m.query)
                cid = new[key].id
            if cid not in ids:
                ids.append(cid)
        text = "\n".join(t for t in (result.body, more_text.strip()) if t)
        if result.direction is not None:
            favour = Favour(contact_id=ids[0], direction=result.direction, text=text,
                            date=result.day, size=result.size)
            each = intros.split(favour, ids[1:]) if result.intro else [favour]
            return Plan(favour=each[0], favours=each, new_contacts=list(new.values()))
        interaction = Interaction(contact_ids=ids, date=result.day, kind=result.kind,
                                  text=text, tags=result.tag_names)
    except ValidationError as exc:
        raise Invalid(one_line(exc)) from None
    reason = result.body[:80] or "follow up"  # shown after a "follow-up:" label
    return Plan(interaction=interaction, followup=result.followup, followup_reason=reason,
                new_contacts=list(new.values()))


# -- typing helpers for the TUI -----------------------------------------------------------


def mention_at(text: str, cursor: int, sigil: str = "@") -> tuple[int, str] | None:
    """The `@name` (or, with sigil '&', the `&community`) being typed just before the
    cursor: (index of the sigil, what follows), or None."""
    head = text[:cursor]
    at = head.rfind(sigil)
    if at < 0 or (at > 0 and not head[at - 1].isspace()):
        return None
    rest = head[at + 1:]
    if rest.startswith('"'):
        return None if '"' in rest[1:] else (at, rest[1:])
    if any(c.isspace() for c in rest):
        return None
    return at, rest


def mention_text(name: str) -> str:
    """How to write a person's full name after '@' so it parses back to them."""
    words = name.split()
    plain = all(_WORD.fullmatch(w) for w in words) and len(words) <= MAX_NAME_WORDS
    return name if plain else f'"{name}"'


# -- the give-first habit, shown whenever an ask is logged --------------------------------

HABIT = ("Give first. Ask for something they can easily do: information, ideas, advice, "
         "a reference; not something long or hard to refuse.")


def ask_advice(name: str, standing: Any) -> list[str]:
    """Lines shown when logging an ask: the balance, the habit, and a warning when you
    have given this person nothing yet."""
    lines = [f"Balance with {name}: {standing.balance:+d} "
             f"(gave {standing.given}, received {standing.received})", HABIT]
    if standing.given == 0:
        lines.append(f"You have given {name} nothing yet: give something first.")
    return lines
