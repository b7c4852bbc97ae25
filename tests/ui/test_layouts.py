"""Text that reads at every width (B14), the ledger's "What" at 80 columns (B12), the
calendar filling the window."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from netui.domain.models import Contact
from netui.ui.contact_detail import detail_text
from netui.ui.hanging import Card
from netui.ui.ledger_pane import favour_columns

from .screen_text import screen_lines


def render(card: Card, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(card)
    return console.export_text().rstrip("\n").split("\n")


def test_a_wrapped_value_hangs_under_its_value_column():
    card = Card().field("Next check-in", "in 3w (2026-12-21, cadence: every 30 days)")
    lines = render(card, 40)
    assert len(lines) == 2
    assert lines[0].startswith("Next check-in ")
    assert lines[1][:14] == " " * 14 and lines[1][14:].strip()  # not back at column 0


def test_links_and_second_emails_are_cut_with_an_ellipsis_never_folded(network):
    c = network.add_contact(Contact(
        name="Priya Raman", emails=["priya.raman@a-very-long-domain.example", "p@x.example"],
        links=["https://linkedin.com/in/priya-raman-climate-founder-1234567"]))
    lines = render(detail_text(network, c), 44)
    assert all(len(line.rstrip()) <= 44 for line in lines)
    link = next(line for line in lines if line.startswith("Links"))
    assert link.rstrip().endswith("…") and "https://linkedin.com/in/" in link
    second = lines[lines.index(next(ln for ln in lines if ln.startswith("Email"))) + 1]
    assert second.startswith(" " * 14) and "p@x.example" in second
    assert not any(line.startswith("-founder") or line.startswith("1234567") for line in lines)


def test_the_ledger_keeps_what_and_drops_status_then_direction():
    for room, expect in ((160, ["Date", "Person", "Direction", "Status"]),
                         (78, ["Date", "Person", "Direction"]),
                         (60, ["Date", "Person"])):
        columns, what = favour_columns(room)
        assert [label for label, _ in columns] == expect and what >= 16


async def test_the_ledger_at_80x24_shows_what_the_favour_was(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.pause()
        lines, _ = screen_lines(app)
        header = next(line for line in lines if "Date" in line and "Person" in line)
        assert "What" in header
        favour = demo_network.favours()[0]
        assert any(favour.text[:12] in line for line in lines)
        # the nudges are under the table, not squeezed beside it
        assert any(line.strip().startswith("Nudges") for line in lines)


async def test_the_calendar_fills_the_window_and_names_fit_their_cell(demo_network, make_app):
    for size in ((80, 24), (200, 60)):
        app = make_app(demo_network)
        async with app.run_test(size=size) as pilot:
            await pilot.press("3")
            await pilot.pause()
            grid = app.query_one("#month-grid")
            lines, _ = screen_lines(app)
            assert grid.size.height >= size[1] - 4  # the grid takes the pane's height
            today = app.network.today()
            due = [i.contact.name for d in range(1, 29)
                   for i in app.query_one("#calendar").index.due_on(today.replace(day=d))
                   if i.contact]
            assert due
            if size[0] == 200:  # room: whole names
                assert any(due[0] in line for line in lines)
            else:  # a narrow day shows initials
                first, *_, last = due[0].split()
                assert any(f"{first[0]}{last[0]}".upper() in line for line in lines)


def test_card_plain_text_is_what_was_typed():
    card = Card().text(Text("Bob [/] Smith", "bold")).field("Tags", "#a [b]")
    assert str(card) == "Bob [/] Smith\nTags          #a [b]"
