"""User text of every shape goes through every screen without breaking it, shown as typed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from netui.domain.models import CheckIn, Contact, Favour, Interaction
from netui.services import Network
from netui.ui.app import NetuiApp
from tests.conftest import TODAY
from tests.ui.helpers import card_titles

NAMES = [
    "Bob [/]",
    "[bold red]Eve[/]",
    "Zoë 🎉 Ünal 山田太郎",
    "مريم العربي",
    "Ame\u0301lie Combining",  # a combining accent
    "Tab\tand\x1b[31mEscape",  # control characters are dropped on the way in
    "W" * 300,
]
TEXTS = [
    "[link=http://x]click[/link] $x$ {curly} \\[escaped]",
    "long " * 2_000,  # 10,000 characters
    "right-to-left: שלום עולם and مرحبا",
    "emoji 👩‍👩‍👧‍👦 and wide ＡＢＣ",
    "",
    "line one\nline two\n\n\nline five",
]


def fill(network: Network) -> list[Contact]:
    people = [network.add_contact(Contact(name=n, company=n[:40], circle="inner", tags=["x[/]"],
                                          notes=TEXTS[0])) for n in NAMES]
    for n, text in enumerate(TEXTS):
        who = people[n % len(people)]
        day = TODAY - timedelta(days=20 + n)
        network.log_interaction(Interaction(contact_ids=[who.id], date=day, text=text,
                                            tags=["[b]tag"]))
        # A favour needs a description: the empty shape goes to notes and check-ins only.
        network.log_favour(Favour(contact_id=who.id, direction="received", text=text or "-",
                                  date=day))
        network.log_favour(Favour(contact_id=who.id, direction="asked", text=text or "-",
                                  date=day - timedelta(days=40)))
        network.add_checkin(CheckIn(contact_id=who.id, due=TODAY, reason=text))
    return people


async def test_every_screen_survives_every_shape_of_text(network: Network, tmp_path: Path):
    people = fill(network)
    app = NetuiApp(network, config_path=tmp_path / "config.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen = await card_titles(app, pilot)
        assert {p.name for p in people} == seen  # each name shown exactly as stored
        assert "Tab and[31mEscape" in seen  # the escape character itself is gone
        for keys in (["2"], ["f", "f", "f"], ["3"], ["right", "left", "t"], ["1"]):
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
        await pilot.press("r")  # the daily review: triage, then every card
        await pilot.pause()
        for _ in range(len(NAMES) * 3):
            await pilot.press("x")
            await pilot.pause()
        from netui.ui.review import ReviewScreen

        assert isinstance(app.screen, ReviewScreen)
        while isinstance(app.screen, ReviewScreen):  # the summary, then out
            await pilot.press("q")
            await pilot.pause()
        assert app.is_running
        await pilot.press("a")
        await pilot.pause()
        for ch in "@Bob [/] talked about [b]this[/b] 👩‍👩‍👧‍👦 #x":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
