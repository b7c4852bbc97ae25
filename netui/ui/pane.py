"""What every pane offers the app: lazy reloads and the n/e/d verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.containers import Container

if TYPE_CHECKING:
    from ..services import Network
    from .app import NetuiApp


class Pane(Container):
    """A pane reloads from the network only when shown, so a write while another pane
    is visible costs nothing until the user switches."""

    TITLE = ""

    def __init__(self, network: Network, *, id: str) -> None:
        super().__init__(id=id)
        self.network = network
        self._stale = True

    @property
    def netui(self) -> NetuiApp:
        return cast("NetuiApp", self.app)

    def mark_stale(self) -> None:
        self._stale = True

    def on_mount(self) -> None:
        # A pane built when first shown (see NetuiApp.pane) was asked to show itself
        # before it had anything to fill: fill and focus it now. Runs after a subclass's
        # on_mount, while is_mounted is still False.
        if self.display:
            self._reload_if_stale()
            self.focus_main()

    def shown(self) -> None:
        if self.is_mounted:
            self._reload_if_stale()

    def _reload_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Re-read everything shown from the network."""

    def focus_main(self) -> None:
        """Focus the pane's main widget."""

    def new(self) -> None:
        """Create a new item of this pane's kind."""

    def edit(self) -> None:
        """Edit the selected item."""

    def delete(self) -> None:
        """Delete the selected item (after a confirmation)."""
