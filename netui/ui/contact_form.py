"""Add or edit a contact."""

from __future__ import annotations

from rich.text import Text

from ..domain import dates
from ..domain.matching import likely_duplicates
from ..domain.models import Contact
from ..domain.phones import default_region
from ..services import Network
from .confirm import ConfirmScreen
from .form_base import FieldError, FormField, FormScreen, split_list, split_tags


def parse_cadence(text: str) -> int | None:
    """"" -> None (the circle decides), "21" -> 21 days, "3w" -> 21 days."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        return dates.duration_days(text)
    except ValueError as exc:
        raise FieldError("cadence_days", f"{exc} (or a number of days)") from None


class ContactForm(FormScreen):
    COLLECTION = "contacts"
    def __init__(self, network: Network, contact_id: str | None = None) -> None:
        super().__init__(network)
        self.contact = network.contact(contact_id) if contact_id else None
        self.FORM_TITLE = f"Edit {self.contact.name}" if self.contact else "New contact"
        # The record as opened: the save goes against this revision (services.unit_of_work.stamp).
        self._opened = self.contact.to_doc() if self.contact else None
        self._confirmed: tuple[str, ...] | None = None  # the values "add anyway" was for

    def opened_doc(self) -> dict | None:
        return self._opened

    def reload_record(self) -> bool:
        if self.contact is None:
            return False
        fresh = self.network.get_contact(self.contact.id)
        if fresh is None:
            return False
        self.contact, self._opened = fresh, fresh.to_doc()
        return True

    def action_save(self) -> None:
        """A new contact who looks like someone already here is added only after a yes."""
        if self.contact is None and (question := self._duplicate_question()):
            def answered(yes: bool | None) -> None:
                if yes:
                    self._confirmed = self._identity()
                    super(ContactForm, self).action_save()

            self.app.push_screen(ConfirmScreen(question, yes="Add anyway"), answered)
            return
        super().action_save()

    def _identity(self) -> tuple[str, ...]:
        v = self.values()
        return (v["name"].strip(), v["emails"], v["phones"])

    def _duplicate_question(self) -> str | None:
        name, emails, phones = identity = self._identity()
        if not name or identity == self._confirmed:
            return None
        new = Contact.model_construct(id="", uid=None, name=name, emails=split_list(emails),
                                      phones=split_list(phones))
        found = likely_duplicates(new, self.network.contacts(include_archived=True),
                                  default_region(self.network.config.region))
        if not found:
            return None
        who = "\n".join(f"  {c.name} ({why})" for c, why in found[:3])
        return f"{name} looks like someone you have:\n{who}\nAdd {name} anyway?"

    def form_fields(self) -> list[FormField]:
        c = self.contact
        circles: list[tuple[str | Text, str]] = [(Text(f"{name} (every {days} days)"), name)
                   for name, days in self.network.circles().items()]
        return [
            FormField("name", "Name *", c.name if c else "", placeholder="Ada Lovelace"),
            FormField("nickname", "Nickname", (c.nickname or "") if c else ""),
            FormField("company", "Company", (c.company or "") if c else ""),
            FormField("title", "Title", (c.title or "") if c else ""),
            FormField("emails", "Emails", ", ".join(c.emails) if c else "",
                      placeholder="ada@example.org, comma separated"),
            FormField("phones", "Phones", ", ".join(c.phones) if c else ""),
            FormField("tags", "Tags", " ".join(f"#{t}" for t in c.tags) if c else "",
                      placeholder="#climate #python"),
            FormField("looking_for", "Looking for", "; ".join(c.looking_for) if c else "",
                      placeholder="climate-tech intros; a flat in Berlin"),
            FormField("roles", "Roles", ", ".join(c.roles) if c else "",
                      placeholder="mentor, peer, colleague, friend, family, client..."),
            FormField("circle", "Circle", (c.circle or "") if c else "", kind="select",
                      options=circles, blank="no circle"),
            FormField("cadence_days", "Own cadence", str(c.cadence_days or "") if c else "",
                      placeholder="empty: the circle's; or 21, 3w, 2m"),
            FormField("birthday", "Birthday", str(c.birthday or "") if c and c.birthday else "",
                      placeholder="1990-02-28 or --02-28"),
            FormField("location", "Location", (c.location or "") if c else ""),
            FormField("met_on", "Met on", c.met_on.isoformat() if c and c.met_on else "",
                      placeholder="2026-03-14, last fri"),
            FormField("how_met", "How you met", (c.how_met or "") if c else ""),
            FormField("links", "Links", ", ".join(c.links) if c else ""),
            FormField("notes", "Notes", c.notes if c else "", kind="area"),
        ]

    def save(self, values: dict[str, str]) -> str:
        doc = self.contact.to_doc() if self.contact else {}
        met_on = None
        if values["met_on"].strip():
            try:
                met_on = dates.parse_date(values["met_on"], self.network.today())
            except ValueError as exc:
                raise FieldError("met_on", str(exc)) from None
        doc.update(
            name=values["name"],
            nickname=values["nickname"] or None,
            company=values["company"] or None,
            title=values["title"] or None,
            emails=split_list(values["emails"]),
            phones=split_list(values["phones"]),
            tags=split_tags(values["tags"]),
            looking_for=[x.strip() for x in values["looking_for"].split(";") if x.strip()],
            roles=split_list(values["roles"]),
            circle=values["circle"] or None,
            cadence_days=parse_cadence(values["cadence_days"]),
            birthday=values["birthday"].strip() or None,
            location=values["location"] or None,
            met_on=met_on,
            how_met=values["how_met"] or None,
            links=split_list(values["links"]),
            notes=values["notes"].strip(),
        )
        contact = Contact.model_validate(doc)
        if self.contact:
            return self.network.update_contact(contact).id
        return self.network.add_contact(contact).id
