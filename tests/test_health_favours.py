"""The health figures count favours as touches when the config says so (issue 19, as
issue 15 made last touch, cadence, review and calendar do): on track per circle, the
heat-map and drifting agree with the rest of the app."""

from __future__ import annotations

from datetime import date, timedelta

from netui.config import Config
from netui.domain.health import CircleShare
from netui.domain.models import Contact, Direction, Favour, FavourStatus, Interaction
from netui.services import health as health_service

TODAY = date(2026, 11, 22)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _regular_then_quiet(network, name: str) -> Contact:
    """In touch every 14 days for half a year, then nothing for 100 days: drifting."""
    c = network.add_contact(Contact(name=name, circle="close", met_on=date(2025, 1, 1)))
    for n in range(12):
        network.log_interaction(Interaction(contact_ids=[c.id], date=ago(100 + 14 * n)))
    return c


def test_a_favour_puts_someone_back_on_track_and_on_the_heatmap(network) -> None:
    ana = _regular_then_quiet(network, "Ana")
    assert health_service.compute(network).on_track == [CircleShare("close", 0, 1)]
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave,
                              text="feedback on her deck", date=ago(3)))
    h = health_service.compute(network)
    assert h.on_track == [CircleShare("close", 1, 1)]
    assert health_service.off_track(network, "close") == []  # the list behind it agrees
    assert h.daily[ago(3)] == 1
    assert sum(n for _w, n in h.touches_per_week) == 13
    assert h.drifting == []
    assert network.last_touch(ana.id) == ago(3)  # as the rest of the app has it


def test_an_ask_and_an_intro_count_for_both_people(network) -> None:
    ana = _regular_then_quiet(network, "Ana")
    ben = _regular_then_quiet(network, "Ben")
    cem = _regular_then_quiet(network, "Cem")
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="intro",
                              introduced_id=ben.id, date=ago(2)))
    network.log_favour(Favour(contact_id=cem.id, direction=Direction.asked,
                              text="a reference", status=FavourStatus.declined, date=ago(4)))
    h = health_service.compute(network)
    assert h.on_track == [CircleShare("close", 3, 3)]
    assert (h.daily[ago(2)], h.daily[ago(4)]) == (1, 1)  # an intro is one exchange
    assert h.drifting == []
    assert {c.name for c, _ in health_service.touched_on(network, ago(2))} == {"Ana", "Ben"}


def test_drifting_counts_the_gaps_favours_close(network) -> None:
    ana = network.add_contact(Contact(name="Ana", met_on=date(2025, 1, 1)))
    for n in range(6):  # a favour every fortnight, the last 90 days ago
        network.log_favour(Favour(contact_id=ana.id, direction=Direction.received,
                                  text="a lift", date=ago(90 + 14 * n)))
    assert [d.name for d in health_service.compute(network).drifting] == ["Ana"]


def test_the_setting_off_leaves_favours_out(network) -> None:
    ana = _regular_then_quiet(network, "Ana")
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="a hand",
                              date=ago(3)))
    network.config = Config(favours_count_as_touch=False)
    h = health_service.compute(network)
    assert h.on_track == [CircleShare("close", 0, 1)]
    assert ago(3) not in h.daily
    assert [d.name for d in h.drifting] == ["Ana"]
    assert health_service.touched_on(network, ago(3)) == []
    assert h.given == 1  # still a favour given


def test_a_favour_another_program_broke_counts_for_nobody(network) -> None:
    from netui.storage import Change

    ana = _regular_then_quiet(network, "Ana")
    good = Favour(contact_id=ana.id, direction=Direction.gave, text="a hand", date=ago(3))
    broken = {**good.to_doc(), "id": "broken1", "contact_id": [ana.id]}
    network.commit([Change("favours", "broken1", broken)], "another program")
    h = health_service.compute(network)
    assert (h.given, h.on_track) == (0, [CircleShare("close", 0, 1)])
