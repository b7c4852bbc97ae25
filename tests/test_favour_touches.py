"""Every exchange is a touch: favours (and both people of an intro) move last touch,
due dates and the review, kept in step with writes the same as a fresh build."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netui.config import Config
from netui.domain.models import Contact, Direction, Favour, Interaction, Kind
from netui.services import Network
from tests.conftest import TODAY, open_network


def _favour(cid, days_ago, direction=Direction.gave, **kw):
    return Favour(contact_id=cid, direction=direction, date=TODAY - timedelta(days=days_ago),
                  **{"text": "a hand", **kw})


def test_a_favour_is_a_touch_and_leaves_with_its_delete(network):
    p = network.add_contact(Contact(name="Priya", circle="close"))
    network.log_interaction(Interaction(contact_ids=[p.id], date=TODAY - timedelta(days=40)))
    assert network.due(p.id).due <= TODAY  # overdue: last touch 40 days ago
    f = network.log_favour(_favour(p.id, 2, Direction.asked, text="for a reference"))
    assert network.last_touch(p.id) == TODAY - timedelta(days=2)
    assert network.due(p.id).due > TODAY
    assert p.id not in [e.contact.id for e in network.due_list()]
    network.delete_favour(f.id)
    assert network.last_touch(p.id) == TODAY - timedelta(days=40)


def test_an_intro_is_a_touch_with_both(network):
    a = network.add_contact(Contact(name="Aoife", circle="close"))
    b = network.add_contact(Contact(name="Ben", circle="close"))
    network.log_favour(_favour(a.id, 1, introduced_id=b.id, text="intro"))
    assert network.last_touch(a.id) == network.last_touch(b.id) == TODAY - timedelta(days=1)


def test_the_setting_turns_it_off(network):
    p = network.add_contact(Contact(name="Priya", circle="close"))
    network.log_favour(_favour(p.id, 2))
    assert network.last_touch(p.id) is not None
    network.config = Config(favours_count_as_touch=False)
    assert network.last_touch(p.id) is None


ops = st.lists(st.tuples(st.sampled_from(["favour", "intro", "note", "meeting", "delete"]),
                         st.integers(0, 2), st.integers(0, 2), st.integers(0, 60)),
               min_size=1, max_size=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops)
@example([("intro", 0, 1, 0)])  # the other person of an intro, favours not yet indexed
def test_touches_kept_in_step_equal_a_fresh_build(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("touch") / "data"
    net = open_network(path)
    people = [net.add_contact(Contact(name=n, circle="close")) for n in ("A", "B", "C")]
    for p in people:
        net.last_touch(p.id)  # build the indexes first, so writes keep them in step
    made: list[tuple[str, str]] = []
    for op, i, j, ago in steps:
        day = TODAY - timedelta(days=ago)
        if op == "favour":
            made.append(("f", net.log_favour(Favour(contact_id=people[i].id,
                                                    direction=Direction.received,
                                                    text="advice", date=day)).id))
        elif op == "intro" and i != j:
            made.append(("f", net.log_favour(Favour(
                contact_id=people[i].id, direction=Direction.gave, date=day,
                introduced_id=people[j].id)).id))
        elif op in ("note", "meeting"):
            kind = Kind.note if op == "note" else Kind.meeting
            made.append(("i", net.log_interaction(Interaction(
                contact_ids=[people[i].id], date=day, kind=kind)).id))
        elif op == "delete" and made:
            what, rid = made.pop(i % len(made))
            (net.delete_favour if what == "f" else net.delete_interaction)(rid)
    fresh = Network(net.store, today=lambda: TODAY)
    for p in people:
        assert net.last_touch(p.id) == fresh.last_touch(p.id)
        assert net.due(p.id) == fresh.due(p.id)
