"""Run `netui remind --notify` every morning, the platform's way: a systemd user timer and
service (Linux with systemd), a launchd agent (macOS), or a crontab line to paste
(elsewhere: netui never edits a crontab). Every file written says netui wrote it, is
0600, and is the only kind of file `--uninstall` removes.

Where the files go can be moved (NETUI_SYSTEMD_USER_DIR, NETUI_LAUNCHD_DIR), so tests
never touch the real ~/.config or ~/Library."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .storage import atomic_write

SIGNATURE = "Written by netui"  # what --uninstall looks for before removing a file
MARK = f"{SIGNATURE} (netui remind --install); netui remind --uninstall removes it."
UNIT = "netui-remind"
AGENT = "org.netui.remind"
TARGETS = ("systemd", "launchd", "cron")


@dataclass(frozen=True, slots=True)
class Installed:
    target: str
    files: list[Path]
    next_steps: list[str]  # commands for the user to run (netui runs none of them)
    line: str = ""  # the crontab line, for cron


def detect(platform: str = sys.platform) -> str:
    if platform == "darwin":
        return "launchd"
    if platform.startswith("linux") and (Path("/run/systemd/system").is_dir()
                                         or shutil.which("systemctl")):
        return "systemd"
    return "cron"


def command(extra: list[str]) -> list[str]:
    """How the timer runs netui: this Python and this netui, whatever PATH it has."""
    return [sys.executable, "-m", "netui", *extra, "remind", "--notify"]


def systemd_dir() -> Path:
    if env := os.environ.get("NETUI_SYSTEMD_USER_DIR"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def launchd_dir() -> Path:
    if env := os.environ.get("NETUI_LAUNCHD_DIR"):
        return Path(env).expanduser()
    return Path.home() / "Library" / "LaunchAgents"


def _systemd_quote(arg: str) -> str:
    """One ExecStart argument: quoted, with systemd's specifiers (%) and $ escaped."""
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def systemd_units(argv: list[str], hour: int, minute: int) -> dict[str, str]:
    service = (f"# {MARK}\n[Unit]\nDescription=netui morning digest\n\n"
               "[Service]\nType=oneshot\n"
               f"ExecStart={' '.join(_systemd_quote(a) for a in argv)}\n")
    timer = (f"# {MARK}\n[Unit]\nDescription=netui morning digest at {hour:02d}:{minute:02d}\n\n"
             f"[Timer]\nOnCalendar=*-*-* {hour:02d}:{minute:02d}:00\nPersistent=true\n"
             f"Unit={UNIT}.service\n\n[Install]\nWantedBy=timers.target\n")
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def launchd_plist(argv: list[str], hour: int, minute: int) -> bytes:
    body = plistlib.dumps({
        "Label": AGENT,
        "ProgramArguments": argv,
        "StartCalendarInterval": {"Hour": hour, "Minute": minute},
        "RunAtLoad": False,
    })
    # A comment after the XML declaration: plist readers skip it ("--" is not allowed
    # in an XML comment, hence the words).
    note = f"{SIGNATURE}: netui remind with --uninstall removes it.".replace("--", "")
    head, rest = body.split(b"\n", 1)
    return head + f"\n<!-- {note} -->\n".encode() + rest


def cron_line(argv: list[str], hour: int, minute: int) -> str:
    # Plain text (not --notify): cron mails what a command prints, and nothing when empty.
    plain = [a for a in argv if a != "--notify"]
    return f"{minute} {hour} * * * {shlex.join(plain)}"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(path, data)
    os.chmod(path, 0o600)


def install(target: str, extra: list[str], hour: int, minute: int) -> Installed:
    argv = command(extra)
    if target == "systemd":
        files = []
        for name, text in systemd_units(argv, hour, minute).items():
            path = systemd_dir() / name
            _write(path, text.encode())
            files.append(path)
        return Installed(target, files, ["systemctl --user daemon-reload",
                                         f"systemctl --user enable --now {UNIT}.timer"])
    if target == "launchd":
        path = launchd_dir() / f"{AGENT}.plist"
        _write(path, launchd_plist(argv, hour, minute))
        return Installed(target, [path], [f"launchctl load -w {shlex.quote(str(path))}"])
    line = cron_line(argv, hour, minute)
    return Installed(target, [], ["crontab -e   (and add the line above)"], line)


def ours(path: Path) -> bool:
    """A file netui wrote (carries SIGNATURE), never one the user wrote under the same name."""
    try:
        return SIGNATURE.encode() in path.read_bytes()[:4096]
    except OSError:
        return False


def uninstall() -> tuple[list[Path], list[str]]:
    """Remove every file an install wrote, wherever it was; (removed, next steps)."""
    removed, steps = [], []
    for path in (systemd_dir() / f"{UNIT}.timer", systemd_dir() / f"{UNIT}.service"):
        if ours(path):
            path.unlink()
            removed.append(path)
    if removed:
        steps += [f"systemctl --user disable --now {UNIT}.timer  (if it was enabled)",
                  "systemctl --user daemon-reload"]
    plist = launchd_dir() / f"{AGENT}.plist"
    if ours(plist):
        steps.append(f"launchctl remove {AGENT}  (if it is loaded)")
        plist.unlink()
        removed.append(plist)
    return removed, steps
