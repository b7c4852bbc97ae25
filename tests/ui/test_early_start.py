"""`netui` opening on its first-frame file (ui.early_start): the contact list painted from
the file, the network opened after it, keys typed meanwhile held and then acted on the
opened store's rows; a stale file, and the app opens the normal way."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netui.cli import main
from netui.domain.models import Contact
from netui.services import Network
from netui.services.first_frame import save_first_frame
from netui.storage import frame_file
from netui.ui.app import NetuiApp
from netui.ui.contact_list import ContactList, natural_widths
from netui.ui.contacts_pane import ContactsPane
from netui.ui.contacts_preview import ContactsPreview
from netui.ui.early_start import EarlyStart, early_start
from tests.conftest import TODAY, open_network
from tests.ui.notices import notices


class HeldStart(EarlyStart):
    """An early start that waits, after the first frame, until the test lets it open."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.release = asyncio.Event()

    def steps(self):
        return [self.release.wait, *super().steps()]


@pytest.fixture
def recorded(demo_network: Network, data_dir: Path, config_path: Path) -> Path:
    """The demo data with its first-frame file written, the store closed (as after a
    session of the app)."""
    config_path.write_text("")
    save_first_frame(demo_network, theme=None, config_path=config_path, natural=natural_widths)
    demo_network.store.close()
    return data_dir


def held_app(data_dir: Path, config_path: Path, opened: list[Network]) -> tuple[NetuiApp, HeldStart]:
    frame = frame_file.read(data_dir, config_path)
    assert frame is not None
    start = HeldStart(data_dir, config_path, frame, today=lambda: TODAY, opened=opened.append)
    return NetuiApp(None, config_path, early=start), start


async def opened_now(app: NetuiApp, pilot) -> None:
    for _ in range(200):
        if not app.opening:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the network never opened")


def reopened(data_dir: Path) -> Network:
    return open_network(data_dir)


async def test_the_first_frame_is_the_files_then_the_stores(recorded, config_path):
    opened: list[Network] = []
    app, start = held_app(recorded, config_path, opened)
    expected = reopened(recorded)
    rows = expected.contact_rows()
    expected.store.close()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.opening and app.started_early
        assert app.query(ContactsPreview) and not app.query(ContactsPane)
        shown = app.query_one(ContactList)
        assert [r.id for r in shown.rows] == [r.id for r in rows]
        assert str(shown.render_line(0).text).strip().startswith(rows[0].name)
        start.release.set()
        await opened_now(app, pilot)
        assert not app.query(ContactsPreview)
        pane = app.query_one(ContactsPane)
        assert [r.id for r in pane.contact_list.rows] == [r.id for r in rows]
        assert pane.contact_list.has_focus and app.network is opened[0]
    opened[0].store.close()


async def test_keys_typed_before_the_network_opens_are_acted_on_after(recorded, config_path):
    opened: list[Network] = []
    app, start = held_app(recorded, config_path, opened)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = app.query_one(ContactList).rows[0]
        word = first.name.split()[0]
        await pilot.press("slash", *word)
        await pilot.pause()
        assert app.opening  # held, not lost: nothing acted on them yet
        assert not app.query(ContactsPane)
        start.release.set()
        await opened_now(app, pilot)
        pane = app.query_one(ContactsPane)
        assert pane.filter_input.value == word and pane.filter_input.has_focus
        listed = pane.contact_list.rows
        assert listed and all(word.lower() in r.name.lower() for r in listed)
    opened[0].store.close()


async def test_a_write_typed_before_the_network_opens_lands_once_opened(recorded, config_path):
    opened: list[Network] = []
    app, start = held_app(recorded, config_path, opened)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        first = app.query_one(ContactList).rows[0]
        await pilot.press("m")  # in touch today, with whoever is under the cursor
        await pilot.pause()
        start.release.set()
        await opened_now(app, pilot)
        await pilot.pause()
        assert app.network.last_touch(first.id) == TODAY
        shown = " ".join(" ".join(n.split()) for n in await notices(app, pilot))
        assert f"In touch with {first.name}" in shown, shown
    opened[0].store.close()
    again = reopened(recorded)
    assert again.last_touch(first.id) == TODAY  # saved
    again.store.close()


async def test_keys_for_someone_deleted_meanwhile_are_not_used(recorded, config_path):
    """Another program deletes the contact under the cursor after the first frame: the
    `m` typed for them must not mark whoever is listed first now."""
    opened: list[Network] = []
    app, start = held_app(recorded, config_path, opened)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        first, second = app.query_one(ContactList).rows[:2]
        await pilot.press("m")
        other = reopened(recorded)
        other.delete_contact(first.id)
        before = other.last_touch(second.id)
        other.store.close()
        start.release.set()
        await opened_now(app, pilot)
        await pilot.pause()
        pane = app.query_one(ContactsPane)
        assert first.id not in {r.id for r in pane.contact_list.rows}
        assert app.network.last_touch(second.id) == before
        assert any("not used" in n for n in await notices(app, pilot))
    opened[0].store.close()


