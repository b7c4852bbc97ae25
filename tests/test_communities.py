"""Communities, participation and links: the domain rules and the service over a store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netui.domain import community_quick, registry
from netui.domain.communities import (
    Community,
    CommunityRole,
    due_on,
    in_all,
    is_due,
    match,
    split_in,
)
from netui.domain.links import Link, reports_cycle
from netui.domain.models import Contact, Direction, Favour
from netui.errors import Invalid, NotFound
from netui.services.communities import participation_of

from .conftest import TODAY, open_network


@pytest.fixture
def net(data_dir):
    network = open_network(data_dir)
    for name in ("Priya Raman", "Tom Okafor", "Chi Obi"):
        network.add_contact(Contact(id=name.split()[0].lower(), name=name))
    yield network
    network.store.close()


def _acm(net, **extra) -> Community:
    return net.communities.add(Community(name="ACM Lagos", kind="association", **extra))


# -- domain ---------------------------------------------------------------------------


def test_match_prefers_exact_then_prefix_then_word():
    acm, acmx = Community(name="ACM Lagos"), Community(name="ACM")
    py = Community(name="PyCon Africa")
    assert match("acm", [acm, acmx, py]) == [acmx]
    assert match("acm l", [acm, py]) == [acm]
    assert match("africa", [acm, py]) == [py]
    assert match("nope", [acm, py]) == []


def test_default_cadence_follows_your_role():
    made = Community(name="X", role=CommunityRole.organiser)
    assert made.cadence == 14
    assert Community(name="X", cadence_days=45).cadence == 45
    start = made.created_at.date()
    assert due_on(made, None) == start + timedelta(days=14)
    assert not is_due(made, start, start + timedelta(days=13))
    assert is_due(made, start, start + timedelta(days=14))


def test_in_filter_split_and_membership():
    assert split_in("alex in:acm #climate") == ("alex #climate", ["acm"])
    assert split_in("in:") == ("", [""])
    assert in_all(["acmlagos", "pyconafrica"], ["acm", "pycon"])
    assert not in_all(["acmlagos"], ["acm", "pycon"])
    assert not in_all([], [""])  # in: with no name matches nobody


def test_a_link_to_oneself_is_refused():
    with pytest.raises(ValidationError, match="two different people"):
        Link(a_id="a", b_id="a", kind="works with")


def test_link_kind_spelling_and_direction_default():
    assert Link(a_id="a", b_id="b", kind="Works_With").kind == "works with"
    assert Link(a_id="a", b_id="b", kind="works with").directed is False
    assert Link(a_id="a", b_id="b", kind="introduced").directed is True


def test_reports_to_cycle_is_found():
    chain = [Link(a_id="a", b_id="b", kind="reports to"),
             Link(a_id="b", b_id="c", kind="reports to")]
    assert reports_cycle(chain, Link(a_id="c", b_id="a", kind="reports to")) == ["c", "a", "b", "c"]
    assert reports_cycle(chain, Link(a_id="a", b_id="c", kind="reports to")) is None
    assert reports_cycle(chain, Link(a_id="c", b_id="a", kind="works with")) is None


def test_the_registry_drops_a_link_left_joining_one_person():
    links = registry.kind("links")
    doc = Link(a_id="a", b_id="b", kind="works with").to_doc()
    assert registry.reowned(links, doc, "a", "c")["a_id"] == "c"
    assert registry.reowned(links, doc, "a", "b") is None  # merged into the other end
    assert registry.reowned(links, doc, "b", None) is None  # deleted
    key = registry.kind("links").same_as
    assert key({**doc, "a_id": "b", "b_id": "a"}) == key(doc)  # both ways, undirected
    intro = Link(a_id="a", b_id="b", kind="introduced").to_doc()
    assert key({**intro, "a_id": "b", "b_id": "a"}) != key(intro)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_community_mentions_never_raise_and_stay_in_the_text(text):
    for start, end, name in community_quick.mentions(text):
        assert text[start] == "&"
        assert 0 <= start < end <= len(text)
        assert name == name.strip()


@pytest.mark.parametrize("line,expected", [
    ('event &"ACM Lagos" chapter meetup, met @Chi and @Tom', ("event", "chapter meetup", 2)),
    ("gave &acm ran the registration desk", ("gave", "ran the registration desk", 0)),
    ("&acm @Chi talk on graphs yesterday", ("event", "talk on graphs", 1)),
])
def test_quick_add_community_lines(net, line, expected):
    _acm(net)
    read = community_quick.read(line, TODAY, net.people(), net.communities.all())
    assert read.ok, read.parsed.errors
    planned = community_quick.plan(read)
    assert isinstance(planned, community_quick.CommunityPlan)
    p = planned.participation
    assert (p.kind.value, p.text, len(p.contact_ids)) == expected


@pytest.mark.parametrize("line,error", [
    ("event &nope meetup", "&nope: no such community"),
    ("got &acm a sticker", "only gave goes with &acm"),
    ("&acm &acm twice", "one &community per line"),
    ("&acm meetup +2w", "follow-up"),
])
def test_quick_add_community_errors(net, line, error):
    _acm(net)
    read = community_quick.read(line, TODAY, net.people(), net.communities.all())
    assert any(error in e for e in read.parsed.errors), read.parsed.errors


def test_quick_add_without_ampersand_is_unchanged(net):
    read = community_quick.read("@Priya coffee", TODAY, net.people(), [])
    assert read.community is None and read.ok


# -- service -------------------------------------------------------------------------


def test_join_leave_and_members(net):
    svc = net.communities
    c = _acm(net)
    svc.join(c.id, ["priya", "tom"])
    svc.join(c.id, ["priya"])  # joining twice keeps one membership
    assert [m.name for m in svc.members(c.id)] == ["Priya Raman", "Tom Okafor"]
    assert [g.name for g in svc.communities_of("tom")] == ["ACM Lagos"]
    svc.leave(c.id, ["tom"])
    assert [m.id for m in svc.members(c.id)] == ["priya"]
    with pytest.raises(Invalid, match="not a member"):
        svc.leave(c.id, ["chi"])


def test_unknown_member_and_duplicate_name_save_nothing(net):
    svc = net.communities
    c = _acm(net)
    with pytest.raises(NotFound, match="no contact"):
        svc.join(c.id, ["ghost"])
    assert svc.community(c.id).member_ids == []
    with pytest.raises(Invalid, match="already exists"):
        svc.add(Community(name="acm lagos"))
    assert len(svc.all()) == 1


def test_find_says_unknown_or_ambiguous(net):
    svc = net.communities
    _acm(net)
    svc.add(Community(name="ACM Abuja"))
    with pytest.raises(Invalid, match="ambiguous"):
        svc.find("acm")
    with pytest.raises(Invalid, match="no such community"):
        svc.find("&pycon")
    assert svc.find('&"ACM Lagos"').name == "ACM Lagos"


def test_participation_sets_cadence_and_touches_people_met(net):
    svc = net.communities
    c = _acm(net, cadence_days=30)
    assert svc.due_state(c.id) == "ok"  # added today: due in 30 days
    old = TODAY - timedelta(days=40)
    svc.log(participation_of(c.id, old, "meetup", people=["chi"]))
    assert svc.last(c.id) == old
    assert svc.due_state(c.id) == "due"
    due = svc.due_list()
    assert [d.to_json()["kind"] for d in due] == ["community"]
    assert due[0].overdue_days == 10
    net.load_history()
    assert net.last_touch("chi") == old  # the note of the people met touches them
    svc.log(participation_of(c.id, TODAY, "gave a talk", gave=True))
    assert svc.due_state(c.id) == "ok"
    assert [p.text for _, p in svc.contributions()] == ["gave a talk"]


def test_a_quick_add_line_saves_participation_and_new_people(net):
    _acm(net)
    read = community_quick.read("&acm meetup met @Zed", TODAY, net.people(),
                                net.communities.all(), create=True)
    net.quick_add(community_quick.plan(read))
    assert [c.name for c in net.find("Zed")] == ["Zed"]
    history = net.communities.history(net.communities.find("acm").id)
    assert history[0].contact_ids == [net.find_one("Zed").id]


def test_delete_contact_detaches_membership_participation_and_links(net):
    svc = net.communities
    c = _acm(net)
    svc.join(c.id, ["priya", "tom"])
    svc.log(participation_of(c.id, TODAY, "meetup", people=["tom", "chi"]))
    net.links.add("tom", "priya", "works with")
    net.links.add("chi", "tom", "introduced")
    net.delete_contact("tom")
    assert svc.community(c.id).member_ids == ["priya"]
    assert svc.history(c.id)[0].contact_ids == ["chi"]
    assert net.links.all() == []
    net.undo()
    assert svc.community(c.id).member_ids == ["priya", "tom"]
    assert len(net.links.all()) == 2


def test_merge_repoints_and_never_duplicates_a_link(net):
    svc = net.communities
    c = _acm(net)
    svc.join(c.id, ["tom", "chi"])
    net.links.add("tom", "priya", "works with")
    net.links.add("chi", "priya", "works with")  # the same link once merged
    net.links.add("chi", "tom", "partner of")  # would join Tom to himself
    net.merge_contacts("tom", "chi")
    assert svc.community(c.id).member_ids == ["tom"]
    links = net.links.all()
    assert [(x.a_id, x.b_id, x.kind) for x in links] == [("tom", "priya", "works with")]


def test_link_refusals_save_nothing(net):
    net.links.add("tom", "priya", "reports to")
    net.links.add("priya", "chi", "reports to")
    with pytest.raises(Invalid, match="loop"):
        net.links.add("chi", "tom", "reports to")
    with pytest.raises(Invalid, match="themselves"):
        net.links.add("chi", "chi", "peer")
    with pytest.raises(Invalid, match="already linked"):
        net.links.add("tom", "priya", "reports to")
    assert len(net.links.all()) == 2
    assert net.links.unlink("priya", "tom") == 1
    with pytest.raises(Invalid, match="not linked"):
        net.links.unlink("priya", "tom")


def test_connections_show_links_and_intro_favours(net):
    net.links.add("priya", "tom", "introduced")
    net.links.add("chi", "tom", "works with")
    net.log_favour(Favour(contact_id="chi", direction=Direction.received, text="intro",
                          date=TODAY, introduced_id="priya"))
    tom = net.links.connections("tom")
    assert [c.other_id for c in tom["Met through"]] == ["priya"]
    assert [(c.other_id, c.kind) for c in tom["Connected to"]] == [("chi", "works with")]
    priya = net.links.connections("priya")
    assert [c.other_id for c in priya["Introduced"]] == ["tom"]
    assert [c.other_id for c in priya["Met through"]] == ["chi"]  # Chi introduced you to Priya


def test_delete_community_takes_its_log_and_undo_brings_it_back(net):
    svc = net.communities
    c = _acm(net)
    svc.log(participation_of(c.id, TODAY, "meetup"))
    svc.delete(c.id)
    assert svc.all() == [] and net.store.count("participations") == 0
    net.undo()
    assert [p.text for p in svc.history(c.id)] == ["meetup"]


def test_export_and_import_carry_communities_roles_and_links(net, tmp_path):
    svc = net.communities
    c = _acm(net)
    svc.join(c.id, ["priya"])
    net.links.add("priya", "tom", "works with")
    net.edit_contact("priya", roles=["Mentor"])
    data = net.export_all()
    assert [d["name"] for d in data["communities"]] == ["ACM Lagos"]
    assert len(data["links"]) == 1
    assert next(d for d in data["contacts"] if d["id"] == "priya")["roles"] == ["mentor"]
    other = open_network(tmp_path / "other")
    try:
        other.import_all(data)
        assert other.communities.find("acm").member_ids == ["priya"]
        assert len(other.links.all()) == 1
    finally:
        other.store.close()


def test_import_with_a_member_or_community_unknown_fails_whole(net, tmp_path):
    c = _acm(net)
    net.communities.log(participation_of(c.id, TODAY, "meetup"))
    data = net.export_all()
    other = open_network(tmp_path / "other")
    try:
        ghost = {**data, "communities": [{**data["communities"][0], "member_ids": ["ghost"]}]}
        with pytest.raises(Invalid, match=r"communities\[1\]: unknown contact id ghost"):
            other.import_all(ghost)
        orphan = {**data, "communities": []}
        with pytest.raises(Invalid, match=rf"participations\[1\]: unknown community id {c.id}"):
            other.import_all(orphan)
        assert other.contact_count() == 0
    finally:
        other.store.close()


def test_import_with_a_link_to_nobody_fails_whole(net, tmp_path):
    data = net.export_all()
    data["links"] = [Link(a_id="priya", b_id="ghost", kind="peer").to_doc()]
    other = open_network(tmp_path / "other")
    try:
        with pytest.raises(Invalid, match=r"links\[1\]: unknown contact id ghost"):
            other.import_all(data)
        assert other.contact_count() == 0
    finally:
        other.store.close()


def test_role_line_words_a_mentor_by_the_last_ask():
    from netui.domain.roles import role_line

    today = TODAY
    assert role_line([], None, None, today) is None
    five_months = today - timedelta(days=152)
    assert role_line(["mentor"], five_months, today, today) == (
        "your mentor: last asked for advice 5mo ago")
    assert role_line(["peer", "friend"], None, None, today) == (
        "your peer and friend: not in touch yet")
    assert role_line(["mentor"], None, today, today) == (
        "your mentor: you have not asked for advice yet")


def test_card_lines_show_role_communities_and_connections(net):
    from netui.ui.contact_detail import detail_text

    svc = net.communities
    svc.join(_acm(net).id, ["tom"])
    net.links.add("priya", "tom", "introduced")
    net.links.add("chi", "tom", "works with")
    net.edit_contact("tom", roles=["colleague"])
    text = str(detail_text(net, net.contact("tom")))
    for line in ("your colleague: not in touch yet", "ACM Lagos", "Priya Raman",
                 "Chi Obi (works with)"):
        assert line in text, text


def test_completion_offers_communities_and_writes_names_that_read_back():
    from netui.domain import community_quick
    from netui.domain.communities import Community

    groups = [Community(name=n) for n in ("PyConAfrica", "ACM Lagos", "Imperial alumni")]
    assert [c.name for c in community_quick.complete(groups, "")] == [
        "ACM Lagos", "Imperial alumni", "PyConAfrica"]
    assert [c.name for c in community_quick.complete(groups, "al")] == ["Imperial alumni"]
    assert community_quick.mention_text("PyConAfrica") == "PyConAfrica"
    assert community_quick.mention_text("ACM Lagos") == '"ACM Lagos"'
    for c in groups:  # what completion writes is read back as that community
        text = "&" + community_quick.mention_text(c.name) + " meetup"
        assert [m[2] for m in community_quick.mentions(text)] == [c.name]
