"""netui sync with a real Radicale and vdirsyncer (issue 17): what a phone does on the
server reaches netui, what netui does reaches the server, nothing else on a card is lost.
One Radicale serves the whole module; each test has its own user and collection."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from netui.interop.vcard import card_uid
from tests.cli_helpers import run
from tests.sync.servers import BIN, Radicale, Vdirsyncer
from tests.sync.test_sync_round import apple_card


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory):
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture
def pair(radicale: Radicale, tmp_path: Path, request, monkeypatch) -> Vdirsyncer:
    user = re.sub(r"[^a-z0-9]", "", request.node.name.lower())[:40]
    syncer = Vdirsyncer(radicale, tmp_path, user)
    config = tmp_path / "config.toml"
    config.write_text(f'[sync]\nvdir = "{syncer.vdir}"\ncalendar_vdir = "{syncer.calendar_vdir}"\n'
                      f'command = "{syncer.command}"\n')
    monkeypatch.setenv("NETUI_CONFIG", str(config))
    return syncer


def netui_sync(capsys) -> str:
    result = run(capsys, "sync")
    assert result.code == 0, result.err + result.out
    return result.out


def server_card(radicale: Radicale, pair: Vdirsyncer, href: str) -> str | None:
    status, body = radicale.http("GET", pair.collection + href)
    return body.decode() if status == 200 else None


def unfolded(text: str) -> list[str]:
    return re.sub(r"\r?\n[ \t]", "", text).replace("\r\n", "\n").split("\n")


def server_hrefs(radicale: Radicale, pair: Vdirsyncer, ext: str = "vcf") -> list[str]:
    collection = pair.collection if ext == "vcf" else pair.calendar
    _status, body = radicale.http("PROPFIND", collection)
    return sorted(set(re.findall(rb"<[^>]*href>[^<]*/([^/<]+\." + ext.encode() + rb")</",
                                 body, re.I)))


def put(radicale: Radicale, pair: Vdirsyncer, href: str, card: str) -> None:
    status, _ = radicale.http("PUT", pair.collection + href, card.encode())
    assert status in (200, 201, 204), status


def test_a_card_edited_on_the_server_survives_a_netui_round_trip(capsys, radicale, pair):
    run(capsys, "add", "Noah Order", "--email", "noah@example.org")
    netui_sync(capsys)
    (local,) = pair.vdir.glob("*.vcf")
    uid = card_uid(local.read_bytes())
    href = local.name  # a safe UID: vdirsyncer named the server's copy the same
    assert server_card(radicale, pair, href) is not None
    put(radicale, pair, href, apple_card(uid))  # the phone rewrites it, Apple style
    before = server_card(radicale, pair, href)
    assert "1 updated" in netui_sync(capsys).split("pushed:")[0]
    assert run(capsys, "edit", "Noah Order", "--title", "Harbour master").code == 0
    netui_sync(capsys)
    after = server_card(radicale, pair, href)
    assert after is not None and "Harbour master" in after
    kept = [line for line in unfolded(before) if re.match(
        r"^(PHOTO|ADR|TEL|item1\.|X-|VERSION|ORG)", line, re.I)]
    assert len(kept) >= 8
    for line in kept:
        assert line in unfolded(after), line


def test_a_deletion_on_the_server_archives_and_stays_deleted(capsys, radicale, pair):
    run(capsys, "add", "Bob Order", "--email", "bob@example.org")
    run(capsys, "add", "Ann Lee")  # vdirsyncer refuses to empty a whole collection
    netui_sync(capsys)
    bob = next(p for p in pair.vdir.glob("*.vcf") if "Bob Order" in p.read_text())
    status, _ = radicale.http("DELETE", pair.collection + bob.name)
    assert status in (200, 204)
    out = netui_sync(capsys)
    assert "1 deleted (archived in netui)" in out and "Bob Order" in out
    rows = {r["name"]: r for r in run(capsys, "list", "--json", "--archived").json()}
    assert rows["Bob Order"]["archived"] is True and rows["Ann Lee"]["archived"] is False
    netui_sync(capsys)
    hrefs = server_hrefs(radicale, pair)
    assert len(hrefs) == 1 and bob.name.encode() not in hrefs  # not uploaded again
    assert not bob.exists()


def test_a_deletion_in_netui_deletes_the_card_on_the_server(capsys, radicale, pair):
    run(capsys, "add", "Bob Order")
    run(capsys, "add", "Ann Lee")
    netui_sync(capsys)
    assert len(server_hrefs(radicale, pair)) == 2
    assert run(capsys, "delete", "Bob Order", "--yes").code == 0
    netui_sync(capsys)
    hrefs = server_hrefs(radicale, pair)
    assert len(hrefs) == 1 and "Ann Lee" in (server_card(radicale, pair, hrefs[0].decode()) or "")


def test_urn_uuid_and_at_uids_never_duplicate(capsys, radicale, pair):
    uids = ["urn:uuid:11111111-2222-3333-4444-555555555555", "friend-42@example.org"]
    put(radicale, pair, "phone-1.vcf", apple_card(uids[0]))
    put(radicale, pair, "phone-2.vcf", apple_card(uids[1]).replace("Noah Order", "Nia Order")
        .replace("N:Order;Noah", "N:Order;Nia"))
    assert "2 added" in netui_sync(capsys)
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    run(capsys, "edit", "Nia Order", "--title", "Pilot")
    netui_sync(capsys)
    netui_sync(capsys)  # vdirsyncer would abort on two files for one UID
    for uid in uids:
        assert len([p for p in pair.vdir.glob("*.vcf") if card_uid(p.read_bytes()) == uid]) == 1
    assert server_hrefs(radicale, pair) == [b"phone-1.vcf", b"phone-2.vcf"]
    assert "Captain" in (server_card(radicale, pair, "phone-1.vcf") or "")


def test_a_conflict_on_both_sides_is_reported_and_loses_nothing(capsys, radicale, pair):
    put(radicale, pair, "noah.vcf", apple_card("noah-1", "TITLE:Sailor"))
    netui_sync(capsys)
    run(capsys, "edit", "Noah Order", "--title", "Captain")
    put(radicale, pair, "noah.vcf", apple_card("noah-1", "TITLE:Admiral"))
    out = netui_sync(capsys)
    assert "conflicts: 1" in out and "title changed on both sides" in out
    row = run(capsys, "list", "--json").json()[0]
    assert row["title"] == "Captain" and "title: Admiral" in row["notes"]
    card = "\n".join(unfolded(server_card(radicale, pair, "noah.vcf") or ""))
    assert "TITLE:Captain" in card and "title: Admiral" in card


def test_khard_reads_the_synced_vdir(capsys, pair, tmp_path):
    run(capsys, "add", "Ann Lee", "--email", "ann@example.org", "--phone", "+44 7700 900001")
    netui_sync(capsys)
    conf = tmp_path / "khard.conf"
    conf.write_text(f"[addressbooks]\n[[netui]]\npath = {pair.vdir}\n[general]\n"
                    "editor = true\nmerge_editor = true\n")
    done = subprocess.run([sys.executable, "-m", "khard", "-c", str(conf), "email", "--parsable"],
                          capture_output=True, text=True, timeout=60, cwd=BIN)
    assert done.returncode == 0, done.stderr
    assert "ann@example.org\tAnn Lee" in done.stdout


def test_the_calendar_reaches_caldav_and_a_done_follow_up_leaves_it(capsys, radicale, pair,
                                                                     data_dir, monkeypatch):
    from datetime import timedelta

    from netui.domain.models import CheckIn, CheckInKind, Interaction
    from netui.storage import Change
    from tests.conftest import TODAY, open_network

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
    out = netui_sync(capsys)
    assert "3 events written" in out
    events = server_hrefs(radicale, pair, "ics")
    assert len(events) == 3
    _status, body = radicale.http("GET", pair.calendar + events[0].decode())
    assert b"BEGIN:VALARM" in body
    net = open_network(data_dir)
    net.commit([Change("checkins", chk.id, {**chk.to_doc(), "status": "done"})], "done")
    net.store.close()
    netui_sync(capsys)
    assert len(server_hrefs(radicale, pair, "ics")) == 2
