"""The demo network's communities, roles and links between people (see demo.generate).
A random stream of its own, so the rest of the demo stays as it was."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from .domain.communities import (
    Community,
    CommunityKind,
    CommunityRole,
    Participation,
    ParticipationKind,
)
from .domain.links import KNOWN_KINDS, Link
from .domain.roles import KNOWN_ROLES

NAMED = [("ACM Lagos", CommunityKind.association, CommunityRole.volunteer, 60),
         ("PyConAfrica", CommunityKind.meetup, CommunityRole.organiser, None),
         ("Imperial alumni", CommunityKind.alumni, CommunityRole.member, 90),
         ("Climate Tech Slack", CommunityKind.online, CommunityRole.member, 30)]
EVENTS = ["chapter meetup", "monthly call", "reading group", "hack night", "panel on hiring",
          "newsletter thread", "reunion drinks"]
GIVES = ["ran the registration desk", "gave a talk on graphs", "mentored at the sprint",
         "wrote the newsletter", "hosted the meetup"]


def communities_for(docs: list[dict[str, Any]], *, seed: int, today: date, created: datetime,
                    communities: int = 4, links: int = 12) -> dict[str, list[dict[str, Any]]]:
    """Communities with members and a year of participation, roles on some people
    (written into `docs`, the contacts), and links between people."""
    rng = random.Random(seed * 7919 + 1)
    if not docs:
        return {"communities": [], "participations": [], "links": []}

    def rid() -> str:
        return f"{rng.getrandbits(48):012x}"

    ids = [d["id"] for d in docs]
    for n, doc in enumerate(docs):
        if n % 5 == 1:
            doc["roles"] = [KNOWN_ROLES[(n // 5) % len(KNOWN_ROLES)]]
    groups: list[Community] = []
    parts: list[Participation] = []
    for n in range(communities):
        kind: CommunityKind
        if n < len(NAMED):
            name, kind, role, every = NAMED[n]
        else:
            name = f"Community {n}"
            kind = rng.choice(list(CommunityKind))
            role, every = rng.choice(list(CommunityRole)), rng.choice([None, 30, 60, 90])
        size = min(len(ids), rng.randint(4, 14) if communities <= 10 else rng.randint(5, 80))
        c = Community(id=rid(), name=name, kind=kind, role=role, cadence_days=every,
                      member_ids=rng.sample(ids, size), created_at=created,
                      link=f"https://{name.split()[0].lower()}.example" if n < 2 else None)
        groups.append(c)
        # The last (the fourth in the small demo) has gone quiet: due in the review.
        quiet = n == communities - 1
        for k in range(rng.randint(3, 8)):
            age = (rng.randint(c.cadence + 10, 360) if quiet or k
                   else rng.randint(1, max(2, c.cadence // 2)))
            gave = k % 3 == 2
            met = rng.sample(c.member_ids, rng.randint(0, 2))
            parts.append(Participation(
                id=rid(), community_id=c.id, date=today - timedelta(days=age),
                kind=ParticipationKind.gave if gave else ParticipationKind.event,
                text=rng.choice(GIVES if gave else EVENTS), contact_ids=met))
    out_links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    while len(out_links) < min(links, len(ids) * (len(ids) - 1) // 2):
        a, b = rng.sample(ids, 2)
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        link_kind = rng.choice([k for k in KNOWN_KINDS if k != "reports to"])
        out_links.append(Link(id=rid(), a_id=a, b_id=b, kind=link_kind,
                              date=today - timedelta(days=rng.randint(30, 900))))
    return {"communities": [c.to_doc() for c in groups],
            "participations": [p.to_doc() for p in parts],
            "links": [x.to_doc() for x in out_links]}
