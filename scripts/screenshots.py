"""Write an SVG of each netui screen into screenshots/, from the seeded demo network on
the project's frozen date, so the README's pictures are reproducible.

    python scripts/screenshots.py            # every scene
    python scripts/screenshots.py calendar   # only the scenes named

A new screen adds a Scene to SCENES."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from netui.demo import generate
from netui.services import Network
from netui.storage import Store
from netui.ui.app import NetuiApp

TODAY = date(2026, 11, 22)
SIZE = (120, 40)
OUT = Path(__file__).resolve().parents[1] / "screenshots"


@dataclass(frozen=True)
class Scene:
    name: str  # the file is screenshots/<name>.svg
    title: str
    keys: Sequence[str] = ()
    prepare: Callable[[Pilot], Awaitable[None]] | None = None  # after the keys
    size: tuple[int, int] = SIZE


async def invalid_email(pilot: Pilot) -> None:
    pilot.app.screen.query_one("#f-emails").value = "ada at example"
    await pilot.press("ctrl+s")


async def review_card(pilot: Pilot) -> None:
    from netui.ui.review import screenshot_keys

    await pilot.press(*screenshot_keys(pilot.app.network))  # past the triage step


async def typing_pause(pilot: Pilot) -> None:
    await pilot.pause(0.4)  # the filter's "in notes" section follows a pause in typing


async def quick_add(pilot: Pilot) -> None:
    from netui.ui.quickadd import screenshot_keys

    await pilot.press(*screenshot_keys())


SCENES: list[Scene] = [
    Scene("contacts", "netui: contacts"),
    Scene("contacts-filter", "netui: filtering contacts", ("slash", *"#founder")),
    Scene("contacts-search", "netui: / finds people and notes", ("slash", *"intros"),
          typing_pause),
    Scene("timeline", "netui: a person's timeline (enter edits, d deletes)", ("tab",)),
    Scene("contacts-80x24", "netui: contacts at 80x24", (), size=(80, 24)),
    Scene("card-80x24", "netui: a contact's card at 80x24", ("enter",), size=(80, 24)),
    Scene("ledger", "netui: favours ledger", ("2",)),
    Scene("calendar", "netui: check-in calendar", ("3",)),
    Scene("communities", "netui: communities", ("4",)),
    Scene("health", "netui: the network's health", ("5",)),
    Scene("help", "netui: keys", ("question_mark",)),
    Scene("contact-form", "netui: editing a contact", ("e",)),
    Scene("contact-form-error", "netui: a form refuses bad input", ("n",), invalid_email),
    Scene("quick-add", "netui: quick-add after a meeting", (), quick_add),
    Scene("review-triage", "netui: daily review, triage", ("r",)),
    Scene("review", "netui: daily review", (), review_card),
]


def demo_network(data_dir: Path) -> Network:
    network = Network(Store(data_dir, backups=False, today=lambda: TODAY).open(),
                      today=lambda: TODAY)
    network.import_all(generate(60, seed=7, today=TODAY))
    return network


async def shoot(scene: Scene, out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="netui-shots-") as tmp:
        network = demo_network(Path(tmp) / "data")
        try:
            app = NetuiApp(network, config_path=Path(tmp) / "config.toml")
            async with app.run_test(size=scene.size) as pilot:
                await pilot.pause()
                for key in scene.keys:
                    await pilot.press(key)
                await pilot.pause()
                if scene.prepare:
                    await scene.prepare(pilot)
                    await pilot.pause()
                svg = app.export_screenshot(title=scene.title)
        finally:
            network.store.close()
    path = out / f"{scene.name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


async def main(names: Sequence[str]) -> int:
    wanted = [s for s in SCENES if not names or s.name in names]
    unknown = set(names) - {s.name for s in SCENES}
    if unknown:
        print(f"unknown scene(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    for scene in wanted:
        print(await shoot(scene, OUT))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
