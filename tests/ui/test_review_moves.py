"""Moving through the review's cards with j and k: past either end, the end card stays
(mutant R3 of the code audit let `j` step past the last card)."""

from __future__ import annotations

import pytest

from tests.conftest import open_network
from tests.ui.test_review_ui import Host, answer, seed, shown


@pytest.fixture
def net(data_dir):
    network = open_network(data_dir)
    seed(network)
    yield network
    network.store.close()


async def test_j_past_the_last_card_stays_on_it_and_it_still_works(net):
    app = Host(net)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("x")  # skip the triage step
        await pilot.pause()
        assert shown(app, "progress") == "1 of 4"
        first = shown(app, "who")
        await pilot.press(*"jjjjjj")
        await pilot.pause()
        assert shown(app, "progress") == "4 of 4"
        last = shown(app, "who")
        assert last != first
        await pilot.press(*"kkkkkkk")
        await pilot.pause()
        assert (shown(app, "progress"), shown(app, "who")) == ("1 of 4", first)
        await pilot.press(*"jjjjjj", "d")  # in touch with the last one
        await pilot.pause()
        await answer(pilot, "wrote back")
        assert shown(app, "progress").startswith("1 of 4")  # the next open card: the first
        name = last.split(" · ")[0]
        assert net.last_touch(net.find_one(name).id) == net.today()
