"""The health figures (domain.health) on a small network whose answers are worked out by
hand in the comments, and the services helper over a real store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netui.domain import health
from netui.domain.health import CircleShare, Person
from netui.domain.models import Contact, Direction, Favour, FavourStatus, Interaction, Kind
from netui.services import health as health_service

TODAY = date(2026, 11, 22)  # a Sunday
JAN1 = date(2026, 1, 1)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def ords(*days: date) -> list[int]:
    """Touch days as the figures take them: sorted, distinct day ordinals."""
    return sorted({x.toordinal() for x in days})


PEOPLE = [
    Person("a", "Ana", "inner", 14, JAN1),   # last 11-15 + 14 = 11-29: on track
    Person("b", "Ben", "inner", 14, JAN1),   # last 11-01 + 14 = 11-15: off
    Person("f", "Fay", "inner", 14, d(10, 1)),  # last 11-05 + 14 = 11-19: off
    Person("c", "Cam", "close", 30, d(11, 10)),  # never; added 11-10 + 30: on track
    Person("x", "Xia", None, 60, JAN1),      # own cadence: last 10-01 + 60 = 11-30: on
    Person("e", "Eve", None, None, JAN1),    # no cadence: in no share
]
TOUCHES = {
    "a": ords(d(11, 15)),
    "b": ords(d(11, 1)),
    "f": ords(d(10, 20), d(10, 30), d(11, 5)),
    "x": ords(d(10, 1)),
}


def test_on_track_now_per_circle_in_circle_order() -> None:
    shares = health.on_track_now(PEOPLE, TOUCHES, TODAY, ["inner", "close", "network"])
    assert shares == [CircleShare("inner", 1, 3), CircleShare("close", 1, 1),
                      CircleShare("other", 1, 1)]
    assert shares[0].share == pytest.approx(1 / 3)


def test_weekly_history_from_the_timeline() -> None:
    samples = health.sample_days(TODAY, d(11, 1))
    assert samples == [d(11, 1), d(11, 8), d(11, 15), d(11, 22)]
    history = health.on_track_history(PEOPLE, TOUCHES, samples)
    # inner: Ben on 11-01 and 11-08 (span 11-01..11-15); Fay's touches merge into one
    # span 10-20..11-19 (on for the first three); Ana from 11-15.
    assert history["inner"] == pytest.approx([2 / 3, 2 / 3, 2 / 3, 1 / 3])
    # Cam was added on 11-10: unknown on the first two samples.
    assert history["close"][:2] == [None, None]
    assert history["close"][2:] == [1.0, 1.0]
    assert history["other"] == [1.0, 1.0, 1.0, 1.0]
    # all: 3 of 4 (Ben, Fay, Xia), 3 of 4, 4 of 5 (Ana, Cam, Fay, Xia), 3 of 5.
    assert history["all"] == pytest.approx([0.75, 0.75, 0.8, 0.6])


def test_history_ends_with_today_s_share() -> None:
    history = health.on_track_history(PEOPLE, TOUCHES, health.sample_days(TODAY, d(6, 1)))
    now = {s.circle: s.share for s in health.on_track_now(PEOPLE, TOUCHES, TODAY, ["inner"])}
    assert {k: v[-1] for k, v in history.items() if k != "all"} == pytest.approx(now)


def test_drifting_latest_gap_against_the_usual_one() -> None:
    people = [Person("g", "Gus", None, None, JAN1), Person("h", "Hal", None, None, JAN1),
              Person("i", "Ida", None, None, JAN1), Person("j", "Jo", None, None, JAN1), *PEOPLE]
    touches = {
        **TOUCHES,
        # gaps 14, 14, 31: usual 14; 266 days since the last: drifting (19x, 2x needed)
        "g": ords(d(1, 1), d(1, 15), d(1, 29), d(3, 1)),
        # gaps 30, 62: usual 30; 82 days since: drifting (2.7x)
        "h": ords(d(6, 1), d(7, 1), d(9, 1)),
        # weekly, last a week ago: steady
        "i": ords(d(11, 1), d(11, 8), d(11, 15)),
        # gaps 7, 7, 309, but seen two days ago: together again, not drifting
        "j": ords(d(1, 1), d(1, 8), d(1, 15), d(11, 20)),
        # Fay: gaps 10, 6; usual 10, 17 days since: 1.7x and only 7 days longer
    }
    found = health.drifting(people, touches, TODAY)
    assert [(x.id, x.usual_days, x.latest_days) for x in found] == [("g", 14, 266),
                                                                    ("h", 30, 82)]
    assert found[0].last_touch == d(3, 1)
    assert health.drift("z", "Zed", ords(d(1, 1), d(2, 1)), TODAY) is None  # one interval
    # Only the latest DRIFT_HISTORY intervals make the usual one: years of weekly coffee
    # long ago do not hide that the last year went monthly, then quiet.
    # Weekly in 2024, then monthly from July 2025 to August 2026: the 12 intervals before
    # the latest are monthly (28, 30 x4, 31 x7: median 31), 113 days since 1 August.
    old = [d(1, 1, 2024) + timedelta(weeks=k) for k in range(40)]
    monthly = [d(m, 1, 2025) for m in range(7, 13)] + [d(m, 1) for m in range(1, 9)]
    z = health.drift("z", "Zed", ords(*old, *monthly), TODAY)
    assert z is not None and (z.usual_days, z.latest_days) == (31, 113)


def test_favours_by_month_and_the_ratio() -> None:
    favours = [
        (Direction.gave, FavourStatus.done, d(10, 5)),
        (Direction.gave, FavourStatus.declined, d(10, 6)),  # declined: not given
        (Direction.received, FavourStatus.done, d(10, 20)),
        (Direction.asked, FavourStatus.done, d(11, 2)),  # answered: counts as received
        (Direction.asked, FavourStatus.open, d(11, 3)),
        (Direction.gave, FavourStatus.done, d(11, 10)),
        (Direction.gave, FavourStatus.done, d(9, 30)),  # before since
        (Direction.received, FavourStatus.done, d(11, 23)),  # after today
    ]
    h = health.compute(PEOPLE, TOUCHES, {}, favours, TODAY, d(10, 1), ["inner"])
    assert [(m.month, m.given, m.received, m.asked) for m in h.months] == [
        (d(10, 1), 1, 1, 0), (d(11, 1), 1, 0, 2)]
    assert (h.given, h.received, h.asked, h.answered) == (2, 1, 2, 1)
    assert h.ratio == 1.0  # 2 given / (1 received + 1 answered ask)
    none = health.compute(PEOPLE, TOUCHES, {}, [], TODAY, d(10, 1), ["inner"])
    assert none.ratio is None


def test_touches_per_week_follow_the_week_start() -> None:
    daily = {d(11, 16): 2, d(11, 22): 1, d(11, 9): 3, d(10, 31): 4}
    monday = health.per_week(daily, TODAY, d(11, 1), 0)
    assert monday == [(d(10, 26), 4), (d(11, 2), 0), (d(11, 9), 3), (d(11, 16), 3)]
    sunday = health.per_week(daily, TODAY, d(11, 1), 6)
    assert sunday == [(d(11, 1), 0), (d(11, 8), 3), (d(11, 15), 2), (d(11, 22), 1)]


def test_heatmap_grid_and_levels() -> None:
    start = health.heatmap_start(TODAY, 0)
    assert start.weekday() == 0 and (d(11, 16) - start).days == 51 * 7
    levels = health.heatmap_levels({d(1, 1): 1, d(1, 2): 1, d(1, 3): 2, d(1, 4): 5})
    assert levels == [2, 3, 5]
    assert [health.level(n, levels) for n in (0, 1, 2, 3, 4, 5, 9)] == [0, 1, 2, 3, 3, 4, 4]
    assert health.heatmap_levels({}) == [2, 3, 4]


# -- the services helper over a store -------------------------------------------------------


def test_service_reads_the_store(network) -> None:
    ana = network.add_contact(Contact(name="Ana", circle="inner", met_on=JAN1))
    ben = network.add_contact(Contact(name="Ben", circle="inner", met_on=JAN1))
    network.log_interaction(Interaction(contact_ids=[ana.id, ben.id], date=d(11, 20)))
    network.log_interaction(Interaction(contact_ids=[ben.id], date=d(10, 1)))
    network.log_interaction(Interaction(contact_ids=[ben.id], date=d(11, 21), kind=Kind.note))
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="intro",
                              date=d(11, 2)))
    network.log_favour(Favour(contact_id=ben.id, direction=Direction.received, text="a lift",
                              date=d(11, 3)))
    h = health_service.compute(network)
    assert h.on_track == [CircleShare("inner", 2, 2)]
    # the group meeting once; notes not; favours count as touches (the default config)
    assert h.daily == {d(11, 20): 1, d(10, 1): 1, d(11, 2): 1, d(11, 3): 1}
    assert (h.given, h.received, h.ratio) == (1, 1, 1.0)
    data = health_service.to_json(h)
    assert data["on_track"] == {"inner": {"on_track": 2, "total": 2, "share": 1.0}}
    assert sum(w["touches"] for w in data["touches_per_week"]) == 4
    assert [c.name for c, _ in health_service.touched_on(network, d(11, 20))] == ["Ana", "Ben"]
    assert [f.direction for f in health_service.favours_in(network, d(11, 1))] == [
        Direction.received, Direction.gave]


def test_off_track_list_behind_a_circle(network) -> None:
    ana = network.add_contact(Contact(name="Ana", circle="inner", met_on=JAN1))
    network.add_contact(Contact(name="Ben", circle="inner", met_on=JAN1))
    network.log_interaction(Interaction(contact_ids=[ana.id], date=d(11, 20)))
    assert [c.name for c, _ in health_service.off_track(network, "inner")] == ["Ben"]


def test_cached_answer_follows_writes(network) -> None:
    ana = network.add_contact(Contact(name="Ana", circle="inner", met_on=JAN1))
    assert health_service.network_health(network).on_track == [CircleShare("inner", 0, 1)]
    network.log_interaction(Interaction(contact_ids=[ana.id], date=d(11, 20)))
    assert health_service.network_health(network).on_track == [CircleShare("inner", 1, 1)]


def test_people_from_documents_another_program_wrote(network) -> None:
    from netui.storage import Change

    ana = network.add_contact(Contact(name="Ana", circle="inner", met_on=JAN1))
    old = network.add_contact(Contact(name="Old", circle="inner", archived=True))
    odd = {**Contact(name="Odd", met_on=JAN1).to_doc(), "cadence_days": "30"}  # coerced
    broken = {**Contact(name="Broken", circle="inner").to_doc(), "name": ""}  # rejected
    network.commit([Change("contacts", odd["id"], odd),
                    Change("contacts", broken["id"], broken)], "another program")
    found = {p.name: p for p in health_service.people(network)}
    assert set(found) == {"Ana", "Odd"}
    assert old.id not in {p.id for p in found.values()}
    assert found["Ana"] == Person(ana.id, "Ana", "inner", 14, JAN1)
    assert (found["Odd"].cadence, found["Odd"].start) == (30, JAN1)


# -- the fast history against a straightforward one --------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DAY0 = date(2025, 6, 1).toordinal()
_people = st.lists(st.tuples(st.sampled_from(["inner", "close", None]),
                             st.sampled_from([None, 7, 14, 30, 90]),
                             st.integers(0, 700),  # start, days after _DAY0 (some after today)
                             st.lists(st.integers(0, 700), max_size=8)),
                   max_size=12)


def _slow_history(people, touches, samples):
    """The share on track on each sample, person by person, day by day."""
    out: dict[str, list[float | None]] = {}
    keys = {p.circle or "other" for p in people if p.cadence}
    for key in [*keys, "all"]:
        shares: list[float | None] = []
        for day in samples:
            group = [p for p in people if p.cadence
                     and min([p.start.toordinal(), *touches.get(p.id, ())]) <= day.toordinal()
                     and (key == "all" or (p.circle or "other") == key)]
            if not group:
                shares.append(None)
                continue
            on = 0
            for p in group:
                before = [t for t in touches.get(p.id, ()) if t <= day.toordinal()]
                last = max(before) if before else p.start.toordinal()
                on += last + p.cadence > day.toordinal()
            shares.append(on / len(group))
        out[key] = shares
    return out


@settings(max_examples=150, deadline=None)
@given(_people, st.integers(0, 539))  # since: up to today
def test_history_matches_a_day_by_day_count(rows, since_offset) -> None:
    people = [Person(str(n), f"P{n}", circle, cadence, date.fromordinal(_DAY0 + start))
              for n, (circle, cadence, start, _t) in enumerate(rows)]
    touches = {str(n): sorted({_DAY0 + t for t in ts}) for n, (*_x, ts) in enumerate(rows)}
    samples = health.sample_days(TODAY, date.fromordinal(_DAY0 + since_offset))
    fast = health.on_track_history(people, touches, samples)
    slow = _slow_history(people, touches, samples)
    assert fast.keys() == slow.keys() or not any(p.cadence for p in people)
    for key, values in slow.items():
        assert fast[key] == pytest.approx(values), key
