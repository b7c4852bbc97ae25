"""Monica 4.x's JSON export (Settings → Export → JSON) in: people with their emails,
phones, links, address, birthday and tags; notes, calls and activities as interactions;
reminders as check-ins; debts as favours.

The shape comes from Monica's `app/ExportResources` (format "1.0-preview.1"): the
account holds typed collections `{"type": "contact", "count": n, "values": [...]}`;
each contact has `properties` and its own typed collections under `data`; an email or
phone is a `contact_field` whose `type` is the uuid of an entry in
`account.instance.contact_field_types`; activities are kept once at the account level
and each contact lists the uuids of its own. Records get ids derived from Monica's, so
importing the same export again changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from .common import STARRED, Draft, Linked, Parsed, Problem, stable_id

FREQUENCY_DAYS = {"week": 7, "month": 30, "year": 365}


def _collections(node: Any) -> dict[str, list[Any]]:
    """{"contact": [values…], "call": […]} from Monica's list of typed collections."""
    out: dict[str, list[Any]] = {}
    collections = (node.get("data") or []) if isinstance(node, dict) else []
    for coll in collections:
        if isinstance(coll, dict) and isinstance(coll.get("values"), list):
            out.setdefault(str(coll.get("type")), []).extend(coll["values"])
    return out


def _props(value: Any) -> dict[str, Any]:
    props = value.get("properties") if isinstance(value, dict) else None
    return props if isinstance(props, dict) else {}


def _day(text: Any) -> date | None:
    """The day of a Monica timestamp ("2021-03-04T00:00:00Z", "2021-03-04 10:00:00")."""
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _text(*parts: Any) -> str:
    return "\n\n".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())


