"""The ledger's favour rows (domain.favour_rows) read straight from stored documents:
whatever a document holds, the row agrees with the model's (same values, or rejected by
both); and the ledger built from rows (its list, balances and nudges, kept and patched
per write) is the one a straightforward build from every model gives."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netui.domain import ledger
from netui.domain.favour_rows import FavourRow, _read, newest_first
from netui.domain.models import STORED, Contact, Direction, Favour, FavourStatus
from netui.domain.names import fold
from netui.services import Network
from netui.storage import Store

TODAY = date(2026, 11, 22)
PROPS = settings(max_examples=200, deadline=None, report_multiple_bugs=False,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
MISSING = object()  # the key is left out of the document
ODD_IDS = ["", "   ", " x ", "x y", "\t", "x" * 65, "é", 5, None]
ODD = {"id": ODD_IDS, "contact_id": ODD_IDS,
       "date": ["2026-02-30", "20261122", "2026-1-02", "2026/11/22", "0001-01-01",
                "9999-12-31", "", 20261122, None],
       "text": ["  padded  ", "x" * 10_001, " " * 10_001, None, 5],
       "direction": [MISSING, "Gave", "gift", None, ["gave"]],
       "status": [MISSING, "Done", "", None, []],
       "size": [MISSING, 0, 4, "2", True, 2.0, None],
       "rev": [MISSING, -1, True, "3", 2.0, None],
       "introduced_id": [MISSING, "", " x", "x" * 65, 5, "other"]}
days = st.dates(TODAY - timedelta(days=120), TODAY)
CIDS = ["c1", "c2", "c3", "gone"]  # "gone" names no contact


def change(doc: dict, field: str, value: object) -> dict:
    doc = {k: v for k, v in doc.items() if k != field}
    if value is not MISSING:
        doc[field] = value
    return doc


def model_or_none(doc: dict) -> Favour | None:
    try:
        return Favour.model_validate(doc, context=STORED)
    except ValidationError:
        return None


stored = st.builds(
    lambda f: f.to_doc(),
    st.builds(Favour, contact_id=st.sampled_from(CIDS), direction=st.sampled_from(Direction),
              status=st.sampled_from(FavourStatus), size=st.integers(1, 3), date=days,
              text=st.sampled_from(["", "an intro", "a loan"])))


def odd(fields: list[str], values: dict[str, list] = ODD) -> st.SearchStrategy[dict]:
    def variants(doc: dict) -> st.SearchStrategy[dict]:
        one = st.sampled_from(fields).flatmap(
            lambda f: st.sampled_from(values[f]).map(lambda v: change(doc, f, v)))
        return st.just(doc) | one
    return stored.flatmap(variants)


@settings(max_examples=400, deadline=None)
@given(odd(sorted(ODD)))
def test_a_row_read_without_its_model_reads_as_the_model_does(doc: dict) -> None:
    f = model_or_none(doc)
    expected = None if f is None else FavourRow.of(f)
    assert FavourRow.of_doc(doc) == expected
    quick = _read(doc)  # the fast reading never says what the model would not
    assert quick is None or quick == expected


@pytest.mark.parametrize(("field", "value"), [(f, v) for f, vs in ODD.items() for v in vs])
def test_every_odd_field_reads_as_the_model_reads_it(field, value) -> None:
    for direction in Direction:
        for status in [*FavourStatus, MISSING]:
            base = Favour(contact_id="c1", direction=direction, date=TODAY).to_doc()
            doc = change(change(base, "status", status), field, value)
            f = model_or_none(doc)
            assert FavourRow.of_doc(doc) == (None if f is None else FavourRow.of(f))


@given(st.lists(st.tuples(days, st.sampled_from(["a", "b", "c", "d"])), max_size=30,
                unique_by=lambda t: t[1] + t[0].isoformat()))
def test_newest_first_is_the_order_of_date_then_id(keys) -> None:
    rows = [FavourRow(rid, "c1", Direction.gave, FavourStatus.done, day, 1, None)
            for day, rid in keys]
    newest_first(rows)
    assert rows == sorted(rows, key=lambda r: (r.date, r.id), reverse=True)


# -- the ledger built from rows, against one built from every model ----------------------


def straightforward(net: Network) -> tuple[list[str], list, dict]:
    """The favour list, balances and nudges from every model, read the plain way."""
    contacts = {c.id: c for c in net.contacts(include_archived=True)}
    models = [f for doc in net.store.docs("favours")
              if (f := model_or_none(doc)) is not None and f.contact_id in contacts]
    listed = [f.id for f in sorted(models, key=lambda f: (f.date, f.id), reverse=True)]
    # A balance counts the favours stored under the contact's id (a favour stored under
    # a padded id is listed as its model's contact's, and counts in no balance).
    by_contact: defaultdict[str, list[Favour]] = defaultdict(list)
    for doc in net.store.docs("favours"):
        if (cid := doc.get("contact_id")) in contacts:
            by_contact[cid] += [f] if (f := model_or_none(doc)) is not None else []
    standings = {cid: ledger.standing(fs) for cid, fs in by_contact.items()}
    balances = sorted(standings.items())
    owes, over, stale = [], [], []
    for cid, one in standings.items():
        if contacts[cid].archived:
            continue
        if one.owes_back:
            owes.append(cid)
        if one.asks_exceed_gives:
            over.append(cid)
        stale += [(cid, f.id, ledger.ask_age(f, TODAY)) for f in by_contact[cid]
                  if f.direction is Direction.asked and f.status is FavourStatus.open
                  and f.contact_id == cid and ledger.is_stale(f.date, TODAY)]
    return listed, balances, {"owes": sorted(owes), "over": sorted(over),
                              "stale": sorted(stale)}


def check_against_models(net: Network) -> None:
    listed, balances, nudges = straightforward(net)
    assert [r.id for r in net.favour_rows()] == listed
    assert [f.id for f in net.favours()] == listed
    got = net.balances()
    assert sorted((c.id, one) for c, one in got) == balances
    order = [(one.balance, fold(c.name)) for c, one in got]
    assert order == sorted(order)
    n = net.nudges()
    assert sorted(c.id for c, _ in n.owes_back) == nudges["owes"]
    assert sorted(c.id for c, _ in n.over_asked) == nudges["over"]
    assert sorted((c.id, f.id, age) for c, f, age in n.stale_asks) == nudges["stale"]
    stale_order = [(-age, fold(c.name), f.id) for c, f, age in n.stale_asks]
    assert stale_order == sorted(stale_order)


WRITES = st.lists(st.tuples(st.sampled_from(["log", "status", "delete", "move", "drop contact",
                                             "rename", "archive"]),
                            st.integers(0, 50), st.sampled_from(Direction), days),
                  max_size=6)


# Stored under a padded id, a favour is its model's (stripped) contact's, and stays so.
IN_A_NETWORK = {**ODD, "contact_id": [" c1", "c2 ", "gone", ""]}


@PROPS
@given(docs=st.lists(odd(["date", "size", "status", "direction", "text", "contact_id"],
                         IN_A_NETWORK), max_size=14),
       writes=WRITES)
def test_the_ledger_from_rows_is_the_ledger_from_models_through_writes(
        tmp_path_factory, docs, writes) -> None:
    root = tmp_path_factory.mktemp("ledger") / "data"
    store = Store(root, backups=False, today=lambda: TODAY).open()
    people = [Contact(id=cid, name=name).to_doc()
              for cid, name in (("c1", "Ana"), ("c2", "Bo"), ("c3", "ana"))]
    store.replace_all({"contacts": people, "favours": docs})
    net = Network(store, today=lambda: TODAY)
    try:
        net.standing("c2")  # one kept the slow way, as the app's warm-up keeps them
        check_against_models(net)
        for what, n, direction, day in writes:
            live = [f.id for f in net.favours()]
            who = [c.id for c in net.contacts(include_archived=True)]
            if what == "log" and who:
                net.log_favour(Favour(contact_id=who[n % len(who)], direction=direction,
                                      text="more", date=day))
            elif what in ("status", "delete", "move") and live:
                fid = live[n % len(live)]
                if what == "status":
                    net.set_favour_status(fid, list(FavourStatus)[n % 3])
                elif what == "delete":
                    net.delete_favour(fid)
                elif who:
                    moved = net.favour(fid).model_copy(
                        update={"contact_id": who[n % len(who)], "text": "moved"})
                    net.update_favour(moved)
            elif what == "drop contact" and who:
                net.delete_contact(who[n % len(who)])
            elif what == "rename" and who:
                net.edit_contact(who[n % len(who)], name="Zed")
            elif what == "archive" and who:
                net.set_archived(who[n % len(who)], n % 2 == 0)
            check_against_models(net)
    finally:
        store.close()
