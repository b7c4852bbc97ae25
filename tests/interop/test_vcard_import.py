"""vCard import: files as Apple, Google and Outlook write them, birthdays in every
spelling, damaged files, the shared third-party cards, and arbitrary input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.domain.models import Birthday
from netui.interop.common import parse_birthday
from netui.interop.importer import run_import
from netui.interop.vcard import parse_vcards
from netui.services import Network


def by_name(net: Network) -> dict:
    return {c.name: c for c in net.contacts(include_archived=True)}


def test_apple_vcard_grouped_properties_labels_photo_and_no_year(network, samples):
    report = run_import(network, [samples / "apple.vcf"])
    assert report.count("added") == 3 and report.count("skipped") == 0
    people = by_name(network)
    johnny = people["Johnny Appleseed"]
    assert johnny.emails == ["johnny@example.com", "j.appleseed@home.example"]  # item1.EMAIL
    assert johnny.links == ["https://example.com/johnny"]
    assert johnny.birthday == Birthday(4, 15)  # 1604 with X-APPLE-OMIT-YEAR means no year
    assert johnny.notes == "Met at WWDC\nLikes apples, pears"
    assert johnny.location == "Cupertino, CA, United States"
    assert johnny.company == "Apple Inc." and johnny.title == "Engineer"
    assert johnny.tags == ["friends", "work"]
    assert johnny.uid == "5B3D7A2E-1234-4C7B-9C3A-ABCDEF012345"
    assert people["Jürgen Müller"].links == ["http://www.linkedin.com/in/jmueller"]
    # A card with an empty FN and N (Apple's "show as company") is named after the company.
    assert people["Blue Bottle Coffee"].phones == ["+1 510 555 0199"]


def test_google_vcard_escaped_url_categories_and_nameless_card(network, samples):
    run_import(network, [samples / "google.vcf"])
    people = by_name(network)
    ada = people["Ada Lovelace"]
    assert ada.links == ["https://ada.example.org"]
    assert ada.tags == ["mentors"]  # Google's built-in myContacts group is not a tag
    assert ada.birthday == Birthday(12, 10, 1815)
    assert people["Grace Hopper"].birthday == Birthday(12, 9)
    assert people["no.name@example.org"].emails == ["no.name@example.org"]


def test_outlook_vcard_21_quoted_printable_soft_breaks_and_charsets(network, samples):
    raw = (samples / "outlook.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the sample really is a Windows-1252 file
    report = run_import(network, [samples / "outlook.vcf"])
    assert report.count("added") == 2, report.lines()
    people = by_name(network)
    bob = people["Bob Smith"]
    assert bob.notes == "Met at Ignite\nLikes golf and sailing, and a long note that Outlook wraps"
    assert bob.phones == ["+1 (425) 555-0100", "(425) 555-0101"]
    assert bob.birthday == Birthday(3, 15, 1970)
    johann = people["Jöhann Strauß"]  # CHARSET=Windows-1252 bytes
    assert johann.notes == "Grüße aus Wien"  # quoted-printable with CHARSET=utf-8


@pytest.mark.parametrize(("text", "expected"), [
    ("1990-04-15", Birthday(4, 15, 1990)),
    ("19900415", Birthday(4, 15, 1990)),
    ("--04-15", Birthday(4, 15)),
    ("--0415", Birthday(4, 15)),
    ("1604-04-15", Birthday(4, 15)),
    ("16040415", Birthday(4, 15)),
    ("1990-04-15T00:00:00Z", Birthday(4, 15, 1990)),
    ("4/15/1990", Birthday(4, 15, 1990)),
    ("15.04.1990", Birthday(4, 15, 1990)),
    ("--02-29", Birthday(2, 29)),
    ("1992-02-29", Birthday(2, 29, 1992)),
    ("1991-02-29", None),
    ("circa 1800", None),
    ("1990-13-01", None),
    ("", None),
])
def test_birthday_spellings(text, expected):
    assert parse_birthday(text) == expected


def card(body: str, version: str = "3.0") -> str:
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n"


def test_lf_line_endings_and_folding_are_read():
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Folded\n  Name\nEMAIL:a@\n example.com\n"
            "NOTE:line one\\nline two\nEND:VCARD\n")
    parsed = parse_vcards(text, "f.vcf")
    [draft] = parsed.drafts
    assert draft.fields["name"] == "Folded Name"
    assert draft.fields["emails"] == ["a@example.com"]
    assert draft.fields["notes"] == "line one\nline two"


def test_bad_birthday_is_reported_and_the_contact_kept(network, tmp_path):
    path = tmp_path / "bad.vcf"
    path.write_text(card("FN:Odd Date\r\nBDAY:1990-13-45\r\nEMAIL:not-an-email\r\n"))
    report = run_import(network, [path])
    assert report.count("added") == 1
    assert network.find_one("Odd Date").birthday is None
    text = "\n".join(report.lines())
    assert "bad.vcf card 1" in text and "'1990-13-45'" in text and "not-an-email" in text


def test_damaged_file_names_card_and_reason_and_imports_the_rest(network, tmp_path):
    path = tmp_path / "damaged.vcf"
    path.write_text(
        card("FN:First Fine\r\n")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Ended\r\n"  # card 2: no END before card 3
        + card("FN:Third Fine\r\nthis line has no colon\r\n")
        + card("N:;;;;\r\nNOTE:nothing to call it\r\n")  # card 4: no name, org or email
        + card("FN:Fifth Fine\r\n")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nEMAIL:cut@exa"  # truncated
    )
    report = run_import(network, [path])
    assert sorted(c.name for c in network.contacts()) == ["Fifth Fine", "First Fine", "Third Fine"]
    skipped = {e.where.split(" (")[0]: e.detail for e in report.entries if e.action == "skipped"}
    assert set(skipped) == {"damaged.vcf card 2", "damaged.vcf card 4", "damaged.vcf card 6"}
    assert "no END:VCARD" in skipped["damaged.vcf card 2"]
    assert "no name" in skipped["damaged.vcf card 4"]
    assert "ends in the middle" in skipped["damaged.vcf card 6"]


def test_every_shared_fixture_imports_as_its_sources_describe(network, shared_vcards):
    files = sorted(shared_vcards.rglob("*.vcf"))
    assert len(files) >= 20
    report = run_import(network, files)
    skipped = [e for e in report.entries if e.action == "skipped"]
    assert [e.where.split(" ")[0] for e in skipped] == ["unparsable.vcf"]
    assert "no END:VCARD" in skipped[0].detail
    assert report.count("added") == len(files) - 1
    assert not any(c.name.startswith("second contact with minimal") for c in network.contacts())
    text_bday = network.find_one("text birthday")
    assert text_bday.birthday is None
    assert any("text-bday.vcf" in w.where and "circa 1800" in w.reason for w in report.warnings)
    names = {c.name for c in network.contacts()}
    assert {"최유림", "전도훈", "altid", "Michael Smith", "Given Family"} <= names
    assert network.find_one("Michael Smith").nickname == "Mike"
    assert network.find_one("bug 195").phones == ["67545678"]


def test_a_card_without_any_name_is_reported():
    parsed = parse_vcards(card("TEL:123456\r\n"), "x.vcf")
    assert not parsed.drafts
    assert parsed.problems[0].where.startswith("x.vcf card 1")


def test_a_file_without_cards_is_reported():
    parsed = parse_vcards(b"hello\r\nworld\r\n", "notes.vcf")
    assert [str(p) for p in parsed.problems] == ["notes.vcf: no vCards found (no BEGIN:VCARD line)"]


def test_many_cards_import_with_every_one_kept(network, tmp_path):
    body = "".join(card(f"FN:Person {i}\r\nEMAIL:p{i}@example.com\r\nTEL:+1 555 {i:07d}\r\n"
                        f"BDAY:--{1 + i % 12:02d}{1 + i % 28:02d}\r\nUID:u{i}\r\n")
                   for i in range(3000))
    path = tmp_path / "big.vcf"
    path.write_text(body)
    report = run_import(network, [path])
    assert report.count("added") == 3000 and network.contact_count() == 3000
    assert run_import(network, [path], dry_run=True).count("unchanged") == 3000


vcardish = st.lists(st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "FN:", "FN:Name", "N:a;b;c;d;e;f",
    "EMAIL;TYPE=x:a@b", "BDAY:", "BDAY:--1301", "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "=", " ",
    "ADR:;;;", "item1.X-ABLabel:", "TEL;VALUE=uri:tel:", "CATEGORIES:,,", "ORG:;;", "\\", '"',
    "NOTE;CHARSET=nope;ENCODING=QUOTED-PRINTABLE:=ZZ", "X-NETUI-CADENCE:x", "UID:",
]) | st.text(max_size=30), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=vcardish, newline=st.sampled_from(["\r\n", "\n", "\r"]))
def test_parser_never_raises_on_card_like_input(lines, newline):
    parsed = parse_vcards(newline.join(lines), "fuzz.vcf")
    for d in parsed.drafts:
        assert d.fields["name"]


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=400))
def test_parser_never_raises_on_arbitrary_bytes(raw):
    parse_vcards(b"BEGIN:VCARD\r\n" + raw, "fuzz.vcf")
    parse_vcards(raw, "fuzz.vcf")


def test_fuzzed_cards_always_import(tmp_path: Path, make_network):
    # Drafts the parser produces from odd input still validate or are reported, never raise.
    net = make_network("fuzz")
    path = tmp_path / "odd.vcf"
    path.write_text(card("FN:" + "x" * 600 + "\r\n") + card("FN:Ok\r\nX-NETUI-CADENCE:0\r\n"
                                                           "X-NETUI-CIRCLE:nope\r\n"))
    report = run_import(net, [path])
    assert report.count("skipped") == 1 and report.count("added") == 1
    ok = net.find_one("Ok")
    assert ok.cadence_days is None and ok.circle is None


def test_a_nested_21_agent_card_is_not_a_separate_person():
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
            "FN:Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.com\r\nEND:VCARD\r\n"
            + card("FN:Next\r\n"))
    parsed = parse_vcards(text, "agent.vcf")
    assert [d.fields["name"] for d in parsed.drafts] == ["Boss", "Next"]
    assert parsed.drafts[0].fields["emails"] == ["boss@example.com"]
    assert not parsed.problems
