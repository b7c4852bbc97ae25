"""The areas behind `services.Network`, each made (and its module imported) the first
time a method of the façade needs it: `netui note` uses contacts, schedule, ledger and
interactions, never the communities, links, review or transfer areas, nor imports them
(tests/test_import_hygiene.py holds it)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..storage import Store
    from .communities import Communities
    from .contacts import Contacts
    from .events import Listener
    from .indexes import Indexes
    from .interactions import Interactions
    from .ledger import Ledger
    from .links import Links
    from .review import Review
    from .schedule import Schedule
    from .transfer import Transfer
    from .unit_of_work import UnitOfWork


class Areas:
    """What Network.__init__ sets, and the areas made from it on first use."""

    store: Store
    listeners: list[Listener]
    _ix: Indexes
    _uow: UnitOfWork

    @cached_property
    def _people(self) -> Contacts:
        from .contacts import Contacts

        return Contacts(self._ix, self._uow)

    @cached_property
    def _schedule(self) -> Schedule:
        from .schedule import Schedule

        return Schedule(self._ix, self._uow, self._people)

    @cached_property
    def _ledger(self) -> Ledger:
        from .ledger import Ledger

        return Ledger(self._ix, self._uow, self._people)

    @cached_property
    def _interactions(self) -> Interactions:
        from .interactions import Interactions

        return Interactions(self._ix, self._uow, self._people, self._schedule, self._ledger)

    @cached_property
    def _review(self) -> Review:
        from .review import Review

        return Review(self._ix, self._schedule, self._ledger)

    @cached_property
    def _transfer(self) -> Transfer:
        from .transfer import Transfer

        return Transfer(self._ix, self._uow)

    # Communities (with participation) and links between people: areas of their own,
    # reached as network.communities and network.links. Each listens for changes from
    # when it is made: before that it holds nothing a change could make stale.
    @cached_property
    def communities(self) -> Communities:
        from .communities import Communities

        return Communities(self._ix, self._uow, self._people, self.listeners)

    @cached_property
    def links(self) -> Links:
        from .links import Links

        return Links(self._ix, self._uow, self._people, self._ledger, self.listeners)
