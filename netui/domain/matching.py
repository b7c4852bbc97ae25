"""When an incoming record is certainly a person netui already has, and when it only
might be.

Certain, so merged: the same vCard UID (or netui id), or the same email with a
compatible name ("Ann" / "Ann Smith", "J. Smith" / "John Smith"), as long as the two do
not carry different UIDs. Everything else that looks alike (a shared phone, a shared
email under another name, the same name) is a *possible duplicate*: the record is kept
apart and the pair reported, for the user to merge with `netui dedupe` if it is one
person. A household sharing a landline, or colleagues on one office line, stay apart.

Pure functions over contact documents (dicts in the stored JSON shape)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .names import fold
from .phones import MIN_DIGITS, NON_DIGITS, last_digits, phone_key

_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\d\s()+./-]")  # an extension (x12, ext. 3, ;ext=4) or a vanity number


def email_key(address: str) -> str:
    """An address as compared: trimmed, lower-case, without a `mailto:` in any case."""
    address = address.strip()
    if address[:7].lower() == "mailto:":
        address = address[7:]
    return address.lower()


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, in order: "Smith, Ánna J." -> ("smith", "anna", "j")."""
    return tuple(_WORD.findall(fold(name)))


@lru_cache(maxsize=65536)  # each person's key, once per process (the app asks per save)
def name_key(name: str) -> str:
    """Names that are the same person's whatever the order, case or accents:
    "Anna Smith", "Smith, Anna" and "ANNA SMÍTH" share it."""
    return " ".join(sorted(name_words(name)))


