"""The daily review queue: who is in it, why, in what order; the session's counting."""

from __future__ import annotations

from datetime import date, timedelta

from netui.demo import generate
from netui.domain import review as rv
from netui.domain.cadence import BirthdaySoon, Due
from netui.domain.ledger import Standing
from netui.domain.models import Contact, Direction, Favour, Interaction, Kind
from netui.services import DueEntry

TODAY = date(2026, 11, 22)
RANK = {"inner": 0, "close": 1, "network": 2, "acquaintance": 3}


def rank(circle):
    return RANK.get(circle, 4)


def person(cid, circle=None):
    return Contact(id=cid, name=cid.title(), circle=circle)


def due(c, days_overdue, reason="cadence", detail="every 30 days"):
    d = Due(TODAY - timedelta(days=days_overdue), reason, detail)
    return DueEntry(c, d, max(0, days_overdue), None)


def test_order_most_overdue_then_closest_circle_then_name():
    ann, bo, cy, di = (person("ann", "network"), person("bo", "inner"),
                       person("cy", "close"), person("di", "inner"))
    items = rv.build_queue(TODAY, [due(ann, 10), due(bo, 0), due(cy, 0), due(di, 10)], [], [], [],
                           rank)
    assert [i.contact.id for i in items] == ["di", "ann", "bo", "cy"]


def test_one_card_per_person_with_every_reason():
    ann = person("ann", "close")
    ask = Favour(contact_id="ann", direction="asked", text="a reference", date=TODAY)
    items = rv.build_queue(
        TODAY, [due(ann, 3)], [(ann, BirthdaySoon(TODAY + timedelta(days=2), 2, 40))],
        [(ann, Standing(last_received=date(2026, 11, 1)))], [(ann, ask, 45)], rank)
    (item,) = items
    assert [r.kind for r in item.reasons] == ["due", "birthday", "stale_ask", "owes_back"]
    assert item.reasons[0].text == "check-in (every 30 days), overdue 3d"
    assert item.reasons[1].text == "birthday in 2 days, Tue 24 Nov (turns 40)"
    assert item.reasons[2].text == "open ask from 45 days ago: a reference"
    assert item.urgency == 3


def test_future_due_and_birthdays_order():
    ann, bo = person("ann", "inner"), person("bo", "inner")
    future = DueEntry(ann, Due(TODAY + timedelta(days=3), "cadence"), 0, None)
    items = rv.build_queue(TODAY, [future], [(bo, BirthdaySoon(TODAY, 0, None))], [], [], rank)
    assert [i.contact.id for i in items] == ["bo"]  # not due yet: not in today's queue
    assert items[0].reasons[0].text == "birthday today"


def test_suggestions():
    ann = person("ann")
    owes = rv.ReviewItem(ann, (rv.Reason("owes_back", "", 0),), 4)
    assert "give something back" in rv.suggestion(owes, Standing(), None)
    plain = rv.ReviewItem(ann, (rv.Reason("due", "", 0),), 4)
    assert "before asking" in rv.suggestion(plain, Standing(), None)
    last = Interaction(contact_ids=["ann"], date=TODAY, kind=Kind.call, text="new job")
    assert "new job" in rv.suggestion(plain, Standing(given=1), last)


def test_session_progress_outcomes_and_summary():
    items = [rv.ReviewItem(person(n), (rv.Reason("due", "", 0),), 0) for n in "abcd"]
    s = rv.Session(items)
    assert s.progress() == "1 of 4"
    s.resolve(rv.DONE)
    assert s.progress() == "2 of 4"
    s.move(1)
    s.resolve(rv.SNOOZED)  # c
    assert s.position == 3  # on to d, the next open card
    s.move(-5)
    assert s.position == 0
    s.move(1)
    s.resolve(rv.SKIPPED)  # b
    assert not s.finished and s.position == 3
    s.resolve(rv.GAVE)
    assert s.finished and s.current is None
    assert s.summary() == "4 reviewed: 1 in touch, 1 snoozed, 1 skipped, 1 gave back"


def test_triage_keys():
    keys = rv.triage_keys(["inner", "close", "network", "acquaintance"])
    assert keys["1"] == "inner" and keys["4"] == "acquaintance"
    assert keys["c"] == "close" and keys["n"] == "network" and keys["a"] == "acquaintance"
    clash = rv.triage_keys(["core", "close", "xtra"])
    assert "c" not in clash and "x" not in clash and clash["3"] == "xtra"


