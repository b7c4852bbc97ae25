"""Re-importing: matches by UID, email, phone, then name with company; updates rather
than duplicates; dry runs and failed imports write nothing; round trips keep records."""

from __future__ import annotations

import pytest

from netui.demo import generate
from netui.domain.models import Contact
from netui.interop.csv_io import contacts_csv
from netui.interop.importer import run_import
from netui.interop.vcard import dump_vcards
from netui.storage import StoreError

from .interop_helpers import records


def vcf(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n")
    return path


def test_reimport_of_every_sample_is_idempotent(network, samples):
    files = sorted(samples.iterdir())
    first = run_import(network, files)
    before = network.export_all()
    again = run_import(network, files)
    assert again.count("added") == 0 and again.count("updated") == 0
    assert again.count("unchanged") == first.count("added")
    assert network.export_all() == before


@pytest.mark.parametrize(("existing", "incoming", "how"), [
    ({"uid": "card-1", "name": "Old Name"}, "UID:card-1\r\nFN:New Name\r\n", "uid"),
    ({"emails": ["Ann@Example.com"]}, "FN:Ann\r\nEMAIL:ann@example.com\r\n", "email"),
])
def test_matching_updates_instead_of_adding(network, tmp_path, existing, incoming, how):
    ann = network.add_contact(Contact(**{"name": "Ann A", **existing}))
    report = run_import(network, [vcf(tmp_path, "a.vcf", incoming + "TITLE:Boss\r\n")])
    assert network.contact_count() == 1
    [entry] = report.entries
    assert (entry.action, entry.detail.split(":")[0]) == ("updated", f"matched by {how}")
    assert "title Boss" in entry.detail
    assert network.contact(ann.id).title == "Boss"
    assert network.contact(ann.id).name == ann.name  # a merge never renames


def test_uid_wins_over_a_shared_email(network, tmp_path):
    a = network.add_contact(Contact(name="A", uid="u-a", emails=["shared@example.com"]))
    b = network.add_contact(Contact(name="B", uid="u-b"))
    run_import(network, [vcf(tmp_path, "b.vcf", "UID:u-b\r\nFN:B\r\nEMAIL:shared@example.com\r\n")])
    assert network.contact(b.id).emails == ["shared@example.com"]
    assert network.contact(a.id).emails == ["shared@example.com"]


def test_an_update_unions_lists_and_keeps_netui_facts(network, tmp_path):
    c = network.add_contact(Contact(name="Ann", emails=["a@example.com"], tags=["climbing"],
                                    how_met="PyCon", notes="likes tea", circle="close"))
    run_import(network, [vcf(tmp_path, "a.vcf", "FN:Ann\r\nEMAIL:a@example.com\r\n"
                                                "EMAIL:b@example.com\r\nCATEGORIES:work\r\n"
                                                "NOTE:moved to Lisbon\r\n")])
    got = network.contact(c.id)
    assert got.emails == ["a@example.com", "b@example.com"]
    assert got.tags == ["climbing", "work"]
    assert got.how_met == "PyCon" and got.circle == "close"
    assert got.notes == "likes tea\n\nmoved to Lisbon"


def test_the_same_person_twice_in_one_import_is_added_once(network, tmp_path):
    a = vcf(tmp_path, "a.vcf", "FN:Ann\r\nEMAIL:ann@example.com\r\n")
    b = vcf(tmp_path, "b.vcf", "FN:Ann Smith\r\nEMAIL:ANN@example.com\r\nTEL:+1 555 0100\r\n")
    report = run_import(network, [a, b])
    assert network.contact_count() == 1
    [ann] = network.contacts()
    assert ann.phones == ["+1 555 0100"]
    assert report.count("added") == 1 and "added above" in report.entries[1].detail


def test_dry_run_writes_nothing(network, samples):
    report = run_import(network, sorted(samples.iterdir()), dry_run=True)
    assert report.count("added") == 17
    assert network.contact_count() == 0 and network.store.count("contacts") == 0
    assert "dry run" in report.summary()


def test_a_failed_write_leaves_nothing_half_written(network, samples, monkeypatch, data_dir):
    network.add_contact(Contact(name="Before"))

    def fail(changes, what="the change"):
        raise StoreError("disk full")

    monkeypatch.setattr(network.store, "apply", fail)
    with pytest.raises(StoreError):
        run_import(network, sorted(samples.iterdir()))
    monkeypatch.undo()
    assert [c.name for c in network.contacts()] == ["Before"]
    network.store.close()
    from netui.storage import Store

    reopened = Store(data_dir).open()
    assert reopened.count("contacts") == 1
    reopened.close()


def test_an_import_is_one_undoable_step(network, samples):
    run_import(network, sorted(samples.iterdir()))
    assert network.contact_count() == 17
    assert network.undo_label().startswith("import")
    network.undo()
    assert network.contact_count() == 0


def test_vcard_round_trip_keeps_every_record(network, samples, shared_vcards, tmp_path,
                                             make_network):
    files = [*sorted(samples.iterdir()), *sorted(shared_vcards.rglob("*.vcf"))]
    run_import(network, files)
    out = tmp_path / "out.vcf"
    out.write_text(dump_vcards(network.contacts(include_archived=True)))
    other = make_network()
    report = run_import(other, [out])
    assert report.count("skipped") == 0 and not report.warnings
    assert records(other) == records(network)
    # Non-Latin names survive (SOURCES.md: korean-*.vcf, altid.vcf).
    assert {"최유림", "전도훈", "altid"} <= {c.name for c in other.contacts()}


def test_vcard_round_trip_of_the_demo_keeps_circle_cadence_and_history_fields(
        demo_network, tmp_path, make_network):
    demo_network.add_contact(Contact(name="Every Ten Days", cadence_days=10, circle="inner",
                                     birthday="--02-29", met_on="2020-02-02", how_met="a; b, c"))
    out = tmp_path / "demo.vcf"
    out.write_text(dump_vcards(demo_network.contacts(include_archived=True)))
    other = make_network()
    run_import(other, [out])
    assert records(other) == records(demo_network)
    assert any(c.cadence_days for c in other.contacts())
    assert any(c.circle for c in other.contacts())
    # Importing the export back into the same network changes nothing.
    again = run_import(demo_network, [out])
    assert again.count("unchanged") == demo_network.contact_count()


def test_csv_round_trip_keeps_every_record(demo_network, tmp_path, make_network):
    demo_network.add_contact(Contact(name="=HYPERLINK()", phones=["+44 1"], notes="-minus\nline"))
    out = tmp_path / "contacts.csv"
    out.write_bytes(contacts_csv(demo_network.contacts(include_archived=True)))
    assert b"'=HYPERLINK()" in out.read_bytes()  # not run as a formula by a spreadsheet
    other = make_network()
    report = run_import(other, [out])
    assert report.count("skipped") == 0
    assert records(other) == records(demo_network)


def test_round_trip_from_a_seeded_demo_is_stable(make_network, tmp_path):
    data = generate(30, seed=3)
    net = make_network("seeded")
    net.import_all(data)
    out = tmp_path / "a.vcf"
    out.write_text(dump_vcards(net.contacts(include_archived=True)))
    twice = make_network("twice")
    run_import(twice, [out])
    out2 = tmp_path / "b.vcf"
    out2.write_text(dump_vcards(twice.contacts(include_archived=True)))
    third = make_network("third")
    run_import(third, [out2])
    assert records(third) == records(twice) == records(net)
