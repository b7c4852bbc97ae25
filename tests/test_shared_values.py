"""What the app keeps all session shares equal values (services.kept_contacts, the rows'
interned ids and circles): a kept record reads exactly as one made on its own."""

from __future__ import annotations

import datetime as dt

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
