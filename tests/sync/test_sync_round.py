"""`netui sync` against a vdir edited the way a phone and vdirsyncer edit it (issue 17;
findings interop.md D3-D6, D15)."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from netui.domain.models import CheckIn, CheckInKind, Interaction
from netui.interop.vcard import card_uid
from netui.storage import Change
from tests.cli_helpers import run
from tests.conftest import TODAY, open_network

CRLF = "\r\n"


def apple_card(uid: str, extra: str = "") -> str:
    """A vCard 3.0 as an iPhone writes it: photo, street address, typed phones, a
    labelled item1.EMAIL, Apple's own X- property."""
    return CRLF.join([
        "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iOS 17.4//EN",
        "N:Order;Noah;;;", "FN:Noah Order", "ORG:Acme;Hull Division",
        "item1.EMAIL;type=INTERNET;type=pref:noah@example.org",
        "item1.X-ABLabel:_$!<Other>!$_",
        "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123",
        "TEL;type=HOME;type=VOICE:+44 23 9200 0000",
        "ADR;type=HOME;type=pref:;;1 Dock Road;Portsmouth;;PO1 1AA;United Kingdom",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQ",
        " NDAsLDBkSEx8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEB",
        "X-APPLE-OMIT-YEAR:1604", "X-OTHERAPP-MOOD:cheerful", f"UID:{uid}", *([extra] if extra else []),
        "END:VCARD", ""])


KEPT = ["VERSION:3.0", "ORG:Acme;Hull Division",
        "item1.EMAIL;type=INTERNET;type=pref:noah@example.org", "item1.X-ABLabel:_$!<Other>!$_",
        "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123",
        "TEL;type=HOME;type=VOICE:+44 23 9200 0000",
        "ADR;type=HOME;type=pref:;;1 Dock Road;Portsmouth;;PO1 1AA;United Kingdom",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQ\r\n"
        " NDAsLDBkSEx8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEB",
        "X-OTHERAPP-MOOD:cheerful"]


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    return folder


def sync(capsys: pytest.CaptureFixture[str], vdir: Path, *more: str):
    result = run(capsys, "sync", "--vdir", str(vdir), *more)
    assert result.code == 0, result.err
    return result


def show(capsys: pytest.CaptureFixture[str], name: str) -> dict:
    rows = run(capsys, "list", "--json", "--archived").json()
    return next(r for r in rows if r["name"] == name)


def files_with_uid(vdir: Path, uid: str) -> list[str]:
    return sorted(p.name for p in vdir.glob("*.vcf") if card_uid(p.read_bytes()) == uid)


