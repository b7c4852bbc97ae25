"""Communities you belong to and your participation in them: their records, members,
the participation log and when you are due to take part again. Its own small indexes
are dropped whenever a write or another process changes what they are built from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from ..domain import communities as comm
from ..domain.clock import dated
from ..domain.communities import Community, Participation, ParticipationKind
from ..domain.models import STORED, Contact, Interaction, Kind
from ..errors import Invalid, NotFound, one_line
from ..storage import Change
from .contacts import Contacts
from .events import Changed, Listener
from .indexes import Indexes
from .unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CommunityDue:
    community: Community
    due: date
    last: date | None
    overdue_days: int

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "community",
            "community_id": self.community.id,
            "name": self.community.name,
            "due": self.due.isoformat(),
            "state": "due",
            "overdue_days": self.overdue_days,
            "reason": "take part",
            "detail": f"every {self.community.cadence}d as {self.community.role.value}",
            "last_participation": self.last.isoformat() if self.last else None,
        }


class Communities:
    def __init__(self, ix: Indexes, uow: UnitOfWork, people: Contacts,
                 listeners: list[Listener]) -> None:
        self.ix, self.uow, self.people = ix, uow, people
        self._communities: dict[str, Community] | None = None
        self._history: dict[str, list[Participation]] | None = None
        # First: whoever redraws on a change (the app's panes) must read fresh indexes.
        listeners.insert(0, self._changed)

    def _changed(self, event: Changed) -> None:
        if event.external or "communities" in event.collections:
            self._communities = None
        if event.external or "participations" in event.collections:
            self._history = None

    # -- communities -----------------------------------------------------------------

    @property
    def _by_id(self) -> dict[str, Community]:
        if self._communities is None:
            out = {}
            for doc in self.ix.store.docs("communities"):
                try:
                    c = Community.model_validate(doc, context=STORED)
                except ValidationError:
                    continue  # broken by another program: skipped, never rewritten
                out[c.id] = c
            self._communities = out
        return self._communities

    def warm_steps(self) -> Iterator[None]:
        """Read and index the communities, then the participation log, one step each
        (the app does this after start-up, so that key 4 costs the drawing only)."""
        self._by_id  # noqa: B018 (built on first use)
        yield None
        self._by_community  # noqa: B018
        yield None

    def all(self) -> list[Community]:
        """Every community, by name."""
        return sorted(self._by_id.values(), key=lambda c: (comm.slug(c.name), c.id))

    def count(self) -> int:
        return len(self._by_id)

    def community(self, community_id: str) -> Community:
        found = self._by_id.get(community_id)
        if found is None:
            raise NotFound(f"no community with id {community_id}")
        return found

    def find(self, name: str) -> Community:
        """One community by name (`&acm`, `ACM Lagos`) or id; Invalid otherwise."""
        name = name.strip().lstrip("&").strip('"')
        if name in self._by_id:
            return self._by_id[name]
        found = comm.match(name, self._by_id.values())
        if not found:
            known = ", ".join(c.name for c in self.all()[:5]) or "none yet"
            raise Invalid(f"&{name}: no such community (known: {known})")
        if len(found) > 1:
            names = ", ".join(sorted(c.name for c in found)[:5])
            raise Invalid(f"&{name} is ambiguous: {names}")
        return found[0]

    def _check(self, c: Community) -> None:
        for other in self._by_id.values():
            if other.id != c.id and comm.slug(other.name) == comm.slug(c.name):
                raise Invalid(f"a community named {other.name!r} already exists")
        self.people.check_people(c.member_ids)  # NotFound names the id

    def add(self, community: Community) -> Community:
        self._check(community)
        community = dated(community, self.ix.today())  # begun today, by the network's clock
        self.uow.commit([Change("communities", community.id, community.to_doc())],
                        f"add community {community.name}")
        return self.community(community.id)

    def edit(self, community_id: str, **fields: Any) -> Community:
        doc = {**self.community(community_id).to_doc(), **fields}
        try:
            updated = Community.model_validate(doc)
        except ValidationError as exc:
            raise Invalid(one_line(exc, "community")) from None
        self._check(updated)
        self.uow.commit([Change("communities", updated.id, updated.to_doc())],
                        f"edit community {updated.name}")
        return self.community(community_id)

    def delete(self, community_id: str) -> None:
        """The community and what the registry says goes with it (its participation
        log); the notes of people met stay. Undo puts it all back."""
        c = self.community(community_id)

        def cascade() -> list[Change]:
            if self.ix.store.get("communities", c.id) is None:
                raise NotFound(f"{c.name} was already deleted by another program")
            return self.people.owner_cascade(c.id, None, [Change("communities", c.id, None)],
                                             of="communities")

        self.uow.commit(cascade, f"delete community {c.name}")

    def join(self, community_id: str, contact_ids: Sequence[str]) -> Community:
        c = self.community(community_id)
        return self.edit(c.id, member_ids=[*c.member_ids, *contact_ids])

    def leave(self, community_id: str, contact_ids: Sequence[str]) -> Community:
        c = self.community(community_id)
        missing = [cid for cid in contact_ids if cid not in c.member_ids]
        if missing:
            name = self.people.contact(missing[0]).name
            raise Invalid(f"{name} is not a member of {c.name}")
        return self.edit(c.id, member_ids=[m for m in c.member_ids if m not in contact_ids])

    def members(self, community_id: str) -> list[Contact]:
        people = [p for cid in self.community(community_id).member_ids
                  if (p := self.people.get_contact(cid)) is not None]
        return sorted(people, key=lambda p: self.ix.name_key(p.name))

    def member_count(self, community_id: str) -> int:
        contacts = self.ix.contacts
        return sum(1 for cid in self.community(community_id).member_ids if cid in contacts)

    def communities_of(self, contact_id: str) -> list[Community]:
        return [c for c in self.all() if contact_id in c.member_ids]

    def membership(self) -> dict[str, list[str]]:
        """contact id -> slugs of their communities (the `in:` filter)."""
        out: dict[str, list[str]] = defaultdict(list)
        for c in self._by_id.values():
            for cid in c.member_ids:
                out[cid].append(comm.slug(c.name))
        return out

    # -- participation ---------------------------------------------------------------

    @property
    def _by_community(self) -> dict[str, list[Participation]]:
        if self._history is None:
            out: dict[str, list[Participation]] = defaultdict(list)
            for doc in self.ix.store.docs("participations"):
                try:
                    p = Participation.model_validate(doc, context=STORED)
                except ValidationError:
                    continue
                out[p.community_id].append(p)
            for items in out.values():
                items.sort(key=lambda p: (p.date, p.id), reverse=True)
            self._history = out
        return self._history

    def history(self, community_id: str) -> list[Participation]:
        """Participation in one community, newest first."""
        return list(self._by_community.get(community_id, ()))

    def last(self, community_id: str) -> date | None:
        items = self._by_community.get(community_id)
        return items[0].date if items else None

    def participation_changes(self, p: Participation,
                              new_contacts: Sequence[Contact] = ()) -> list[Change]:
        """A participation, and a note with the people met (same id) so they count as
        touched, in one transaction."""
        c = self.community(p.community_id)
        known = {n.id for n in new_contacts}
        self.people.check_people(cid for cid in p.contact_ids if cid not in known)
        changes = [Change("contacts", n.id, self.people.made(n).to_doc()) for n in new_contacts]
        changes.append(Change("participations", p.id, p.to_doc()))
        if p.contact_ids:
            verb = "gave at" if p.kind is ParticipationKind.gave else "at"
            text = f"{verb} {c.name}: {p.text}" if p.text else f"{verb} {c.name}"
            note = Interaction(id=p.id, contact_ids=p.contact_ids, date=p.date,
                               kind=Kind.event, text=text)
            changes.append(Change("interactions", note.id, note.to_doc()))
        return changes

    def log(self, p: Participation, new_contacts: Sequence[Contact] = ()) -> Participation:
        c = self.community(p.community_id)
        what = "gave to" if p.kind is ParticipationKind.gave else "took part in"
        self.uow.commit(self.participation_changes(p, new_contacts), f"{what} {c.name}")
        return p

    def delete_participation(self, participation_id: str) -> None:
        if self.ix.store.get("participations", participation_id) is None:
            raise NotFound(f"no participation with id {participation_id}")
        self.uow.commit([Change("participations", participation_id, None)],
                        "delete participation")

    def contributions(self) -> list[tuple[Community, Participation]]:
        """What you gave to communities (the ledger's "to communities"), newest first."""
        out = [(c, p) for c in self.all() for p in self.history(c.id)
               if p.kind is ParticipationKind.gave]
        return sorted(out, key=lambda cp: cp[1].date, reverse=True)

    def due_state(self, community_id: str) -> str:
        c = self.community(community_id)
        return "due" if comm.is_due(c, self.last(c.id), self.ix.today()) else "ok"

    def due_list(self, within_days: int = 0) -> list[CommunityDue]:
        """Communities you are due to take part in within `within_days`, soonest first."""
        today = self.ix.today()
        horizon = today + timedelta(days=within_days)
        out = []
        for c in self._by_id.values():
            last = self.last(c.id)
            day = comm.due_on(c, last)
            if day <= horizon:
                out.append(CommunityDue(c, day, last, max(0, (today - day).days)))
        out.sort(key=lambda d: (d.due, comm.slug(d.community.name)))
        return out

    def review_line(self) -> str:
        """The review's line for communities you have not taken part in lately, or ""."""
        due = self.due_list()
        if not due:
            return ""
        names = ", ".join(d.community.name for d in due[:3])
        more = f" and {len(due) - 3} more" if len(due) > 3 else ""
        return f"Take part again: {names}{more} (press 4 for Communities)"


def participation_of(community_id: str, day: date, text: str = "", *,
                     gave: bool = False, people: Iterable[str] = ()) -> Participation:
    try:
        return Participation(community_id=community_id, date=day, text=text,
                             kind=ParticipationKind.gave if gave else ParticipationKind.event,
                             contact_ids=list(people))
    except ValidationError as exc:
        raise Invalid(one_line(exc, "participation")) from None
