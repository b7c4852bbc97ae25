"""Ideas for gives: what someone is looking for, matched to what you offer or to another
contact's company, title, tags or location.

"Priya is looking for climate-tech intros: Tom works at Acme Climate". A need is read as
its significant words ("climate", "tech"; not "intros", "a", "senior"); each is looked up
in an index of every contact's words, exactly or (for longer words) by a close spelling
(rapidfuzz), so 10k contacts cost one pass to index and a few lookups per need."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

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


@dataclass(slots=True)
class Index:
    """Every contact's words, by field: word -> [(person, field, value as written)]."""

    people: dict[str, Person] = field(default_factory=dict)
    by_word: dict[str, list[tuple[Person, str, str]]] = field(default_factory=dict)
    _long: list[str] = field(default_factory=list)  # words for fuzzy lookup
    _found: dict[str, list[tuple[Person, str, str, float]]] = field(default_factory=dict)
    # need text -> its best matches, each (score, field order, person key, id, field, value)
    _ranked: dict[str, tuple[int, list[tuple[float, str, str, str]]]] = field(
        default_factory=dict)  # need text -> (for what limit, the ranking)

    @classmethod
    def of(cls, people: Iterable[Person]) -> Index:
        index = cls()
        add = index.by_word.setdefault
        seen: dict[str, list[str]] = {}  # companies, titles, places repeat across people
        for p in people:
            index.people[p.id] = p
            values = [("company", p.company), ("title", p.title),
                      *(("tags", t) for t in p.tags), ("location", p.location)]
            for where, value in values:
                if value:
                    found = seen.get(value)
                    if found is None:
                        found = seen[value] = words(value)
                    for w in found:
                        add(w, []).append((p, where, value))
        index._long = [w for w in index.by_word if len(w) >= FUZZY_MIN_LEN]
        return index

    def lookup(self, word: str) -> list[tuple[Person, str, str, float]]:
        """Who has this word (or, for a longer word, one spelt closely), with the score."""
        if word in self._found:
            return self._found[word]
        found = [(p, f, v, 100.0) for p, f, v in self.by_word.get(word, ())]
        if len(word) >= FUZZY_MIN_LEN:
            for other, score, _ in process.extract(word, self._long, scorer=fuzz.ratio,
                                                   score_cutoff=FUZZY_SCORE, limit=5):
                if other != word:
                    found += [(p, f, v, score) for p, f, v in self.by_word[other]]
        self._found[word] = found
        return found

    def ranked(self, need: str, need_words: Sequence[str],
               limit: int) -> list[tuple[float, str, str, str]]:
        """The best people for one need, best first, at most `limit + 1` per field and
        person (one more than asked: the person looking may be among them). Kept per need
        text: ten people looking for "a senior designer" cost one ranking."""
        kept = self._ranked.get(need)
        if kept is not None and kept[0] >= limit:
            return kept[1]
        best: dict[tuple[str, str, str], float] = {}
        for w in need_words:
            for other, where, value, score in self.lookup(w):
                key = (other.id, where, value)
                best[key] = best.get(key, 0.0) + score
        top = heapq.nsmallest(
            (limit + 1) * len(FIELD_ORDER), best.items(),
            key=lambda kv: (-kv[1], _FIELD_RANK[kv[0][1]], self.people[kv[0][0]].rank,
                            kv[0][0]))
        out, seen = [], set()
        for (oid, where, value), score in top:
            if oid not in seen:
                seen.add(oid)
                out.append((score, oid, where, value))
        self._ranked[need] = (limit, out)
        return out



def _offer_ideas(p: Person, need: str, need_words: Sequence[str], offers: Offers) -> list[Idea]:
    out = []
    kinds = (("topics", "you can advise on {}"), ("introductions", "you can introduce {}"),
             ("references", "you can give a reference for {}"))
    for kind, phrase in kinds:
        for offer in getattr(offers, kind):
            shared = set(need_words) & set(words(offer))
            score = fuzz.token_set_ratio(" ".join(need_words), " ".join(words(offer)))
            if shared or score >= FUZZY_SCORE:
                text = f"{p.first_name} is looking for {need}: {phrase.format(offer)}"
                out.append(Idea(p.id, need, text, None, "offer", 100.0 + len(shared) * 10))
    return out


def ideas_for(p: Person, index: Index, offers: Offers, limit: int = 5) -> list[Idea]:
    """The best gives for one person's needs: your offers first, then other contacts by
    how many of the need's words they match, the field (company first) and closeness."""
    out: list[Idea] = []
    for need in p.looking_for:
        need_words = words(need)
        if not need_words:
            continue
        out += _offer_ideas(p, need, need_words, offers)
        shown = 0
        for score, oid, where, value in index.ranked(need, need_words, limit):
            if oid == p.id:
                continue
            other = index.people[oid]
            text = f"{p.first_name} is looking for {need}: {_phrase(other, where, value)}"
            out.append(Idea(p.id, need, text, oid, where, score))
            shown += 1
            if shown >= limit:
                break
    out.sort(key=lambda i: -i.score)
    return out[:limit]


def all_ideas(people: Iterable[Person], index: Index, offers: Offers,
              per_person: int = 3) -> list[Idea]:
    """Ideas for everyone looking for something, closest circles first."""
    looking = sorted((p for p in people if p.looking_for), key=lambda p: (p.rank, fold(p.name)))
    return [i for p in looking for i in ideas_for(p, index, offers, per_person)]
