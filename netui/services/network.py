"""The `Network` façade (see the package docstring): the basics and writing here, each
area's methods in facade_people and facade_records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ..config import Config
from ..domain.community_quick import CommunityPlan
from ..storage import Change, Store
from .events import Changed, Listener
from .facade_people import PeopleMethods
from .facade_records import RecordMethods
from .indexes import Indexes
from .unit_of_work import UnitOfWork, last_undoable

if TYPE_CHECKING:
    from ..domain.models import UndoEntry
    from ..domain.quickadd import Plan

T = TypeVar("T")


class Network(PeopleMethods, RecordMethods):
    """The façade: the basics and writing here, each area's methods in facade_people and
    facade_records, each area made on first use (services.areas)."""

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
