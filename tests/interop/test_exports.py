"""Exports: vCard 4.0 (one file and a vdir khard reads), ICS, Markdown and CSV."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import icalendar
import vobject

from netui.domain.models import CheckIn, Contact, Interaction
from netui.interop.ics import to_ics
from netui.interop.importer import run_import
from netui.interop.markdown import contact_markdown
from netui.interop.vcard import dump_vcards, to_vcard, vdir_filename

from ..cli_helpers import run


def test_vcard_is_40_folded_and_readable_by_vobject_as_khard_reads_it(demo_network):
    contacts = demo_network.contacts(include_archived=True)
    text = dump_vcards(contacts)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cards = list(vobject.readComponents(text))
    assert len(cards) == len(contacts)
    for card, c in zip(cards, contacts, strict=True):
        assert card.version.value == "4.0"
        assert card.fn.value == c.name
        assert card.uid.value == (c.uid or c.id)
        if c.circle:
            assert card.contents["x-netui-circle"][0].value == c.circle


def test_vcard_escapes_structure_characters():
    c = Contact(name="Semi; Colon, Back\\slash", company="A;B", notes="two\nlines",
                cadence_days=21, circle="close", location="Berlin, DE")
    card = vobject.readOne(to_vcard(c))
    assert card.fn.value == "Semi; Colon, Back\\slash"
    assert card.note.value == "two\nlines"
    assert card.contents["x-netui-cadence"][0].value == "21"


def test_export_vcard_file_and_vdir_are_private(capsys, tmp_path):
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "add", "Ann Lee", "--email", "ann@example.com",
               "--circle", "close").code == 0
    out = tmp_path / "all.vcf"
    result = run(capsys, "--data-dir", str(data), "export", "vcard", str(out))
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    vdir = tmp_path / "book"
    assert run(capsys, "--data-dir", str(data), "export", "vcard", "--vdir", str(vdir)).code == 0
    [card] = list(vdir.iterdir())
    assert card.suffix == ".vcf" and stat.S_IMODE(card.stat().st_mode) == 0o600
    parsed = vobject.readOne(card.read_text())
    assert parsed.fn.value == "Ann Lee"
    assert card.name == f"{parsed.uid.value}.vcf"  # vdirsyncer names files by UID
    assert run(capsys, "--data-dir", str(data), "export", "vcard").code != 0  # FILE or --vdir


def test_vdir_filenames_are_safe():
    assert vdir_filename(Contact(id="abc123", name="x", uid="../../etc/passwd")) == "abc123.vcf"
    # vdirsyncer's SAFE_UID_CHARS: a UID with '@' or ':' never names a file (D4).
    assert vdir_filename(Contact(id="abc123", name="x", uid="A-1@host")) == "abc123.vcf"
    assert vdir_filename(Contact(id="abc123", name="x", uid="urn:uuid:1-2")) == "abc123.vcf"
    assert vdir_filename(Contact(id="abc123", name="x", uid="A_1.b+c-d")) == "A_1.b+c-d.vcf"


def test_ics_loads_back_with_stable_uids_and_yearly_birthdays(demo_network):
    net = demo_network
    leap = net.add_contact(Contact(name="Leap Day", birthday="--02-29", circle="close"))
    # Seen 10 days ago: due on a fixed day, never the follow-up's (a contact never seen is
    # due a cadence after it was added, by the real clock).
    net.log_interaction(Interaction(contact_ids=[leap.id], date=net.today() - timedelta(days=10)))
    net.add_checkin(CheckIn(contact_id=leap.id, due=net.today() + timedelta(days=40),
                            reason="ask about the move"))
    raw = to_ics(net)
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert sorted(uids) == sorted(str(e["UID"]) for e in
                                  icalendar.Calendar.from_ical(to_ics(net)).walk("VEVENT"))
    birthdays = [e for e in events if str(e["UID"]).startswith("netui-birthday-")]
    assert len(birthdays) == sum(1 for c in net.contacts() if c.birthday)
    for e in events:
        start = e.decoded("DTSTART")
        assert type(start) is date  # all-day
        assert e.decoded("DTEND") == start + timedelta(days=1)
    leap_event = next(e for e in birthdays if "Leap Day" in str(e["SUMMARY"]))
    rule = leap_event["RRULE"]
    assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTHDAY"] == [-1] and rule["BYMONTH"] == [2]
    assert leap_event.decoded("DTSTART") == date(2000, 2, 29)
    dues = [e for e in events if str(e["UID"]).startswith("netui-due-")]
    assert dues and all(e.decoded("DTSTART") >= net.today() for e in dues)
    followups = [e for e in events if str(e["UID"]).startswith("netui-checkin-")]
    assert any(e.decoded("DTSTART") == net.today() + timedelta(days=40) for e in followups)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal


def test_markdown_profile_and_timeline(network):
    bob = network.add_contact(Contact(name="Bob [/] *Star*", company="Acme", tags=["python"],
                                      notes="- not a list\n# not a heading"))
    ann = network.add_contact(Contact(name="Ann"))
    network.log_interaction(Interaction(contact_ids=[bob.id, ann.id], date=date(2026, 11, 1),
                                        text="coffee, talked _design_"))
    text = contact_markdown(network, bob.id)
    assert text.startswith("# Bob \\[/\\] \\*Star\\*\n")
    assert "- **Company:** Acme" in text and "- **Tags:** #python" in text
    assert "\\- not a list" in text and "\\# not a heading" in text
    assert "- 2026-11-01 · meeting (with Ann): coffee, talked \\_design\\_" in text


def test_export_md_and_csv_from_the_shell(capsys, tmp_path):
    data = tmp_path / "data"
    run(capsys, "--data-dir", str(data), "add", "Ann Lee", "--email", "ann@example.com")
    md = run(capsys, "--data-dir", str(data), "export", "md", "ann")
    assert md.code == 0 and md.out.startswith("# Ann Lee")
    out = tmp_path / "ann.md"
    assert run(capsys, "--data-dir", str(data), "export", "md", "Ann Lee", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text().startswith("# Ann")
    csv_out = tmp_path / "c.csv"
    assert run(capsys, "--data-dir", str(data), "export", "csv", str(csv_out)).code == 0
    assert "ann@example.com" in csv_out.read_text(encoding="utf-8-sig")
    ics = run(capsys, "--data-dir", str(data), "export", "ics", "-")
    assert ics.code == 0 and "BEGIN:VCALENDAR" in ics.out
    missing = run(capsys, "--data-dir", str(data), "export", "md", "nobody")
    assert missing.code == 1 and "nobody" in missing.err and "Traceback" not in missing.err


def test_vdir_mirrors_the_network_and_imports_back(capsys, tmp_path, make_network):
    data = ["--data-dir", str(tmp_path / "data")]
    for name in ("Ann Lee", "Bob Stone", "최유림"):
        run(capsys, *data, "add", name)
    book = tmp_path / "book"
    book.mkdir()
    foreign = book / "from-another-app.vcf"
    foreign.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept Alone\r\nEND:VCARD\r\n")
    first = run(capsys, *data, "export", "vcard", "--vdir", str(book))
    assert "(3 files written)" in first.out
    again = run(capsys, *data, "export", "vcard", "--vdir", str(book))
    assert "(0 files written)" in again.out  # unchanged cards are not rewritten
    assert run(capsys, *data, "delete", "Bob Stone", "--yes").code == 0
    pruned = run(capsys, *data, "export", "vcard", "--vdir", str(book))
    assert "removed 1 of deleted contacts" in pruned.out
    assert len(list(book.glob("*.vcf"))) == 3 and foreign.exists()
    other = make_network()
    report = run_import(other, [book])
    assert sorted(c.name for c in other.contacts()) == ["Ann Lee", "Kept Alone", "최유림"]
    assert report.count("added") == 3
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no .vcf files" in run_import(other, [empty]).failed[0].reason
