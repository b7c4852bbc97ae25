from datetime import date, timedelta

from netui.domain import ledger
from netui.domain.ledger import balance, standing
from netui.domain.models import Favour


def fav(direction, size=1, status=None, day=date(2026, 1, 1)):
    kw = {"status": status} if status else {}
    return Favour(contact_id="c", direction=direction, size=size, date=day, **kw)


def test_balance_is_given_minus_received_weighted_by_size():
    assert balance([fav("gave", 3), fav("received", 1)]) == 2
    assert balance([fav("received", 2)]) == -2


def test_declined_and_open_asks_do_not_count_but_answered_asks_do():
    assert balance([fav("gave", 2, "declined")]) == 0
    assert balance([fav("asked", 2)]) == 0
    assert balance([fav("asked", 2, "done")]) == -2
    assert balance([fav("asked", 2, "declined")]) == 0


def test_standing_nudges():
    s = standing([fav("received", day=date(2026, 3, 1)), fav("gave", day=date(2026, 2, 1))])
    assert s.owes_back  # gave before they helped: nothing back since
    s2 = standing([fav("received", day=date(2026, 3, 1)), fav("gave", day=date(2026, 3, 2))])
    assert not s2.owes_back
    s3 = standing([fav("asked", day=date(2026, 1, 1)), fav("asked", day=date(2026, 5, 1)),
                   fav("gave")])
    assert s3.asks_exceed_gives and s3.open_asks == 2 and s3.oldest_open_ask == date(2026, 1, 1)
    assert not standing([fav("gave"), fav("asked")]).asks_exceed_gives


def test_an_open_ask_is_stale_after_thirty_days() -> None:
    today = date(2026, 11, 22)
    assert not ledger.is_stale(today - timedelta(days=30), today)
    assert ledger.is_stale(today - timedelta(days=31), today)
