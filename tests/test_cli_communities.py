"""The shell contracts of communities, links and the graph."""

from __future__ import annotations

import json

import pydot
import pytest

from .cli_helpers import run

# pydot 4.0.1 builds its parser with pyparsing's old names (its own deprecation notices).
pytestmark = pytest.mark.filterwarnings("ignore:'\\w+' deprecated:DeprecationWarning")


@pytest.fixture
def people(capsys):
    for name in ("Priya Raman", "Tom Okafor", "Chi Obi"):
        assert run(capsys, "add", name).code == 0
    assert run(capsys, "community", "add", "ACM Lagos", "--kind", "association",
               "--every", "60d").code == 0
    return capsys


def test_community_add_list_show_json(people):
    capsys = people
    assert run(capsys, "join", "@Priya", "@Tom", "&acm").code == 0
    rows = run(capsys, "community", "list", "--json").json()
    assert [(r["name"], r["members"], r["cadence"], r["state"]) for r in rows] == [
        ("ACM Lagos", 2, 60, "ok")]
    shown = run(capsys, "community", "show", "acm", "--json").json()
    assert shown["member_names"] == ["Priya Raman", "Tom Okafor"]
    assert run(capsys, "community", "edit", "acm", "--role", "organiser").code == 0
    assert run(capsys, "community", "show", "acm", "--json").json()["role"] == "organiser"


def test_list_filters_by_community_and_json_has_communities_and_roles(people):
    capsys = people
    run(capsys, "join", "@Priya", "&acm")
    assert run(capsys, "edit", "priya", "--role", "mentor").code == 0
    rows = run(capsys, "list", "in:acm", "--json").json()
    assert [(r["name"], r["communities"], r["roles"]) for r in rows] == [
        ("Priya Raman", ["ACM Lagos"], ["mentor"])]
    assert run(capsys, "list", "in:nothing", "--json").json() == []


def test_quick_add_gave_to_a_community_and_due_json(people):
    capsys = people
    r = run(capsys, "gave", "&acm ran the registration desk", "--json")
    assert r.code == 0, r.err
    assert r.json()["kind"] == "gave" and r.json()["text"] == "ran the registration desk"
    assert run(capsys, "community", "show", "acm", "--json").json()["last_participation"]


def test_a_quiet_community_is_due(people, monkeypatch):
    capsys = people
    monkeypatch.setenv("NETUI_TODAY", "2027-03-01")  # 99 days after it was added
    due = run(capsys, "due", "--json").json()
    assert [(d["kind"], d["name"]) for d in due if d.get("kind") == "community"] == [
        ("community", "ACM Lagos")]
    assert "&ACM Lagos" in run(capsys, "due").out


@pytest.mark.parametrize("args,message", [
    (("join", "@Priya", "&nope"), "&nope: no such community"),
    (("link", "@Tom", "@Tom", "peer"), "cannot be linked to themselves"),
    (("community", "add", "acm lagos"), "already exists"),
    (("community", "show", "pycon"), "no such community"),
])
def test_bad_input_one_line_nothing_saved(people, args, message):
    capsys = people
    before = run(capsys, "export", "json", "-").out
    r = run(capsys, *args)
    assert r.code != 0
    assert message in r.err and len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err
    assert run(capsys, "export", "json", "-").out == before


def test_link_unlink_and_a_reports_to_loop(people):
    capsys = people
    assert run(capsys, "link", "@Tom", "@Priya", "reports", "to").code == 0
    assert run(capsys, "link", "@Priya", "@Chi", "reports to").code == 0
    r = run(capsys, "link", "@Chi", "@Tom", "reports to")
    assert r.code == 1 and "would make a loop" in r.err
    assert run(capsys, "unlink", "@Priya", "@Tom").code == 0
    assert "not linked" in run(capsys, "unlink", "@Priya", "@Tom").err


def test_graph_dot_parses_with_clusters_and_edges(people):
    capsys = people
    run(capsys, "join", "@Priya", "@Tom", "&acm")
    run(capsys, "link", "@Chi", "@Priya", "introduced", "--note", 'met at "the" desk')
    run(capsys, "link", "@Priya", "@Tom", "works with")
    out = run(capsys, "graph", "--dot").out
    (graph,) = pydot.graph_from_dot_data(out)
    assert [s.get_name() for s in graph.get_subgraphs()] == ["cluster_0"]
    labels = sorted(e.get("label").strip('"') for e in graph.get_edges())
    assert labels == ["introduced", "works with"]
    undirected = [e for e in graph.get_edges() if e.get("dir") == "none"]
    assert len(undirected) == 1


def test_graph_json_around_and_community(people):
    capsys = people
    run(capsys, "add", "Far Away")
    run(capsys, "link", "@Chi", "@Priya", "introduced")
    run(capsys, "link", "@Priya", "@Tom", "works with")
    run(capsys, "link", "@Tom", "@Far", "works with")
    near = run(capsys, "graph", "--json", "--around", "@Chi", "--depth", "2").json()
    assert sorted(n["name"] for n in near["nodes"]) == ["Chi Obi", "Priya Raman", "Tom Okafor"]
    run(capsys, "join", "@Tom", "@Far", "&acm")
    only = run(capsys, "graph", "--json", "--community", "acm").json()
    assert sorted(n["name"] for n in only["nodes"]) == ["Far Away", "Tom Okafor"]
    assert [e["kind"] for e in only["edges"]] == ["works with"]


def test_export_json_has_communities_and_links(people):
    capsys = people
    run(capsys, "link", "@Chi", "@Priya", "introduced")
    data = json.loads(run(capsys, "export", "json", "-").out)
    assert [c["name"] for c in data["communities"]] == ["ACM Lagos"]
    assert [x["kind"] for x in data["links"]] == ["introduced"]


def test_the_ledger_shows_giving_to_a_community(people):
    capsys = people
    run(capsys, "gave", "&acm ran the registration desk")
    out = run(capsys, "ledger").out
    assert "Given to communities:" in out and "ACM Lagos: ran the registration desk" in out
    given = run(capsys, "ledger", "--json").json()["to_communities"]
    assert [(g["name"], g["text"]) for g in given] == [("ACM Lagos", "ran the registration desk")]


def test_the_neighbourhood_reads_only_whom_it_reaches_and_matches_the_whole_graph(demo_network):
    from netui.graph_view import neighbourhood, network_graph

    whole = network_graph(demo_network)
    group = demo_network.communities.all()[0]
    demo_network.set_archived(next(iter(whole.nodes)))  # someone archived is never a step
    whole = network_graph(demo_network)
    for c in demo_network.contacts(include_archived=True)[:40]:
        for depth in (1, 2, 3):
            assert neighbourhood(demo_network, c.id, depth) == whole.around(c.id, depth)
            members = set(group.member_ids)
            assert (neighbourhood(demo_network, c.id, depth, members)
                    == whole.only(members).around(c.id, depth))