def test_a_phone_card_edited_in_netui_keeps_everything_netui_does_not_model(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1"), newline="")
    assert "1 added" in sync(capsys, vdir).out
    assert run(capsys, "edit", "Noah Order", "--title", "Harbour master").code == 0
    out = sync(capsys, vdir).out
    assert "1 updated" in out.split("pushed:")[1]
    text = card.read_bytes().decode()
    for line in KEPT:
        assert line + CRLF in text, line
    assert "TITLE:Harbour master\r\n" in text
    assert files_with_uid(vdir, "noah-1") == ["noah.vcf"]


def test_a_card_never_edited_in_netui_is_never_rewritten(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1"), newline="")
    sync(capsys, vdir)
    before = card.read_bytes()
    run(capsys, "add", "Zoe Leap", "--email", "zoe@example.org")
    sync(capsys, vdir)
    sync(capsys, vdir)
    assert card.read_bytes() == before


def test_a_phone_number_removed_on_the_phone_is_removed_in_netui(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1"), newline="")
    sync(capsys, vdir)
    card.write_text(apple_card("noah-1").replace("TEL;type=HOME;type=VOICE:+44 23 9200 0000\r\n", ""),
                    newline="")
    assert "1 updated" in sync(capsys, vdir).out.split("pushed:")[0]
    assert show(capsys, "Noah Order")["phones"] == ["+44 7700 900123"]
    sync(capsys, vdir)  # and it does not come back
    assert "+44 23 9200 0000" not in card.read_text()


def test_a_note_rewritten_on_the_phone_replaces_the_note(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1", "NOTE:first note"), newline="")
    sync(capsys, vdir)
    card.write_text(apple_card("noah-1", "NOTE:rewritten on the phone"), newline="")
    sync(capsys, vdir)
    assert show(capsys, "Noah Order")["notes"] == "rewritten on the phone"


def test_a_card_deleted_on_the_server_archives_the_person_and_never_comes_back(capsys, vdir):
    run(capsys, "add", "Bob Order", "--email", "bob@example.org")
    sync(capsys, vdir)
    (path,) = vdir.glob("*.vcf")
    path.unlink()
    out = sync(capsys, vdir).out
    assert "1 deleted (archived in netui)" in out and "Bob Order" in out
    assert show(capsys, "Bob Order")["archived"] is True
    sync(capsys, vdir)
    assert list(vdir.glob("*.vcf")) == []  # not uploaded again


def test_a_person_deleted_in_netui_deletes_their_card_even_one_another_app_named(capsys, vdir):
    (vdir / "3f1c-random-name.vcf").write_text(apple_card("urn:uuid:1111-2222"), newline="")
    sync(capsys, vdir)
    assert run(capsys, "delete", "Noah Order", "--yes").code == 0
    out = sync(capsys, vdir).out
    assert "1 deleted" in out.split("pushed:")[1]
    assert list(vdir.glob("*.vcf")) == []
    sync(capsys, vdir)
    assert all(r["name"] != "Noah Order" for r in run(capsys, "list", "--json", "--archived").json())


@pytest.mark.parametrize("uid", ["urn:uuid:11111111-2222-3333-4444-555555555555",
                                 "friend-42@example.org"])
def test_a_uid_vdirsyncer_would_not_name_a_file_by_keeps_its_file(capsys, vdir, uid):
    (vdir / "0b7e1c9d.vcf").write_text(apple_card(uid), newline="")
    sync(capsys, vdir)
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    sync(capsys, vdir)
    assert files_with_uid(vdir, uid) == ["0b7e1c9d.vcf"]


@pytest.mark.parametrize("uid", ["urn:uuid:11111111-2222-3333-4444-555555555555",
                                 "friend-42@example.org"])
def test_export_vdir_keeps_another_apps_file_and_properties(capsys, tmp_path, uid):
    """The import-then-export round of findings §3 without netui sync (D3, D4)."""
    folder = tmp_path / "by-hand"
    folder.mkdir()
    (folder / "0b7e1c9d.vcf").write_text(apple_card(uid), newline="")
    assert run(capsys, "import", str(folder)).code == 0
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    assert run(capsys, "export", "vcard", "--vdir", str(folder)).code == 0
    assert files_with_uid(folder, uid) == ["0b7e1c9d.vcf"]
    text = (folder / "0b7e1c9d.vcf").read_bytes().decode()
    assert "TITLE:Captain\r\n" in text
    for line in KEPT:
        assert line + CRLF in text, line


def test_edits_of_different_fields_on_both_sides_merge(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1"), newline="")
    sync(capsys, vdir)
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    card.write_text(apple_card("noah-1", "NICKNAME:Noz"), newline="")
    out = sync(capsys, vdir).out
    assert "conflicts: 0" in out
    row = show(capsys, "Noah Order")
    assert (row["title"], row["nickname"]) == ("Captain", "Noz")
    assert "TITLE:Captain" in card.read_text() and "NICKNAME:Noz" in card.read_text()


def test_the_same_field_changed_on_both_sides_keeps_netuis_and_saves_the_other(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1", "TITLE:Sailor"), newline="")
    sync(capsys, vdir)
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    card.write_text(apple_card("noah-1", "TITLE:Admiral"), newline="")
    out = sync(capsys, vdir).out
    assert "conflicts: 1" in out and "title changed on both sides" in out
    row = show(capsys, "Noah Order")
    assert row["title"] == "Captain"
    assert "title: Admiral" in row["notes"]  # nothing lost
    text = card.read_bytes().decode().replace("\r\n ", "")  # unfolded
    assert "TITLE:Captain" in text and "title: Admiral" in text  # the note travels too
    assert "conflicts: 0" in sync(capsys, vdir).out


def test_archiving_keeps_the_card_with_the_flag(capsys, vdir):
    run(capsys, "add", "Bob Order", "--email", "bob@example.org")
    sync(capsys, vdir)
    run(capsys, "archive", "Bob Order")
    sync(capsys, vdir)
    (path,) = vdir.glob("*.vcf")
    assert "X-NETUI-ARCHIVED:TRUE" in path.read_text()


def test_the_sync_command_runs_around_the_round_and_its_failure_changes_nothing(
        capsys, vdir, tmp_path, monkeypatch):
    log = tmp_path / "ran.txt"
    script = f"open({str(log)!r}, 'a').write('x'); print('tool says hi')"
    config = tmp_path / "config.toml"
    config.write_text(f'[sync]\nvdir = "{vdir}"\ncommand = "{sys.executable} -c \\"{script}\\""\n')
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    run(capsys, "add", "Bob Order")
    result = run(capsys, "sync")
    assert result.code == 0, result.err
    assert result.out.splitlines().count("tool says hi") == 2 and log.read_text() == "xx"
    config.write_text(f'[sync]\nvdir = "{vdir}"\ncommand = "{sys.executable} -c \\"raise SystemExit(3)\\""\n')
    run(capsys, "add", "Ann Lee")
    failed = run(capsys, "sync")
    assert failed.code == 1 and "failed before the round" in failed.err
    assert "Traceback" not in failed.err
    assert len(list(vdir.glob("*.vcf"))) == 1  # Ann was not pushed


def test_an_unreadable_sync_state_is_one_line(capsys, vdir, data_dir, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    run(capsys, "add", "Bob Order")
    sync(capsys, vdir)
    (data_dir / "sync.json").write_text('{"version": 1, "cards": {"../x": 3}}')
    result = run(capsys, "sync", "--vdir", str(vdir))
    assert result.code == 1 and "sync state" in result.err and len(result.err.splitlines()) == 1


def test_the_sync_state_is_backed_up_with_the_data(capsys, vdir, data_dir, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    run(capsys, "add", "Bob Order")
    sync(capsys, vdir)
    assert run(capsys, "backup").code == 0
    state = (data_dir / "sync.json").read_bytes()
    assert any((b / "sync.json").is_file() and (b / "sync.json").read_bytes() == state
               for b in (data_dir / "backups").iterdir())


def test_the_calendar_vdir_has_one_file_per_event_and_a_done_followup_goes(
        capsys, vdir, tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    run(capsys, "add", "Bob Order", "--birthday", "1990-02-28", "--circle", "close")
    net = open_network(data_dir)
    bob = net.find_one("Bob Order")
    # Seen 10 days ago: the check-in falls due on TODAY + 20, never on the follow-up's day
    # (a contact never seen is due a cadence after it was added, by the real clock).
    net.log_interaction(Interaction(contact_ids=[bob.id], date=TODAY - timedelta(days=10)))
    chk = net.add_checkin(CheckIn(contact_id=bob.id, kind=CheckInKind.followup,
                                  due=TODAY + timedelta(days=40), reason="the boat"))
    net.store.close()
    cal = tmp_path / "calendar"
    assert run(capsys, "export", "ics", "--vdir", str(cal)).code == 0
    names = sorted(p.name for p in cal.iterdir())
    assert f"netui-checkin-{chk.id}_netui.ics" in names
    assert f"netui-birthday-{bob.id}_netui.ics" in names
    for path in cal.iterdir():
        text = path.read_text()
        assert text.count("BEGIN:VEVENT") == 1 and "BEGIN:VALARM" in text
    before = {p.name: p.stat().st_mtime_ns for p in cal.iterdir()}
    assert "0 events written" in sync(capsys, vdir, "--calendar-vdir", str(cal)).out
    assert {p.name: p.stat().st_mtime_ns for p in cal.iterdir()} == before
    net = open_network(data_dir)  # the follow-up marked done
    net.commit([Change("checkins", chk.id, {**chk.to_doc(), "status": "done"})], "done")
    net.store.close()
    assert run(capsys, "done", "Bob Order").code == 0  # in touch: the next check-in moves
    sync(capsys, vdir, "--calendar-vdir", str(cal))
    assert f"netui-checkin-{chk.id}_netui.ics" not in {p.name for p in cal.iterdir()}
    due = (cal / f"netui-due-{bob.id}_netui.ics").read_text()
    assert f"DTSTART;VALUE=DATE:{(TODAY + timedelta(days=30)):%Y%m%d}" in due


def test_an_export_into_the_synced_vdir_is_refused(capsys, vdir):
    card = vdir / "noah.vcf"
    card.write_text(apple_card("noah-1"), newline="")
    sync(capsys, vdir)
    card.write_text(apple_card("noah-1", "NICKNAME:Noz"), newline="")  # pulled, not synced
    result = run(capsys, "export", "vcard", "--vdir", str(vdir))
    assert result.code == 1 and "run `netui sync` instead" in result.err
    assert "NICKNAME:Noz" in card.read_text()
    sync(capsys, vdir)
    assert show(capsys, "Noah Order")["nickname"] == "Noz"


def test_a_second_round_at_the_same_time_is_refused(capsys, vdir):
    import fcntl
    import os

    run(capsys, "add", "Bob Order")
    fd = os.open(vdir, os.O_RDONLY)  # another netui sync holding the vdir
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result = run(capsys, "sync", "--vdir", str(vdir))
    finally:
        os.close(fd)
    assert result.code == 1 and "another netui sync or export is writing" in result.err
    assert list(vdir.glob("*.vcf")) == []


def test_a_backup_with_a_broken_sync_state_is_not_restored(capsys, vdir, data_dir, monkeypatch):
    monkeypatch.setenv("NETUI_DATA_DIR", str(data_dir))
    run(capsys, "add", "Bob Order")
    sync(capsys, vdir)
    assert run(capsys, "backup").code == 0
    backup = max((data_dir / "backups").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    (backup / "sync.json").write_text('{"version": 1, "cards": {"x.vcf": {"id": ""}}}')
    result = run(capsys, "restore", backup.name, "--yes")
    assert result.code == 1 and "sync.json" in result.err and "nothing was changed" in result.err