def _covers(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Every word of `shorter` is a distinct word of `longer`, or its initial."""
    left = list(longer)
    for w in shorter:
        hit = next((x for x in left if x == w or (len(w) == 1 and x.startswith(w))), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def names_compatible(a: str, b: str, emails: Iterable[str] = ()) -> bool:
    """Whether two names can be one person's: the same words, or one's words all in the
    other ("Ann" in "Ann Smith"), initials allowed. A card named after its email address
    (it had no name) is compatible with any name."""
    addresses = {email_key(e) for e in emails}
    if email_key(a) in addresses or email_key(b) in addresses:
        return True
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    return (len(wa) >= len(wb) and _covers(wa, wb)) or (len(wb) >= len(wa) and _covers(wb, wa))


@dataclass(frozen=True, slots=True)
class Possible:
    """A record that may be the same person as `other_id`, and why ("same phone …0123")."""

    other_id: str
    reason: str


@dataclass(slots=True)
class Decision:
    """What to do with an incoming record: merge into `target` (matched by `how`), or
    keep it apart, with the people it might be."""

    target: str | None = None
    how: str = ""
    possible: list[Possible] = field(default_factory=list)


def uid_conflict(incoming: Mapping[str, Any], existing: Mapping[str, Any]) -> bool:
    """Both carry an identity and they differ: two people, whatever else they share."""
    uid = incoming.get("uid")
    if not uid or uid == existing.get("id"):
        return False
    other = existing.get("uid")
    return bool(other) and other != uid


class Matcher:
    """Indexes of the people known so far (by uid and id, email, phone, name), and the
    decision for each incoming record. `region` reads numbers without a country code."""

    def __init__(self, region: str | None = None) -> None:
        self.region = region
        self.docs: dict[str, Mapping[str, Any]] = {}
        self.by_uid: dict[str, str] = {}
        self.by_email: dict[str, list[str]] = defaultdict(list)
        # Known numbers by their last digits, parsed only when an incoming number ends
        # the same way (an E.164 key ends in the digits typed, unless the text has an
        # extension or letters: those are parsed at once, into by_phone).
        self.by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.by_phone: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)

    def phone_keys(self, doc: Mapping[str, Any]) -> set[str]:
        return {k for k in (phone_key(p, self.region) for p in doc.get("phones", ())) if k}

    def _index_phones(self, cid: str, phones: Iterable[str]) -> None:
        for text in phones:
            digits = NON_DIGITS.sub("", text)
            if len(digits) < MIN_DIGITS:
                continue
            if _LETTERS.search(text):
                if (key := phone_key(text, self.region)) and cid not in self.by_phone[key]:
                    self.by_phone[key].append(cid)
            elif (cid, text) not in self.by_tail[digits[-4:]]:
                self.by_tail[digits[-4:]].append((cid, text))

    def with_phone(self, key: str) -> list[str]:
        """Who has the number `key` (E.164 or "#digits")."""
        found = list(self.by_phone.get(key, ()))
        for cid, text in self.by_tail.get(key.lstrip("+#")[-4:], ()):
            if cid not in found and phone_key(text, self.region) == key:
                found.append(cid)
        return found

    def add(self, doc: Mapping[str, Any], with_id: bool = True) -> None:
        """Know `doc` (again, after a merge changed it): later records can match it."""
        cid = doc["id"]
        self.docs[cid] = doc
        for uid in (doc.get("uid"), cid if with_id else None):
            if uid:
                self.by_uid.setdefault(uid, cid)
        self._index_phones(cid, doc.get("phones", ()))
        for index, keys in ((self.by_email, {email_key(e) for e in doc.get("emails", ())}),
                            (self.by_name, {name_key(doc.get("name") or "")} - {""})):
            for k in keys:
                if cid not in index[k]:
                    index[k].append(cid)

    def decide(self, doc: Mapping[str, Any]) -> Decision:
        uid = doc.get("uid")
        if uid and (cid := self.by_uid.get(uid)):
            return Decision(cid, "uid")
        decision = Decision()
        seen: set[str] = set()

        def maybe(cid: str, reason: str) -> None:
            if cid not in seen:
                seen.add(cid)
                decision.possible.append(Possible(cid, reason))

        emails = [email_key(e) for e in doc.get("emails", ())]
        for e in emails:
            for cid in self.by_email.get(e, ()):
                other = self.docs[cid]
                if not uid_conflict(doc, other) and names_compatible(
                        doc["name"], other["name"], [*emails, *other.get("emails", ())]):
                    return Decision(cid, "email")
                maybe(cid, f"same email {e}")
        for k in sorted(self.phone_keys(doc)):
            for cid in self.with_phone(k):
                maybe(cid, f"same phone {last_digits(k)}")
        for cid in self.by_name.get(name_key(doc["name"]), ()):
            maybe(cid, "same name")
        return decision


def likely_duplicates(new: Any, people: Iterable[Any], region: str | None = None
                      ) -> list[tuple[Any, str]]:
    """The people (Contacts) a new contact may already be, with why: the same email, the
    same phone number, or the same name. For `netui add` and the app's New contact form,
    which ask before adding. One pass; a phone is parsed only when its digits could hold
    the new number (an E.164 key's last digits are always among the digits typed)."""
    emails = {email_key(e) for e in new.emails}
    phones = {k for k in (phone_key(p, region) for p in new.phones) if k}
    tails = {k.lstrip("+#")[-4:] for k in phones}
    name = name_key(new.name)
    size = len(new.name)
    found: list[tuple[Any, str]] = []
    for person in people:
        why = next((f"same email {e}" for e in map(email_key, person.emails) if e in emails),
                   None)
        if why is None and tails:
            for text in person.phones:
                digits = NON_DIGITS.sub("", text)
                if any(t in digits for t in tails) and (key := phone_key(text, region)) in phones:
                    why = f"same phone {last_digits(key)}"
                    break
        # Folding never changes a name's length by much ("ß" -> "ss", a comma): a cheap
        # test first, so most of 10,000 names are never folded.
        if why is None and name and abs(len(person.name) - size) <= 4 and (
                name_key(person.name) == name):
            why = "same name"
        if why:
            found.append((person, why))
    return found
