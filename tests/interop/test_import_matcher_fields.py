"""The import's planner indexes the people it knows by the few fields the matcher reads,
not by their whole stored documents (a dump of 10k contacts is ~0.1 s of every import):
it must decide every incoming card exactly as a matcher of the whole documents does."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.domain.matching import Matcher
from netui.domain.models import Contact
from netui.domain.phones import default_region
from netui.interop.importer import _Planner

KNOWN = [
    Contact(name="Anna Schmidt", emails=["anna@example.com"], phones=["+49 30 1234567"]),
    Contact(name="Bernd Schmidt", emails=["Anna@Example.com "], phones=["030 1234567"]),
    Contact(name="J. Smith", uid="urn:uuid:1234", emails=["js@example.org"]),
    Contact(name="John Smith", phones=["+1 212 555 0123 ext. 4", "555-0199"]),
    Contact(name="Ånna Schmídt", nickname="Ann", archived=True, phones=["1-800-FLOWERS"]),
    Contact(name="Smith, John", uid="other-uid", emails=["john@example.org"]),
]

names = st.sampled_from(["Anna Schmidt", "Ann", "Bernd", "John Smith", "J Smith", "Smith",
                         "Zoë New", "anna schmidt"])
emails = st.lists(st.sampled_from(["anna@example.com", "ANNA@example.com", "js@example.org",
                                   "john@example.org", "new@example.net"]), max_size=2)
phones = st.lists(st.sampled_from(["+49 30 1234567", "(030) 123-4567", "+1 212 555 0123",
                                   "555 0199", "+1 800 356 9377", "12"]), max_size=2)
uids = st.sampled_from([None, "urn:uuid:1234", "other-uid", "fresh"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(names, emails, phones, uids), min_size=1, max_size=6))
def test_the_planner_decides_as_a_matcher_of_whole_documents(network, incoming):
    if not network.contacts(include_archived=True):
        network.config.region = "DE"
        for c in KNOWN:
            network.add_contact(c)
    planner = _Planner(network)
    whole = Matcher(default_region(network.config.region))
    for c in network.contacts(include_archived=True):
        whole.add(c.to_doc())
    for name, mails, numbers, uid in incoming:
        doc = Contact(name=name, emails=mails, phones=numbers, uid=uid).to_doc()
        assert planner.matcher.decide(doc) == whole.decide(doc)
        planner.matcher.add(doc)
        whole.add(doc)


def test_a_matched_person_is_compared_on_their_whole_stored_document(network):
    kept = network.add_contact(Contact(name="Anna Schmidt", emails=["anna@example.com"],
                                       notes="met in Berlin", tags=["climate"]))
    planner = _Planner(network)
    assert planner.doc(kept.id) == network.contact(kept.id).to_doc()