async def test_a_config_refused_after_the_first_frame_ends_the_app(recorded, config_path):
    config_path.write_text('theme = 5\n')  # as if the file was fine for the netui that wrote it
    save_first_frame(reopened(recorded), theme=None, config_path=config_path,
                     natural=natural_widths)
    opened: list[Network] = []
    app, start = held_app(recorded, config_path, opened)
    start.release.set()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 1 and "theme" in str(app.fatal) and not opened


# -- from the command line -----------------------------------------------------------------


def run_looking(monkeypatch, seen: list[tuple[bool, list[str]]]) -> None:
    """`netui` runs the app headless, records whether it started early and the names
    listed once open, and quits."""

    async def look(app: NetuiApp) -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            early = app.started_early
            await opened_now(app, pilot)
            rows = app.query_one(ContactsPane).contact_list.rows
            seen.append((early, [r.name for r in rows]))

    monkeypatch.setattr(NetuiApp, "run", lambda self, *a, **k: asyncio.run(look(self)))


def test_netui_starts_early_on_a_current_file_and_the_normal_way_on_a_stale_one(
        recorded, config_path, monkeypatch):
    monkeypatch.setenv("NETUI_CONFIG", str(config_path))
    seen: list[tuple[bool, list[str]]] = []
    run_looking(monkeypatch, seen)
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(recorded)])
    assert done.value.code == 0 and seen[-1][0] is True
    other = reopened(recorded)
    other.add_contact(Contact(name="Aaron Early"))  # another program: the file is stale
    other.store.close()
    assert frame_file.read(recorded, config_path) is None
    with pytest.raises(SystemExit):
        main(["--data-dir", str(recorded)])
    early, names = seen[-1]
    assert early is False and names[0] == "Aaron Early"
    # ... and that session recorded the new list: the next start is early again
    with pytest.raises(SystemExit):
        main(["--data-dir", str(recorded)])
    early, names = seen[-1]
    assert early is True and names[0] == "Aaron Early"


def test_a_config_error_after_an_early_first_frame_is_one_line(recorded, config_path,
                                                                 monkeypatch, capsys):
    config_path.write_text('theme = 5\n')
    save_first_frame(reopened(recorded), theme=None, config_path=config_path,
                     natural=natural_widths)
    monkeypatch.setenv("NETUI_CONFIG", str(config_path))
    monkeypatch.setattr(NetuiApp, "run", lambda self, *a, **k: asyncio.run(
        _run_until_exit(self)))
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(recorded)])
    assert done.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"netui: config {config_path}") and "theme" in err and "\n" not in err


async def _run_until_exit(app: NetuiApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                return
            await pilot.pause(0.02)


# -- what the first frame loads -----------------------------------------------------------

FIRST_FRAME_MODULES = """
import json, sys
from netui.ui import app as app_module
from netui.ui.contact_list import ContactList

real_render_line = ContactList.render_line
seen = []

def render_line(self, y):
    if self.rows and not seen:
        seen.append(sorted(sys.modules))
        self.app.exit()
    return real_render_line(self, y)

ContactList.render_line = render_line
real_run = app_module.NetuiApp.run
app_module.NetuiApp.run = lambda self, *a, **k: real_run(self, headless=True, size=(120, 36))
from netui.cli import main
try:
    main(["--data-dir", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(seen[0]))
"""
NOT_BEFORE_THE_FIRST_FRAME = {"pydantic", "pydantic_core", "tinydb", "netui.domain.models",
                              "netui.config_model", "netui.services", "netui.storage.store",
                              "netui.storage.shards", "netui.ui.contacts_pane"}


def modules_at_first_frame(data_dir: Path, config_path: Path) -> set[str]:
    env = {**os.environ, "NETUI_CONFIG": str(config_path), "NETUI_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME_MODULES, str(data_dir)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_frame_loads_no_model_and_no_store_when_the_file_is_current(recorded,
                                                                              config_path):
    loaded = modules_at_first_frame(recorded, config_path)
    assert "netui.ui.contacts_preview" in loaded  # it was the early first frame
    assert not loaded & NOT_BEFORE_THE_FIRST_FRAME, sorted(loaded & NOT_BEFORE_THE_FIRST_FRAME)


def test_the_check_above_can_fail_without_a_current_file(recorded, config_path):
    (recorded / frame_file.NAME).unlink()
    loaded = modules_at_first_frame(recorded, config_path)
    assert {"pydantic", "netui.services", "netui.storage.store"} <= loaded


def test_an_early_start_only_on_a_current_file_that_fills_the_terminal(recorded, config_path,
                                                                       monkeypatch):
    def start():
        return early_start(recorded, config_path, today=lambda: TODAY, opened=lambda n: None)

    assert isinstance(start(), EarlyStart)
    monkeypatch.setattr(frame_file, "HEAD_ROWS", 10)  # fewer rows kept than listed
    frame_file.drop(recorded)
    save_first_frame(reopened(recorded), theme=None, config_path=config_path,
                     natural=natural_widths)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((120, 40)))
    assert start() is None  # 40 lines, 10 rows kept: the list would show a gap
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((120, 8)))
    assert isinstance(start(), EarlyStart)
    (recorded / "contacts" / "99.json").write_text("{}")
    assert start() is None
