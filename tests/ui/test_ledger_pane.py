"""Ledger pane: filters, balances, nudges, marking favours done or declined."""

from __future__ import annotations

from textual.widgets import Static

from netui.domain.models import Contact, Direction, Favour, FavourStatus
from netui.ui.ledger_pane import LedgerPane
from netui.ui.row_table import RowTable


async def open_ledger(app, pilot) -> LedgerPane:
    await pilot.press("2")
    await pilot.pause()
    return app.query_one(LedgerPane)


def favour_ids(app) -> list[str]:
    return list(app.query_one("#favours", RowTable).keys)


async def test_filters_given_received_asked_open(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_ledger(app, pilot)
        everything = favour_ids(app)
        assert len(everything) == len(demo_network.favours())
        for name, check in (
            ("given", lambda f: f.direction is Direction.gave),
            ("received", lambda f: f.direction is Direction.received),
            ("asked", lambda f: f.direction is Direction.asked),
            ("open", lambda f: f.status is FavourStatus.open),
        ):
            await pilot.press("f")
            await pilot.pause()
            assert pane.filter == name
            ids = favour_ids(app)
            assert ids and all(check(demo_network.favour(i)) for i in ids)
            assert len(ids) < len(everything)
        await pilot.press("f")
        assert pane.filter == "all"


async def test_mark_done_and_declined_from_the_keyboard(network, make_app, today):
    ana = network.add_contact(Contact(name="Ana"))
    ask = network.log_favour(Favour(contact_id=ana.id, direction=Direction.asked,
                                    text="intro", date=today))
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ledger(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert network.favour(ask.id).status is FavourStatus.done
        await pilot.press("x")
        await pilot.pause()
        assert network.favour(ask.id).status is FavourStatus.declined
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert network.favour(ask.id).status is FavourStatus.done


async def test_balances_and_nudges(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ledger(app, pilot)
        balances = app.query_one("#balances", RowTable)
        assert balances.row_count == len(demo_network.balances())
        nudges = str(app.query_one("#nudges", Static).content)
        n = demo_network.nudges()
        assert n.owes_back and n.owes_back[0][0].name in nudges
        assert n.stale_asks and "Open asks older than 30 days" in nudges


async def test_enter_on_a_balance_shows_that_persons_favours(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_ledger(app, pilot)
        balances = app.query_one("#balances", RowTable)
        balances.focus()
        await pilot.press("enter")
        await pilot.pause()
        person = demo_network.balances()[0][0]
        assert pane.person == person.id
        assert {demo_network.favour(i).contact_id for i in favour_ids(app)} == {person.id}
        await pilot.press("escape")
        await pilot.pause()
        assert pane.person is None


async def test_new_edit_delete_favour(network, make_app):
    ana = network.add_contact(Contact(name="Ana Lima"))
    app = make_app(network)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ledger(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-person").value = "Ana Lima"
        app.screen.query_one("#f-text").value = "lent a book"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [fav] = network.favours()
        assert (fav.contact_id, fav.text, fav.direction) == (ana.id, "lent a book", Direction.gave)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-text").value = "lent two books"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert network.favour(fav.id).text == "lent two books"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert network.favours() == []
