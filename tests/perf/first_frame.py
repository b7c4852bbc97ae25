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


def report_frame(app, settle: float) -> None:
    print("frame", flush=True)

    def done() -> None:
        print(json.dumps({"rss_mb": round(rss_mb(), 1)}), flush=True)
        app.exit()

    app.set_timer(max(settle, 0.01), done)  # Textual cannot time 0 s


def bare(settle: float) -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self):
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(report_frame, self, settle)

    Bare().run(headless=True)


def netui(data_dir: str, settle: float) -> None:
    """The real `netui --data-dir DIR` path (click, config, store, Network, TUI), with the
    app run headless and a hook that notices the first painted contact list."""
    from netui.ui import app as app_module
    from netui.ui.contact_list import ContactList

    real_on_mount = app_module.NetuiApp.on_mount
    real_started = app_module.NetuiApp._started
    real_run = app_module.NetuiApp.run

    def on_mount(self) -> None:
        self._frame_reported = False
        real_on_mount(self)

        def check() -> None:
            if self.query_one(ContactList).rows and not self._frame_reported:
                timer.stop()
                self._frame_reported = True
                self.call_after_refresh(report_frame, self, settle)

        timer = self.set_interval(0.001, check)

    def started(self) -> None:
        # The app's own after-first-paint hook: when the painted list already has rows,
        # that paint is the first frame, before the work the app defers until after it.
        if self.query_one(ContactList).rows and not self._frame_reported:
            self._frame_reported = True
            report_frame(self, settle)
        real_started(self)

    def run(self, *args, **kwargs):
        return real_run(self, headless=True)

    app_module.NetuiApp.on_mount = on_mount
    app_module.NetuiApp._started = started
    app_module.NetuiApp.run = run
    from netui.cli import main

    main(["--data-dir", data_dir])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare(float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
    else:
        netui(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
