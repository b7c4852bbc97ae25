"""The app's panes: built the first time they are shown, switched by the number keys and
the tabs, the two longest tab labels shortened on a narrow terminal. NetuiApp builds on
this (kept apart so app.py stays about start-up and writes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Tab, Tabs

from .early_open import EarlyOpenApp
from .pane import Pane

if TYPE_CHECKING:
    from .contacts_pane import ContactsPane

FULL_TABS_WIDTH = 90
TAB_LABELS = {"calendar": ("3 Calendar", "3 Cal"), "communities": ("4 Communities", "4 Groups")}
PANES = ("contacts", "ledger", "calendar", "communities", "health")


class PaneSwitchApp(EarlyOpenApp):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._mounting: dict[str, AwaitMount] = {}  # panes built but not yet mounted

    def _poll(self) -> None:
        """Pick up changes made on disk by another program (ChangeWatchApp)."""
        raise NotImplementedError

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

    def on_resize(self) -> None:
        # Five tabs and the status line need ~90 columns: narrower, two labels shorten.
        narrow = self.size.width < FULL_TABS_WIDTH
        for name, (full, short) in TAB_LABELS.items():
            tab = self.query_one(f"#tab-{name}", Tab)
            label = short if narrow else full
            if str(tab.label) != label:
                tab.label = label
