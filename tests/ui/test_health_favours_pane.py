"""The Health pane counts favours as touches (the config's favours_count_as_touch): the
day of a favour lights up the heat-map and lists the favour; on track agrees with the
circle's list."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import OptionList

from netui.domain.models import Contact, Direction, Favour, Interaction
from netui.ui.health_list import HealthListScreen
from netui.ui.health_pane import HealthPane
from netui.ui.heatmap import TouchHeatmap


async def test_a_favour_day_on_the_heatmap_lists_the_favour(network, make_app, today):
    ana = network.add_contact(Contact(name="Ana", circle="close", met_on=date(2025, 1, 1)))
    network.log_interaction(Interaction(contact_ids=[ana.id], date=today - timedelta(60)))
    day = today - timedelta(days=3)
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave,
                              text="feedback on her deck", date=day))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        pane = app.query_one(HealthPane)
        circles = app.query_one("#health-circles", OptionList)
        assert str(circles.get_option_at_index(0).prompt).endswith("1/1")
        assert pane.figures.daily[day] == 1
        heatmap = app.query_one(TouchHeatmap)
        heatmap.focus()
        heatmap.selected = day
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HealthListScreen)
        rows = app.screen.query_one(OptionList)
        assert rows.option_count == 1
        assert str(rows.get_option_at_index(0).prompt) == "Ana  gave  feedback on her deck"


async def test_an_intro_on_the_heatmap_reads_from_each_side(network, make_app, today):
    olu = network.add_contact(Contact(name="Olu", circle="close"))
    lea = network.add_contact(Contact(name="Léa", circle="close"))
    network.log_favour(Favour(contact_id=olu.id, direction=Direction.gave, text="for the fund",
                              introduced_id=lea.id, date=today))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        heatmap = app.query_one(TouchHeatmap)
        heatmap.focus()
        heatmap.selected = today
        await pilot.press("enter")
        await pilot.pause()
        rows = app.screen.query_one(OptionList)
        assert [str(rows.get_option_at_index(n).prompt) for n in range(rows.option_count)] == [
            f"Léa  intro  introduced by you to Olu on {today.isoformat()}",
            "Olu  gave  for the fund"]
