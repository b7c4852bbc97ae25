"""The contact list's header (ui.contacts_header): the sort line follows every filter key
and sort, the column titles follow the list's columns, and a sort line wider than the
box wraps onto the titles' line as text does."""

from __future__ import annotations

from netui.ui.contact_list import ContactList
from netui.ui.contacts_header import ContactsHeader, sort_label


def header_lines(app) -> list[str]:
    header = app.query_one(ContactsHeader)
    return [header.render_line(y).text.rstrip() for y in range(2)]


async def test_the_sort_line_counts_who_each_key_shows(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = app.query_one(ContactList)
        everyone = len(rows.rows)
        assert header_lines(app)[0] == f"sort: name  (s)   {everyone}"
        await pilot.press("slash", *"aish")
        await pilot.pause()
        shown = len(rows.rows)
        assert 0 < shown < everyone
        assert header_lines(app)[0] == f"sort: name  (s)   {shown} of {everyone}"
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        assert header_lines(app)[0] == f"sort: name  (s)   {everyone}"
        await pilot.press("escape", "s")  # the next sort
        await pilot.pause()
        assert header_lines(app)[0] == f"sort: most overdue  (s)   {everyone}"


async def test_the_titles_follow_the_columns(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = app.query_one(ContactList)
        titles = header_lines(app)[1]
        assert titles == rows.header_text(rows.drawn_width).plain.rstrip()
        assert titles.split()[:2] == ["Name", "Company"]
        name, company, tags = rows.natural
        rows.set_natural((name, max(7, company - 8), tags))  # the longest company went
        await pilot.pause()
        assert header_lines(app)[1] != titles
        assert header_lines(app)[1] == rows.header_text(rows.drawn_width).plain.rstrip()


async def test_a_sort_line_wider_than_the_box_wraps(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(50, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s", "s", "v")  # "last touch, longest ago first", archived too
        await pilot.pause()
        rows = app.query_one(ContactList)
        label = sort_label("last touch, longest ago first", len(rows.rows), len(rows.rows),
                           True)
        assert len(label) > app.query_one(ContactsHeader).size.width
        first, second = header_lines(app)
        assert first.startswith("sort: last touch")
        assert (first + " " + second).split() == label.split()  # wrapped, nothing lost
