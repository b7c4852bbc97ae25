"""Imports never merge two people (findings D1, D2, D10, newcomer B1): a merge needs the
same UID, or the same email and a compatible name; everything else that looks alike is
added and reported as a possible duplicate. A merge never renames the person."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netui.domain.dedupe import candidates
from netui.domain.matching import email_key, names_compatible
from netui.domain.models import Contact
from netui.domain.phones import default_region, phone_key
from netui.interop.importer import run_import

from ..cli_helpers import run


def cards(tmp_path, name, *bodies):
    path = tmp_path / name
    path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{b}END:VCARD\r\n" for b in bodies))
    return path


HOUSEHOLD = ("FN:Anna Schmidt\r\nEMAIL:anna@example.com\r\nTEL;TYPE=HOME:+49 30 1234567\r\n",
             "FN:Bernd Schmidt\r\nEMAIL:bernd@example.com\r\nTEL;TYPE=HOME:+49 30 1234567\r\n")


def test_a_household_sharing_a_landline_stays_two_people(network, tmp_path):
    report = run_import(network, [cards(tmp_path, "household.vcf", *HOUSEHOLD)])
    assert sorted(c.name for c in network.contacts()) == ["Anna Schmidt", "Bernd Schmidt"]
    assert report.count("added") == 2
    [dup] = report.duplicates
    assert (dup.name, dup.other) == ("Bernd Schmidt", "Anna Schmidt")
    assert dup.reason == "same phone …4567"
    assert "possible duplicate" in report.summary()


def test_a_shared_phone_never_renames_the_person_you_had(network, tmp_path):
    network.config.region = "DE"
    anna = network.add_contact(Contact(name="Anna Schmidt", emails=["anna@example.com"],
                                       phones=["+49 30 1234567"]))
    report = run_import(network, [cards(tmp_path, "bernd.vcf", "FN:Bernd Schmidt\r\n"
                                        "EMAIL:bernd@example.com\r\nTEL:030 1234567\r\n")])
    assert network.contact(anna.id).name == "Anna Schmidt"
    assert network.contact(anna.id).emails == ["anna@example.com"]
    assert network.contact_count() == 2 and report.count("updated") == 0
    # The pair is listed by dedupe with the reason: the numbers are one in E.164.
    [pair] = candidates(network.contacts(), region="DE")
    assert "same phone …4567" in pair.reasons


def test_newcomer_b1_colleagues_on_one_office_line(capsys, tmp_path):
    data = ["--data-dir", str(tmp_path / "d")]
    f = cards(tmp_path, "two.vcf",
              "FN:Anna Berg\r\nEMAIL:anna@example.se\r\nTEL:+46 8 555 100 00\r\n",
              "FN:Erik Lund\r\nEMAIL:erik@example.se\r\nTEL:+46 8 555 100 00\r\n")
    out = run(capsys, *data, "import", str(f)).out
    assert out.splitlines()[0].startswith("Import: 2 added, 0 updated")
    assert "kept apart from Anna Berg (same phone …0000)" in out
    names = [c["name"] for c in run(capsys, *data, "list", "--json").json()]
    assert sorted(names) == ["Anna Berg", "Erik Lund"]


def test_numbers_differing_only_in_the_area_code_never_match(network, tmp_path):
    f = cards(tmp_path, "phones.vcf",
              "FN:Carol NewYork\r\nEMAIL:carol@example.com\r\nTEL:+1 212 555 0123\r\n",
              "FN:Dave Chicago\r\nEMAIL:dave@example.com\r\nTEL:+1 312 555 0123\r\n",
              "FN:Zoe Leap\r\nTEL:+49 151 23456789\r\n", "FN:Other One\r\nTEL:+49123456789\r\n")
    report = run_import(network, [f])
    assert network.contact_count() == 4
    assert report.duplicates == []
    assert candidates(network.contacts()) == []


def test_same_name_with_different_uids_is_two_people(network, tmp_path):
    f = cards(tmp_path, "j.vcf", "UID:a-1\r\nFN:José Pérez\r\n", "UID:b-2\r\nFN:Jose Perez\r\n")
    report = run_import(network, [f])
    assert network.contact_count() == 2
    assert [d.reason for d in report.duplicates] == ["same name"]
    # An existing person with a UID is not merged with a card of another UID either,
    # even when the email and name agree.
    network.add_contact(Contact(name="Kim Park", uid="k-1", emails=["kim@example.com"]))
    again = run_import(network, [cards(tmp_path, "k.vcf",
                                       "UID:k-2\r\nFN:Kim Park\r\nEMAIL:kim@example.com\r\n")])
    assert again.count("added") == 1 and network.contact_count() == 4
    assert again.duplicates[0].reason == "same email kim@example.com"


def test_a_shared_email_with_another_name_is_a_possible_duplicate(network, tmp_path):
    ami = network.add_contact(Contact(name="Ämi Display", emails=["shared@example.com"]))
    report = run_import(network, [cards(tmp_path, "n.vcf",
                                        "FN:Noyear Person\r\nEMAIL:SHARED@example.com\r\n")])
    assert network.contact_count() == 2 and network.contact(ami.id).name == "Ämi Display"
    assert report.duplicates[0].reason == "same email shared@example.com"


def test_netuis_own_export_restores_every_person(capsys, tmp_path):
    src = ["--data-dir", str(tmp_path / "a")]
    run(capsys, *src, "add", "Anna Schmidt", "--email", "anna@example.com",
        "--phone", "+49 30 1234567")
    run(capsys, *src, "add", "Bernd Schmidt", "--email", "bernd@example.com",
        "--phone", "+49 30 1234567", "--force")
    run(capsys, *src, "add", "José Pérez")
    run(capsys, *src, "add", "Jose Perez", "--force")
    for fmt in ("vcard", "csv"):
        out = tmp_path / f"m1.{fmt}"
        assert run(capsys, *src, "export", fmt, str(out)).code == 0
        dst = ["--data-dir", str(tmp_path / f"b-{fmt}")]
        assert run(capsys, *dst, "import", str(out)).code == 0
        assert len(run(capsys, *dst, "list", "--json").json()) == 4


CALCARD_009 = (  # stalwartlabs/calcard resources/vcard/009.vcf: five people, one mobile
    "FN:Alpha One\r\nEMAIL:alpha@example.com\r\nTEL;TYPE=CELL:+44 7700 900001\r\n",
    "FN:Beta Two\r\nEMAIL:beta@example.com\r\nTEL;TYPE=CELL:+44 7700 900001\r\n",
    "FN:Gamma Three\r\nEMAIL:gamma@example.com\r\nTEL;TYPE=CELL:+44 7700 900001\r\n",
    "N:Four;Delta;;;\r\nEMAIL:delta@example.com\r\nTEL:+44 7700 900001\r\n",
    "FN:Only FN\r\nTEL:+44 7700 900001\r\nNOTE:no email\r\n",
    "FN:Alpha One\r\nEMAIL:alpha@example.com\r\nTITLE:Chief\r\n",  # the same person again
    "UID:u-9\r\nFN:Versioned\r\nTITLE:v1\r\n", "UID:u-9\r\nFN:Versioned\r\nTITLE:v2\r\n",
)


def test_reimport_settles_and_the_json_export_is_byte_identical(capsys, tmp_path):
    data = ["--data-dir", str(tmp_path / "d")]
    f = cards(tmp_path, "009.vcf", *CALCARD_009)
    first = run(capsys, *data, "import", str(f)).out.splitlines()[0]
    assert first.startswith("Import: 6 added, 0 updated, 0 unchanged, 0 skipped, 2 merged")
    exports = []
    for n in range(2):
        second = run(capsys, *data, "import", str(f)).out.splitlines()[0]
        assert second.startswith("Import: 0 added, 0 updated, 8 unchanged"), second
        out = tmp_path / f"e{n}.json"
        run(capsys, *data, "export", "json", str(out))
        exports.append(out.read_bytes())
    assert exports[0] == exports[1]


def test_a_name_only_card_imported_twice_is_not_added_twice(network, tmp_path):
    f = cards(tmp_path, "plain.vcf", "FN:Plain Person\r\nTEL:67545678\r\n")
    run_import(network, [f])
    again = run_import(network, [f])
    assert network.contact_count() == 1 and again.count("unchanged") == 1


def test_an_update_says_what_changes_and_keeps_the_name(network, tmp_path):
    ann = network.add_contact(Contact(name="Ann Lee", uid="u-1", title="Intern"))
    report = run_import(network, [cards(tmp_path, "a.vcf", "UID:u-1\r\nFN:Ann Lee-Smith\r\n"
                                        "TITLE:Boss\r\nEMAIL:ann@example.com\r\n")])
    [entry] = report.entries
    assert entry.action == "updated"
    assert "title Boss (was Intern)" in entry.detail
    assert "emails + ann@example.com" in entry.detail
    assert network.contact(ann.id).name == "Ann Lee"


# -- the rules themselves ------------------------------------------------------------------


def test_phone_keys_are_e164_with_the_default_region():
    assert phone_key("030 1234567", "DE") == phone_key("+49 30 1234567") == "+49301234567"
    assert phone_key("07700 900123", "GB") == phone_key("+44 7700 900123")
    assert phone_key("+1 212 555 0123") != phone_key("+1 312 555 0123")
    assert phone_key("+49 151 23456789") != phone_key("+49123456789")
    assert phone_key("ask Jenny for Lisa's number") is None
    assert phone_key("0123456", None) == "#0123456"  # no region: every digit must agree


def test_the_region_comes_from_config_else_the_locale(monkeypatch):
    for var in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert default_region("") == "GB"
    assert default_region("de") == "DE"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert default_region("") is None


@given(st.text("0123456789", min_size=8, max_size=12), st.data())
def test_numbers_differing_in_any_digit_never_share_a_key(digits, data):
    i = data.draw(st.integers(0, len(digits) - 1))
    other = data.draw(st.sampled_from([d for d in "0123456789" if d != digits[i]]))
    changed = digits[:i] + other + digits[i + 1:]
    for prefix, region in (("+", None), ("", "GB"), ("", None)):
        a, b = phone_key(prefix + digits, region), phone_key(prefix + changed, region)
        assert a is None or a != b


def test_compatible_names():
    assert names_compatible("Ann", "Ann Smith")
    assert names_compatible("Smith, Anna", "ANNA SMÍTH")
    assert names_compatible("J. Smith", "John Smith")
    assert names_compatible("ann@example.com", "Ann Lee", ["ann@example.com"])
    assert not names_compatible("Ann Lee", "Bob Lee")
    assert not names_compatible("Anna Schmidt", "Bernd Schmidt")
    assert email_key(" MAILTO:Esc@Example.com") == "esc@example.com"


def test_likely_duplicates_for_a_new_contact():
    from netui.domain.matching import likely_duplicates

    people = [Contact(name="Anna Smíth", emails=["anna@example.com"]),
              Contact(name="Straße Ölmann", phones=["030 1234567"]),
              Contact(name="Someone Else", phones=["+49 30 1234568"])]
    found = likely_duplicates(Contact(name="Smith, Anna"), people, "DE")
    assert [(c.name, why) for c, why in found] == [("Anna Smíth", "same name")]
    found = likely_duplicates(Contact(name="Strasse Olmann"), people, "DE")
    assert [why for _, why in found] == ["same name"]
    found = likely_duplicates(Contact(name="X", emails=["ANNA@example.com"],
                                      phones=["+49 30 1234567"]), people, "DE")
    assert [why for _, why in found] == ["same email anna@example.com", "same phone …4567"]


def test_a_number_with_an_extension_is_still_the_same_line(network, tmp_path):
    network.add_contact(Contact(name="Office Reception", phones=["+49 30 1234567 ext. 12"]))
    report = run_import(network, [cards(tmp_path, "o.vcf", "FN:Desk Two\r\nTEL:+49 30 1234567\r\n",
                                        "FN:Desk Three\r\nTEL:+49 30 1234568\r\n")])
    assert [(d.name, d.other, d.reason) for d in report.duplicates] == [
        ("Desk Two", "Office Reception", "same phone …4567")]
