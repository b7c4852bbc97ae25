"""Coming over from Monica 4 (its JSON export) and from friends (friends.md): detected
by content through `netui import FILE`, with a report and --dry-run; importing again
changes nothing. The fixtures are written from each format's documentation."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from netui.domain.models import Contact
from netui.interop.detect import FRIENDS, MONICA, detect
from netui.interop.friends_md import parse_friends
from netui.interop.importer import run_import
from netui.interop.monica import parse_monica

from ..cli_helpers import run

HERE = Path(__file__).resolve().parent / "migrations"
MONICA_FILE, FRIENDS_FILE = HERE / "monica.json", HERE / "friends.md"


def test_both_formats_are_told_by_content_not_name(tmp_path):
    assert detect(MONICA_FILE.read_bytes()) == MONICA
    assert detect(FRIENDS_FILE.read_bytes()) == FRIENDS
    assert detect(b'{"schema": 1, "contacts": []}') == "json"  # netui's own stays netui's


def test_monica_people_and_history(network):
    report = run_import(network, [MONICA_FILE])
    assert report.count("added") == 2 and report.count("skipped") == 1  # the nameless one
    assert "no name" in next(e.detail for e in report.entries if e.action == "skipped")
    rosa = network.find_one("Rosa Parks")
    assert (rosa.nickname, rosa.title, rosa.company) == ("Ro", "Organizer", "NAACP")
    assert rosa.emails == ["rosa@example.org"] and rosa.phones == ["+1 334 555 0100"]
    assert rosa.tags == ["activism", "book club", "starred"] and rosa.cadence_days == 30
    assert str(rosa.birthday) == "1913-02-04" and str(rosa.met_on) == "2019-05-17"
    assert rosa.location == "Montgomery, Alabama, US"
    assert "Met through the book club." in rosa.notes and "Twitter: rosaparks" in rosa.notes
    claudette = network.find_one("Claudette Colvin")
    assert claudette.archived and str(claudette.birthday) == "--09-05"
    kinds = {(i.kind.value, i.text) for i in network.interactions_for(rosa.id)}
    assert kinds == {("call", "Talked about the march."),
                     ("note", "Prefers phone calls to email."),
                     ("meeting", "Picnic in the park\n\nBrought lemonade.")}
    [picnic] = [i for i in network.interactions_for(rosa.id) if i.kind.value == "meeting"]
    assert set(picnic.contact_ids) == {rosa.id, claudette.id} and picnic.date == date(2026, 6, 1)
    [checkin] = network.checkins_for(rosa.id)  # the inactive reminder is left out
    assert (checkin.due, checkin.reason) == (date(2027, 1, 15), "Send the book back")
    [lent] = network.favours(contact_id=rosa.id)
    assert (lent.direction.value, lent.text, lent.status.value) == ("gave", "money (20 USD)",
                                                                    "open")
    [owed] = network.favours(contact_id=claudette.id)
    assert (owed.direction.value, owed.status.value) == ("received", "done")
    assert report.record_line() == ("History: 3 interactions added, 2 favours added, "
                                    "1 check-in added")


def test_monica_import_twice_changes_nothing(network):
    run_import(network, [MONICA_FILE])
    before = network.export_all()
    again = run_import(network, [MONICA_FILE])
    assert again.count("added") == again.count("updated") == 0
    assert network.export_all() == before
    assert again.writes() == 0


def test_a_recurring_monica_reminder_is_due_on_its_next_date():
    raw = MONICA_FILE.read_text().replace(
        '"initial_date": "2027-01-15T00:00:00Z", "title": "Send the book back", '
        '"description": null, "frequency_type": "one_time"',
        '"initial_date": "2020-01-15T00:00:00Z", "title": "Send the book back", '
        '"description": null, "frequency_type": "week"')
    parsed = parse_monica(raw.encode(), "m.json", today=date(2026, 11, 22))
    [checkin] = [r for r in parsed.records if r.collection == "checkins"]
    due = checkin.fields["due"]
    assert date(2026, 11, 22) <= due < date(2026, 11, 29) and due.weekday() == 2  # Wednesdays


@pytest.mark.parametrize("raw", [b'{"account": {"data": 5}}', b'{"account": {"data": [{"type": '
                                 b'"contact", "values": [{"properties": []}]}]}}', b"{"])
def test_a_strange_monica_file_is_reported_never_raised(raw):
    parsed = parse_monica(raw, "m.json")
    assert parsed.problems and not parsed.drafts


def test_friends_md_friends_activities_and_notes(network):
    report = run_import(network, [FRIENDS_FILE])
    assert report.count("added") == 3
    grace = network.find_one("Grace Hopper")
    assert (grace.nickname, grace.location, grace.tags) == ("The Admiral", "Paris",
                                                           ["navy", "science"])
    assert grace.notes == "Also known as Amazing Grace"
    george = network.find_one("George Washington Carver")
    lunch = next(i for i in network.interactions_for(grace.id) if i.date == date(2018, 1, 4))
    assert lunch.kind.value == "meeting" and set(lunch.contact_ids) == {grace.id, george.id}
    assert lunch.text == "Got lunch with Grace Hopper and George Washington Carver at " \
                         "Marie's Diner." and lunch.tags == ["food"]
    marie = network.find_one("Marie Curie")
    notes = [i for i in network.interactions_for(marie.id) if i.kind.value == "note"]
    assert [n.text for n in notes] == ["Marie Curie completed her PhD in record time."]
    # Ada is bolded but not a friend: named in the report, that activity left out.
    assert any("Ada Lovelace" in e.detail for e in report.entries if e.action == "skipped")
    assert report.record_line() == "History: 5 interactions added"


def test_friends_md_twice_changes_nothing_and_matches_people_you_have(network):
    network.add_contact(Contact(name="Grace Hopper", emails=["grace@navy.example"]))
    first = run_import(network, [FRIENDS_FILE])
    # Same name, nothing conflicting: a possible duplicate, not a silent merge.
    assert any(d.other == "Grace Hopper" for d in first.duplicates)
    before = network.export_all()
    again = run_import(network, [FRIENDS_FILE])
    assert again.count("added") == again.count("updated") == 0
    assert network.export_all() == before


def test_parse_friends_never_raises_on_odd_lines():
    parsed = parse_friends("### Friends:\n- (a.k.a. x)\n- [Paris]\n### Activities:\n- today: x\n"
                           "- 2020-13-01: **A**\n", "f.md")
    assert parsed.problems and not parsed.records


def test_both_from_the_shell_with_dry_run_and_report(capsys, tmp_path):
    data = ["--data-dir", str(tmp_path / "d")]
    monica = tmp_path / "export"  # no extension: the content says what it is
    shutil.copy(MONICA_FILE, monica)
    dry = run(capsys, *data, "import", "--dry-run", str(monica), str(FRIENDS_FILE))
    assert dry.code == 0, dry.err
    lines = dry.out.splitlines()
    assert lines[0].startswith("Import: 5 added, 0 updated") and "dry run" in lines[0]
    assert lines[1] == "History: 8 interactions added, 2 favours added, 1 check-in added"
    assert run(capsys, *data, "list", "--json").json() == []
    done = run(capsys, *data, "import", str(monica), str(FRIENDS_FILE))
    assert done.code == 0
    names = {c["name"] for c in run(capsys, *data, "list", "--json", "--archived").json()}
    assert {"Rosa Parks", "Claudette Colvin", "Grace Hopper", "Marie Curie"} <= names
    again = run(capsys, *data, "import", str(monica), str(FRIENDS_FILE))
    assert again.out.splitlines()[0].startswith("Import: 0 added, 0 updated, 5 unchanged")
