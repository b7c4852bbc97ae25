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

`parse` is pure and never raises: every problem is a one-line message in `errors`.
Its pieces: the vocabulary (quick_words), reading a line into pieces (quick_scan), who
may be mentioned (quick_directory), the records a line stands for (quick_plan), typing
@names (quick_mentions); every name stays importable from here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from . import dates, intros
from .give_first import HABIT, ask_advice
from .kinds import Direction, Kind
from .names import Named, fold
from .quick_directory import Directory
from .quick_mentions import mention_at, mention_text
from .quick_scan import Piece, find_dates, scan
from .quick_words import KIND_WORDS, size_of

if TYPE_CHECKING:
    from .quick_plan import Plan, plan


def __getattr__(name: str) -> Any:
    # Planning builds the models (pydantic, ~90 ms to import): only when a line is saved,
    # so reading one (a parse, a preview) needs none.
    if name in ("Plan", "plan"):
        from . import quick_plan

        return getattr(quick_plan, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["HABIT", "Directory", "Mention", "Parsed", "Plan", "Span", "ask_advice",
           "describe_person", "mention_at", "mention_text", "parse", "plan"]


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
    pieces = scan(text, directory, errors)
    find_dates(text, pieces)

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
        elif (n := size_of(p.value)) is None:
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


def _kind_of(pieces: list[Piece]) -> Kind | None:
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


def _body(text: str, pieces: list[Piece], is_interaction: bool, shown: dict[int, str]) -> str:
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
