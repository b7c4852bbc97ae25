"""The Communities pane (key 4): the list, a community's card, add/edit/delete (asks
first), join/leave and took-part; the neighbourhood tree (w) and linking (ctrl+l)."""

from __future__ import annotations

from textual.widgets import ContentSwitcher, Input, OptionList, Static, Tree

from netui.domain.communities import Community
from netui.domain.models import Contact
from netui.ui.communities_pane import CommunitiesPane
from netui.ui.community_form import CommunityForm, LinePrompt
from netui.ui.confirm import ConfirmScreen
from netui.ui.contacts_pane import ContactsPane
from netui.ui.neighbourhood import NeighbourhoodScreen


def _card(app) -> str:
    return str(app.query_one("#community-card", Static).content)


async def _open(app, pilot) -> CommunitiesPane:
    await pilot.press("4")
    await pilot.pause()
    return app.query_one(CommunitiesPane)


async def test_key_4_lists_the_demo_communities_with_their_card(demo_network, make_app):
    app = make_app(demo_network)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query(CommunitiesPane)
        await _open(app, pilot)
        assert app.query_one(ContentSwitcher).current == "communities"
        ol = app.query_one("#communities-list", OptionList)
        names = [str(ol.get_option_at_index(n).prompt) for n in range(ol.option_count)]
        expected = [c.name for c in demo_network.communities.all()]
        assert [n.strip(" ●").split("  ")[0] for n in names] == expected
        first = demo_network.communities.all()[0]
        card = _card(app)
        assert card.startswith(first.name)
        assert f"Members ({len(first.member_ids)})" in card
        await pilot.press("down")
        await pilot.pause()
        assert _card(app).startswith(demo_network.communities.all()[1].name)


async def test_new_community_join_took_part_and_delete(network, make_app):
    network.add_contact(Contact(id="priya", name="Priya Raman"))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot)
        assert "No communities yet" in str(app.query_one("#communities-empty", Static).content)
        pane.new()
        await pilot.pause()
        assert isinstance(app.screen, CommunityForm)
        app.screen.query_one("#f-name", Input).value = "ACM Lagos"
        app.screen.query_one("#f-cadence_days", Input).value = "3w"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (made,) = network.communities.all()
        assert (made.name, made.cadence) == ("ACM Lagos", 21)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, LinePrompt)
        app.screen.query_one(Input).value = "@Priya"
        await pilot.press("enter")
        await pilot.pause()
        assert network.communities.community(made.id).member_ids == ["priya"]
        assert "Priya Raman" in _card(app)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one(Input).value = "gave ran the desk"
        await pilot.press("enter")
        await pilot.pause()
        (p,) = network.communities.history(made.id)
        assert (p.kind.value, p.text) == ("gave", "ran the desk")
        assert "ran the desk" in _card(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # asks first: no keeps it
        await pilot.pause()
        assert network.communities.all()
        await pilot.press("d", "y")
        await pilot.pause()
        assert network.communities.all() == []


async def test_join_an_unknown_person_saves_nothing(network, make_app):
    network.communities.add(Community(name="ACM Lagos"))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one(Input).value = "@Nobody"
        await pilot.press("enter")
        await pilot.pause()
        assert network.communities.all()[0].member_ids == []
        assert not isinstance(app.screen, LinePrompt)


async def test_filter_in_community_and_neighbourhood_tree(network, make_app):
    for cid, name in (("priya", "Priya Raman"), ("tom", "Tom Okafor"), ("chi", "Chi Obi")):
        network.add_contact(Contact(id=cid, name=name))
    svc = network.communities
    svc.join(svc.add(Community(name="ACM Lagos")).id, ["tom"])
    network.links.add("priya", "chi", "introduced")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(ContactsPane)
        await pilot.press("slash", *"in:acm")
        await pilot.pause(0.3)
        assert [r.id for r in pane.contact_list.rows] == ["tom"]
        await pilot.press("escape")
        await pilot.pause(0.3)
        pane.select("priya")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, NeighbourhoodScreen)
        root = app.screen.query_one(Tree).root
        assert [str(n.label) for n in root.children] == ["Chi Obi  introduced"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        app.screen.query_one(Input).value = "@Tom Okafor works with"
        await pilot.press("enter")
        await pilot.pause()
        assert [(x.b_id, x.kind) for x in network.links.of("priya") if x.b_id == "tom"] == [
            ("tom", "works with")]
