"""The Textual app: five panes (contacts, ledger, calendar, communities, health) over one
`Network`.

Widgets call `Network` methods, never the store. Every write goes through `attempt`, so a
store error (locked, read-only, a conflict, a full disk) becomes one notification and the
app keeps running. Built in layers, one concern each: early_open (the first frame from
the first-frame file), app_panes (pane switching), app_watch (changes on disk), app_warm
(the work after the first frame), app_screens (the screens and forms), app_keys (keys and
the palette)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static, Tab, Tabs

from ..errors import NetuiError
from ..storage.errors import StoreError
from .app_keys import APP_BINDINGS, kept_system_commands
from .app_screens import ScreensApp
from .commands import NetuiCommands
from .key_footer import KeyFooter

if TYPE_CHECKING:  # loaded after the first frame on an early start (see early_start)
    from ..config import Config
    from ..services import Network
    from .early_start import EarlyStart

T = TypeVar("T")


class NetuiApp(ScreensApp):
    TITLE = "netui"
    AUTO_FOCUS = None  # each pane focuses its own main widget when shown
    CSS_PATH = ["netui.tcss", "health_pane.tcss", "communities_pane.tcss"]
    COMMANDS = App.COMMANDS | {NetuiCommands}
    BINDINGS = APP_BINDINGS

    def __init__(self, network: Network | None, config_path: Path | None = None,
                 demo: bool = False, *, early: EarlyStart | None = None):
        """`network`, or None with `early`: the first frame is drawn from the first-frame
        file and the network opened after it (nothing reads `network` before: keys wait
        in `_held` until the contacts pane shows the opened store's rows)."""
        super().__init__(network, early)
        self.network = cast("Network", network)
        if network is not None:
            network.process = "app"  # as the undo log lists who made a change
        self.config_path = config_path
        self.demo = demo
        self.sub_title = "demo data, not saved" if demo else ""
        # A store error no handler caught (data found unreadable when a part of it is
        # first read), or what opening after an early first frame refused (the config, a
        # lock): the app exits and `run_app` raises it, so the shell shows one line.
        self.fatal: Exception | None = None

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("netui", id="brand", markup=False)
            yield Tabs(
                Tab("1 Contacts", id="tab-contacts"),
                Tab("2 Ledger", id="tab-ledger"),
                Tab("3 Calendar", id="tab-calendar"),
                Tab("4 Communities", id="tab-communities"),
                Tab("5 Health", id="tab-health"),
                id="pane-tabs",
            )
            yield Static("", id="status", markup=False)
        if self._early is not None:
            from .contacts_preview import ContactsPreview

            with ContentSwitcher(initial="contacts-preview", id="panes"):
                yield ContactsPreview(self._early.frame, id="contacts-preview")
        else:
            from .contacts_pane import ContactsPane

            with ContentSwitcher(initial="contacts", id="panes"):
                # The ledger and the calendar are built when first shown (see `pane`).
                yield ContactsPane(self.network, id="contacts")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._early is not None:
            if self._early.frame.theme in self.available_themes:
                self.theme = self._early.frame.theme
            self.call_after_refresh(self._open_early)
            return
        self._configure(self.network.config)
        # The first frame shows the contact list, loaded and focused here so that it is
        # painted once; the rest (status counts, the review's inputs) waits until after.
        pane = self.current_pane()
        pane.shown()
        pane.focus_main()
        self._network_mounted()

    def _configure(self, config: Config) -> None:
        if config.keymap:
            self.set_keymap(config.keymap)
        if config.theme in self.available_themes:
            self.theme = config.theme

    def _network_mounted(self) -> None:
        self.call_after_refresh(self._started)
        self._watch_changes()
        if self.network.store.join_session():
            self.notify("Another netui has this data open. Both save safely, and each "
                        "shows the other's changes within a few seconds.",
                        title="Shared data", timeout=8)
        if self.network.readonly:
            reason = self.network.store.readonly_reason or "the data is read-only"
            self.notify(f"Read-only: {reason}. Changes will not be saved.",
                        severity="warning", timeout=10)
        if merged := self.network.store.sync_conflicts:
            self.notify("\n".join(merged), title="Sync conflicts merged", timeout=12,
                        markup=False)

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, StoreError) and self.fatal is None:
            self.fatal = error
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def on_unmount(self) -> None:
        if not self._taken:
            return
        self._unwatch_changes()
        if self.fatal is None:
            self._save_first_frame()  # what the next start paints first

    # -- writes -------------------------------------------------------------------------

    def attempt(self, write: Callable[[], T], done: str | None = None) -> T | None:
        """Run a write; a NetuiError becomes a notification saying nothing was saved."""
        try:
            result = write()
        except NetuiError as exc:
            self.notify(f"{exc}\nThe change was not saved.", title="Not saved",
                        severity="error", timeout=8, markup=False)
            return None
        if done:
            self.notify(done, markup=False)
        return result

    # -- global actions -----------------------------------------------------------------

    def action_filter(self) -> None:
        self.action_show_pane("contacts")
        self.contacts_pane().open_filter()

    def action_new(self) -> None:
        self.current_pane().new()

    def action_edit(self) -> None:
        self.current_pane().edit()

    def action_delete(self) -> None:
        self.current_pane().delete()

    def action_undo(self) -> None:
        if not self.network.can_undo:
            self.notify("Nothing to undo.", severity="warning")
            return
        label = self.attempt(self.network.undo)
        if label:
            self.notify(f"Undid: {label}", markup=False)

    # -- themes and the palette ---------------------------------------------------------

    def _remember_theme(self, theme: object) -> None:
        if not self._theme_ready or self.config_path is None:
            return
        from ..config import ConfigError, save_setting

        try:
            save_setting(self.config_path, "theme", self.theme)
        except (ConfigError, OSError) as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> list[SystemCommand]:
        return kept_system_commands(list(super().get_system_commands(screen)))


def run_app(network: Network | None, config_path: Path | None = None, demo: bool = False,
            early: EarlyStart | None = None) -> None:
    """Run the app over `network`, or over what `early` opens after the first frame."""
    if network is not None:
        from .settings_check import check_ui_settings

        check_ui_settings(network.config, f"config {config_path}" if config_path else "config")
    app = NetuiApp(network, config_path, demo, early=early)
    app.run()
    if app.fatal is not None:
        raise app.fatal
