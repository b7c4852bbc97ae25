"""The review card says each thing once and shows recent history beneath (issue 18
item 2), its dialogs stay inside the card (B13), one `q` leaves it (B17), and its
footer is main's KeyFooter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static

from netui.domain.models import Contact, Direction, Favour, Interaction, Kind
from netui.ui.app import NetuiApp
from netui.ui.key_footer import KeyFooter
from netui.ui.review import LinePrompt, ReviewScreen, ReviewSummary, SnoozePrompt
from tests.conftest import open_network

from .screen_text import screen_lines
from .test_review_ui import Host

NOTE = "she is moving to Dublin in Jan, wants intros to design folks"


@pytest.fixture
def siobhan(data_dir, today):
    network = open_network(data_dir)
    s = network.add_contact(Contact(id="siobhan", name="Siobhan O'Connor", circle="close",
                                    met_on=date(2026, 1, 1)))
    network.log_interaction(Interaction(contact_ids=[s.id], kind=Kind.meeting,
                                        text="coffee at the studio",
                                        date=today - timedelta(days=40)))
    network.log_favour(Favour(contact_id=s.id, direction=Direction.asked,
                              text="a reference for the Dublin job",
                              date=today - timedelta(days=30)))
    network.log_interaction(Interaction(contact_ids=[s.id], kind=Kind.call, text=NOTE,
                                        date=today - timedelta(days=14)),
                            followup=today - timedelta(days=8), followup_reason=NOTE)
    yield network
    network.store.close()


def card_text(app) -> str:
    """The plain text of every shown part of the card (a hanging Card's str() is it)."""
    return "\n".join(str(w.content) for w in app.screen.query("#rv-card Static")
                     if w.display)


async def test_the_card_says_the_note_once_and_shows_history_beneath(siobhan):
    app = Host(siobhan)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = card_text(app)
        flat = " ".join(text.split())
        assert flat.count("moving to Dublin") == 1, text
        assert "last touch: call 2w ago" in flat
        assert "coffee at the studio" in flat  # the timeline beneath
        assert "a reference for the Dublin job" in flat  # the open favour
        assert flat.count("a reference for the Dublin job") == 1, text
        assert flat.count("→") == 1  # one suggestion


async def test_wrapped_values_hang_under_their_column(siobhan):
    app = Host(siobhan)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines, _ = screen_lines(app)
        start = next(n for n, ln in enumerate(lines) if "• follow-up:" in ln)
        bullet_col = lines[start].index("• ") + 2
        follow = lines[start + 1]
        assert follow[:bullet_col].strip("│ ") == "" and follow[bullet_col] != " ", lines


def inside(box: Region, card: Region) -> bool:
    return (box.x > card.x and box.y > card.y and box.right < card.right
            and box.bottom < card.bottom)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("key", ["g", "d", "n", "s"])
async def test_b13_dialogs_fit_inside_the_card(siobhan, size, key):
    app = Host(siobhan)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        review = app.screen
        card = review.query_one("#rv-card").region
        keys = review.query_one("#rv-keys").region
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, LinePrompt | SnoozePrompt)
        box = app.screen.query_one(".rv-dialog").region
        assert inside(box, card), (box, card)
        assert not box.overlaps(keys)
        if isinstance(app.screen, LinePrompt):
            assert app.screen.query_one(Input).region.width >= 20


async def test_b17_one_q_leaves_after_acting_and_the_summary_closes_without_quitting(
        demo_network, tmp_path):
    app = NetuiApp(demo_network, config_path=tmp_path / "config.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        while isinstance(app.screen, ReviewScreen) and app.screen.phase == "triage":
            await pilot.press("x")
            await pilot.pause()
        await pilot.press("x")  # acted on a card
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReviewSummary)
        assert "1 skipped" in str(app.screen.query_one("#rv-summary", Static).render())
        await pilot.press("q")  # closes the summary, does not quit netui
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, ReviewSummary | ReviewScreen)


@pytest.mark.parametrize("key", ["escape", "enter", "q"])
async def test_b17_one_q_leaves_without_acting_and_any_close_key_keeps_the_app(
        demo_network, tmp_path, key):
    app = NetuiApp(demo_network, config_path=tmp_path / "config.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReviewSummary)
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ReviewSummary)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)],
                         ids=["80x24", "120x40", "200x60"])
async def test_the_review_uses_the_key_footer_and_it_fits(siobhan, size):
    app = Host(siobhan)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.line(footer.content_region.width)
        assert "Done" in line.plain and line.cell_len <= size[0] - 2
        _, rightmost = screen_lines(app)
        assert rightmost <= size[0]


async def test_the_card_says_what_they_are_to_you_and_the_heading_names_quiet_communities(
        siobhan, today):
    from datetime import UTC, datetime

    from netui.domain.communities import Community

    siobhan.edit_contact("siobhan", roles=["mentor"])
    siobhan.communities.add(Community(
        name="ACM Lagos", cadence_days=30,
        created_at=datetime.combine(today - timedelta(days=90), datetime.min.time(), UTC)))
    app = Host(siobhan)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        flat = " ".join(card_text(app).split())
        assert "• your mentor: last asked for advice 4w ago" in flat
        heading = str(app.screen.query_one("#rv-heading", Static).content)
        assert "Take part again: ACM Lagos (press 4 for Communities)" in heading
