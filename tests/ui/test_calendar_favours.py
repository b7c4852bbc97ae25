"""The calendar's per-day history counts favours as touches when
`favours_count_as_touch` is on (issue 15 item 3), as last touch and due already do."""

from __future__ import annotations

from datetime import timedelta

from netui.config import Config
from netui.domain.models import Contact, Direction, Favour
from netui.ui.calendar_data import CalendarIndex
from netui.ui.calendar_pane import CalendarPane
from netui.ui.month_grid import MonthGrid


def marcus_helped(network, today):
    marcus = network.add_contact(Contact(name="Marcus Feld", circle="inner"))
    day = today - timedelta(days=3)
    network.log_favour(Favour(contact_id=marcus.id, direction=Direction.received,
                              text="grant feedback", date=day))
    return marcus, day


def test_a_favour_is_a_touch_on_its_day(network, today):
    _, day = marcus_helped(network, today)
    items = CalendarIndex(network).touches_on(day)
    assert [(i.contact.name if i.contact else None) for i in items] == ["Marcus Feld"]
    assert items[0].favour is not None and items[0].favour.text == "grant feedback"


def test_favours_are_not_touches_when_the_setting_is_off(network, today):
    network.config = Config(favours_count_as_touch=False)
    _, day = marcus_helped(network, today)
    assert CalendarIndex(network).touches_on(day) == []


async def test_the_agenda_lists_the_favour_in_touch(network, make_app, today):
    _, day = marcus_helped(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(CalendarPane)
        app.query_one(MonthGrid).selected = day
        await pilot.pause()
        prompts = [str(pane.agenda.get_option_at_index(n).prompt)
                   for n in range(pane.agenda.option_count)]
        assert any("Marcus Feld" in p and "received" in p and "grant feedback" in p
                   for p in prompts), prompts
