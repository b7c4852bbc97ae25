"""Calendar pane: moving days and months, agenda, done / snooze / reschedule."""

from __future__ import annotations

from datetime import date, timedelta

from netui.config import Config
from netui.domain.models import Contact, Interaction
from netui.services import Network
from netui.ui.calendar_pane import CalendarPane
from netui.ui.month_grid import MonthGrid


async def open_calendar(app, pilot) -> CalendarPane:
    await pilot.press("3")
    await pilot.pause()
    return app.query_one(CalendarPane)


async def test_arrows_hjkl_brackets_and_t(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        grid = app.query_one(MonthGrid)
        assert grid.selected == today
        for key, delta in (("l", 1), ("right", 1), ("h", -1), ("left", -1), ("j", 7),
                           ("down", 7), ("k", -7), ("up", -7)):
            before = grid.selected
            await pilot.press(key)
            assert grid.selected == before + timedelta(days=delta)
        await pilot.press("right_square_bracket")
        assert grid.selected == date(2026, 12, 22)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert grid.selected == date(2026, 10, 22)
        await pilot.press("t")
        assert grid.selected == today


async def test_week_start_comes_from_config(demo_network, make_app, today):
    demo_network.config = Config(week_start="sunday")
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        weeks = app.query_one(MonthGrid).weeks()
        assert weeks[0][0].weekday() == 6
    demo_network.config = Config()


def ana_overdue(network: Network, today: date) -> Contact:
    ana = network.add_contact(Contact(name="Ana", circle="inner"))
    network.log_interaction(Interaction(contact_ids=[ana.id], date=today - timedelta(days=20)))
    return ana


async def test_agenda_shows_overdue_today_and_next_week(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_calendar(app, pilot)
        prompts = [str(pane.agenda.get_option_at_index(n).prompt)
                   for n in range(pane.agenda.option_count)]
        assert any(p.startswith("Overdue") for p in prompts)
        assert any(p.startswith("Today") for p in prompts)
        assert any(p.startswith("Next 7 days") for p in prompts)
        overdue = [e for e in demo_network.due_list(0) if e.overdue_days]
        assert any(overdue[0].contact.name in p for p in prompts)


async def test_done_logs_a_touch(network, make_app, today):
    ana = ana_overdue(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_calendar(app, pilot)
        assert pane.selected_item().contact.id == ana.id
        await pilot.press("m")
        await pilot.pause()
        assert network.last_touch(ana.id) == today
        assert network.due(ana.id).due > today


async def test_snooze_one_week(network, make_app, today):
    ana = ana_overdue(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert network.due(ana.id).due == today + timedelta(days=7)


async def test_snooze_to_a_date(network, make_app, today):
    ana = ana_overdue(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press(*"yesterday", "enter")  # in the past: refused inline
        await pilot.pause()
        assert "not after today" in str(app.screen.query_one("#date-error").content)
        app.screen.query_one("#date-input").value = "2026-12-24"
        await pilot.press("enter")
        await pilot.pause()
        assert network.due(ana.id).due == date(2026, 12, 24)


async def test_reschedule_earlier_and_later(network, make_app, today):
    ana = ana_overdue(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"2026-12-03", "enter")
        await pilot.pause()
        assert network.due(ana.id).due == date(2026, 12, 3)
        await pilot.press("t")
        await pilot.pause()
        pane = app.query_one(CalendarPane)
        # the moved check-in is in the agenda's "next 7 days"? no: 11 days out; select its day
        app.query_one(MonthGrid).selected = date(2026, 12, 3)
        await pilot.pause()
        assert pane.selected_item().contact.id == ana.id
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"2026-11-25", "enter")
        await pilot.pause()
        assert network.due(ana.id).due == date(2026, 11, 25)


async def test_selected_day_lists_past_interactions_and_e_edits(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_calendar(app, pilot)
        day = max(d for d in pane.index.touches_by_day if d < today)
        app.query_one(MonthGrid).selected = day
        await pilot.pause()
        touches = [i for i in pane._items.values() if i.kind == "touch"]
        assert touches
        first = touches[0]
        pane.agenda.highlighted = pane._find(first)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-text").text = "edited from the calendar"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_network.interaction(first.interaction["id"]).text == \
            "edited from the calendar"


async def test_empty_calendar_says_nothing_is_due(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_calendar(app, pilot)
        prompts = [str(pane.agenda.get_option_at_index(n).prompt)
                   for n in range(pane.agenda.option_count)]
        assert "  Nobody is overdue." in prompts


async def test_clicking_a_day_selects_it(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(app, pilot)
        grid = app.query_one(MonthGrid)
        per_week, cw = grid._extra_lines + 2, grid.cell_width()
        await pilot.click(MonthGrid, offset=(1 + 3 * cw + 2, 3 + per_week))
        await pilot.pause()
        assert grid.selected == grid.weeks()[1][3]


def test_each_days_count_is_what_the_day_lists_and_notes_are_the_stores(demo_network, today):
    """The month grid counts a day's touches without reading them: the count is what the
    day lists, after a note is logged and another deleted too; and a day's notes (grouped
    from the note index, not the store) are the stored notes of that day."""
    from netui.ui.calendar_data import CalendarIndex

    who = demo_network.contacts()[0]
    added = demo_network.log_interaction(Interaction(contact_ids=[who.id], text="new",
                                                     date=today - timedelta(days=3)))
    gone = next(iter(demo_network.store.docs("interactions")))
    demo_network.delete_interaction(gone["id"])
    index = CalendarIndex(demo_network)
    days = {today - timedelta(days=n) for n in range(400)}
    assert sum(index.touch_count(d) for d in days) > 0
    for day in days:
        assert index.touch_count(day) == len(index.touches_on(day))
        stored = {d["id"] for d in demo_network.store.docs("interactions")
                  if d.get("date") == day.isoformat()}
        assert {i.interaction["id"] for i in index.touches_on(day) if i.interaction} == stored
    assert added.id in index.touches_by_day[today - timedelta(days=3)]
