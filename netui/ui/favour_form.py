"""Log or edit a favour: given, received or asked."""

from __future__ import annotations

from ..domain import dates
from ..domain.models import Direction, Favour, FavourStatus
from ..errors import NetuiError
from ..services import Network
from .form_base import FieldError, FormField, FormScreen


class FavourForm(FormScreen):
    COLLECTION = "favours"
    ALIASES = {"contact_id": "person"}

    def __init__(self, network: Network, contact_id: str | None = None,
                 favour_id: str | None = None) -> None:
        super().__init__(network)
        self.favour = network.favour(favour_id) if favour_id else None
        self.contact_id = self.favour.contact_id if self.favour else contact_id
        self.FORM_TITLE = "Edit favour" if self.favour else "Log a favour"
        self._opened = self.favour.to_doc() if self.favour else None

    def opened_doc(self) -> dict | None:
        return self._opened

    def reload_record(self) -> bool:
        if self.favour is None or self.network.store.get("favours", self.favour.id) is None:
            return False
        self.favour = self.network.favour(self.favour.id)
        self._opened = self.favour.to_doc()
        return True

    def _person_name(self) -> str:
        c = self.network.get_contact(self.contact_id) if self.contact_id else None
        return c.name if c else ""

    def on_mount(self) -> None:
        super().on_mount()
        from textual.widgets import Input

        from .name_suggester import NameSuggester

        self.query_one("#f-person", Input).suggester = NameSuggester(self.network)

    def form_fields(self) -> list[FormField]:
        f = self.favour
        return [
            FormField("person", "Person *", self._person_name(), placeholder="a name"),
            FormField("direction", "Direction", (f.direction if f else Direction.gave).value,
                      kind="select", options=[("I gave", "gave"), ("I received", "received"),
                                              ("I asked", "asked")]),
            FormField("text", "What", f.text if f else "", placeholder="intro to a recruiter"),
            FormField("date", "Date *", (f.date if f else self.network.today()).isoformat()),
            FormField("size", "Size", str(f.size if f else 1), kind="select",
                      options=[("1 small", "1"), ("2 medium", "2"), ("3 big", "3")]),
            FormField("status", "Status", f.status.value if f else "", kind="select",
                      options=[(s.value, s.value) for s in FavourStatus],
                      blank="auto: asks open, others done"),
        ]

    def save(self, values: dict[str, str]) -> str:
        text = values["person"].strip()
        if self.contact_id and text == self._person_name():
            cid = self.contact_id
        else:
            if not text:
                raise FieldError("person", "name the person")
            try:
                cid = self.network.find_one(text).id
            except NetuiError as exc:
                raise FieldError("person", str(exc)) from None
        try:
            day = dates.parse_date(values["date"], self.network.today())
        except ValueError as exc:
            raise FieldError("date", str(exc)) from None
        doc = self.favour.to_doc() if self.favour else {}
        doc.update(contact_id=cid, direction=values["direction"] or "gave",
                   text=values["text"].strip(), date=day, size=int(values["size"] or 1))
        doc.pop("status", None)
        if values["status"]:
            doc["status"] = values["status"]
        favour = Favour.model_validate(doc)
        if self.favour:
            return self.network.update_favour(favour).id
        return self.network.log_favour(favour).id
