"""The Textual app: three panes (contacts, ledger, calendar) over one `Network`.

Widgets call `Network` methods, never the store. Every write goes through `attempt`, so a
store error (locked, read-only, a conflict, a full disk) becomes one notification and the
app keeps running."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Static, Tab, Tabs

from ..errors import NetuiError
from ..storage.errors import StoreError
from .commands import NetuiCommands
from .early_open import EarlyOpenApp
from .key_footer import KeyFooter
from .pane import Pane
from .warm_queue import WarmQueue

if TYPE_CHECKING:  # loaded after the first frame on an early start (see early_start)
    from ..config import Config
    from ..services import Changed, Network
    from .contacts_pane import ContactsPane
    from .early_start import EarlyStart

T = TypeVar("T")
POLL_SECONDS = 2.0
WARM_SLICE = 50  # contacts per step of start-up work (a ms or two; see warm_queue)
SMALL_NETWORK = 250  # contacts: warmed at once, no steps
FULL_TABS_WIDTH = 90
TAB_LABELS = {"calendar": ("3 Calendar", "3 Cal"), "communities": ("4 Communities", "4 Groups")}
PANES = ("contacts", "ledger", "calendar", "communities", "health")


class NetuiApp(EarlyOpenApp):
    TITLE = "netui"
    AUTO_FOCUS = None  # each pane focuses its own main widget when shown
    CSS_PATH = ["netui.tcss", "health_pane.tcss", "communities_pane.tcss"]
    COMMANDS = App.COMMANDS | {NetuiCommands}
    BINDINGS = [
        Binding("1", "show_pane('contacts')", "Contacts", id="netui.pane.contacts",
                show=False, tooltip="Show the contacts pane"),
        Binding("2", "show_pane('ledger')", "Ledger", id="netui.pane.ledger",
                show=False, tooltip="Show the favours ledger"),
        Binding("3", "show_pane('calendar')", "Calendar", id="netui.pane.calendar",
                show=False, tooltip="Show the check-in calendar"),
        Binding("4", "show_pane('communities')", "Communities", id="netui.pane.communities",
                show=False, tooltip="Show the communities pane"),
        Binding("5", "show_pane('health')", "Health", id="netui.pane.health",
                show=False, tooltip="Show the network's health: on track, touches, giving"),
        Binding("question_mark", "help", "Help", id="netui.help", tooltip="Show every key"),
        Binding("slash", "filter", "Filter", id="netui.filter", show=False,
                tooltip="Filter contacts as you type (#tag, circle:inner, company:x, in:acm)"),
        Binding("a", "quick_add", "Quick add", id="netui.quick_add",
                tooltip="Log something in one line: 'coffee with @ana yesterday +2w'"),
        Binding("n", "new", "New", id="netui.new",
                tooltip="New contact, favour or interaction (depends on the pane)"),
        Binding("e", "edit", "Edit", id="netui.edit", tooltip="Edit the selected item"),
        Binding("d", "delete", "Delete", id="netui.delete", tooltip="Delete the selected item"),
        Binding("r", "review", "Review", id="netui.review",
                tooltip="Daily review: who is due, birthdays, open asks"),
        Binding("ctrl+z", "undo", "Undo", id="netui.undo", show=False,
                tooltip="Undo the last change"),
        Binding("q", "quit", "Quit", id="netui.quit", tooltip="Quit netui"),
    ]

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
        self._theme_ready = False
        # A store error no handler caught (data found unreadable when a part of it is
        # first read), or what opening after an early first frame refused (the config, a
        # lock): the app exits and `run_app` raises it, so the shell shows one line.
        self.fatal: Exception | None = None
        self._mounting: dict[str, AwaitMount] = {}  # panes built but not yet mounted
        self._health_warmed = False
        self.warm = WarmQueue(self.set_timer)  # the work done after start-up, in steps

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
        self.network.listeners.append(self._on_network_changed)
        self.set_interval(POLL_SECONDS, self._poll)
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

    def _started(self) -> None:
        self._theme_ready = True
        gc.freeze()  # what start-up built lives all session (the shell paused the collector)
        gc.enable()
        if not self.network.history_ready:
            # The first frame is up without last touches (every note must be read and
            # indexed for them, ~0.15 s at 100k notes): fill them in now.
            self.network.load_history()
            self.contacts_pane().history_loaded()
        self._warm_up()

    def _warm_up(self) -> None:
        """After the first frame, through the warm queue (typing always wins over it):
        due dates and favour balances for every contact, a slice per step; then the
        status line and what the panes, the review and the filter need. A small network
        is done at once, so the status line is there as soon as the first frame is."""
        small = self.network.contact_count() <= SMALL_NETWORK
        self.warm.add(self._warm_steps(small))
        if small:
            self.warm.drain()

    def _warm_steps(self, small: bool) -> Iterator[None]:
        if not small:
            self._update_status(with_due=False)
        yield from self._warm_filter()  # first what the next key may need
        net = self.network
        ids = [c.id for c in net.people(include_archived=True)]
        for n, cid in enumerate(ids, 1):
            net.due(cid)  # both cached by the network until a write or a new day
            net.standing(cid)
            if n % WARM_SLICE == 0:
                yield
        self._update_status()
        yield
        yield from self._warm_last()

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, StoreError) and self.fatal is None:
            self.fatal = error
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def _warm_last(self) -> Iterator[None]:
        self.network.warm()
        yield
        import numpy  # noqa: F401  (close spellings are scored on every core once it is)
        import rapidfuzz.process  # noqa: F401

        yield
        from ..services.entries import warm_note_index

        warm_note_index(self.network)  # the first "/" over notes is then as fast as the rest
        # What is loaded now lives all session: out of the collector's way, so that a
        # full collection (~35 ms over 10k contacts and 100k notes) never lands on a key.
        gc.collect()
        gc.freeze()
        yield
        # Every file has been read by now: today's backup copies data known readable.
        self.network.store.daily_backup()
        if not self._health_warmed:  # once: after that the pane works them out when shown
            self._health_warmed = True
            from . import communities_pane, health_warm, pane_warm

            self.warm.add(health_warm.warm_health(self.network),  # the Health pane's figures
                          pane_warm.warm_panes(self.network),  # the ledger's, calendar's...
                          communities_pane.warm_communities(self.network),  # Communities'
                          _freeze_what_is_kept())
        self.warm.add(_then(self._save_first_frame))  # what the next start paints first

    def _warm_filter(self) -> Iterator[None]:
        """The contacts filter's folded text (else "/" folds everyone, ~0.2 s at 10k)."""
        from .contacts_pane import ContactsPane

        contacts = self.screen_stack[0].query(ContactsPane)  # under any screen on top
        if contacts:  # (none when the app is closing)
            yield from contacts.first().live_filter().prepare_steps()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self.warm.key_pressed()  # typing wins: background work waits for a pause
        await super().on_event(event)

    def on_unmount(self) -> None:
        if not self._taken:
            return
        if self._on_network_changed in self.network.listeners:
            self.network.listeners.remove(self._on_network_changed)
        if self.fatal is None:
            self._save_first_frame()  # what the next start paints first

    # -- panes --------------------------------------------------------------------------

    def pane(self, name: str) -> Pane:
        """The pane `name`, built the first time it is asked for: composing the ledger
        and the calendar would cost the first frame ~20 ms, for panes many sessions
        never open. A pane mounted here reloads and takes focus once it is mounted."""
        switcher = self.query_one(ContentSwitcher)
        for child in switcher.children:
            if child.id == name and isinstance(child, Pane):
                return child
        pane_class: type[Pane]
        if name == "ledger":
            from .ledger_pane import LedgerPane as pane_class
        elif name == "calendar":
            from .calendar_pane import CalendarPane as pane_class
        elif name == "health":
            from .health_pane import HealthPane as pane_class
        elif name == "communities":
            from .communities_pane import CommunitiesPane as pane_class
        else:
            raise ValueError(f"no pane {name!r}")
        pane = pane_class(self.network, id=name)
        pane.display = False  # until the switcher shows it
        self._mounting[name] = switcher.mount(pane)
        return pane

    async def run_pane_action(self, name: str, action: str) -> None:
        """Show pane `name` and run `action` on it once it is mounted (the palette runs
        a ledger or calendar command from anywhere)."""
        self.action_show_pane(name)
        pane = self.pane(name)
        if name in self._mounting:
            await self._mounting.pop(name)
        await self.run_action(action, pane)

    def contacts_pane(self) -> ContactsPane:
        from .contacts_pane import ContactsPane

        return self.query_one(ContactsPane)

    def panes(self) -> list[Pane]:
        """The panes built so far."""
        return [c for c in self.query_one(ContentSwitcher).children if isinstance(c, Pane)]

    def current_pane(self) -> Pane:
        return self.pane(self.query_one(ContentSwitcher).current or "contacts")

    def action_show_pane(self, name: str) -> None:
        if name not in PANES or not self._taken:  # a tab clicked while opening: no pane yet
            return
        self._poll()  # a pane opens on what is on disk now (a cheap stamp check)
        pane = self.pane(name)
        self.query_one(ContentSwitcher).current = name
        self.query_one(Tabs).active = f"tab-{name}"
        if pane.is_mounted:  # else it fills itself and takes focus once mounted
            pane.shown()
            pane.focus_main()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and name != self.query_one(ContentSwitcher).current:
            self.action_show_pane(name)

    # -- writes and refresh -------------------------------------------------------------

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

    def _on_network_changed(self, event: Changed) -> None:
        current = self.current_pane()
        for pane in self.panes():
            pane.mark_stale()
            if pane is current:
                pane.shown()
        self._update_status()
        if event.external:
            self._warm_up()  # the review queue and due dates again, as after start-up
            self.notify("Loaded changes made outside this window.", timeout=3)

    def _poll(self) -> None:
        try:
            self.network.refresh()
        except NetuiError as exc:
            self.notify(str(exc), title="Could not reload", severity="warning", markup=False)

    def on_resize(self) -> None:
        # Five tabs and the status line need ~90 columns: narrower, two labels shorten.
        narrow = self.size.width < FULL_TABS_WIDTH
        for name, (full, short) in TAB_LABELS.items():
            tab = self.query_one(f"#tab-{name}", Tab)
            label = short if narrow else full
            if str(tab.label) != label:
                tab.label = label

    def _update_status(self, with_due: bool = True) -> None:
        count = self.network.active_count()
        text = f"{count} contacts"
        if with_due:  # every contact's due date: computed after the first frame
            text += f" · {self.network.due_count(0)} due"
        if self.network.readonly:
            text += " · read-only"
        self.query_one("#status", Static).update(text)

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

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quick_add(self) -> None:
        from .quickadd import QuickAddScreen

        self.push_screen(QuickAddScreen(self.network))

    def action_review(self) -> None:
        from .review import ReviewScreen

        self.push_screen(ReviewScreen(self.network))

    def action_import(self) -> None:
        from .import_screen import ImportScreen

        self.push_screen(ImportScreen(self.network))

    def action_dedupe(self) -> None:
        from .dedupe_screen import DedupeScreen

        self.push_screen(DedupeScreen(self.network))

    def _selected_contact_id(self) -> str | None:
        current = self.contacts_pane().contact_list.current
        return current.id if current else None

    def action_new_contact(self) -> None:
        self.open_contact_form()

    def action_new_interaction(self) -> None:
        cid = self._selected_contact_id()
        self.open_interaction_form([cid] if cid else [])

    def action_new_favour(self) -> None:
        self.open_favour_form(self._selected_contact_id())

    def open_contact_form(self, contact_id: str | None = None) -> None:
        from .contact_form import ContactForm

        def saved(new_id: str | None) -> None:
            if new_id:
                self.contacts_pane().select(new_id)
                self.notify("Saved.", timeout=2)

        self.push_screen(ContactForm(self.network, contact_id), saved)

    def open_interaction_form(self, contact_ids: list[str] | None = None,
                              interaction_id: str | None = None,
                              on: date | None = None) -> None:
        from .interaction_form import InteractionForm

        form = InteractionForm(self.network, contact_ids or [], interaction_id, on)
        self.push_screen(form, self._saved)

    def open_favour_form(self, contact_id: str | None = None, favour_id: str | None = None) -> None:
        from .favour_form import FavourForm

        self.push_screen(FavourForm(self.network, contact_id, favour_id), self._saved)

    def _saved(self, saved_id: str | None) -> None:
        if saved_id:
            self.notify("Saved.", timeout=2)

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
        # Our own commands come from NetuiCommands; keep Textual's theme/keys/screenshot.
        keep = ("Theme", "Keys", "Screenshot", "Maximize", "Minimize")
        return [c for c in super().get_system_commands(screen) if c.title in keep]


def _freeze_what_is_kept() -> Iterator[None]:
    """After the warm-up: what it kept lives all session too (see _warm_last)."""
    gc.collect()
    gc.freeze()
    yield


def _then(step: Callable[[], object]) -> Iterator[None]:
    step()
    yield


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
