"""D16 (interop.md): a star someone gave a contact in Google or Monica marks who matters
to them, and netui has no flag of its own for it: it arrives as the tag `starred` from
every source that has stars (so `#starred` finds them all), while Google's "My Contacts",
a group every contact is in, stays out."""

from __future__ import annotations

import orjson

from netui.interop.importer import run_import
from tests.interop.test_migrations import MONICA_FILE

GOOGLE_HEADER = "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\r\n"
LEGACY_HEADER = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\r\n"


def test_googles_current_csv_star_is_the_tag_starred(network, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(GOOGLE_HEADER + "Ann,Lee,* myContacts ::: * starred ::: Climbing,,ann@x.org\r\n"
                    "Bob,Order,* myContacts,,bob@x.org\r\n", newline="")
    run_import(network, [path])
    assert network.find_one("Ann Lee").tags == ["starred", "climbing"]
    assert network.find_one("Bob Order").tags == []


def test_googles_legacy_csv_star_is_the_same_tag(network, tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(LEGACY_HEADER + "Ann Lee,Ann,Lee,* My Contacts ::: * Starred in Android ::: "
                    "Book Club,* Home,ann@x.org\r\n", encoding="utf-16", newline="")
    run_import(network, [path])
    assert network.find_one("Ann Lee").tags == ["starred", "book-club"]


def test_googles_vcard_star_is_the_same_tag(network, tmp_path):
    path = tmp_path / "google.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
                    "CATEGORIES:myContacts,starred\r\nEND:VCARD\r\n", newline="")
    run_import(network, [path])
    assert network.find_one("Ann Lee").tags == ["starred"]


def test_a_monica_star_is_the_same_tag(network, tmp_path):
    run_import(network, [MONICA_FILE])
    assert network.find_one("Rosa Parks").tags == ["activism", "book club", "starred"]
    data = orjson.loads(MONICA_FILE.read_bytes())
    contacts = next(d for d in data["account"]["data"] if d["type"] == "contact")["values"]
    unstarred = [c for c in contacts if not c["properties"].get("is_starred")
                 and c["properties"].get("first_name")]
    assert unstarred  # the fixture has someone without a star, who gets no such tag
    for c in unstarred:
        name = " ".join(c["properties"][k] for k in ("first_name", "last_name")
                        if c["properties"].get(k))
        assert "starred" not in network.find_one(name).tags
