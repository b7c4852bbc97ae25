"""The Textual app (a minimal screen until the panes land)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from ..services import Network


class NetuiApp(App):
    TITLE = "netui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, network: Network, config_path: Path | None = None, demo: bool = False):
        super().__init__()
        self.network = network

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{self.network.contact_count()} contacts", markup=False)
        yield Footer()


def run_app(network: Network, config_path: Path | None = None, demo: bool = False) -> None:
    NetuiApp(network, config_path, demo).run()
