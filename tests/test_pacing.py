"""The paced review: a daily budget, the backlog spread, birthdays never dropped."""

from __future__ import annotations

import random

from netui.domain.pacing import Candidate, pace, spread_days


def _backlog(n: int, seed: int = 7) -> list[Candidate]:
    rnd = random.Random(seed)
    return [Candidate(f"c{i:05d}", waiting=rnd.randrange(0, 1200),
                      cadence=rnd.choice([14, 30, 90, 365]), rank=rnd.randrange(4),
                      reciprocity=rnd.random() < 0.05) for i in range(n)]


def test_a_budget_shows_that_many_and_says_how_many_wait():
    paced = pace(_backlog(36), 7)
    assert len(paced.today) == 7 and len(paced.later) == 29
    assert paced.counts() == "7 today · 29 later"
    assert {c.cid for c in paced.today}.isdisjoint(c.cid for c in paced.later)


def test_no_limit_shows_everyone():
    paced = pace(_backlog(36), 0)
    assert len(paced.today) == 36 and paced.later == []


def test_the_same_day_gives_the_same_cards():
    a, b = pace(_backlog(500), 10), pace(list(reversed(_backlog(500))), 10)
    assert [c.cid for c in a.today] == [c.cid for c in b.today]


def test_birthdays_and_followups_due_today_always_show():
    queue = _backlog(50)
    musts = [Candidate(f"b{i}", waiting=-i, cadence=None, rank=3, must=True) for i in range(4)]
    paced = pace(queue + musts, 3)
    assert [c.cid for c in paced.today[:4]] == ["b0", "b1", "b2", "b3"]
    assert len(paced.today) == 7  # on top of the budget: nobody's birthday is dropped


def test_value_orders_the_day_when_nobody_waited_long():
    queue = [Candidate("far", waiting=2, cadence=365, rank=3),
             Candidate("close", waiting=2, cadence=14, rank=0),
             Candidate("owed", waiting=0, cadence=90, rank=2, reciprocity=True),
             Candidate("mid", waiting=10, cadence=30, rank=1)]
    assert [c.cid for c in pace(queue, 4).today] == ["owed", "close", "mid", "far"]
    for c in queue:
        c.waiting = min(c.waiting, 1)  # nobody has waited the spread (2 days) yet
    assert [c.cid for c in pace(queue, 2).today] == ["owed", "close"]


def test_who_waited_the_spread_comes_first():
    queue = [Candidate("new", waiting=0, cadence=14, rank=0, reciprocity=True),
             Candidate("old", waiting=5, cadence=365, rank=3),
             Candidate("older", waiting=9, cadence=365, rank=3)]
    assert [c.cid for c in pace(queue, 1).today] == ["older"]  # spread: 3 days
    assert [c.cid for c in pace(queue, 1).later] == ["new", "old"]


def test_a_birthday_this_week_competes_with_a_bonus():
    queue = [Candidate("late", waiting=1, cadence=30, rank=1),
             Candidate("bday", waiting=-3, cadence=30, rank=1, birthday_soon=True)]
    assert [c.cid for c in pace(queue, 1).today] == ["bday"]


def test_back_from_three_weeks_away_is_a_normal_day():
    queue = _backlog(40)
    for c in queue:
        c.waiting += 21
    assert len(pace(queue, 7).today) == 7


def test_backlog_of_8530_at_10_a_day_is_reached_within_853_days():
    """Each day the user does the day's cards; those people come due again after their
    cadence. Every one of the first backlog is reached within ceil(8530 / 10) = 853
    days, every day shows 10 cards, and a birthday card is never dropped."""
    daily, initial = 10, _backlog(8530)
    limit = spread_days(len(initial), daily)
    assert limit == 853
    first_seen: dict[str, int] = {}
    queue = {c.cid: c for c in initial}
    back: dict[int, list[Candidate]] = {}  # day -> people due again that day
    rnd = random.Random(3)
    for day in range(limit):
        for c in back.pop(day, []):
            queue[c.cid] = c
        birthdays = [Candidate(f"bday{day}", waiting=-3, cadence=None, rank=2, must=True)] \
            if rnd.random() < 0.1 else []
        paced = pace([*queue.values(), *birthdays], daily)
        assert len(paced.today) == daily + len(birthdays)
        assert all(b in paced.today for b in birthdays)
        for c in paced.today:
            if c.must:
                continue
            first_seen.setdefault(c.cid, day)
            del queue[c.cid]
            back.setdefault(day + (c.cadence or 30), []).append(
                Candidate(c.cid, waiting=0, cadence=c.cadence, rank=c.rank))
        for c in queue.values():
            c.waiting += 1
    assert len(first_seen) >= len(initial)
    assert all(first_seen[c.cid] < limit for c in initial)
