"""What the calendar shows per day, indexed once per change so moving between days and
months costs dictionary lookups, not scans of every contact and interaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.cadence import Due
from ..domain.favour_rows import FavourRow
from ..domain.models import Contact, Favour
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
        self.touches_by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
        # Rows: a model is made for the few favours of a day shown (see touches_on).
        self.favours_by_day: dict[date, list[FavourRow]] = defaultdict(list)
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
        yield from self._touches(size * 10)  # a note is ten times cheaper than a contact
        # Favours are touches too when the config says so, as for last touch and due.
        if network.config.favours_count_as_touch:
            for row in network.favour_rows():
                self.favours_by_day[row.date].append(row)

    def _touches(self, size: int) -> Iterator[None]:
        """Notes by day. Grouped by the stored text first and each day's text parsed
        once (500k notes fall on a few thousand days): a date parsed per note was most
        of a cold open at 50k contacts. Two texts naming one day (a date another program
        wrote as 20261122) are grouped again note by note, in the store's order."""
        by_text: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
        docs = list(self.network.interaction_docs())
        try:
            for n in range(0, len(docs), size):
                for doc in docs[n:n + size]:
                    by_text[doc.get("date", "")].append(doc)
                yield
        except TypeError:  # a date no note holds (a list): read them one by one
            by_text.clear()
            for doc in docs:
                by_text[self._text_of(doc)].append(doc)
        days: dict[str, date] = {}
        for text in by_text:
            try:
                days[text] = date.fromisoformat(text)
            except (TypeError, ValueError):
                continue
        if len(set(days.values())) < len(days):  # one day under two texts: note order
            for doc in docs:
                if (day := days.get(self._text_of(doc))) is not None:
                    self.touches_by_day[day].append(doc)
            return
        for text, day in days.items():
            self.touches_by_day[day] = by_text[text]

    @staticmethod
    def _text_of(doc: dict[str, Any]) -> str:
        text = doc.get("date", "")
        return text if isinstance(text, str) else ""

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
        for doc in self.touches_by_day.get(day, []):
            ids = doc.get("contact_ids") or []
            c = self.network.get_contact(ids[0]) if ids else None
            out.append(AgendaItem("touch", day, c, interaction=doc))
        for row in self.favours_by_day.get(day, []):
            try:
                favour = self.network.favour(row.id)
            except (NotFound, Invalid):  # gone since the index was built: not a touch
                continue
            out.append(AgendaItem("touch", day, self.network.get_contact(favour.contact_id),
                                  favour=favour))
        return out

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
