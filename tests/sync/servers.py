"""A real Radicale (CardDAV/CalDAV) on 127.0.0.1 and vdirsyncer between it and a vdir,
for the sync tests. Everything runs in subprocesses: netui's own process still has no
network (tests/conftest.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent

_HTTP = r"""
import base64, sys, urllib.error, urllib.request
method, url = sys.argv[1], sys.argv[2]
body = sys.stdin.buffer.read() or None
req = urllib.request.Request(url, data=body, method=method)
req.add_header("Authorization", "Basic " + base64.b64encode(b"user:x").decode())
if body:
    req.add_header("Content-Type", "text/vcard; charset=utf-8")
if method == "PROPFIND":
    req.add_header("Depth", "1")
try:
    with urllib.request.urlopen(req, timeout=20) as resp:
        sys.stdout.buffer.write(resp.read())
        print(resp.status, file=sys.stderr)
except urllib.error.HTTPError as exc:
    print(exc.code, file=sys.stderr)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Radicale:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        conf = folder / "radicale.conf"
        conf.write_text(f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = none
[rights]
type = authenticated
[storage]
filesystem_folder = {folder / "collections"}
[web]
type = none
[logging]
level = warning
""")
        self.proc = subprocess.Popen([sys.executable, "-m", "radicale", "-C", str(conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("radicale did not start") from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("radicale did not listen in 30 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def http(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        done = subprocess.run([sys.executable, "-c", _HTTP, method, self.url + path],
                              input=body, capture_output=True, check=True, timeout=60)
        return int(done.stderr.split()[-1]), done.stdout


class Vdirsyncer:
    """Two pairs: `local/contacts` (netui's vdir) with the user's "contacts" address book,
    and `calendars/netui` (netui's calendar vdir) with the user's "netui" calendar."""

    def __init__(self, server: Radicale, folder: Path, user: str) -> None:
        self.local = folder / "local"
        self.vdir = self.local / "contacts"
        self.vdir.mkdir(parents=True)
        self.collection = f"/{user}/contacts/"
        self.calendars = folder / "calendars"
        self.calendar_vdir = self.calendars / "netui"
        self.calendar_vdir.mkdir(parents=True)
        self.calendar = f"/{user}/netui/"
        self.config = folder / "vdirsyncer.conf"
        self.config.write_text(f"""[general]
status_path = "{folder / 'status'}/"
[pair netui_contacts]
a = "netui_local"
b = "radicale_contacts"
collections = ["from a"]
conflict_resolution = "a wins"
[storage netui_local]
type = "filesystem"
path = "{self.local}/"
fileext = ".vcf"
[storage radicale_contacts]
type = "carddav"
url = "{server.url}/{user}/"
username = "{user}"
password = "x"
[pair netui_calendar]
a = "netui_calendar_local"
b = "radicale_calendar"
collections = ["from a"]
conflict_resolution = "a wins"
[storage netui_calendar_local]
type = "filesystem"
path = "{self.calendars}/"
fileext = ".ics"
[storage radicale_calendar]
type = "caldav"
url = "{server.url}/{user}/"
username = "{user}"
password = "x"
""")
        self.run("discover", input="y\n" * 8)

    @property
    def command(self) -> str:
        return f"{BIN / 'vdirsyncer'} -c {self.config} sync"

    def run(self, *args: str, input: str = "") -> str:
        done = subprocess.run([str(BIN / "vdirsyncer"), "-c", str(self.config), *args],
                              input=input, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise AssertionError(f"vdirsyncer {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout + done.stderr