def test_queue_for_demo_network_matches_services(demo_network):
    items = rv.queue_for(demo_network)
    ids = {i.contact.id for i in items}
    assert {e.contact.id for e in demo_network.due_list(0)} <= ids
    assert {c.id for c, _ in demo_network.birthdays(7)} <= ids
    nudges = demo_network.nudges()
    assert {c.id for c, _ in nudges.owes_back} <= ids
    assert {c.id for c, _, _ in nudges.stale_asks} <= ids
    urgencies = [(-i.urgency, i.rank) for i in items]
    assert urgencies == sorted(urgencies)
    card = rv.card_for(demo_network, items[0])
    data = card.to_json()
    assert data["name"] == items[0].contact.name and data["reasons"]
    assert card.balance_line().startswith(f"{card.standing.balance:+d}")


def test_demo_has_a_birthday_in_the_queue(data_dir):
    from tests.conftest import open_network

    net = open_network(data_dir)
    net.import_all(generate(60, seed=7, today=TODAY))
    kinds = {r.kind for i in rv.queue_for(net) for r in i.reasons}
    assert {"due", "birthday", "stale_ask", "owes_back"} <= kinds
    net.store.close()


def test_the_queue_in_order_is_the_queue_built_with_reasons_on_any_day(demo_network):
    """queue_for orders people from the derived values alone (Network.review_order) and
    makes each item when shown; build_all makes every item from the whole-network
    answers. Over a year of days, with a leap day, snoozes, follow-ups, an archived
    birthday, an answered ask and declined favours, both give the same queue."""
    from netui.domain.models import CheckIn, Direction, FavourStatus
    from netui.services import Network

    net = demo_network
    people = net.contacts()
    for c in people:  # nobody due today: birthdays and the ledger stand alone
        net.mark_done(c.id)
    net.add_contact(Contact(name="Leap Day", birthday="2000-02-29"))
    net.edit_contact(people[0].id, birthday=f"--{TODAY:%m-%d}")
    net.set_archived(people[0].id)
    net.snooze(people[1].id, TODAY + timedelta(days=40))
    net.add_checkin(CheckIn(contact_id=people[2].id, due=TODAY + timedelta(days=3),
                            reason="send the deck"))
    net.log_favour(Favour(contact_id=people[3].id, direction=Direction.asked, text="advice",
                          date=TODAY - timedelta(days=31), status=FavourStatus.done))
    net.log_favour(Favour(contact_id=people[4].id, direction=Direction.received,
                          text="a lift", date=TODAY, status=FavourStatus.declined))
    net.log_favour(Favour(contact_id=people[5].id, direction=Direction.asked,
                          text="a reference", date=TODAY - timedelta(days=30)))  # stale tomorrow
    days = [TODAY + timedelta(days=n) for n in range(0, 120)]
    days += [date(2028, 2, 22), date(2028, 2, 28), date(2028, 2, 29), date(2027, 2, 22)]
    kinds: set[str] = set()
    alone: set[str] = set()  # each reason also seen as someone's only one
    for day in days:
        other = Network(net.store, config=net.config, today=lambda d=day: d)
        queue = rv.queue_for(other)
        assert list(queue) == rv.build_all(other), day
        kinds |= {k for i in queue for k in i.kinds}
        alone |= {next(iter(i.kinds)) for i in queue if len(i.kinds) == 1}
    assert kinds == alone == {"due", "birthday", "stale_ask", "owes_back"}


def test_an_item_settled_after_the_queue_was_built_says_so(demo_network):
    net = demo_network
    later = net.due_list(0)[-1].contact.id
    net.edit_contact(later, birthday=None)
    queue = rv.queue_for(net)
    first = queue[0]
    assert later in queue.ids()
    net.mark_done(later, note="ran into them")
    net.log_favour(Favour(contact_id=later, direction=Direction.gave, text="an intro",
                          date=TODAY, size=3))
    item = queue[queue.ids().index(later)]  # made now, from the data of now
    assert item.contact.id == later
    assert [r.kind for r in item.reasons] == ["settled"]
    assert item.why() == "nothing due any more"
    assert queue[0] is first  # made once
    assert later not in rv.queue_for(net).ids()  # the network's queue followed the write
