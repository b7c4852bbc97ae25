"""The app watching its data: every change (its own writes, and another program's, found
by a stamp check every few seconds and when a pane is shown) marks the built panes stale,
reloads the one on screen and updates the status line. NetuiApp builds on this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from ..errors import NetuiError
from .app_panes import PaneSwitchApp

if TYPE_CHECKING:
    from ..services import Changed

POLL_SECONDS = 2.0


class ChangeWatchApp(PaneSwitchApp):
    def _warm_up(self) -> None:
        """The start-up work again after another program's change (WarmUpApp)."""
        raise NotImplementedError

    def _watch_changes(self) -> None:
        """Once the app has its network: react to its changes, poll the disk."""
        self.network.listeners.append(self._on_network_changed)
        self.set_interval(POLL_SECONDS, self._poll)

    def _unwatch_changes(self) -> None:
        if self._on_network_changed in self.network.listeners:
            self.network.listeners.remove(self._on_network_changed)

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

    def _update_status(self, with_due: bool = True) -> None:
        count = self.network.active_count()
        text = f"{count} contacts"
        if with_due:  # every contact's due date: computed after the first frame
            text += f" · {self.network.due_count(0)} due"
        if self.network.readonly:
            text += " · read-only"
        self.query_one("#status", Static).update(text)
