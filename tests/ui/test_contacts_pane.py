"""Contacts pane: filter, sorts, detail, archive, delete, log from the list."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from netui.domain.models import Contact, Interaction
from netui.ui.contacts_pane import ContactsPane
from tests.ui.helpers import list_message


def pane_of(app) -> ContactsPane:
    return app.query_one(ContactsPane)


async def test_slash_filters_as_you_type(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        total = len(pane.contact_list.rows)
        await pilot.press("slash")
        await pilot.press(*"aisha")
        await pilot.pause()
        names = [c.name for c in pane.contact_list.rows]
        assert names == ["Aisha Khan"]
        assert len(names) < total
        await pilot.press("escape")
        await pilot.pause()
        assert len(pane.contact_list.rows) == total
        assert pane.contact_list.has_focus


async def test_filter_by_tag_and_circle(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        await pilot.press("slash", *"#founder")
        await pilot.pause()
        assert pane.contact_list.rows
        assert all("founder" in c.tags for c in pane.contact_list.rows)
        pane.filter_input.value = "circle:inner"
        await pilot.pause()
        assert pane.contact_list.rows
        assert all(c.circle == "inner" for c in pane.contact_list.rows)


async def test_filter_with_no_match_says_how_to_clear(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"zzzzqqq")
        await pilot.pause()
        assert "No contacts match zzzzqqq. Press Esc" in list_message(app)


async def test_sorts_cycle_name_overdue_touch_balance(demo_network, make_app):
    app = make_app(demo_network)
    net = demo_network
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = lambda: pane_of(app).contact_list.rows  # noqa: E731
        names = [c.name for c in rows()]
        assert names == [c.name for c in net.contacts()]
        await pilot.press("s")
        dues = [(d.due if (d := net.due(c.id)) else date.max) for c in rows()]
        assert dues == sorted(dues)
        await pilot.press("s")
        touches = [net.last_touch(c.id) or date.min for c in rows()]
        assert touches == sorted(touches)
        await pilot.press("s")
        balances = [net.balance(c.id) for c in rows()]
        assert balances == sorted(balances) and balances[0] < balances[-1]
        await pilot.press("s")
        assert [c.name for c in rows()] == names


async def test_detail_shows_fields_and_timeline_newest_first(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        c = pane_of(app).contact_list.current
        text = str(app.query_one("#contact-detail", Static).content)
        assert c.name in text
        for label in ("Circle", "Last touch", "Next check-in", "Balance"):
            assert label in text
        from netui.ui.timeline import Timeline

        days = [line[:10] for line in app.query_one(Timeline).entry_lines()
                if line[:4].isdigit()]
        assert days and days == sorted(days, reverse=True)


async def test_moving_the_cursor_updates_the_detail(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")
        await pilot.pause()
        second = pane_of(app).contact_list.rows[2]
        assert pane_of(app).contact_list.current == second
        assert second.name in str(app.query_one("#contact-detail", Static).content)


async def test_archive_asks_first(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        c = pane_of(app).contact_list.current
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("n")  # no
        await pilot.pause()
        assert not demo_network.contact(c.id).archived
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_network.contact(c.id).archived
        assert c.id not in {r.id for r in pane_of(app).contact_list.rows}
        await pilot.press("v")  # show archived
        await pilot.pause()
        assert c.id in {r.id for r in pane_of(app).contact_list.rows}


async def test_delete_asks_first(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        c = pane_of(app).contact_list.current
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert demo_network.get_contact(c.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert demo_network.get_contact(c.id) is None


async def test_in_touch_logs_a_touch_today(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        c = pane_of(app).contact_list.current
        await pilot.press("m")
        await pilot.pause()
        assert demo_network.last_touch(c.id) == today
        assert "today" in str(app.query_one("#contact-detail", Static).content)


async def test_ten_thousand_contacts_scroll_without_a_widget_per_row(network, make_app, today):
    from netui.storage import Change

    changes = [Change("contacts", f"c{n:05d}", Contact(id=f"c{n:05d}", name=f"Person {n:05d}",
                                                      circle="network").to_doc())
               for n in range(10_000)]
    network.commit(changes, "bulk")
    network.log_interaction(Interaction(contact_ids=["c09999"], date=today, text="hi"))
    app = make_app(network)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        assert len(pane.contact_list.rows) == 10_000
        assert len(list(pane.contact_list.children)) == 0
        await pilot.press("end")
        await pilot.pause()
        assert pane.contact_list.current.name == "Person 09999"
        assert pane.contact_list.scroll_offset.y > 9_900
        await pilot.press("slash", *"09998")
        await pilot.pause()
        assert [c.name for c in pane.contact_list.rows] == ["Person 09998"]


async def test_clicking_a_row_selects_it(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        await pilot.click("#contact-list", offset=(5, 3))
        await pilot.pause()
        assert pane.contact_list.current == pane.contact_list.rows[3]
        assert pane.contact_list.rows[3].name in str(
            app.query_one("#contact-detail", Static).content)
