"""What the calendar shows per day, indexed once per change so moving between days and
months costs dictionary lookups, not scans of every contact and interaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from ..domain.cadence import Due
from ..domain.models import Contact, Favour
from ..domain.touches import read_favour
from ..errors import Invalid, NotFound
from ..services import Network

STEP = 100  # contacts per warm-up step (a ms or two)
# The memo's name: its first word says what it is computed from (due_list: contacts,
# notes, favours and check-ins), so a write to any of them drops it.
MEMO = "due_list calendar"

COMMUNITY_HORIZON = 366  # days ahead a community's next time to take part is shown


@dataclass(frozen=True, slots=True)
class AgendaItem:
    kind: str  # "due", "birthday", "touch" or "community" (time to take part again)
    day: date
    contact: Contact | None
    due: Due | None = None
    interaction: dict[str, Any] | None = None
    favour: Favour | None = None  # a "touch" that is a favour given, received or asked
    community: str | None = None  # its name, for kind "community"
    community_id: str | None = None


class CalendarIndex:
    def __init__(self, network: Network, build: bool = True) -> None:
        self.network = network
        self.today = network.today()
        self.due_by_day: dict[date, list[AgendaItem]] = defaultdict(list)
        self.birthdays_by_md: dict[tuple[int, int], list[Contact]] = defaultdict(list)
        # Note ids by day (the store's own id strings): a day's notes are read when shown.
        self.touches_by_day: dict[date, list[str]] = defaultdict(list)
        # Favour ids: a model is made for the few favours of a day shown (see touches_on).
        self.favours_by_day: dict[date, list[str]] = defaultdict(list)
        if build:
            self._build()

    def _build(self) -> None:
        for _ in self.build_steps():
            pass

    def build_steps(self, size: int = STEP) -> Iterator[None]:
        """Build the index, yielding after every `size` contacts or notes: the app warms
        it between keys after start-up (see warm_calendar)."""
        network = self.network
        for n, c in enumerate(network.contacts(), 1):
            due = network.due(c.id)
            if due is not None:
                self.due_by_day[due.due].append(AgendaItem("due", due.due, c, due))
            if c.birthday:
                self.birthdays_by_md[(c.birthday.month, c.birthday.day)].append(c)
            if n % size == 0:
                yield
        for entry in network.communities.due_list(COMMUNITY_HORIZON):
            self.due_by_day[entry.due].append(
                AgendaItem("community", entry.due, None, community=entry.community.name,
                           community_id=entry.community.id))
        # Notes by day from the note index, which the app builds with last touches (no
        # note parsed): grouped by the stored date string in slices, then each distinct
        # string parsed once (500k notes: one tight loop, not a date lookup per note).
        by_text: defaultdict[str, list[str]] = defaultdict(list)
        pairs = iter(network.note_days())
        while chunk := list(islice(pairs, size * 100)):
            for rid, text in chunk:
                by_text[text].append(rid)
            yield
        for text, rids in by_text.items():
            try:
                day = date.fromisoformat(text)
            except ValueError:
                continue
            self.touches_by_day[day] += rids
        # Favours are touches too when the config says so, as for last touch and due:
        # read as last touches read them (touches.read_favour), not as the ledger's rows
        # (100k favours at 50k people: ~0.2 s instead of ~2 s before the warm-up made them).
        if network.config.favours_count_as_touch:
            for n, doc in enumerate(network.store.docs("favours"), 1):
                read, fid = read_favour(doc), doc.get("id")
                if read is not None and isinstance(fid, str):
                    self.favours_by_day[read[0]].append(fid)
                if n % (size * 10) == 0:
                    yield

    def due_on(self, day: date) -> list[AgendaItem]:
        return self.due_by_day.get(day, [])

    def birthdays_on(self, day: date) -> list[AgendaItem]:
        people = list(self.birthdays_by_md.get((day.month, day.day), []))
        if (day.month, day.day) == (2, 28):  # 29 February falls on the 28th in common years
            people += [c for c in self.birthdays_by_md.get((2, 29), [])
                       if c.birthday and c.birthday.occurrence(day.year) == day]
        return [AgendaItem("birthday", day, c) for c in people]

    def touches_on(self, day: date) -> list[AgendaItem]:
        out = []
        docs = (self.network.store.get("interactions", rid)
                for rid in self.touches_by_day.get(day, []))
        for doc in filter(None, docs):
            ids = doc.get("contact_ids") or []
            c = self.network.get_contact(ids[0]) if ids else None
            out.append(AgendaItem("touch", day, c, interaction=doc))
        for fid in self.favours_by_day.get(day, []):
            try:
                favour = self.network.favour(fid)
            except (NotFound, Invalid):  # gone since the index was built: not a touch
                continue
            out.append(AgendaItem("touch", day, self.network.get_contact(favour.contact_id),
                                  favour=favour))
        return out

    def touch_count(self, day: date) -> int:
        """How many touches `touches_on(day)` lists, without reading them (the month grid
        counts 42 days: reading each day's notes and favours to count them cost ~30 ms)."""
        return len(self.touches_by_day.get(day, ())) + len(self.favours_by_day.get(day, ()))

    def colour(self, item: AgendaItem, day: date) -> str:
        """red: late (past the circle's maximum); yellow: due (past the ideal interval)
        or coming up."""
        if day <= self.today and item.contact is not None:
            return "red" if self.network.due_state(item.contact.id) == "late" else "yellow"
        return "yellow"

    def overdue(self) -> list[AgendaItem]:
        days = sorted(d for d in self.due_by_day if d < self.today)
        return [item for d in days for item in self.due_by_day[d]]

    def names(self, doc: dict[str, Any]) -> str:
        people = (self.network.get_contact(cid) for cid in doc.get("contact_ids", ()))
        return ", ".join(c.name for c in people if c)


def calendar_index(network: Network) -> CalendarIndex:
    """The calendar's index, kept by the network until a write, a new day or config."""
    return network.cached(MEMO, lambda: CalendarIndex(network))


def warm_calendar(network: Network, size: int = STEP) -> Iterator[None]:
    """Build the calendar's index after start-up a step at a time (a piece for the warm
    queue), so that pressing 3 costs the drawing only; dropped if the network changes
    meanwhile."""
    from .warm_queue import changes_seen

    index = CalendarIndex(network, build=False)
    with changes_seen(network) as changed:
        for _ in index.build_steps(size):
            if changed():
                return
            yield
        if not changed() and index.today == network.today():
            network.cached(MEMO, lambda: index)
