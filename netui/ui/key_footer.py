"""A one-line footer that never overflows: the keys of whatever has focus first (the
list, then its pane, then the app), as many as fit the width, and always `? Help`
last, where every other key is listed. No horizontal scrolling, so nothing is left
half-drawn at the right edge."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

HELP_ACTION = "help"
FIRST_ACTIONS = ("quick_add",)  # the one app key worth a place before the pane's own
GAP = "  "


class KeyFooter(Widget):
    COMPONENT_CLASSES = {"key-footer--key"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    KeyFooter > .key-footer--key {
        color: $accent;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, label) of every shown binding, most specific first."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        help_key: tuple[str, str] | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            item = (self.app.get_key_display(binding), binding.description)
            if binding.action == HELP_ACTION:
                help_key = item
            elif binding.action in FIRST_ACTIONS:
                out.insert(0, item)
            else:
                out.append(item)
        if help_key:
            out.append(help_key)
        return out

    def line(self, width: int) -> Text:
        """The keys that fit in `width` cells, `? Help` kept at the end."""
        keys = self.keys()
        last = keys.pop() if keys and keys[-1][1] == "Help" else None
        reserve = cell_len(f"{last[0]} {last[1]}") + len(GAP) if last else 0
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        used = 0
        for key, label in keys:
            size = cell_len(f"{key} {label}") + (len(GAP) if used else 0)
            if used + size + reserve > width:
                break
            if used:
                text.append(GAP)
            text.append(key, key_style)
            text.append(f" {label}", "dim")
            used += size
        if last:
            if used:
                text.append(GAP)
            text.append(last[0], key_style)
            text.append(f" {last[1]}", "dim")
        return text

    def render(self) -> Text:
        return self.line(self.content_region.width or self.size.width)
