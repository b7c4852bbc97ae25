"""`services.Network`'s ledger, interaction, review and transfer methods: each delegates
to its area (services.areas)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .areas import Areas

if TYPE_CHECKING:
    from ..domain import ledger
    from ..domain.cadence import BirthdaySoon
    from ..domain.favour_rows import FavourRow
    from ..domain.models import Contact, Direction, Favour, FavourStatus, Interaction
    from .results import DueEntry, Nudges, ReviewKey, TimelineEntry


class RecordMethods(Areas):
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

    def index_notes(self) -> None:
        self._interactions.index_notes()

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
