"""`netui remind`: the digest as text and JSON, the desktop notification through a fake
notifier on PATH, the scheduler files, and `netui stats` from the shell."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from netui import remind_install
from netui.domain.digest import Digest, Line, clean
from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction
from netui.interop.ics import to_ics
from tests.cli_helpers import run
from tests.conftest import TODAY, open_network

FAKE_NOTIFIER = """#!/bin/sh
# Records its arguments, one per line, NUL-separated, for the test to read.
printf '%s\\0' "$@" > "$NOTIFY_LOG"
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A network with one person due, a birthday tomorrow, a follow-up and a favour owed."""
    path = tmp_path / "data"
    net = open_network(path)
    old = TODAY - timedelta(days=400)
    ana = net.add_contact(Contact(name="Ana \x1b[2JLima", circle="inner", met_on=old))
    net.add_contact(Contact(name="Ben Ortiz", birthday="1986-11-23", circle="network",
                            met_on=TODAY - timedelta(days=10)))
    cam = net.add_contact(Contact(name="Cam", circle="network", met_on=TODAY - timedelta(days=5)))
    net.add_checkin(CheckIn(contact_id=cam.id, due=TODAY, reason="send the deck"))
    dee = net.add_contact(Contact(name="Dee", circle="network", met_on=TODAY - timedelta(days=5)))
    net.log_favour(Favour(contact_id=dee.id, direction=Direction.received,
                          date=TODAY - timedelta(days=3), text="an intro"))
    net.log_interaction(Interaction(contact_ids=[ana.id], date=old))
    net.store.close()
    return path


@pytest.fixture
def fake_notifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "notify-send"
    exe.write_text(FAKE_NOTIFIER)
    exe.chmod(0o755)
    log = tmp_path / "notify.log"
    monkeypatch.setenv("NOTIFY_LOG", str(log))
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return log


def test_digest_text_lists_every_section(capsys, data: Path) -> None:
    r = run(capsys, "--data-dir", str(data), "remind")
    assert r.code == 0, r.err
    assert "Reconnect today:\n  Ana [2JLima: inner, check-in (every 14 days), overdue" in r.out
    assert "\x1b" not in r.out
    assert "Birthdays:\n  Ben Ortiz: tomorrow (turns 40)" in r.out
    assert "Follow-ups due:\n  Cam: send the deck (due today)" in r.out
    assert "Waiting on you:\n  Dee: helped you on 2026-11-19; give something back" in r.out


def test_nothing_to_say_prints_nothing(capsys, tmp_path: Path) -> None:
    r = run(capsys, "--data-dir", str(tmp_path / "empty"), "remind")
    assert (r.code, r.out, r.err) == (0, "", "")


def test_digest_json(capsys, data: Path) -> None:
    r = run(capsys, "--data-dir", str(data), "remind", "--json")
    body = r.json()
    assert body["date"] == "2026-11-22"
    assert [x["name"] for x in body["reconnect"]] == ["Ana [2JLima"]
    assert [x["name"] for x in body["birthdays"]] == ["Ben Ortiz"]
    assert [x["detail"] for x in body["followups"]] == ["send the deck (due today)"]
    assert [x["name"] for x in body["waiting"]] == ["Dee"]


def test_reconnect_is_capped_with_the_total_said() -> None:
    d = Digest(TODAY, reconnect=[Line("a", "Ana", "x")], reconnect_total=7)
    assert "Reconnect today (1 of 7 due):" in d.to_text()


def test_notify_passes_title_and_body_as_arguments(capsys, data, fake_notifier) -> None:
    r = run(capsys, "--data-dir", str(data), "remind", "--notify")
    assert r.code == 0, r.err
    args = fake_notifier.read_bytes().split(b"\0")[:-1]
    assert args[0] == b"--app-name=netui"
    title, body = args[1].decode(), args[2].decode()
    assert title == "netui: 1 to reconnect, 1 birthday, 1 follow-up, 1 waiting on you"
    assert body.splitlines()[0].startswith("Ana [2JLima: inner, check-in")
    assert "\x1b" not in body and "Ben Ortiz: tomorrow (turns 40)" in body


def test_notify_scrubs_text_another_program_stored(capsys, data, fake_notifier) -> None:
    from netui.storage import Change

    net = open_network(data)
    ana = net.find_one("Ana")
    doc = {**ana.to_doc(), "name": "Ana \x1b]0;owned\x07 Lima"}  # past the model's scrub
    net.commit([Change("contacts", ana.id, doc)], "another program")
    net.store.close()
    assert run(capsys, "--data-dir", str(data), "remind", "--notify").code == 0
    title, body = fake_notifier.read_bytes().split(b"\0")[1:3]
    # The whole escape sequence goes (domain.text.scrub), not only its control bytes.
    assert body.decode().startswith("Ana Lima: inner")
    assert not any(ch < 32 and ch != 10 for ch in body + title)


def test_notify_command_from_config_is_never_run_by_a_shell(capsys, data, tmp_path,
                                                            fake_notifier) -> None:
    config = tmp_path / "config.toml"
    # A shell would run the `touch`; an argv never does.
    config.write_text('[remind]\nnotify_command = "notify-send --urgency=low ; touch pwned"\n')
    r = run(capsys, "--data-dir", str(data), "--config", str(config), "remind", "--notify")
    assert r.code == 0, r.err
    args = fake_notifier.read_bytes().split(b"\0")[:-1]
    assert args[:3] == [b"--urgency=low", b";", b"touch"]
    assert not (Path.cwd() / "pwned").exists()


def test_missing_notifier_is_one_line(capsys, data, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    r = run(capsys, "--data-dir", str(data), "remind", "--notify")
    assert r.code == 1
    assert r.err.strip().count("\n") == 0
    assert "no notifier: 'notify-send' is not installed or not on PATH" in r.err


def test_notifier_that_fails_is_one_line(capsys, data, fake_notifier) -> None:
    exe = Path(shutil.which("notify-send"))
    exe.write_text("#!/bin/sh\necho 'cannot reach the bus' >&2\nexit 3\n")
    r = run(capsys, "--data-dir", str(data), "remind", "--notify")
    assert r.code == 1 and "cannot reach the bus" in r.err and "Traceback" not in r.err


def test_clean_scrubs_controls() -> None:
    assert clean("a\x1b]0;x\x07b\nc\x9bd") == "a ]0;x b c d"


# -- scheduling -----------------------------------------------------------------------------


@pytest.fixture
def unit_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    systemd, launchd = tmp_path / "systemd", tmp_path / "LaunchAgents"
    monkeypatch.setenv("NETUI_SYSTEMD_USER_DIR", str(systemd))
    monkeypatch.setenv("NETUI_LAUNCHD_DIR", str(launchd))
    return systemd, launchd


def test_install_systemd_writes_a_timer_and_service(capsys, data, tmp_path, unit_dirs) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[remind]\nat = "07:45"\n')
    r = run(capsys, "--data-dir", str(data), "--config", str(config),
            "remind", "--install", "--target", "systemd")
    assert r.code == 0, r.err
    timer, service = unit_dirs[0] / "netui-remind.timer", unit_dirs[0] / "netui-remind.service"
    for path in (timer, service):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().startswith("# Written by netui")
        assert f"Wrote {path}" in r.out
    assert "OnCalendar=*-*-* 07:45:00" in timer.read_text()
    assert "Unit=netui-remind.service" in timer.read_text()
    exec_line = next(x for x in service.read_text().splitlines() if x.startswith("ExecStart="))
    assert f'"{sys.executable}" "-m" "netui" "--data-dir" "{data}"' in exec_line
    assert exec_line.endswith('"remind" "--notify"')
    assert "systemctl --user enable --now netui-remind.timer" in r.out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_units_verify(tmp_path: Path, unit_dirs) -> None:
    remind_install.install("systemd", ["--data-dir", "/tmp/my data %h"], 9, 0)
    # System mode: `--user` needs a running user manager, which a test machine lacks;
    # the unit files' syntax is checked the same way.
    done = subprocess.run(["systemd-analyze", "verify",
                           str(unit_dirs[0] / "netui-remind.timer"),
                           str(unit_dirs[0] / "netui-remind.service")],
                          capture_output=True, text=True, timeout=60, check=False)
    if "Failed to initialize manager" in done.stderr:
        pytest.skip("systemd-analyze cannot start a manager here")
    assert (done.returncode, done.stderr) == (0, "")


def test_systemd_quoting_keeps_specifiers_literal() -> None:
    units = remind_install.systemd_units(["/x/py", "--data-dir", '/d %h "q" $HOME'], 9, 5)
    assert '"/d %%h \\"q\\" $$HOME"' in units["netui-remind.service"]
    assert "OnCalendar=*-*-* 09:05:00" in units["netui-remind.timer"]


def test_install_launchd_writes_an_agent(capsys, data, unit_dirs) -> None:
    import plistlib

    r = run(capsys, "--data-dir", str(data), "remind", "--install", "--target", "launchd")
    assert r.code == 0, r.err
    path = unit_dirs[1] / "org.netui.remind.plist"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"Written by netui" in path.read_bytes()
    plist = plistlib.loads(path.read_bytes())
    assert plist["Label"] == "org.netui.remind"
    assert plist["ProgramArguments"][-2:] == ["remind", "--notify"]
    assert plist["StartCalendarInterval"] == {"Hour": 9, "Minute": 0}


def test_cron_prints_a_line_and_writes_nothing(capsys, data, unit_dirs) -> None:
    r = run(capsys, "--data-dir", str(data), "remind", "--install", "--target", "cron")
    assert r.code == 0
    line = r.out.splitlines()[1]
    assert line.startswith("0 9 * * * ") and line.endswith(" remind")
    assert not unit_dirs[0].exists() and not unit_dirs[1].exists()


def test_uninstall_removes_only_what_netui_wrote(capsys, data, unit_dirs) -> None:
    run(capsys, "--data-dir", str(data), "remind", "--install", "--target", "systemd")
    run(capsys, "--data-dir", str(data), "remind", "--install", "--target", "launchd")
    mine = unit_dirs[0] / "netui-remind.timer"
    mine.write_text("[Timer]\nOnCalendar=daily\n")  # the user's own file of that name
    r = run(capsys, "remind", "--uninstall")
    assert r.code == 0
    assert mine.exists()
    assert not (unit_dirs[0] / "netui-remind.service").exists()
    assert not (unit_dirs[1] / "org.netui.remind.plist").exists()
    assert run(capsys, "remind", "--uninstall").out.startswith("No netui timer")


def test_bad_remind_time_is_one_line(capsys, data, tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[remind]\nat = "25:00"\n')
    r = run(capsys, "--config", str(config), "remind", "--install")
    assert r.code == 1 and "remind.at" in r.err and "'25:00' is not a time of day" in r.err


def test_detect_platform() -> None:
    assert remind_install.detect("darwin") == "launchd"
    assert remind_install.detect("freebsd14") == "cron"


# -- calendar alarms --------------------------------------------------------------------------


def _alarms(raw: bytes) -> dict[str, list]:
    cal = icalendar.Calendar.from_ical(raw)
    return {str(e["UID"]): list(e.walk("VALARM")) for e in cal.walk("VEVENT")}


def test_ics_events_carry_a_display_alarm(data: Path) -> None:
    net = open_network(data)
    try:
        alarms = _alarms(to_ics(net))
    finally:
        net.store.close()
    assert alarms and all(len(a) == 1 for a in alarms.values())
    for (alarm,) in alarms.values():
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert {uid.split("-")[1] for uid in alarms} == {"birthday", "due"}


def test_ics_alarm_time_and_none_from_config(data: Path, tmp_path: Path) -> None:
    from netui.config import Config
    from netui.remind_config import RemindConfig
    from netui.services import Network
    from netui.storage import Store

    for setting, expected in (("18:30", timedelta(hours=18, minutes=30)), ("none", None)):
        config = Config(remind=RemindConfig(ics_alarm=setting))
        net = Network(Store(data, today=lambda: TODAY).open(), config=config,
                      today=lambda: TODAY)
        try:
            alarms = _alarms(to_ics(net))
        finally:
            net.store.close()
        if expected is None:
            assert all(a == [] for a in alarms.values())
        else:
            assert {a[0].decoded("TRIGGER") for a in alarms.values()} == {expected}


# -- netui stats ----------------------------------------------------------------------------


def test_stats_json_and_text(capsys, data: Path) -> None:
    r = run(capsys, "--data-dir", str(data), "stats", "--json")
    body = r.json()
    assert body["on_track"]["inner"] == {"on_track": 0, "total": 1, "share": 0.0}
    assert body["on_track"]["network"] == {"on_track": 3, "total": 3, "share": 1.0}
    assert (body["given"], body["received"], body["asked"], body["ratio"]) == (0, 1, 0, 0.0)
    assert body["drifting"] == []
    assert len(body["touches_per_week"]) == 53
    text = run(capsys, "--data-dir", str(data), "stats")
    assert "  network  ████████████████████ 100%  3/3" in text.out
    assert "  inner    ░░░░░░░░░░░░░░░░░░░░   0%  0/1" in text.out


def test_stats_since(capsys, data: Path) -> None:
    r = run(capsys, "--data-dir", str(data), "stats", "--json", "--since", "2026-11-01")
    body = r.json()
    assert body["since"] == "2026-11-01" and body["received"] == 1
    assert [m["month"] for m in body["months"]] == ["2026-11"]
    bad = run(capsys, "--data-dir", str(data), "stats", "--since", "2027-01-01")
    assert bad.code == 2 and "after today" in bad.err
    nonsense = run(capsys, "--data-dir", str(data), "stats", "--since", "soon-ish")
    assert nonsense.code == 2 and "Traceback" not in nonsense.err


def test_stats_json_is_valid_on_an_empty_network(capsys, tmp_path: Path) -> None:
    body = json.loads(run(capsys, "--data-dir", str(tmp_path / "e"), "stats", "--json").out)
    assert body["on_track"] == {} and body["ratio"] is None and body["drifting"] == []
    assert date.fromisoformat(body["since"]) == TODAY - timedelta(weeks=52)


def test_reconnect_names_the_paced_reviews_cards_for_today(tmp_path: Path) -> None:
    """With a daily budget, the digest names who today's paced review shows (the closest
    relationship most overdue for its rhythm), not the head of the whole queue (the most
    days overdue); with no budget (0), the first five of the queue."""
    from netui.config import Config
    from netui.domain import review
    from netui.services import Network
    from netui.services.remind import digest

    net = open_network(tmp_path / "data")
    met = TODAY - timedelta(days=900)
    for n in range(11):  # a year's cadence, 5-10 days past it
        c = net.add_contact(Contact(name=f"Acq {n:02d}", circle="acquaintance", met_on=met))
        net.log_interaction(Interaction(contact_ids=[c.id], text="coffee",
                                        date=TODAY - timedelta(days=370 + n % 6)))
    inner = net.add_contact(Contact(name="Inner One", circle="inner", met_on=met))
    net.log_interaction(Interaction(contact_ids=[inner.id], text="call",
                                    date=TODAY - timedelta(days=17)))  # 3 days past 14
    for daily, expected in ((1, ["Inner One"]), (0, None)):
        config = Config.model_validate({"review": {"daily": daily}})
        paced = Network(net.store, today=lambda: TODAY, config=config)
        names = [line.name for line in digest(paced).reconnect]
        queue = [i.contact.name for i in review.queue_for(paced) if "due" in i.kinds]
        if expected:
            assert names == expected
            assert queue[0] != "Inner One"  # the whole queue leads with days overdue
        else:
            assert names == queue[:5]
        assert digest(paced).reconnect_total == 12
    net.store.close()
