"""The long tail of real exports (findings D7, D8, D11-D15): code pages, day-first dates,
Thunderbird's CSV, quoted-printable without a charset, MAILTO:, the structured name N,
and archived people in exports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netui.domain.models import Contact
from netui.interop.common import parse_birthday, slashed_order
from netui.interop.csv_io import contacts_csv, parse_csv
from netui.interop.importer import run_import
from netui.interop.vcard import dump_vcards, parse_vcards, to_vcard

from ..cli_helpers import run


def card(body: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:2.1\r\n{body}END:VCARD\r\n".encode("latin-1")


def test_d7_a_japanese_outlook_export_in_cp932_reads_right(network, tmp_path):
    f = tmp_path / "ja.csv"
    f.write_bytes('"First Name","Last Name","E-mail Address","Job Title"\r\n'
                  '"太郎","山田","taro@example.jp","部長"\r\n'.encode("cp932"))
    report = run_import(network, [f])
    [taro] = network.contacts()
    assert (taro.name, taro.title) == ("太郎 山田", "部長")
    assert any("cp932" in n.reason for n in report.notes)


def test_d7_western_windows_exports_stay_cp1252(network, samples):
    run_import(network, [samples / "outlook.csv"])
    assert "Björn Nyström" in {c.name for c in network.contacts()}


def test_d7_a_file_of_no_known_encoding_is_reported_not_guessed(network, tmp_path):
    f = tmp_path / "mystery.csv"
    f.write_bytes(b'"First Name","Last Name","E-mail Address"\r\n' + bytes(range(128, 256)) * 3)
    report = run_import(network, [f])
    assert network.contact_count() == 0
    assert "encoding" in report.failed[0].reason or "encoding" in str(report.entries)
    assert report.failed


UK = ('"First Name","Last Name","E-mail Address","Job Title","Birthday"\r\n'
      '"Uma","UK","uma@example.co.uk","","25/12/1980"\r\n'
      '"Ulf","UK","ulf@example.co.uk","","03/04/1990"\r\n')


def test_d8_day_first_dates_are_decided_by_the_files_values(network, tmp_path):
    f = tmp_path / "uk.csv"
    f.write_text(UK)
    report = run_import(network, [f])
    people = {c.name: c for c in network.contacts()}
    assert str(people["Uma UK"].birthday) == "1980-12-25"
    assert str(people["Ulf UK"].birthday) == "1990-04-03"
    assert not report.warnings


def test_d8_an_ambiguous_file_says_which_order_it_used(network, tmp_path):
    f = tmp_path / "amb.csv"
    f.write_text(UK.replace("25/12/1980", "01/02/1980"))
    network.config.date_order = "dmy"
    report = run_import(network, [f])
    assert str(network.find_one("Ulf").birthday) == "1990-04-03"
    [note] = [n for n in report.notes if "date" in n.reason]
    assert "day first" in note.reason and "date_order" in note.reason
    network.config.date_order = "mdy"
    other = tmp_path / "amb2.csv"
    other.write_text(UK.replace("25/12/1980", "01/02/1980").replace("Ulf", "Ola"))
    run_import(network, [other])
    assert str(network.find_one("Ola").birthday) == "1990-03-04"


def test_slashed_order_from_values():
    assert slashed_order(["25/12/1980", "03/04/1990"]) == "dmy"
    assert slashed_order(["12/25/1980", "03/04/1990"]) == "mdy"
    assert slashed_order(["03/04/1990", "1990-01-01", ""]) is None
    assert str(parse_birthday("03/04/1990", "dmy")) == "1990-04-03"
    assert str(parse_birthday("03/04/1990")) == "1990-03-04"  # month first by default


@given(st.integers(1, 12), st.integers(1, 28), st.integers(1901, 2020))
def test_either_order_reads_back_what_was_written(month, day, year):
    assert str(parse_birthday(f"{day}/{month}/{year}", "dmy")) == f"{year}-{month:02d}-{day:02d}"
    assert str(parse_birthday(f"{month}/{day}/{year}", "mdy")) == f"{year}-{month:02d}-{day:02d}"


THUNDERBIRD = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes\r\n"
    "Tom,Test,Tom Test,tt,tom@example.com,tom2@example.org,,+44 20 7946 0000,,+44 20 7946 0001,"
    ",+44 7700 900555,,,Leeds,,,UK,,,,,,,Tester,QA,Mozilla,https://example.com/tom,,1980,7,9,"
    ",,,,likes tests,\r\n"
    ",,,,,,,,,,,,,,,,,,,,,,,,,,Company Only Ltd,,,,,,,,,,\r\n")


def test_d11_thunderbird_csv_with_its_emails_company_and_trailing_cell(network, tmp_path):
    f = tmp_path / "tb.csv"
    f.write_text(THUNDERBIRD)
    report = run_import(network, [f])
    assert report.count("skipped") == 0, report.lines()
    tom = network.find_one("Tom Test")
    assert tom.emails == ["tom@example.com", "tom2@example.org"]
    assert tom.phones == ["+44 20 7946 0000", "+44 7700 900555"]  # no fax
    assert (tom.company, tom.title, tom.nickname, tom.location) == ("Mozilla", "Tester", "tt",
                                                                    "Leeds, UK")
    assert str(tom.birthday) == "1980-07-09" and tom.links == ["https://example.com/tom"]
    assert network.find_one("Company Only Ltd").company == "Company Only Ltd"
    assert parse_csv(THUNDERBIRD, "tb.csv").drafts[0].where == "tb.csv line 2"


def test_d12_quoted_printable_without_charset_is_utf8_when_valid_else_cp1252():
    parsed = parse_vcards(card("FN:Reid\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Reid=92s note\r\n"
                               "TITLE;ENCODING=QUOTED-PRINTABLE:Gesch=C3=A4ftsf=C3=BChrer\r\n"),
                          "010.vcf")
    fields = parsed.drafts[0].fields
    assert fields["notes"] == "Reid’s note"
    assert fields["title"] == "Geschäftsführer"


def test_d13_mailto_in_any_case_is_stripped():
    parsed = parse_vcards(card("FN:Esc\r\nEMAIL;PREF=1:MAILTO:esc@example.com\r\n"
                               "EMAIL:Mailto:two@example.com\r\nTEL:TEL:+1 555 0100\r\n"), "e.vcf")
    fields = parsed.drafts[0].fields
    assert fields["emails"] == ["esc@example.com", "two@example.com"]
    assert fields["phones"] == ["+1 555 0100"]


def test_d14_the_structured_name_is_kept_and_written_back_as_read(network, tmp_path):
    f = tmp_path / "n.vcf"
    f.write_bytes(card("FN:Mr. John Richter\\, James Doe Sr.\r\n"
                       "N:Doe;John;Richter,James;Mr.;Sr.\r\n")
                  + card("FN:John Doe III\r\nN:Doe;John;;;III\r\n"))
    run_import(network, [f])
    out = dump_vcards(network.contacts())
    assert "N:Doe;John;Richter,James;Mr.;Sr.\r\n" in out
    assert "N:Doe;John;;;III\r\n" in out


def test_d14_n_is_guessed_only_when_missing_and_better():
    assert "N:Doe;John;;;III\r\n" in to_vcard(Contact(name="John Doe III"))
    assert "N:Curie;Marie;;Dr.;\r\n" in to_vcard(Contact(name="Dr. Marie Curie"))
    # Renamed in netui: the card's N no longer fits, so it is guessed from the new name.
    renamed = Contact(name="Jane Roe", name_parts=["Doe", "John", "", "", ""],
                      name_parts_of="John Doe")
    assert "N:Roe;Jane;;;\r\n" in to_vcard(renamed)


def test_d15_archived_people_are_exported_with_a_flag_and_read_back(capsys, tmp_path):
    data = ["--data-dir", str(tmp_path / "a")]
    run(capsys, *data, "add", "Gone Person")
    run(capsys, *data, "add", "Here Person")
    run(capsys, *data, "archive", "Gone Person")
    book = tmp_path / "book"
    for args in (["vcard", str(tmp_path / "all.vcf")], ["vcard", "--vdir", str(book)],
                 ["csv", str(tmp_path / "all.csv")]):
        assert run(capsys, *data, "export", *args).code == 0
    assert "X-NETUI-ARCHIVED:TRUE" in (tmp_path / "all.vcf").read_text()
    assert len(list(book.glob("*.vcf"))) == 2  # the archived card stays on the server
    for source in (tmp_path / "all.vcf", book, tmp_path / "all.csv"):
        dst = ["--data-dir", str(tmp_path / f"b-{source.name}")]
        assert run(capsys, *dst, "import", str(source)).code == 0
        people = run(capsys, *dst, "list", "--json", "--archived").json()
        assert {p["name"]: p["archived"] for p in people} == {"Gone Person": True,
                                                              "Here Person": False}
    assert b"archived" in contacts_csv([Contact(name="X", archived=True)]).splitlines()[0]
