"""Ideas for gives: what someone is looking for, matched to what you offer or to another
contact's company, title, tags or location.

"Priya is looking for climate-tech intros: Tom works at Acme Climate". A need is read as
its significant words ("climate", "tech"; not "intros", "a", "senior"); each is looked up
in an index of every contact's words, exactly or (for longer words) by a close spelling
(rapidfuzz), so 10k contacts cost one pass to index and a few lookups per need."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .names import fold

# Words that say what kind of help, not what about ("intros", "someone", "senior").
STOPWORDS = frozenset(["a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "about", "my", "our", "your", "their", "his", "her", "intro", "intros", "introduction", "introductions", "introduce", "reference", "references", "referral", "advice", "tips", "help", "someone", "somebody", "anyone", "people", "person", "contact", "contacts", "who", "that", "knows", "know", "looking", "look", "find", "finding", "need", "needs", "new", "good", "great", "senior", "junior", "lead", "head", "chief", "job", "jobs", "role", "roles", "position", "work", "opportunity", "opportunities", "some", "any", "more"])
FIELD_ORDER = ("company", "title", "tags", "location")  # a company match says most
_FIELD_RANK = {f: n for n, f in enumerate(FIELD_ORDER)}
FUZZY_MIN_LEN = 5  # shorter words match exactly only ("ux" is not "ui")
FUZZY_SCORE = 85  # "desginer" is "designer" (87.5); "merlin" is not "berlin" (83)
_WORDS = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Significant words of a text, folded and singular: "Climate-tech intros" ->
    ["climate", "tech", "climatetech"]."""
    out: list[str] = []
    for chunk in fold(text).split():
        parts = _WORDS.findall(chunk)
        if len(parts) > 1:
            parts.append("".join(parts))  # "climate-tech" also as "climatetech"
        for w in parts:
            if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]
            if w not in STOPWORDS and len(w) > 1 and not w.isdigit():
                out.append(w)
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Person:
    """What matching reads of a contact."""

    id: str
    name: str
    company: str | None = None
    title: str | None = None
    tags: tuple[str, ...] = ()
    location: str | None = None
    looking_for: tuple[str, ...] = ()
    rank: int = 99  # circle rank: closer people are better intros

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class Offers:
    topics: tuple[str, ...] = ()
    introductions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Idea:
    need_of: str  # contact id of who is looking
    need: str
    text: str
    via: str | None = None  # contact id of who could help, None for your own offer
    field: str = "offer"  # company, title, tags, location, or offer
    score: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"contact_id": self.need_of, "need": self.need, "text": self.text,
                "via": self.via, "field": self.field, "score": round(self.score, 1)}


def _phrase(p: Person, where: str, value: str) -> str:
    if where == "company":
        return f"{p.name} works at {value}"
    if where == "title":
        return f"{p.name} is {_article(value)} {value}"
    if where == "tags":
        return f"{p.name} is tagged #{value}"
    return f"{p.name} is in {value}"


def _article(title: str) -> str:
    return "an" if title[:1].lower() in "aeiou" else "a"


Key = tuple[str, str]  # (field, value as written): "company", "Acme Climate"


