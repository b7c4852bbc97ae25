"""What the app keeps all session shares equal values (services.kept_contacts, the rows'
interned ids and circles): a kept record reads exactly as one made on its own."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.favour_rows import FavourRow
from netui.domain.models import STORED, Contact
from netui.domain.rows import ContactRow
from netui.services.kept_contacts import keep_contact
from netui.services.opening import open_network
from netui.storage import Change

MADE = "2024-03-01T10:00:00+00:00"


def doc(cid: str, **fields) -> dict:
    return {**Contact(id=cid, name=f"Person {cid}", circle="close", company="Acme",
                      created_at=dt.datetime.fromisoformat(MADE),
                      updated_at=dt.datetime.fromisoformat(MADE)).to_doc(), **fields}


def test_a_kept_contact_reads_as_the_model_made_on_its_own():
    for d in (doc("a1"), doc("a2", updated_at="2025-01-01T00:00:00+00:00"),
              doc("a3", updated_at="2024-03-01T11:00:00+01:00")):  # the same instant
        alone = Contact.model_validate(d, context=STORED)
        kept = keep_contact(Contact.model_validate(d, context=STORED), "".join(d["id"]))
        assert kept.to_doc() == alone.to_doc()
        assert kept.updated_at.utcoffset() == alone.updated_at.utcoffset()
    assert kept.updated_at is not kept.created_at  # a3: equal instants, other offsets


def test_kept_contacts_share_their_repeated_values(data_dir):
    today = lambda: dt.date(2026, 1, 1)  # noqa: E731
    net = open_network(data_dir, today=today, backup=False)
    net.contacts()  # the models are kept from here on: a write keeps them in step
    net.commit([Change("contacts", c, doc(c)) for c in ("b1", "b2")], "add two")
    again = open_network(data_dir, today=today, backup=False)
    for network in (net, again):  # kept by a write, and built from the store
        one, two = (c for c in network.contacts() if c.id in ("b1", "b2"))
        assert one.circle == two.circle == "close" and one.circle is two.circle
        assert one.company is two.company
        assert one.updated_at is one.created_at  # never edited: one time, not two
    edited = net.edit_contact("b1", company="Initech")
    assert edited.company == "Initech" and net.contact("b2").company == "Acme"
    assert edited.updated_at != edited.created_at


def test_rows_share_a_contacts_id_and_circle():
    favours = [FavourRow.of_doc({"id": f"f{n}", "contact_id": "".join(["c", "1"]),
                                 "direction": "gave", "date": "2025-01-02"}) for n in (1, 2)]
    assert favours[0] is not None and favours[1] is not None
    assert favours[0].contact_id == "c1" and favours[0].contact_id is favours[1].contact_id
    rows = [ContactRow.of_doc({"id": f"c{n}", "name": "X", "circle": "".join(["fri", "ends"])})
            for n in (1, 2)]
    assert rows[0] is not None and rows[1] is not None
    assert rows[0].circle == "friends" and rows[0].circle is rows[1].circle


def test_a_kept_contact_shares_its_rows_strings_and_its_repeated_words():
    d = doc("d1", nickname="Dee", emails=["d@example.org"], tags=["".join(["wo", "rk"])],
            roles=["".join(["men", "tor"])], met_on="2020-05-06")
    key = "".join(["d", "1"])
    row = ContactRow.of_doc(d, key)
    assert row is not None and row.id is key
    other = ContactRow.of_doc({**d, "id": "d2", "tags": ["".join(["wo", "rk"])]})
    assert other is not None and other.tags[0] is row.tags[0]  # interned
    kept = keep_contact(Contact.model_validate(d, context=STORED), key, row)
    assert kept.name is row.name and kept.nickname is row.nickname
    assert kept.emails[0] is row.emails[0] and kept.tags[0] is row.tags[0]
    again = keep_contact(Contact.model_validate({**d, "id": "d2"}, context=STORED))
    assert again.roles[0] is kept.roles[0] and again.met_on is kept.met_on


NAMES = st.sampled_from(["Ana", "Ana Lima", "Bo", "Zoë"])
WORDS = st.lists(st.sampled_from(["work", "Work", "café", "x"]), max_size=3)


@settings(max_examples=200)
@given(st.fixed_dictionaries({"name": NAMES, "nickname": st.none() | NAMES,
                              "emails": st.lists(st.sampled_from(["a@x.org", "b@x.org"]),
                                                 max_size=2),
                              "tags": WORDS, "roles": WORDS,
                              "met_on": st.none() | st.sampled_from(["2020-01-02",
                                                                     "2021-12-31"])}),
       st.fixed_dictionaries({"name": NAMES, "nickname": st.none() | NAMES,
                              "emails": st.lists(st.sampled_from(["a@x.org"]), max_size=2)}),
       st.booleans())
def test_a_contact_kept_beside_any_row_reads_as_the_model_made_on_its_own(fields, seen, same):
    """Whatever the row read before holds (the same document or an older one), sharing
    never changes a value: the kept model dumps as the model validated alone."""
    d = doc("e1", **fields)
    row = ContactRow.of_doc(d if same else {**d, **seen}, "e1")
    alone = Contact.model_validate(d, context=STORED)
    kept = keep_contact(Contact.model_validate(d, context=STORED), "e1", row)
    assert kept.to_doc() == alone.to_doc()
    assert row is None or ContactRow.of(kept) == ContactRow.of(alone)


def test_a_favour_row_shares_the_stores_key_for_its_id():
    d = {"id": "f1", "contact_id": "c1", "direction": "gave", "date": "2025-01-02"}
    key = "".join(["f", "1"])
    row = FavourRow.of_doc(d, key)
    assert row is not None and row.id is key and row == FavourRow.of_doc(d)
    other = FavourRow.of_doc({**d, "id": "f2"}, key)  # another program's id: its own
    assert other is not None and other.id == "f2"
