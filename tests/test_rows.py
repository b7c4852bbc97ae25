"""Contact rows: what the contact list draws and filters, read from stored documents
without building models (the app's first frame), and kept in step with writes."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netui.domain.models import Contact, Direction, Favour
from netui.domain.rows import ContactRow
from netui.services import Network
from netui.storage import CorruptData, Store
from tests.conftest import TODAY, open_network

text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
               max_size=20).filter(lambda s: s.strip())
maybe = st.none() | text
emails = st.from_regex(r"[a-z0-9]{1,8}@[a-z]{1,8}\.example", fullmatch=True)


@given(name=text, nickname=maybe, company=maybe, circle=maybe,
       tags=st.lists(text, max_size=3), emails=st.lists(emails, max_size=2),
       archived=st.booleans())
def test_row_from_the_stored_document_is_the_row_of_the_model(
    name, nickname, company, circle, tags, emails, archived
) -> None:
    c = Contact(name=name, nickname=nickname, company=company, circle=circle, tags=tags,
                emails=emails, archived=archived)
    stored = orjson.loads(orjson.dumps(c.to_doc()))
    assert ContactRow.of_doc(stored) == ContactRow.of(c)


@pytest.mark.parametrize("broken", [
    {"name": 3}, {"name": ""}, {"name": "  "}, {"id": None}, {"id": ""},
    {"tags": "friends"}, {"tags": ["ok", 4]}, {"emails": [None]},
    {"archived": "yes"}, {"company": ["Acme"]}, {"circle": 1}, {"nickname": {}},
])
def test_a_document_another_program_broke_gives_no_row(broken: dict) -> None:
    doc = {**Contact(name="Ana").to_doc(), **broken}
    assert ContactRow.of_doc(doc) is None


def test_rows_need_no_model(network: Network, data_dir: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    network.add_contact(Contact(name="Zoe", company="Acme", tags=["climate"]))
    network.add_contact(Contact(name="ana", circle="inner"))
    network.store.close()
    fresh = open_network(data_dir)
    try:
        def refuse(*args, **kwargs):
            raise AssertionError("a contact model was built")

        monkeypatch.setattr(Contact, "model_validate", refuse)
        rows = fresh.contact_rows()
        assert [(r.name, r.company, r.circle, r.tags) for r in rows] == [
            ("ana", None, "inner", ()), ("Zoe", "Acme", None, ("climate",))]
    finally:
        fresh.store.close()


def test_rows_follow_writes_and_unchanged_rows_keep_their_identity(network: Network) -> None:
    ana = network.add_contact(Contact(name="Ana"))
    bo = network.add_contact(Contact(name="Bo"))
    before = {r.id: r for r in network.contact_rows()}
    network.edit_contact(ana.id, company="Globex")
    after = {r.id: r for r in network.contact_rows()}
    assert after[ana.id].company == "Globex"
    assert after[bo.id] is before[bo.id]  # the filter's per-row cache stays valid
    network.set_archived(bo.id, True)
    assert [r.name for r in network.contact_rows()] == ["Ana"]
    assert [r.name for r in network.contact_rows(include_archived=True)] == ["Ana", "Bo"]
    network.delete_contact(ana.id)
    assert network.contact_rows() == []
    network.undo()
    assert [r.name for r in network.contact_rows()] == ["Ana"]


def test_favours_are_read_on_first_use(network: Network, data_dir: Path) -> None:
    ana = network.add_contact(Contact(name="Ana"))
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="an intro", date=TODAY))
    network.store.close()
    shard = next(p for p in (data_dir / "favours").glob("*.json") if p.stat().st_size > 2)
    shard.write_bytes(b"\x00 not json")
    # What the app does: open reading contacts only, today's backup after the first frame.
    fresh = Network(Store(data_dir, today=lambda: TODAY).open(backup=False),
                    today=lambda: TODAY)
    try:
        assert [r.name for r in fresh.contact_rows()] == ["Ana"]
        with pytest.raises(CorruptData, match=str(shard)):
            fresh.balance(ana.id)
        with pytest.raises(CorruptData, match=str(shard)):
            fresh.store.daily_backup()
        assert not (data_dir / "backups" / f"auto-{TODAY}").exists()
    finally:
        fresh.store.close()


def test_a_favour_logged_before_the_favours_are_read_is_counted(network: Network,
                                                                data_dir: Path) -> None:
    ana = network.add_contact(Contact(name="Ana"))
    network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="an intro", date=TODAY))
    network.store.close()
    fresh = open_network(data_dir)
    try:
        fresh.log_favour(Favour(contact_id=ana.id, direction=Direction.gave, text="a review", date=TODAY))
        assert fresh.balance(ana.id) == 2
        assert len(fresh.favours(contact_id=ana.id)) == 2
    finally:
        fresh.store.close()