class _Reader:
    def __init__(self, data: dict[str, Any], source: str, today: date) -> None:
        self.source = source
        self.today = today
        self.parsed = Parsed()
        account = data.get("account") or {}
        self.account = _collections(account)
        instance = account.get("instance") or {}
        self.field_types = {t.get("uuid"): _props(t) for t in instance.get("contact_field_types")
                            or [] if isinstance(t, dict)}
        self.activities = {a.get("uuid"): a for a in self.account.get("activity", [])
                           if isinstance(a, dict)}
        self.activity_people: dict[str, list[str]] = {}

    def read(self) -> Parsed:
        contacts = self.account.get("contact", [])
        if not contacts:
            self.parsed.problems.append(Problem(self.source, "a Monica export with no contacts"))
        for n, contact in enumerate(contacts, 1):
            if isinstance(contact, dict):
                self.contact(contact, n)
        for uuid, people in self.activity_people.items():
            self.activity(uuid, people)
        return self.parsed

    def contact(self, contact: dict[str, Any], n: int) -> None:
        p = _props(contact)
        uuid = str(contact.get("uuid") or f"contact-{n}")
        where = f"{self.source} contact {n}"
        name = " ".join(str(p[k]).strip() for k in ("first_name", "middle_name", "last_name")
                        if isinstance(p.get(k), str) and p[k].strip())
        f: dict[str, Any] = {"name": name or p.get("nickname") or p.get("company") or "",
                             "uid": uuid, "nickname": p.get("nickname"), "title": p.get("job"),
                             "company": p.get("company"),
                             "tags": [t for t in p.get("tags") or [] if isinstance(t, str)]}
        if p.get("is_starred") is True:
            f["tags"].append(STARRED)
        draft = Draft(f, where, key=uuid)
        notes = [_text(p.get("description"))]
        if isinstance(p.get("stay_in_touch_frequency"), int) and p["stay_in_touch_frequency"] > 0:
            f["cadence_days"] = p["stay_in_touch_frequency"]
        if p.get("is_active") is False:
            f["archived"] = True  # Monica archives by making a contact inactive
        if bday := self._birthday(p.get("birthdate")):
            f["birthday"] = bday
        if met := _day((p.get("first_met_date") or {}).get("date")):
            f["met_on"] = met.isoformat()
        data = _collections(contact)
        f["emails"], f["phones"], f["links"] = [], [], []
        for field in data.get("contact_field", []):
            notes.append(self._field(field, f))
        for address in data.get("address", []):
            a = _props(address)
            if "location" not in f and (place := ", ".join(
                    str(a[k]) for k in ("city", "province", "country") if a.get(k))):
                f["location"] = place
        f["notes"] = _text(*notes)
        if not f["name"]:
            self.parsed.problems.append(Problem(where, "a contact with no name"))
            return
        self.parsed.drafts.append(draft)
        self._history(uuid, where, data)

    def _birthday(self, special: Any) -> str | None:
        if not isinstance(special, dict) or not (day := _day(special.get("date"))):
            return None
        if special.get("is_year_unknown"):
            return f"--{day.month:02d}-{day.day:02d}"
        return day.isoformat()

    def _field(self, field: Any, f: dict[str, Any]) -> str:
        """An email, phone or link into `f`; other fields come back as a line of notes."""
        p = _props(field)
        value = str(p.get("data") or "").strip()
        kind = self.field_types.get(p.get("type"), {})
        if not value:
            return ""
        if kind.get("type") == "email" or kind.get("protocol") == "mailto:":
            f["emails"].append(value)
        elif kind.get("type") == "phone" or kind.get("protocol") == "tel:":
            f["phones"].append(value)
        elif value.startswith(("http://", "https://")):
            f["links"].append(value)
        else:
            return f"{kind.get('name') or 'Contact field'}: {value}"
        return ""

    def _history(self, uuid: str, where: str, data: dict[str, list[Any]]) -> None:
        add = self.parsed.records.append
        for i, note in enumerate(data.get("note", []), 1):
            p = _props(note)
            if (day := _day(note.get("created_at"))) and (body := _text(p.get("body"))):
                add(Linked("interactions", stable_id("monica", uuid, "note", str(i), body),
                           {"date": day, "kind": "note", "text": body}, [uuid],
                           f"{where} note {i}"))
        for i, call in enumerate(data.get("call", []), 1):
            p = _props(call)
            if day := _day(p.get("called_at")):
                text = _text(p.get("content"))
                add(Linked("interactions", stable_id("monica", uuid, "call", str(day), text),
                           {"date": day, "kind": "call", "text": text}, [uuid],
                           f"{where} call {i}"))
        for i, reminder in enumerate(data.get("reminder", []), 1):
            self._reminder(uuid, reminder, f"{where} reminder {i}")
        for i, debt in enumerate(data.get("debt", []), 1):
            self._debt(uuid, debt, f"{where} debt {i}")
        for activity in data.get("activity", []):
            key = activity if isinstance(activity, str) else (activity or {}).get("uuid")
            if key:
                self.activity_people.setdefault(str(key), []).append(uuid)

    def _reminder(self, uuid: str, reminder: Any, where: str) -> None:
        p = _props(reminder)
        if p.get("inactive") or not (due := _day(p.get("initial_date"))):
            return
        step = FREQUENCY_DAYS.get(str(p.get("frequency_type")))
        if step and due < self.today:  # a recurring reminder: its next time
            every = step * max(1, int(p.get("frequency_number") or 1))
            due += timedelta(days=every * -(-(self.today - due).days // every))
        rid = str(reminder.get("uuid") or p.get("title") or due)
        self.parsed.records.append(Linked(
            "checkins", stable_id("monica", uuid, "reminder", rid),
            {"due": due, "reason": _text(p.get("title"), p.get("description"))}, [uuid], where))

    def _debt(self, uuid: str, debt: Any, where: str) -> None:
        p = _props(debt)
        day = _day(debt.get("created_at")) or self.today
        amount = " ".join(str(p[k]) for k in ("amount", "currency") if p.get(k) not in (None, ""))
        # Monica's in_debt: you owe them (they gave); otherwise they owe you (you gave).
        direction = "received" if p.get("in_debt") else "gave"
        text = _text(p.get("reason")) or "money"
        self.parsed.records.append(Linked(
            "favours", stable_id("monica", uuid, "debt", str(debt.get("uuid") or where)),
            {"direction": direction, "text": f"{text} ({amount})" if amount else text,
             "date": day, "status": "done" if p.get("status") == "complete" else "open"},
            [uuid], where))

    def activity(self, key: str, people: list[str]) -> None:
        activity = self.activities.get(key)
        p = _props(activity)
        if not (day := _day(p.get("happened_at"))):
            return
        self.parsed.records.append(Linked(
            "interactions", stable_id("monica", "activity", key),
            {"date": day, "kind": "meeting", "text": _text(p.get("summary"), p.get("description"))},
            people, f"{self.source} activity {key}"))


def parse_monica(raw: bytes, source: str, today: date | None = None) -> Parsed:
    """Every contact of a Monica 4 export and their history; never raises."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        parsed = Parsed()
        parsed.problems.append(Problem(source, f"not readable JSON ({exc})"))
        return parsed
    if not isinstance(data, dict):
        parsed = Parsed()
        parsed.problems.append(Problem(source, "not a Monica export"))
        return parsed
    try:
        return _Reader(data, source, today or date.today()).read()
    except (AttributeError, TypeError, ValueError) as exc:  # a shape Monica never wrote
        parsed = Parsed()
        parsed.problems.append(Problem(source, f"not a Monica export netui can read "
                                               f"({type(exc).__name__}: {exc})"))
        return parsed