@dataclass(slots=True)
class Index:
    """Who holds each value of each field, and the words of every value.

    The members of a value are handles the caller chooses (Persons, or the stored
    documents), put in order by `order` ((circle rank, id)) and read into a Person by
    `read` only when a match reaches them: `netui ideas` at 10k contacts reads a few
    hundred people, not ten thousand. Everyone with a need is read up front (`looking`)."""

    groups: dict[Key, list[Any]] = field(default_factory=dict)
    looking: list[Person] = field(default_factory=list)
    order: Callable[[Any], tuple[int, str]] = field(default=lambda p: (p.rank, p.id))
    read: Callable[[Any], Person | None] = field(default=lambda p: p)
    find: Callable[[str], Person | None] = field(default=lambda _id: None)  # by id
    by_word: dict[str, list[Key]] = field(default_factory=dict)
    _long: list[str] = field(default_factory=list)  # words for fuzzy lookup
    _found: dict[str, list[tuple[Key, float]]] = field(default_factory=dict)
    _sorted: dict[Key, list[Any]] = field(default_factory=dict)
    _people: dict[str, Person | None] = field(default_factory=dict)
    _words: dict[str, list[str]] = field(default_factory=dict)
    _offers: dict[tuple[str, Offers], list[tuple[str, float]]] = field(default_factory=dict)
    # need text -> (for what limit, its best matches, each (score, id, field, value))
    _ranked: dict[str, tuple[int, list[tuple[float, str, str, str]]]] = field(
        default_factory=dict)

    @classmethod
    def of(cls, people: Iterable[Person]) -> Index:
        """The index of people already read (tests, small networks)."""
        everyone = {p.id: p for p in people}
        groups: dict[Key, list[Any]] = {}
        for p in everyone.values():
            for key in dict.fromkeys(values(p)):
                groups.setdefault(key, []).append(p)
        return cls(groups, [p for p in everyone.values() if p.looking_for],
                   find=everyone.get).indexed()

    def indexed(self) -> Index:
        """Index the words of every value (once per distinct value)."""
        add = self.by_word.setdefault
        for key in self.groups:  # a title is also a tag, a company a place: words once
            for w in self.words_of(key[1]):
                add(w, []).append(key)
        self._long = [w for w in self.by_word if len(w) >= FUZZY_MIN_LEN]
        return self

    def words_of(self, text: str) -> list[str]:
        """words(text), kept: a need or an offer is often the same text for many."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = words(text)
        return found

    def offer_matches(self, need: str, offers: Offers) -> list[tuple[str, float]]:
        """Your offers that meet a need (a shared word, or close as a whole), each as the
        phrase and its score; kept per need text and offers."""
        kept = self._offers.get((need, offers))
        if kept is not None:
            return kept
        need_words = self.words_of(need)
        out = []
        for kind, phrase in _OFFER_PHRASES:
            for offer in getattr(offers, kind):
                offer_words = self.words_of(offer)
                shared = set(need_words) & set(offer_words)
                if shared or _close(need_words, offer_words):
                    out.append((phrase.format(offer), 100.0 + len(shared) * 10))
        self._offers[need, offers] = out
        return out

    def person(self, contact_id: str) -> Person | None:
        if contact_id not in self._people:
            self._people[contact_id] = self.find(contact_id)
        return self._people[contact_id]

    def _member(self, handle: Any) -> Person | None:
        cid = self.order(handle)[1]
        if cid not in self._people:
            self._people[cid] = self.read(handle)
        return self._people[cid]

    def lookup(self, word: str) -> list[tuple[Key, float]]:
        """The values with this word (or, for a longer word, one spelt closely), each
        with the score."""
        if word in self._found:
            return self._found[word]
        found = [(k, 100.0) for k in self.by_word.get(word, ())]
        if len(word) >= FUZZY_MIN_LEN and self._long:
            from rapidfuzz import fuzz, process  # only when a need has a longer word

            for other, score, _ in process.extract(word, self._long, scorer=fuzz.ratio,
                                                   score_cutoff=FUZZY_SCORE, limit=5):
                if other != word:
                    found += [(k, score) for k in self.by_word[other]]
        self._found[word] = found
        return found

    def _members(self, key: Key) -> list[Any]:
        """The holders of a value, closest circle first (then by id)."""
        kept = self._sorted.get(key)
        if kept is None:
            kept = self._sorted[key] = sorted(self.groups[key], key=self.order)
        return kept

    def ranked(self, need: str, need_words: Sequence[str],
               limit: int) -> list[tuple[float, str, str, str]]:
        """The best people for one need, best first: by the summed score of the need's
        words in the value, the field (company first), closeness, id; at most
        `(limit + 1) * 4` values (one more than asked a field: the person looking may
        be among them), one per person. A value's holders are in that order already,
        so only the first few of each are read. Kept per need text: ten people looking
        for "a senior designer" cost one ranking."""
        kept = self._ranked.get(need)
        if kept is not None and kept[0] >= limit:
            return kept[1]
        scores: dict[Key, float] = {}
        for w in need_words:
            for key, score in self.lookup(w):
                scores[key] = scores.get(key, 0.0) + score
        n = (limit + 1) * len(FIELD_ORDER)
        candidates = []
        for key, score in scores.items():
            taken = 0
            for handle in self._members(key):
                p = self._member(handle)
                if p is None:
                    continue
                candidates.append((-score, _FIELD_RANK[key[0]], p.rank, p.id, key))
                taken += 1
                if taken >= n:
                    break
        out, seen = [], set()
        for neg, _f, _r, oid, (where, value) in heapq.nsmallest(n, candidates):
            if oid not in seen:
                seen.add(oid)
                out.append((-neg, oid, where, value))
        self._ranked[need] = (limit, out)
        return out


def values(p: Person) -> list[Key]:
    """(field, value) of what others may need in a person, empty values left out."""
    values = [("company", p.company), ("title", p.title),
              *(("tags", t) for t in p.tags), ("location", p.location)]
    return [(where, value) for where, value in values if value]


_OFFER_PHRASES = (("topics", "you can advise on {}"), ("introductions", "you can introduce {}"),
                  ("references", "you can give a reference for {}"))


def _offer_ideas(p: Person, need: str, index: Index, offers: Offers) -> list[Idea]:
    return [Idea(p.id, need, f"{p.first_name} is looking for {need}: {text}", None, "offer",
                 score) for text, score in index.offer_matches(need, offers)]


def _close(need_words: Sequence[str], offer_words: Sequence[str]) -> bool:
    from rapidfuzz import fuzz  # only for an offer that shares no word with the need

    return fuzz.token_set_ratio(" ".join(need_words), " ".join(offer_words)) >= FUZZY_SCORE


def ideas_for(p: Person, index: Index, offers: Offers, limit: int = 5) -> list[Idea]:
    """The best gives for one person's needs: for each need your offers first, then
    other contacts by how many of the need's words they match, the field (company
    first) and closeness; every need gets its best idea before any gets a second (three
    ideas for "climate-tech intros" must not hide the one for "a senior designer")."""
    rounds: list[tuple[tuple[int, float, int], Idea]] = []
    for n, need in enumerate(p.looking_for):
        need_words = index.words_of(need)
        if not need_words:
            continue
        found = _offer_ideas(p, need, index, offers)
        shown = 0
        for score, oid, where, value in index.ranked(need, need_words, limit):
            if oid == p.id:
                continue
            other = index.person(oid)
            if other is None:
                continue
            text = f"{p.first_name} is looking for {need}: {_phrase(other, where, value)}"
            found.append(Idea(p.id, need, text, oid, where, score))
            shown += 1
            if shown >= limit:
                break
        found.sort(key=lambda i: -i.score)
        rounds += [((r, -i.score, n), i) for r, i in enumerate(found)]
    rounds.sort(key=lambda r: r[0])
    return [i for _key, i in rounds[:limit]]


def all_ideas(people: Iterable[Person], index: Index, offers: Offers,
              per_person: int = 3) -> list[Idea]:
    """Ideas for everyone looking for something, closest circles first."""
    looking = sorted((p for p in people if p.looking_for), key=lambda p: (p.rank, fold(p.name)))
    return [i for p in looking for i in ideas_for(p, index, offers, per_person)]
