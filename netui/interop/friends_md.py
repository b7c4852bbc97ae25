"""friends.md in: the single Markdown file of JacobEvelyn/friends.

Its sections, each a list of `- ` lines:

    ### Activities:
    - 2018-01-04: Got lunch with **Grace Hopper** and **George Washington Carver**. @food
    ### Notes:
    - 2017-03-12: **Grace Hopper** was promoted in _Paris_. @work
    ### Friends:
    - Grace Hopper (a.k.a. The Admiral a.k.a. Amazing Grace) [Paris] @navy @science
    ### Locations:
    - Paris

Friends become contacts (the first nickname kept, the others in the notes; the location
in brackets; @tags as tags). Activities become meetings and notes become notes, linked
to every **bolded** friend (`friends clean` bolds every name it recognises); their
@tags are kept and the Markdown marks taken out. Ids are derived from each line, so
importing the file again changes nothing."""

from __future__ import annotations

import re
from datetime import date

from .common import Draft, Linked, Parsed, Problem, decode, stable_id

_SECTION = re.compile(r"^###\s*(Friends|Activities|Notes|Locations):\s*$", re.IGNORECASE)
_FRIEND = re.compile(r"^(?P<name>[^(\[@]+?)\s*(?:\((?P<nicks>a\.k\.a\..*?)\))?\s*"
                     r"(?:\[(?P<location>[^\]]+)\])?\s*(?P<tags>(?:@\S+\s*)*)$")
_EVENT = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}):\s*(?P<text>.*)$")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_PLACE = re.compile(r"(?<![\w_])_([^_]+)_(?![\w_])")
_TAG = re.compile(r"(?<!\S)@(\w[\w:-]*)")


def _tags(text: str) -> list[str]:
    return [t.lower() for t in _TAG.findall(text)]


def _plain(text: str) -> str:
    """The event's words without Markdown marks or tags, escapes undone."""
    text = _BOLD.sub(r"\1", text)
    text = _PLACE.sub(r"\1", text)
    text = _TAG.sub("", text).replace("\\", "")
    return " ".join(text.split())


def parse_friends(raw: bytes | str, source: str) -> Parsed:
    """The friends, activities and notes of a friends.md; never raises."""
    text = raw if isinstance(raw, str) else decode(raw)[0]
    parsed = Parsed()
    section = ""
    keys: dict[str, str] = {}  # a friend's name, lower-case -> draft key
    events: list[tuple[int, str, str]] = []  # line, section, text
    for n, line in enumerate(text.splitlines(), 1):
        if m := _SECTION.match(line.strip()):
            section = m[1].lower()
            continue
        item = line.strip()
        if not item.startswith("- ") or not section:
            continue
        item = item[2:].strip()
        where = f"{source} line {n}"
        if section == "friends":
            _friend(item, where, parsed, keys)
        elif section in ("activities", "notes"):
            events.append((n, section, item))
    for n, kind, item in events:
        _event(item, kind, f"{source} line {n}", parsed, keys)
    if not parsed.drafts:
        parsed.problems.append(Problem(source, "a friends.md with no friends in it"))
    return parsed


def _friend(item: str, where: str, parsed: Parsed, keys: dict[str, str]) -> None:
    m = _FRIEND.match(item)
    if m is None or not m["name"].strip():
        parsed.problems.append(Problem(where, f"not a friend line ({item[:40]!r})"))
        return
    name = " ".join(m["name"].split())
    nicks = [x.strip() for x in (m["nicks"] or "").split("a.k.a.") if x.strip()]
    fields = {"name": name, "nickname": nicks[0] if nicks else None,
              "location": (m["location"] or "").strip() or None, "tags": _tags(m["tags"] or ""),
              "notes": "Also known as " + ", ".join(nicks[1:]) if len(nicks) > 1 else ""}
    key = f"friend:{name.lower()}"
    keys[name.lower()] = key
    parsed.drafts.append(Draft(fields, where, key=key))


def _event(item: str, kind: str, where: str, parsed: Parsed, keys: dict[str, str]) -> None:
    m = _EVENT.match(item)
    if m is None:
        parsed.problems.append(Problem(where, "no YYYY-MM-DD: date at the start; left out"))
        return
    try:
        day = date.fromisoformat(m["date"])
    except ValueError:
        parsed.problems.append(Problem(where, f"{m['date']} is not a date; left out"))
        return
    names = [" ".join(b.split()) for b in _BOLD.findall(m["text"])]
    people = [keys[x.lower()] for x in names if x.lower() in keys]
    unknown = [x for x in names if x.lower() not in keys]
    if unknown:
        parsed.problems.append(Problem(where, "not in the Friends section: " + ", ".join(unknown)
                                       + ("; the rest is kept" if people else "; left out")))
    if not people:
        return
    body = _plain(m["text"])
    parsed.records.append(Linked(
        "interactions", stable_id("friends.md", kind, m["date"], m["text"]),
        {"date": day, "kind": "meeting" if kind == "activities" else "note", "text": body,
         "tags": _tags(m["text"])}, people, where))
