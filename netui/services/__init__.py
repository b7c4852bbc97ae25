"""netui's services: everything the CLI and the TUI do to a network goes through here.

`Network` is a thin façade: one `Indexes` (the derived data and how each write changes
it), one `UnitOfWork` (transactions, revisions, the undo log, other processes' changes)
and an object per area over them (contacts, schedule, ledger, interactions, review,
transfer), to which each public method delegates. Which records exist and who owns them
is declared once, in netui.domain.registry.

Contacts are held as validated models (10k validate in ~70 ms); interactions, favours and
check-ins stay as the stored documents and become models on demand, because validating
100k notes at start-up would cost over a second."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from ..config import Config
from ..domain import ledger
from ..domain.cadence import BirthdaySoon, Due
from ..domain.community_quick import CommunityPlan
from ..domain.favour_rows import FavourRow
from ..domain.models import (
    CheckIn,
    Contact,
    Direction,
    Favour,
    FavourStatus,
    Interaction,
    Kind,
    UndoEntry,
)
from ..domain.quickadd import Plan
from ..domain.rows import ContactRow
from ..storage import Change, Store
from .communities import Communities
from .contacts import Contacts
from .events import Changed, Listener
from .indexes import Indexes
from .interactions import Interactions
from .ledger import Ledger
from .links import Links
from .opening import open_network
from .results import DueEntry, Nudges, ReviewKey, TimelineEntry, in_years, valid_contact
from .review import Review
from .schedule import Schedule
from .transfer import Transfer, validate_export
from .unit_of_work import UnitOfWork, last_undoable

__all__ = [
    "Changed", "DueEntry", "Network", "Nudges", "ReviewKey", "TimelineEntry", "in_years",
    "open_network", "valid_contact", "validate_export",
]

T = TypeVar("T")


class Network:
    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.listeners: list[Listener] = []
        self._ix = Indexes(store, config or Config(), today)
        self._uow = UnitOfWork(store, self._ix, self.listeners)
        self._people = Contacts(self._ix, self._uow)
        self._schedule = Schedule(self._ix, self._uow, self._people)
        self._ledger = Ledger(self._ix, self._uow, self._people)
        self._interactions = Interactions(self._ix, self._uow, self._people, self._schedule,
                                          self._ledger)
        self._review = Review(self._ix, self._schedule, self._ledger)
        self._transfer = Transfer(self._ix, self._uow)
        # Communities (with participation) and links between people: areas of their own.
        self.communities = Communities(self._ix, self._uow, self._people, self.listeners)
        self.links = Links(self._ix, self._uow, self._people, self._ledger, self.listeners)
        self._ix.rebuild()

    # -- basics ----------------------------------------------------------------------------

    @property
    def config(self) -> Config:
        return self._ix.config

    @config.setter
    def config(self, config: Config) -> None:  # the app replaces it while running
        self._ix.config = config

    @property
    def process(self) -> str:
        """Which kind of netui writes, as the undo log lists it ("shell", "app")."""
        return self._uow.process

    @process.setter
    def process(self, process: str) -> None:
        self._uow.process = process

    def today(self) -> date:
        return self._ix.today()

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def circles(self) -> dict[str, int]:
        return self._ix.config.circles

    def circle_rank(self, circle: str | None) -> int:
        return self._ix.circle_rank(circle)

    def name_key(self, name: str) -> str:
        return self._ix.name_key(name)

    @property
    def history_ready(self) -> bool:
        """Whether last touches and timelines are indexed yet (built on first use, from
        every note: the app shows its first frame before and fills them in after)."""
        return self._ix.inter_index is not None

    def load_history(self) -> None:
        """Index every interaction, favour and check-in now (last touches, timelines,
        ledger marks, pending check-ins)."""
        ix = self._ix
        ix.interaction_index(with_notes=True)  # note search and the calendar read it too
        ix.load_records("favours")  # marks, touches, owners: one parse of each collection
        ix.load_records("checkins")

    def warm(self) -> None:
        """Compute what the daily review needs (the note index behind last touches, the
        ledger marks, pending check-ins and the queue's order) ahead of use, e.g. right
        after the app's first frame, so that opening the review costs nothing."""
        from ..domain.review import queue_for

        queue_for(self)

    def cached(self, name: str, build: Callable[[], T],
               patch: Callable[[T, set[str]], T] | None = None) -> T:
        """A whole-network answer kept until a write to what `name` depends on (the
        registry's `feeds`), a new day or a new config. With `patch`, a write keeps it
        and `patch(answer, contact_ids)` brings it in step with the contacts written to,
        when next asked for."""
        return self._ix.cached(name, build, patch)

    # -- writing -----------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Pick up changes another netui or a sync tool wrote. True when there were any."""
        return self._uow.refresh()

    def commit(self, changes: list[Change], label: str, *, force: bool = False) -> Changed:
        """Apply raw changes as one undoable transaction (bulk work: imports, merges).
        Callers validate documents through their models first."""
        return self._uow.commit(changes, label, force=force)

    def undo_log(self) -> list[UndoEntry]:
        """The last changes made by any netui on this data, oldest first."""
        return self._uow.undo_log()

    @property
    def can_undo(self) -> bool:
        return last_undoable(self.undo_log()) is not None

    def undo_label(self) -> str | None:
        entry = last_undoable(self.undo_log())
        return entry.label if entry else None

    def undo(self) -> str | None:
        """Revert the last change made by any netui on this data; what was undone."""
        return self._uow.undo()

    def quick_add(self, plan: Plan | CommunityPlan) -> None:
        """Save what a quick-add line stands for (domain.quickadd.plan), in one
        transaction: an intro's favours, a favour, an interaction with its follow-up, or
        (domain.community_quick.plan) taking part in a community."""
        if isinstance(plan, CommunityPlan):
            self.communities.log(plan.participation, plan.new_contacts)
        elif len(plan.favours) > 1:
            self.log_favours(plan.favours, new_contacts=plan.new_contacts)
        elif plan.favour is not None:
            self.log_favour(plan.favour, new_contacts=plan.new_contacts)
        elif plan.interaction is not None:
            self.log_interaction(plan.interaction, followup=plan.followup,
                                 followup_reason=plan.followup_reason,
                                 new_contacts=plan.new_contacts)

    # -- contacts ------------------------------------------------------------

    def contacts(self, include_archived: bool = False) -> list[Contact]:
        return self._people.contacts(include_archived)

    def contact_count(self) -> int:
        return self._people.contact_count()

    def active_count(self) -> int:
        return self._people.active_count()

    def contact(self, contact_id: str) -> Contact:
        return self._people.contact(contact_id)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._people.get_contact(contact_id)

    def contact_rows(self, include_archived: bool = False) -> list[ContactRow]:
        return self._people.contact_rows(include_archived)

    def people(self, include_archived: bool = False) -> list[ContactRow]:
        return self._people.people(include_archived)

    def find(self, name: str, include_archived: bool = False) -> list[Contact]:
        return self._people.find(name, include_archived)

    def find_one(self, name: str) -> Contact:
        return self._people.find_one(name)

    def find_exact(self, name: str) -> Contact:
        return self._people.find_exact(name)

    def add_contact(self, contact: Contact) -> Contact:
        return self._people.add_contact(contact)

    def update_contact(self, contact: Contact) -> Contact:
        return self._people.update_contact(contact)

    def edit_contact(self, contact_id: str, **fields: Any) -> Contact:
        return self._people.edit_contact(contact_id, **fields)

    def set_archived(self, contact_id: str, archived: bool = True) -> Contact:
        return self._people.set_archived(contact_id, archived)

    def delete_contact(self, contact_id: str) -> None:
        self._people.delete_contact(contact_id)

    def merge_contacts(self, keep_id: str, other_id: str) -> Contact:
        return self._people.merge_contacts(keep_id, other_id)

    # -- schedule ------------------------------------------------------------

    def last_touch(self, contact_id: str) -> date | None:
        return self._schedule.last_touch(contact_id)

    def cadence(self, contact: Contact) -> int | None:
        return self._schedule.cadence(contact)

    def due(self, contact_id: str) -> Due | None:
        return self._schedule.due(contact_id)

    def due_list(self, within_days: int = 0) -> list[DueEntry]:
        return self._schedule.due_list(within_days)

    def due_state(self, contact_id: str) -> str:
        return self._schedule.due_state(contact_id)

    def due_count(self, within_days: int = 0) -> int:
        return self._schedule.due_count(within_days)

    def birthdays(self, within_days: int = 7) -> list[tuple[Contact, BirthdaySoon]]:
        return self._schedule.birthdays(within_days)

    def needs_triage(self) -> list[Contact]:
        return self._schedule.needs_triage()

    def checkin(self, checkin_id: str) -> CheckIn:
        return self._schedule.checkin(checkin_id)

    def checkins_for(self, contact_id: str, pending_only: bool = False) -> list[CheckIn]:
        return self._schedule.checkins_for(contact_id, pending_only)

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        return self._schedule.add_checkin(checkin)

    def mark_done(
        self,
        contact_id: str,
        note: str = "",
        kind: Kind = Kind.message,
        on: date | None = None,
    ) -> Interaction:
        return self._schedule.mark_done(contact_id, note, kind, on)

    def snooze(self, contact_id: str, until: date, reason: str = "") -> CheckIn:
        return self._schedule.snooze(contact_id, until, reason)

    def reschedule(self, checkin_id: str, due: date, rev: int | None = None) -> CheckIn:
        return self._schedule.reschedule(checkin_id, due, rev)

    # -- ledger ------------------------------------------------------------

    def favour(self, favour_id: str) -> Favour:
        return self._ledger.favour(favour_id)

    def favour_rows(self) -> list[FavourRow]:
        return self._ledger.favour_rows()

    def favours(
        self,
        contact_id: str | None = None,
        direction: Direction | None = None,
        status: FavourStatus | None = None,
    ) -> list[Favour]:
        return self._ledger.favours(contact_id, direction, status)

    def introductions_of(self, contact_id: str) -> list[Favour]:
        return self._ledger.introductions_of(contact_id)

    def log_favour(self, favour: Favour, new_contacts: Sequence[Contact] = ()) -> Favour:
        return self._ledger.log_favour(favour, new_contacts)

    def log_favours(
        self,
        favours: Sequence[Favour],
        new_contacts: Sequence[Contact] = (),
    ) -> list[Favour]:
        return self._ledger.log_favours(favours, new_contacts)

    def update_favour(self, favour: Favour) -> Favour:
        return self._ledger.update_favour(favour)

    def set_favour_status(
        self,
        favour_id: str,
        status: FavourStatus,
        rev: int | None = None,
    ) -> Favour:
        return self._ledger.set_favour_status(favour_id, status, rev)

    def delete_favour(self, favour_id: str) -> None:
        self._ledger.delete_favour(favour_id)

    def standing(self, contact_id: str) -> ledger.Standing:
        return self._ledger.standing(contact_id)

    def balance(self, contact_id: str) -> int:
        return self._ledger.balance(contact_id)

    def balances(self) -> list[tuple[Contact, ledger.Standing]]:
        return self._ledger.balances()

    def nudges(self) -> Nudges:
        return self._ledger.nudges()

    def ledger_nudged(self) -> set[str]:
        return self._ledger.ledger_nudged()

    # -- interactions ------------------------------------------------------------

    def interaction(self, interaction_id: str) -> Interaction:
        return self._interactions.interaction(interaction_id)

    def interactions_for(self, contact_id: str) -> list[Interaction]:
        return self._interactions.interactions_for(contact_id)

    def interaction_docs(self) -> Iterator[dict[str, Any]]:
        return self._interactions.interaction_docs()

    def log_interaction(
        self,
        interaction: Interaction,
        *,
        followup: date | None = None,
        followup_reason: str = "",
        new_contacts: Sequence[Contact] = (),
    ) -> Interaction:
        return self._interactions.log_interaction(
            interaction, followup=followup, followup_reason=followup_reason,
            new_contacts=new_contacts)

    def update_interaction(self, interaction: Interaction) -> Interaction:
        return self._interactions.update_interaction(interaction)

    def delete_interaction(self, interaction_id: str) -> None:
        self._interactions.delete_interaction(interaction_id)

    def search_notes(self, text: str, limit: int = 200) -> list[Interaction]:
        return self._interactions.search_notes(text, limit)

    def note_days(self) -> Iterable[tuple[str, str]]:
        return self._interactions.note_days()

    def timeline(self, contact_id: str) -> list[TimelineEntry]:
        return self._interactions.timeline(contact_id)

    # -- review ------------------------------------------------------------

    def review_inputs(
        self,
        contact_ids: Iterable[str],
        birthday_days: int,
    ) -> tuple[list[DueEntry], list[tuple[Contact, BirthdaySoon]], Nudges]:
        return self._review.review_inputs(contact_ids, birthday_days)

    def review_order(
        self,
        birthday_days: int,
        contact_ids: Iterable[str] | None = None,
    ) -> list[ReviewKey]:
        return self._review.review_order(birthday_days, contact_ids)

    # -- transfer ------------------------------------------------------------

    def export_all(self) -> dict[str, Any]:
        return self._transfer.export_all()

    def import_all(self, data: Any, *, replace: bool = False) -> dict[str, int]:
        return self._transfer.import_all(data, replace=replace)

