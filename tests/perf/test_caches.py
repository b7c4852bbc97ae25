"""The speed-ups keep answers exact: caches and lazy loading stay in step with every
write, undo, reload and day change (see bench.py for what they buy)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson

from netui.config import Config
from netui.domain.models import Direction, Favour, FavourStatus, Interaction, Kind
from netui.services import Network
from netui.storage import SHARDS, Store, shard_of
from tests.conftest import TODAY, open_network


def note(net: Network, text: str, kind: Kind = Kind.note) -> Interaction:
    who = net.contacts()[0].id
    return net.log_interaction(Interaction(contact_ids=[who], date=TODAY, kind=kind, text=text))


def test_note_search_follows_writes_undo_and_reloads(demo_network: Network,
                                                     data_dir: Path) -> None:
    net = demo_network
    assert net.search_notes("zanzibar") == []  # builds the folded-text cache
    added = note(net, "Trip to Zanzibar, café Ñandú")
    assert [i.id for i in net.search_notes("zanzibar cafe nandu")] == [added.id]
    net.update_interaction(added.model_copy(update={"text": "trip to Lisbon"}))
    assert net.search_notes("zanzibar") == []
    assert [i.id for i in net.search_notes("lisbon")][:1] == [added.id]
    net.undo()
    assert [i.id for i in net.search_notes("zanzibar")] == [added.id]
    net.delete_interaction(added.id)
    assert net.search_notes("zanzibar") == []
    # Another program adds a note: the reload rebuilds the cache.
    other = open_network(data_dir)
    theirs = note(other, "zanzibar again")
    other.store.close()
    assert net.refresh()
    assert [i.id for i in net.search_notes("zanzibar")] == [theirs.id]


def test_due_list_and_nudges_follow_writes_days_and_config(demo_network: Network) -> None:
    net = demo_network
    due = net.due_list(0)
    assert due and net.due_list(0) == due
    first = due[0].contact
    net.mark_done(first.id)
    assert first.id not in [e.contact.id for e in net.due_list(0)]
    net.undo()
    assert first.id in [e.contact.id for e in net.due_list(0)]

    ask = Favour(contact_id=first.id, direction=Direction.asked, text="an intro",
                 date=TODAY - timedelta(days=400), status=FavourStatus.open)
    before = [f.id for _c, f, _age in net.nudges().stale_asks]
    net.log_favour(ask)
    assert ask.id in [f.id for _c, f, _age in net.nudges().stale_asks]
    net.nudges().stale_asks.clear()  # callers get copies, never the cache itself
    assert ask.id in [f.id for _c, f, _age in net.nudges().stale_asks]
    net.delete_favour(ask.id)
    assert [f.id for _c, f, _age in net.nudges().stale_asks] == before

    later = Network(net.store, today=lambda: TODAY + timedelta(days=365))
    assert len(later.due_list(0)) > len(due)
    net.config = Config(circles={"inner": 3650, "close": 3650, "network": 3650,
                                 "acquaintance": 3650})
    assert len(net.due_list(0)) < len(due)


def test_last_touch_index_is_built_on_first_use_and_stays_exact(demo_network: Network) -> None:
    shell = Network(demo_network.store, today=lambda: TODAY)  # like `netui note`: no index
    who = shell.contacts()[0].id
    shell.log_interaction(Interaction(contact_ids=[who], date=TODAY, kind=Kind.call, text="hi"))
    assert shell.last_touch(who) == TODAY  # the index, built now, includes the write
    fresh = Network(demo_network.store, today=lambda: TODAY)
    assert {c.id: fresh.last_touch(c.id) for c in fresh.contacts()} == {
        c.id: shell.last_touch(c.id) for c in shell.contacts()}
    fresh.delete_interaction(fresh.interactions_for(who)[0].id)
    rebuilt = Network(demo_network.store, today=lambda: TODAY)
    assert fresh.last_touch(who) == rebuilt.last_touch(who)


def test_lazily_loaded_notes_are_never_clobbered(demo_network: Network, data_dir: Path) -> None:
    everything = demo_network.store.snapshot()
    demo_network.store.close()
    store = Store(data_dir, today=lambda: TODAY).open()
    net = Network(store, today=lambda: TODAY)
    added = note(net, "written before any note was read")
    store.close()
    again = open_network(data_dir)
    try:
        notes = {d["id"] for d in again.store.docs("interactions")}
        assert notes == {d["id"] for d in everything["interactions"]} | {added.id}
    finally:
        again.store.close()


def test_lazy_shard_reads_what_another_program_wrote(demo_network: Network,
                                                     data_dir: Path) -> None:
    some = next(iter(demo_network.store.docs("interactions")))
    demo_network.store.close()
    store = Store(data_dir, today=lambda: TODAY).open(backup=False)  # notes not read yet
    path = data_dir / "interactions" / f"{shard_of(some['id'], SHARDS['interactions']):02d}.json"
    data = orjson.loads(path.read_bytes())
    data["interactions"][some["id"]]["text"] = "synced in"
    path.write_bytes(orjson.dumps(data))
    try:
        assert store.get("interactions", some["id"])["text"] == "synced in"
        assert store.count("interactions") == len(list(store.docs("interactions")))
    finally:
        store.close()


def test_new_day_recomputes_due(demo_network: Network) -> None:
    current = {"day": TODAY}
    net = Network(demo_network.store, today=lambda: current["day"])
    soon = len(net.due_list(0))
    current["day"] = TODAY + timedelta(days=200)
    assert len(net.due_list(0)) > soon


def test_the_cached_review_queue_follows_every_kind_of_write(demo_network: Network) -> None:
    from netui.domain.review import queue_for

    net = demo_network
    net.warm()
    first = queue_for(net)
    who = first[0].contact
    net.mark_done(who.id, note="coffee")  # an interaction and check-ins
    assert who.id not in {i.contact.id for i in queue_for(net) if "due" in i.kinds}
    giver = next(i.contact for i in first if "owes_back" in i.kinds)
    net.log_favour(Favour(contact_id=giver.id, direction=Direction.gave, text="an intro",
                          date=TODAY, size=3))
    assert giver.id not in {i.contact.id for i in queue_for(net) if "owes_back" in i.kinds}
    net.edit_contact(who.id, name="Renamed Person")  # a contact
    assert queue_for(net) == queue_for(Network(net.store, today=lambda: TODAY))
    assert queue_for(net) is queue_for(net)  # kept while nothing is written



def test_the_review_queue_kept_in_step_equals_a_fresh_build(demo_network: Network) -> None:
    """Each kind of write patches the kept queue (only the contacts written to are
    rebuilt); after every one it must equal the queue a fresh Network builds, and every
    item built at once from the whole-network answers."""
    from netui.domain.review import build_all, queue_for

    net = demo_network
    queue = queue_for(net)
    people = [i.contact for i in queue]
    a, b, c, d = people[0], people[1], people[2], people[-1]
    others = [p for p in net.contacts() if p.id not in {i.contact.id for i in queue}]
    quiet = others[0]
    asked = Favour(contact_id=b.id, direction=Direction.asked, text="an intro",
                   date=TODAY - timedelta(days=90), status=FavourStatus.open)
    writes = [
        lambda: net.mark_done(a.id, note="coffee"),
        lambda: net.log_favour(Favour(contact_id=b.id, direction=Direction.received,
                                      date=TODAY, text="a referral")),
        lambda: net.log_favour(asked),
        lambda: net.set_favour_status(asked.id, FavourStatus.done),
        lambda: net.edit_contact(c.id, name="Aaron Aardvark"),  # moves in the order
        lambda: net.edit_contact(quiet.id, birthday=f"--{TODAY:%m-%d}"),  # joins
        lambda: net.edit_contact(d.id, circle="inner"),
        lambda: net.snooze(c.id, TODAY + timedelta(days=30)),
        lambda: net.set_archived(d.id, True),
        lambda: net.log_interaction(Interaction(contact_ids=[b.id, quiet.id], date=TODAY,
                                                kind=Kind.call, text="group call")),
        lambda: net.delete_contact(a.id),
        lambda: net.undo(),
        lambda: net.merge_contacts(b.id, quiet.id),
    ]
    for n, write in enumerate(writes):
        write()
        kept = queue_for(net)
        other = Network(net.store, config=net.config, today=lambda: TODAY)
        fresh = queue_for(other)
        assert kept.ids() == fresh.ids(), f"write {n}"
        assert kept == fresh == build_all(other), f"write {n}"
    assert queue_for(net) != queue  # the writes changed it, and the kept queue followed


def test_a_new_config_recomputes_due_dates_and_the_review(demo_network: Network) -> None:
    from netui.domain.review import queue_for

    net = demo_network
    inner = next(c for c in net.contacts() if c.circle == "inner" and not c.cadence_days)
    before = net.due(inner.id)
    queue_for(net)
    net.config = Config(circles={**net.config.circles, "inner": 1000})  # as a reload would
    after = net.due(inner.id)
    assert before is not None and after is not None
    assert after.due - before.due == timedelta(days=1000 - 14)
    fresh = Network(net.store, config=net.config, today=lambda: TODAY)
    assert queue_for(net).ids() == queue_for(fresh).ids()
