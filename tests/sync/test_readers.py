"""netui's exports read back by the programs people use (issue 17): khal lists the
check-ins and birthdays of the ICS file and of the calendar vdir, khard the people of the
vCard vdir; and an export with nothing in it is still a calendar every reader opens
(D17). The real programs run in subprocesses, with temp configs and no network."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from netui.domain.models import CheckIn, CheckInKind
from tests.cli_helpers import run
from tests.conftest import TODAY, open_network
from tests.sync.servers import BIN

ODD = "Smith, Jane; PhD \\ Esq."  # every character ICS and vCard must escape


def khal(tmp: Path, *args: str, **calendars: Path) -> str:
    conf = tmp / "khal.conf"
    books = "".join(f"[[{name}]]\npath = {path}\ntype = calendar\n"
                    for name, path in calendars.items())
    conf.write_text(f"""[calendars]
{books}[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
[default]
default_calendar = {next(iter(calendars))}
[sqlite]
path = {tmp / 'khal.db'}
""")
    done = subprocess.run([str(BIN / "khal"), "-c", str(conf), *args], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp,
                          env={"PATH": str(BIN), "HOME": str(tmp), "TZ": "UTC", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def khal_list(tmp: Path, start: str, end: str, **calendars: Path) -> list[str]:
    out = khal(tmp, "list", "--format", "{start-date} {title}", "--day-format", "",
               start, end, **calendars)
    return [line for line in out.splitlines() if line.strip()]


@pytest.fixture
def people(capsys, data_dir: Path, monkeypatch) -> list[str]:
    """Three birthdays (one on 29 February, one without a year), a check-in due by the
    circle's cadence, a follow-up; returns the events khal should list from today to
    6 March 2027, as `DATE TITLE`."""
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    assert run(capsys, "add", ODD, "--birthday", "1988-02-29", "--circle", "close").code == 0
    assert run(capsys, "add", "Ólafur Arnalds", "--birthday", "--03-05").code == 0
    assert run(capsys, "add", "Bob Order", "--birthday", "1990-12-01").code == 0
    net = open_network(data_dir)
    ids = {c.name: c.id for c in net.contacts()}
    net.add_checkin(CheckIn(contact_id=ids["Bob Order"], kind=CheckInKind.followup,
                            due=TODAY + timedelta(days=10), reason="the boat"))
    cadence = net.due(ids[ODD])  # from when she was added
    net.store.close()
    assert cadence is not None
    return sorted([
        "2026-12-01 Bob Order's birthday",
        f"{TODAY + timedelta(days=10):%Y-%m-%d} Check in with Bob Order",  # the follow-up
        f"{max(cadence.due, TODAY):%Y-%m-%d} Check in with {ODD}",
        f"2027-02-28 {ODD}'s birthday",  # 29 February, in a common year
        "2027-03-05 Ólafur Arnalds's birthday",
    ])


def test_khal_lists_what_the_calendar_vdir_holds(capsys, people, tmp_path):
    cal = tmp_path / "calendar"
    assert run(capsys, "export", "ics", "--vdir", str(cal)).code == 0
    assert khal_list(tmp_path, "2026-11-22", "2027-03-06", netui=cal) == people
    leap = khal_list(tmp_path, "2028-02-28", "2028-03-01", netui=cal)
    assert leap == [f"2028-02-29 {ODD}'s birthday"]


def test_khal_reads_the_ics_file_and_imports_it_without_copies(capsys, people, tmp_path):
    ics = tmp_path / "netui.ics"
    assert run(capsys, "export", "ics", str(ics)).code == 0
    assert "5 events found" in khal(tmp_path, "printics", str(ics), netui=tmp_path)
    imported = tmp_path / "imported"
    imported.mkdir()
    for _ in range(2):  # a newer export imported again updates, never duplicates
        khal(tmp_path, "import", "--batch", "-a", "imported", str(ics), imported=imported)
    assert khal_list(tmp_path, "2026-11-22", "2027-03-06", imported=imported) == people


def test_khard_lists_the_exported_vdir(capsys, data_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    assert run(capsys, "add", "Jane Smith", "--email", "jane@example.org", "--phone",
               "+44 7700 900001", "--birthday", "1988-02-29").code == 0
    assert run(capsys, "add", "Ólafur Arnalds", "--email", "olafur@example.is",
               "--birthday", "--03-05").code == 0
    vdir = tmp_path / "book"
    assert run(capsys, "export", "vcard", "--vdir", str(vdir)).code == 0
    conf = tmp_path / "khard.conf"
    conf.write_text(f"[addressbooks]\n[[netui]]\npath = {vdir}\n[general]\n"
                    "editor = true\nmerge_editor = true\n")

    def khard(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "khard", "-c", str(conf), *args],
                              capture_output=True, text=True, timeout=60, cwd=BIN)
        assert done.returncode == 0, done.stderr
        assert not done.stderr.strip(), done.stderr  # no card khard could not read
        return sorted(line for line in done.stdout.splitlines()
                      if not line.startswith("searching for"))

    net = open_network(data_dir)
    ids = {c.name: c.id for c in net.contacts()}
    net.store.close()
    assert khard("list", "--parsable") == sorted(f"{uid}\t{name}\tnetui"
                                                 for name, uid in ids.items())
    assert khard("email", "--parsable") == ["jane@example.org\tJane Smith\tinternet",
                                            "olafur@example.is\tÓlafur Arnalds\tinternet"]
    assert khard("phone", "--parsable") == ["+44 7700 900001\tJane Smith\tvoice"]
    # khard shows a birthday without a year in the year 1900
    assert khard("birthdays", "--parsable") == ["1900.03.05\tÓlafur Arnalds",
                                                "1988.02.29\tJane Smith"]


# -- D17: an export with nothing to show -----------------------------------------------------


def test_an_empty_calendar_export_is_a_calendar_every_reader_opens(capsys, tmp_path):
    ics = tmp_path / "empty.ics"
    result = run(capsys, "export", "ics", str(ics))
    assert result.code == 0
    assert "no birthdays, check-ins or follow-ups" in result.out
    raw = ics.read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    assert cal.subcomponents, "RFC 5545 3.6: a calendar holds at least one component"
    assert not cal.walk("VEVENT")
    assert vobject.readOne(raw.decode()).validate()
    assert "0 events found" in khal(tmp_path, "printics", str(ics), netui=tmp_path)
    imported = tmp_path / "imported"
    imported.mkdir()
    khal(tmp_path, "import", "--batch", "-a", "imported", str(ics), imported=imported)
    assert khal_list(tmp_path, "2026-01-01", "2028-01-01", imported=imported) == []


def test_the_export_says_how_many_events_it_wrote(capsys, people, tmp_path):
    result = run(capsys, "export", "ics", str(tmp_path / "netui.ics"))
    assert result.out.strip() == f"Exported 5 events to {tmp_path / 'netui.ics'}"
