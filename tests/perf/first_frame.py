"""Child process for the cold-start measurement (run by bench.py, not by pytest).

    python tests/perf/first_frame.py bare
    python tests/perf/first_frame.py netui DATA_DIR [SETTLE_SECONDS]

Prints "frame" the moment the first frame is painted (for `netui`: the first frame whose
contact list has rows), then, after SETTLE_SECONDS, a JSON line with the resident memory,
and exits. The parent times from spawning the process to the "frame" line, so Python's
start-up and every import are included, as a user would feel them. Headless: the same
work as on a terminal except writing the escape codes out."""

from __future__ import annotations

import json
import sys


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def tell_parent(line: str) -> None:
    """To the real stdout: while an app runs, Textual captures `print` (the parent then
    never sees the line unless Python happens to run unbuffered, PYTHONUNBUFFERED)."""
    sys.__stdout__.write(line + "\n")
    sys.__stdout__.flush()


def report_frame(app, settle: float) -> None:
    tell_parent("frame")

    def done() -> None:
        tell_parent(json.dumps({"rss_mb": round(rss_mb(), 1)}))
        app.exit()

    app.set_timer(max(settle, 0.01), done)  # Textual cannot time 0 s


def on_first_frame(app_class, ready, settle: float) -> None:
    """Report the first frame `app_class` hands to its driver once `ready(app)` holds:
    the compositor has then drawn every widget on screen (headless, the same work as on
    a terminal except writing the escape codes out)."""
    real_display = app_class._display

    def _display(self, screen, renderable) -> None:
        real_display(self, screen, renderable)
        if renderable is not None and not getattr(self, "_frame_reported", False) \
                and ready(self):
            self._frame_reported = True
            report_frame(self, settle)

    app_class._display = _display


def bare(settle: float) -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):
            yield Static("hello")

    on_first_frame(Bare, lambda app: True, settle)
    Bare().run(headless=True)


def netui(data_dir: str, settle: float) -> None:
    """The real `netui --data-dir DIR` path (click, config, store, Network, TUI), with the
    app run headless, reporting the first frame in which the contact list drew rows."""
    from netui.ui import app as app_module
    from netui.ui.contact_list import ContactList

    real_render_line = ContactList.render_line
    real_run = app_module.NetuiApp.run

    def render_line(self, y: int):
        if self.rows:
            self.app._list_drawn = True
        return real_render_line(self, y)

    def run(self, *args, **kwargs):
        return real_run(self, headless=True)

    ContactList.render_line = render_line
    app_module.NetuiApp.run = run
    on_first_frame(app_module.NetuiApp, lambda app: getattr(app, "_list_drawn", False), settle)
    from netui.cli import main

    main(["--data-dir", data_dir])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare(float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
    else:
        netui(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
