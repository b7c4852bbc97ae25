"""Health pane: built on first show (key 5), its figures, and enter on each chart opening
the list behind it."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import ContentSwitcher, OptionList

from netui.domain.models import Contact, Interaction
from netui.services import health as health_service
from netui.ui.contacts_pane import ContactsPane
from netui.ui.favour_bars import FavourBars
from netui.ui.health_list import HealthListScreen
from netui.ui.health_pane import HealthPane
from netui.ui.heatmap import TouchHeatmap


async def open_health(app, pilot) -> HealthPane:
    await pilot.press("5")
    await pilot.pause()
    return app.query_one(HealthPane)


def option_texts(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(n).prompt) for n in range(widget.option_count)]


def selected_contact(app) -> str | None:
    current = app.query_one(ContactsPane).contact_list.current
    return current.id if current else None


async def test_key_5_builds_the_pane_on_first_show(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query(HealthPane)
        await open_health(app, pilot)
        assert app.query_one(ContentSwitcher).current == "health"
        figures = health_service.network_health(demo_network)
        rows = option_texts(app.query_one("#health-circles", OptionList))
        assert len(rows) == len(figures.on_track)
        for row, share in zip(rows, figures.on_track, strict=True):
            assert row.startswith(share.circle)
            assert row.endswith(f"{share.on_track}/{share.total}")
        drifting = option_texts(app.query_one("#health-drifting", OptionList))
        people = len(figures.drifting)  # then the communities gone quiet (a test below)
        assert [r.split("  ")[0] for r in drifting[:people]] == [d.name for d in figures.drifting]
        assert app.focused is app.query_one("#health-circles", OptionList)


async def test_enter_on_a_circle_lists_who_is_off_track(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_health(app, pilot)
        circles = app.query_one("#health-circles", OptionList)
        assert circles.highlighted == 0  # enter works at once
        circle = circles.get_option_at_index(0).id
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HealthListScreen)
        expected = health_service.off_track(demo_network, circle)
        assert expected, "the demo network has someone off track in its closest circle"
        assert screen.title_text == f"Off track in {circle}: {len(expected)}"
        names = option_texts(screen.query_one(OptionList))
        assert [n.split("  ")[0] for n in names] == [c.name for c, _ in expected]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HealthListScreen)
        assert app.query_one(ContentSwitcher).current == "contacts"
        assert selected_contact(app) == expected[0][0].id


async def test_heatmap_day_lists_who_was_in_touch(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_health(app, pilot)
        heatmap = app.query_one(TouchHeatmap)
        heatmap.focus()
        await pilot.pause()
        assert heatmap.selected == today
        await pilot.press("left", "up")
        assert heatmap.selected == today - timedelta(days=8)
        busy = max(pane.figures.daily, key=lambda d: (pane.figures.daily[d], d))
        heatmap.selected = busy
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HealthListScreen)
        expected = health_service.touched_on(demo_network, busy)
        assert len(expected) >= pane.figures.daily[busy]
        assert app.screen.query_one(OptionList).option_count == len(expected)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HealthListScreen)
        assert app.query_one(ContentSwitcher).current == "health"


async def test_heatmap_stays_within_the_shown_weeks(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_health(app, pilot)
        heatmap = app.query_one(TouchHeatmap)
        heatmap.focus()
        await pilot.press("right", "down")
        assert heatmap.selected == today  # no days after today
        for _ in range(60):
            await pilot.press("left")
        assert heatmap.selected == today - timedelta(weeks=51)


async def test_month_bars_list_that_month_s_favours(demo_network, make_app, today):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_health(app, pilot)
        bars = app.query_one(FavourBars)
        bars.focus()
        await pilot.press("left")
        month = pane.figures.months[-2]
        assert bars.months[bars.cursor] == month
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HealthListScreen)
        favours = health_service.favours_in(demo_network, month.month)
        assert len(favours) == month.given + month.received + month.asked + sum(
            1 for f in favours if f.status.value == "declined" and f.direction.value != "asked")
        assert app.screen.query_one(OptionList).option_count == len(favours)


async def test_enter_on_a_drifting_person_opens_them(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_health(app, pilot)
        await pilot.press("tab", "tab", "tab")  # circles, heat-map, bars, drifting
        drifting = app.query_one("#health-drifting", OptionList)
        assert app.focused is drifting and drifting.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "contacts"
        assert selected_contact(app) == pane.figures.drifting[0].id


async def test_a_touch_logged_updates_the_pane(network, make_app, today):
    ana = network.add_contact(Contact(name="Ana", circle="inner",
                                      met_on=today - timedelta(days=100)))
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_health(app, pilot)
        circles = app.query_one("#health-circles", OptionList)
        assert option_texts(circles)[0].endswith("0/1")
        network.log_interaction(Interaction(contact_ids=[ana.id], date=today))
        await pilot.pause()
        assert option_texts(circles)[0].endswith("1/1")


async def test_an_empty_network_says_what_to_do(network, make_app):
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_health(app, pilot)
        assert "Nobody has a circle" in option_texts(app.query_one("#health-circles", OptionList))[0]
        assert "Nobody is drifting" in option_texts(app.query_one("#health-drifting", OptionList))[0]


async def test_palette_offers_the_health_pane(demo_network, make_app):
    from netui.ui.commands import NetuiCommands

    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)):
        titles = [t for t, _h, _cb in NetuiCommands(app.screen)._entries()]
        assert "Show the network's health: on track, touches, giving" in titles


async def test_figures_are_worked_out_after_start_up(demo_network, make_app, monkeypatch):
    """Pressing 5 after start-up draws figures worked out in steps meanwhile: the pane
    does not compute them in one go."""
    from netui.ui import health_warm

    finished = []
    real = health_warm.warm_health

    def warm_then_note(net):
        yield from real(net)
        finished.append(1)

    monkeypatch.setattr(health_warm, "warm_health", warm_then_note)
    calls = []
    real_compute = health_service.compute
    monkeypatch.setattr(health_service, "compute",
                        lambda *a, **k: calls.append(1) or real_compute(*a, **k))
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if finished:
                break
            await pilot.pause(0.01)
        assert finished
        pane = await open_health(app, pilot)
        assert calls == []
        assert pane.figures.on_track == real_compute(demo_network).on_track


def test_a_write_during_the_steps_drops_their_figures(network, today):
    from netui.ui.health_warm import warm_health

    ana = network.add_contact(Contact(name="Ana", circle="inner",
                                      met_on=today - timedelta(days=100)))
    steps = warm_health(network)
    next(steps)  # the first step: the notes are snapshotted
    network.log_interaction(Interaction(contact_ids=[ana.id], date=today))
    assert list(steps) == []  # and it stops there: the figures are out of date
    # The figures from before the note were not kept: asked now, they count it.
    assert health_service.network_health(network).on_track[0].on_track == 1


async def test_drifting_list_ends_with_everyone(demo_network, make_app, monkeypatch):
    from netui.ui import health_pane

    monkeypatch.setattr(health_pane, "DRIFT_SHOWN", 3)
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_health(app, pilot)
        everyone = pane.figures.drifting
        assert len(everyone) > 3
        drifting = app.query_one("#health-drifting", OptionList)
        quiet = len(demo_network.communities.due_list())  # their rows come after people
        assert drifting.option_count == 4 + 1 + quiet
        assert option_texts(drifting)[3] == f"… {len(everyone) - 3} more: enter for everyone"
        drifting.focus()
        drifting.highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HealthListScreen)
        assert app.screen.query_one(OptionList).option_count == len(everyone)


async def test_communities_you_stopped_attending_follow_the_drifting(demo_network, make_app):
    from netui.ui.communities_pane import CommunitiesPane

    due = demo_network.communities.due_list()
    assert due, "the demo has a community gone quiet"
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_health(app, pilot)
        drifting = app.query_one("#health-drifting", OptionList)
        rows = option_texts(drifting)
        people = len(pane.figures.drifting)
        assert rows[people].startswith(f"Communities you stopped attending  {len(due)}")
        assert drifting.get_option_at_index(people).disabled
        shown = rows[people + 1:]
        assert sorted(r.split("  ")[0] for r in shown) == sorted(d.community.name for d in due)
        last = due[0].last
        assert last is not None and "last took part" in shown[0]
        drifting.focus()
        drifting.highlighted = people + 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "communities"
        chosen = app.query_one(CommunitiesPane).selected()
        assert chosen is not None and chosen.name == shown[0].split("  ")[0]


async def test_no_community_row_when_every_community_is_on_track(network, make_app, today):
    from netui.domain.communities import Community
    from netui.services.communities import participation_of

    group = network.communities.add(Community(name="ACM Lagos"))
    network.communities.log(participation_of(group.id, today, "meetup"))
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_health(app, pilot)
        rows = option_texts(app.query_one("#health-drifting", OptionList))
        assert not any("stopped attending" in r for r in rows)
