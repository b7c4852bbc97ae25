from datetime import date

import pytest
from pydantic import ValidationError

from netui.domain.models import Birthday, CheckIn, Contact, Favour, FavourStatus, Interaction, Kind


def test_name_is_trimmed_and_required():
    assert Contact(name="  Priya   Raman \n").name == "Priya Raman"
    with pytest.raises(ValidationError):
        Contact(name="   ")


def test_lists_are_cleaned_and_tags_lowercased():
    c = Contact(name="A", emails=[" a@x.io ", "a@x.io", ""], tags=["#Climate", "climate", "AI"])
    assert c.emails == ["a@x.io"]
    assert c.tags == ["climate", "ai"]


def test_bad_email_names_the_field():
    with pytest.raises(ValidationError) as err:
        Contact(name="A", emails=["not an email"])
    assert err.value.errors()[0]["loc"] == ("emails",)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("1990-02-28", "1990-02-28"), ("--02-29", "--02-29"), ("2-29", "--02-29"),
     ("1992-02-29", "1992-02-29")],
)
def test_birthday_spellings(text, shown):
    assert str(Birthday.parse(text)) == shown


@pytest.mark.parametrize("text", ["1991-02-29", "--02-30", "--13-01", "yesterday", ""])
def test_impossible_birthdays_are_refused(text):
    with pytest.raises(ValueError):
        Birthday.parse(text)


def test_leap_day_birthday_falls_on_28_feb_in_common_years():
    b = Birthday.parse("--02-29")
    assert b.occurrence(2027) == date(2027, 2, 28)
    assert b.occurrence(2028) == date(2028, 2, 29)
    assert b.next_on_or_after(date(2027, 3, 1)) == date(2028, 2, 29)


def test_age_needs_a_year():
    assert Birthday.parse("1990-06-01").age_on(date(2026, 6, 1)) == 36
    assert Birthday.parse("1990-06-01").age_on(date(2026, 5, 31)) == 35
    assert Birthday.parse("--06-01").age_on(date(2026, 6, 1)) is None


def test_contact_round_trips_through_json():
    c = Contact(name="Léa Dubois", birthday="--04-15", met_on=date(2020, 1, 2), circle="Close",
                cadence_days=21, links=["https://example.org"])
    doc = c.to_doc()
    assert doc["birthday"] == "--04-15" and doc["circle"] == "close"
    assert Contact.model_validate(doc) == c


def test_stable_json_field_names():
    doc = Contact(name="X").to_doc()
    for key in ["id", "name", "nickname", "emails", "phones", "company", "title", "location",
                "tags", "links", "birthday", "circle", "cadence_days", "notes", "archived",
                "created_at", "updated_at"]:
        assert key in doc
    assert set(Interaction(contact_ids=["a"], date=date(2026, 1, 1)).to_doc()) >= {
        "id", "contact_ids", "date", "kind", "text", "tags"}
    assert set(Favour(contact_id="a", direction="gave", date=date(2026, 1, 1)).to_doc()) >= {
        "id", "contact_id", "direction", "text", "date", "size", "status"}
    assert set(CheckIn(contact_id="a", due=date(2026, 1, 1)).to_doc()) >= {
        "id", "contact_id", "due", "reason", "status"}


def test_note_kind_is_not_a_touch():
    assert not Interaction(contact_ids=["a"], date=date(2026, 1, 1), kind=Kind.note).is_touch
    assert Interaction(contact_ids=["a"], date=date(2026, 1, 1), kind="call").is_touch


def test_favour_defaults_and_bounds():
    assert Favour(contact_id="a", direction="asked", date=date(2026, 1, 1)).status is FavourStatus.open
    assert Favour(contact_id="a", direction="gave", date=date(2026, 1, 1)).status is FavourStatus.done
    with pytest.raises(ValidationError):
        Favour(contact_id="a", direction="gave", date=date(2026, 1, 1), size=4)
    with pytest.raises(ValidationError):
        Favour(contact_id="a", direction="borrowed", date=date(2026, 1, 1))


def test_unknown_fields_from_a_newer_netui_are_ignored():
    assert Contact.model_validate({"name": "A", "future_field": 1}).name == "A"


def test_control_characters_never_reach_the_terminal():
    c = Contact(name="Eve\x1b[2J\x00", company="\x9bAcme", tags=["a\x07"], notes="one\ntwo\tthree\x08")
    assert c.name == "Eve[2J" and c.company == "Acme" and c.tags == ["a"]
    assert c.notes == "one\ntwo\tthree"
    i = Interaction(contact_ids=["a"], date=date(2026, 1, 1), text="a\r\nb\x1b]0;x\x07")
    assert i.text == "a\nb]0;x"
