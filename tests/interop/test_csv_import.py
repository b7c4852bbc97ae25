"""CSV import: LinkedIn Connections.csv, Google Contacts (current and legacy layouts),
Outlook, damaged files, and arbitrary input."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import Birthday
from netui.interop.csv_io import layout_of, parse_csv
from netui.interop.importer import run_import


def test_linkedin_connections_with_notes_before_the_header(network, samples):
    report = run_import(network, [samples / "Connections.csv"])
    assert report.count("added") == 3, report.lines()
    priya = network.find_one("Priya Raman")
    assert priya.met_on == date(2023, 3, 14)  # "Connected On" is when you met
    assert priya.how_met == "LinkedIn"
    assert priya.company == "Globex" and priya.title == "Staff Engineer"
    assert priya.links == ["https://www.linkedin.com/in/priyaraman"]
    assert priya.emails == ["priya@example.com"]
    assert network.find_one("Tom Becker").company == "Stark & Co, Berlin"
    assert network.find_one("Léa Dubois").title == 'Designer, "Design Systems"'
    # Rows are named by their line in the file (the header is on line 4 after the notes).
    assert report.entries[0].where == "Connections.csv line 5"


def test_google_current_layout_multi_values_and_labels(network, samples):
    run_import(network, [samples / "google-contacts.csv"])
    amara = network.find_one("Amara Okafor")
    assert amara.emails == ["amara@example.com", "amara.okafor@northwind.example",
                            "ami@work.example"]
    assert amara.phones == ["+234 801 234 5678", "+234 802 000 0000"]
    assert amara.tags == ["climbing", "founders"]
    assert amara.nickname == "Ami" and amara.company == "Northwind" and amara.title == "Founder"
    assert amara.birthday == Birthday(7, 21, 1990)
    assert amara.notes == "Climbing partner\nknows everyone in Lagos"
    assert amara.links == ["https://amara.example"]
    assert amara.location == "Lagos, Nigeria"
    kenji = network.find_one("Kenji Tanaka")
    assert kenji.birthday == Birthday(3, 3) and kenji.phones == []  # phonetic names are not phones


def test_google_legacy_layout_in_utf16(network, samples):
    assert (samples / "google-legacy.csv").read_bytes()[:2] == b"\xff\xfe"
    report = run_import(network, [samples / "google-legacy.csv"])
    assert report.count("added") == 2
    sofia = network.find_one("Sofía García")
    assert sofia.emails == ["sofia@example.es", "sofia.garcia@example.com"]
    assert sofia.company == "Wonka Foods" and sofia.title == "Chef"
    assert sofia.tags == ["book-club"]
    assert sofia.location == "Madrid, Spain"
    assert sofia.birthday == Birthday(11, 30, 1988)
    assert network.find_one("Dmitri Ivanov").tags == []


def test_outlook_csv_in_windows_1252(network, samples):
    report = run_import(network, [samples / "outlook.csv"])
    assert report.count("added") == 2 and not report.warnings, report.lines()
    bjorn = network.find_one("Björn Nyström")
    assert bjorn.title == "CTO"  # Outlook's "Title" column is "Mr.", not the job
    assert bjorn.phones == ["+46 70 123 45 67"]  # faxes and the assistant's phone left out
    assert bjorn.birthday == Birthday(4, 15, 1979)
    assert bjorn.tags == ["work", "conference"]
    assert bjorn.location == "Stockholm, Sweden"
    chloe = network.find_one("Chloé Moreau")
    assert chloe.birthday is None and chloe.location == "Paris"  # 0/0/00 is "no birthday"


def test_layouts_are_told_apart():
    assert layout_of(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                      "Connected On"]) == "linkedin"
    assert layout_of(["Name", "Given Name", "Family Name", "Group Membership"]) == "google-legacy"
    assert layout_of(["First Name", "Last Name", "Labels", "E-mail 1 - Value"]) == "google"
    assert layout_of(["First Name", "Last Name", "E-mail Address", "Job Title"]) == "outlook"
    assert layout_of(["a", "b"]) is None


def test_broken_rows_and_a_cut_off_file_are_named(network, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ok,One,,one@example.com,,,01 Jan 2024\n"
        "Too,Many,,,,,01 Jan 2024,extra,cells\n"
        "Bad,Date,,,,,someday\n"
        ",,,,,,\n"
        "Ok,Two,,two@example.com,,,02 Jan 2024\n"
        "Cut,Off,https://www.linkedin.com/in/cu"
    )
    report = run_import(network, [path])
    assert sorted(c.name for c in network.contacts()) == ["Bad Date", "Ok One", "Ok Two"]
    skipped = {e.where: e.detail for e in report.entries if e.action == "skipped"}
    assert "9 cells where the header has 7" in skipped["Connections.csv line 3"]
    assert "ends in the middle" in skipped["Connections.csv line 7"]
    assert any("'someday'" in w.reason and "line 4" in w.where for w in report.warnings)


def test_not_a_contacts_csv_is_reported():
    parsed = parse_csv(b"a,b,c\n1,2,3\n", "numbers.csv")
    assert not parsed.drafts
    assert "no contacts header" in parsed.problems[0].reason


def test_semicolon_separated_outlook_export(network, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("First Name;Last Name;E-mail Address;Job Title\nAnna;Kowalczyk;anna@example.pl;"
                    "Teacher\n")
    run_import(network, [path])
    assert network.find_one("Anna Kowalczyk").emails == ["anna@example.pl"]


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@settings(max_examples=300, deadline=None)
@given(body=st.text(max_size=300))
def test_parser_never_raises_on_arbitrary_rows(body):
    parsed = parse_csv(HEADER + body, "fuzz.csv")
    assert all(d.fields["name"] for d in parsed.drafts)
    parse_csv(body, "fuzz.csv")


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_parser_never_raises_on_arbitrary_bytes(raw):
    parse_csv(HEADER.encode() + raw, "fuzz.csv")
    parse_csv(raw, "fuzz.csv")
