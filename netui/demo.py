"""A realistic, reproducible demo network. One generator, with a seed and a size, feeds
`netui --demo`, the tests, the screenshots and the benchmark.

The default (about 60 people, a year of history) always has some people overdue, a
birthday within the week, open asks and unreturned favours, so every screen has
something to show."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .domain.models import (
    SCHEMA_VERSION,
    Birthday,
    CheckIn,
    CheckInKind,
    CheckInStatus,
    Contact,
    Direction,
    Favour,
    FavourStatus,
    Interaction,
)
from .domain.names import fold

FIRST = [
    "Priya", "Tom", "Amara", "Tomasz", "Léa", "Kenji", "Sofía", "Olu", "Hannah", "Mateo",
    "Aisha", "Jonas", "Mei", "Rafael", "Ingrid", "Kwame", "Chloé", "Arjun", "Noor", "Lukas",
    "Yuki", "Elena", "Dmitri", "Zara", "Björn", "Fatima", "Diego", "Saoirse", "Ravi", "Ana",
    "Malik", "Greta", "Hiro", "Leila", "Pablo", "Nadia", "Emeka", "Camille", "Sven", "Imani",
    "Alex", "Alex", "Sam", "Jordan", "Maya", "Owen", "Ines", "Tariq", "Freya", "Luca",
]
LAST = [
    "Raman", "Becker", "Okafor", "Wiśniewski", "Dubois", "Tanaka", "García", "Adeyemi",
    "Schmidt", "Rossi", "Khan", "Lindqvist", "Chen", "Silva", "Johansson", "Mensah", "Moreau",
    "Iyer", "Haddad", "Müller", "Sato", "Petrova", "Ivanov", "Malik", "Nyström", "Benali",
    "Fernández", "Murphy", "Kapoor", "Costa", "Nguyen", "O'Brien", "Novak", "Kowalczyk",
    "Andersen", "Yılmaz", "Park", "Cohen", "Mwangi", "Ferrari",
]
COMPANIES = [
    "Acme", "Blue Bottle", "Northwind", "Globex", "Initech", "Umbrella Labs", "Stark & Co",
    "Hooli", "Pied Piper", "Vandelay Imports", "Wonka Foods", "Tyrell Bio", "Soylent",
    "Cyberdyne", "Aperture", "Oceanic", "Monarch Climate", "Gringotts Bank", "Dunder Mifflin",
]
TITLES = [
    "Engineer", "Staff Engineer", "Product Manager", "Designer", "Founder", "CTO",
    "Researcher", "Recruiter", "Data Scientist", "Investor", "Teacher", "Writer",
]
CITIES = ["Berlin", "London", "Lisbon", "Nairobi", "Tokyo", "Toronto", "Warsaw", "Lagos",
          "Paris", "Bangalore", "San Francisco", "Mexico City"]
HOW_MET = [
    "PyCon hallway track", "worked together at Acme", "university", "intro from a friend",
    "climbing gym", "book club", "neighbours", "hackathon", "conference panel", "old team",
]
TAGS = ["climate", "python", "design", "investor", "mentor", "hiring", "music", "family",
        "running", "ai", "writing", "founder"]
MEETING_TEXT = [
    "coffee at Blue Bottle, talked {t} intros", "lunch, caught up on the new job",
    "walk in the park, {t} ideas", "video call about {t}", "dinner with the team",
    "quick chat after the meetup", "drinks, heard about the move", "pair-programmed on {t}",
]
MESSAGE_TEXT = [
    "sent the article on {t}", "congratulated on the launch", "shared a {t} job post",
    "checked in after the conference", "asked how the new role is going",
]
NOTE_TEXT = [
    "kids: two, Maya and Leo", "prefers mornings", "training for a marathon",
    "thinking about leaving to start something in {t}", "vegetarian",
]
GAVE = ["intro to Sam at Acme", "reviewed their CV", "shared a {t} reading list",
        "referral for the {t} role", "feedback on the pitch deck", "lent a book"]
RECEIVED = ["intro to a {t} investor", "advice on negotiation", "reference for the job",
            "helped with the move", "ideas for the talk", "feedback on my {t} draft"]
ASKED = ["advice on hiring a designer", "a reference for the grant", "ideas for the {t} meetup",
         "an intro to their CTO", "information about {t} funding", "feedback on my essay"]

CIRCLE_MIX = [("inner", 0.08), ("close", 0.17), ("network", 0.4), ("acquaintance", 0.25),
              (None, 0.10)]
KIND_MIX = [("meeting", 0.35), ("call", 0.15), ("message", 0.25), ("email", 0.12),
            ("event", 0.05), ("note", 0.08)]


def _pick(rng: random.Random, mix: list[tuple[Any, float]]) -> Any:
    return rng.choices([v for v, _ in mix], weights=[w for _, w in mix])[0]


def generate(
    contacts: int = 60,
    *,
    seed: int = 7,
    today: date | None = None,
    interactions: int | None = None,
    favours: int | None = None,
    checkins: int | None = None,
    years: float = 1.0,
    communities: int = 4,
    links: int = 12,
) -> dict[str, Any]:
    """A full export (see README: JSON format) of a generated network.

    By default about 10 interactions, 2 favours and 0.5 check-ins per person, spread over
    `years` before `today`. Same arguments, same data."""
    rng = random.Random(seed)
    today = today or date.today()
    n_inter = interactions if interactions is not None else contacts * 10
    n_fav = favours if favours is not None else contacts * 2
    n_chk = checkins if checkins is not None else contacts // 2
    span = max(30, int(365 * years))
    created = datetime.combine(today - timedelta(days=span), datetime.min.time(), UTC)

    def rid() -> str:
        return f"{rng.getrandbits(48):012x}"

    def tmpl(text: str) -> str:
        return text.format(t=rng.choice(TAGS))

    people: list[Contact] = []
    for n in range(contacts):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if n < len(FIRST):  # the first people cover every first name once
            first = FIRST[n]
            last = LAST[n % len(LAST)]
        name = f"{first} {last}" if contacts <= 2000 else f"{first} {last} {n}"
        circle = _pick(rng, CIRCLE_MIX)
        slug = fold(name).replace(" ", ".").replace("'", "")  # addresses are plain ASCII
        company = rng.choice(COMPANIES)
        year = rng.choice([None, *range(1965, 2002)])
        bday = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if year else (
            f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        people.append(
            Contact(
                id=rid(),
                name=name,
                nickname=rng.choice([None, None, None, first[:3]]),
                emails=[f"{slug}@{company.split()[0].lower()}.example"],
                phones=[f"+44 7700 9{rng.randint(10000, 99999)}"] if rng.random() < 0.6 else [],
                company=company,
                title=rng.choice(TITLES),
                location=rng.choice(CITIES),
                tags=rng.sample(TAGS, rng.randint(0, 3)),
                birthday=Birthday.parse(bday) if rng.random() < 0.7 else None,
                met_on=today - timedelta(days=rng.randint(span, span + 3000)),
                how_met=rng.choice(HOW_MET),
                circle=circle,
                notes=rng.choice(["", "", "Loves hiking.", "Ask about the book she is writing."]),
                created_at=created,
                updated_at=created,
            )
        )
    if people:  # always a birthday this week, and a leap-day one
        p = people[0]
        soon = today + timedelta(days=2)
        people[0] = p.model_copy(update={"birthday": f"1988-{soon.month:02d}-{soon.day:02d}"})
    if len(people) > 5:
        people[5] = people[5].model_copy(update={"birthday": "1992-02-29"})

    by_circle_weight = {"inner": 8, "close": 4, "network": 2, "acquaintance": 1, None: 1}
    weights = list(itertools.accumulate(by_circle_weight[p.circle] for p in people))
    inter: list[Interaction] = []
    for _ in range(n_inter):
        kind = _pick(rng, KIND_MIX)
        size = 2 if kind in ("meeting", "event") and rng.random() < 0.25 else 1
        who = {p.id for p in rng.choices(people, cum_weights=weights, k=size)}
        text = tmpl(rng.choice({"meeting": MEETING_TEXT, "event": MEETING_TEXT,
                                "note": NOTE_TEXT}.get(kind, MESSAGE_TEXT)))
        inter.append(
            Interaction(
                id=rid(),
                contact_ids=sorted(who),
                date=today - timedelta(days=int(rng.triangular(0, span, span * 0.15))),
                kind=kind,
                text=text,
                tags=[rng.choice(TAGS)] if rng.random() < 0.3 else [],
            )
        )
    # A few close people are clearly overdue: nothing for a long while.
    close = [p for p in people if p.circle in ("inner", "close")][:4]
    stale = {p.id for p in close}
    inter = [i for i in inter if not (stale & set(i.contact_ids)) or
             (today - i.date).days > 60]

    favs: list[Favour] = []
    for n in range(n_fav):
        p = rng.choices(people, cum_weights=weights)[0]
        direction = rng.choices(["gave", "received", "asked"], weights=[5, 3, 2])[0]
        pool = {"gave": GAVE, "received": RECEIVED, "asked": ASKED}[direction]
        age = rng.randint(0, span)
        if direction == "asked":
            status = "open" if age < 60 or n % 3 == 0 else rng.choice(["done", "declined"])
        else:
            status = "done" if rng.random() < 0.9 else "open"
        favs.append(Favour(id=rid(), contact_id=p.id, direction=Direction(direction), text=tmpl(rng.choice(pool)),
                           date=today - timedelta(days=age), size=rng.choice([1, 1, 1, 2, 3]),
                           status=FavourStatus(status)))

    chks: list[CheckIn] = []
    reasons = ["follow up on the intro", "send the article", "ask how the launch went",
               "congratulate on the new role", "share the meetup photos"]
    for n in range(n_chk):
        p = rng.choice(people)
        kind = "snooze" if n % 5 == 4 else "followup"
        chks.append(CheckIn(id=rid(), contact_id=p.id, due=today + timedelta(days=rng.randint(-10, 30)),
                            reason=rng.choice(reasons) if kind == "followup" else "snoozed",
                            kind=CheckInKind(kind),
                            status=CheckInStatus(rng.choices(["pending", "done", "skipped"], [6, 3, 1])[0])))

    from .demo_communities import communities_for

    contact_docs = [c.to_doc() for c in people]
    groups = communities_for(contact_docs, seed=seed, today=today, created=created,
                             communities=communities, links=links)
    return {
        "schema": SCHEMA_VERSION,
        "contacts": contact_docs,
        "interactions": [i.to_doc() for i in inter],
        "favours": [f.to_doc() for f in favs],
        "checkins": [c.to_doc() for c in chks],
        **groups,
    }
