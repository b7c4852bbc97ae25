"""A community you are due to take part in is on its day in the calendar (issue 16 item
1), and edit on it opens it in the Communities pane."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import ContentSwitcher

from netui.domain.communities import Community
from netui.services.communities import participation_of
from netui.ui.calendar_data import CalendarIndex
from netui.ui.calendar_pane import CalendarPane
from netui.ui.communities_pane import CommunitiesPane
from netui.ui.month_grid import MonthGrid


def quiet_community(network, today):
    made = datetime.combine(today - timedelta(days=200), datetime.min.time(), UTC)
    network.communities.add(Community(name="PyCon Africa", created_at=made))
    acm = network.communities.add(Community(name="ACM Lagos", cadence_days=30, created_at=made))
    network.communities.log(participation_of(acm.id, today - timedelta(days=20), "meetup"))
    return acm, today + timedelta(days=10)


def test_the_next_time_to_take_part_is_on_its_day(network, today):
    acm, day = quiet_community(network, today)
    items = CalendarIndex(network).due_on(day)
    assert [(i.kind, i.community, i.community_id) for i in items] == [
        ("community", "ACM Lagos", acm.id)]


async def test_edit_on_it_opens_the_community(network, make_app, today):
    acm, day = quiet_community(network, today)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(CalendarPane)
        app.query_one(MonthGrid).selected = day
        await pilot.pause()
        prompts = [str(pane.agenda.get_option_at_index(n).prompt)
                   for n in range(pane.agenda.option_count)]
        row = next(n for n, p in enumerate(prompts) if "ACM Lagos" in p)
        assert "take part" in prompts[row]
        pane.agenda.focus()
        pane.agenda.highlighted = row
        await pilot.press("e")
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "communities"
        chosen = app.query_one(CommunitiesPane).selected()
        assert chosen is not None and chosen.id == acm.id


def test_the_kept_calendar_moves_a_community_when_you_take_part(network, today):
    """The app keeps its calendar index until a write that feeds it (calendar_index):
    taking part in a community must drop it, or the old due day stays on screen."""
    from netui.ui.calendar_data import calendar_index

    acm, day = quiet_community(network, today)
    assert [i.community_id for i in calendar_index(network).due_on(day)] == [acm.id]
    network.communities.log(participation_of(acm.id, today, "meetup"))
    kept = calendar_index(network)
    assert kept.due_on(day) == []
    assert [i.community_id for i in kept.due_on(today + timedelta(days=30))] == [acm.id]
