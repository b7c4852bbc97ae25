"""Log or edit an interaction: a meeting, call, message, email, event or note."""

from __future__ import annotations

from datetime import date

from ..domain import dates
from ..domain.models import Interaction, Kind
from ..errors import NetuiError
from ..services import Network
from .date_picker import parse_future
from .form_base import FieldError, FormField, FormScreen, split_list, split_tags


class InteractionForm(FormScreen):
    COLLECTION = "interactions"
    ALIASES = {"contact_ids": "people"}

    def __init__(self, network: Network, contact_ids: list[str],
                 interaction_id: str | None = None, on: date | None = None) -> None:
        super().__init__(network)
        self.interaction = network.interaction(interaction_id) if interaction_id else None
        self.contact_ids = list(self.interaction.contact_ids) if self.interaction else contact_ids
        self.on = on
        self.FORM_TITLE = "Edit interaction" if self.interaction else "Log an interaction"
        self._opened = self.interaction.to_doc() if self.interaction else None

    def opened_doc(self) -> dict | None:
        return self._opened

    def reload_record(self) -> bool:
        if self.interaction is None:
            return False
        if self.network.store.get("interactions", self.interaction.id) is None:
            return False
        self.interaction = self.network.interaction(self.interaction.id)
        self._opened = self.interaction.to_doc()
        return True

    def _names(self) -> str:
        people = (self.network.get_contact(cid) for cid in self.contact_ids)
        return ", ".join(c.name for c in people if c)

    def form_fields(self) -> list[FormField]:
        i = self.interaction
        day = i.date if i else (self.on or self.network.today())
        fields = [
            FormField("people", "With *", self._names(), placeholder="names, comma separated"),
            FormField("date", "Date *", day.isoformat(), placeholder="today, yesterday, 3d ago"),
            FormField("kind", "Kind", (i.kind if i else Kind.meeting).value, kind="select",
                      options=[(k.value, k.value) for k in Kind]),
            FormField("text", "What happened", i.text if i else "", kind="area"),
            FormField("tags", "Tags", " ".join(f"#{t}" for t in i.tags) if i else ""),
        ]
        if i is None:
            fields.append(FormField("followup", "Follow up", "",
                                    placeholder="empty, or 2w, next fri, 2026-12-01"))
        return fields

    def _people(self, text: str) -> list[str]:
        if text.strip() == self._names() and self.contact_ids:
            return self.contact_ids  # untouched: keep the ids (names may be ambiguous)
        ids = []
        for name in split_list(text):
            try:
                ids.append(self.network.find_one(name).id)
            except NetuiError as exc:
                raise FieldError("people", str(exc)) from None
        if not ids:
            raise FieldError("people", "name at least one person")
        return ids

    def save(self, values: dict[str, str]) -> str:
        today = self.network.today()
        ids = self._people(values["people"])
        try:
            day = dates.parse_date(values["date"], today)
        except ValueError as exc:
            raise FieldError("date", str(exc)) from None
        followup = None
        if values.get("followup", "").strip():
            try:
                followup = parse_future(values["followup"], today)
            except ValueError as exc:
                raise FieldError("followup", str(exc)) from None
        doc = self.interaction.to_doc() if self.interaction else {}
        doc.update(contact_ids=ids, date=day, kind=values["kind"] or "meeting",
                   text=values["text"].strip(), tags=split_tags(values["tags"]))
        interaction = Interaction.model_validate(doc)
        if self.interaction:
            return self.network.update_interaction(interaction).id
        return self.network.log_interaction(interaction, followup=followup).id
