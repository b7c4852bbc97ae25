"""`netui ideas` reads few people: the index files the stored documents under their
values and reads only those a match reaches; held against a straightforward ranking of
every person, on networks with documents another program wrote oddly."""

from __future__ import annotations

import heapq

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from netui import coach
from netui.domain import ideas
from netui.domain.ideas import FIELD_ORDER, FUZZY_MIN_LEN, FUZZY_SCORE, Offers, words
from netui.domain.models import Contact
from netui.storage import Change
from tests.conftest import open_network


def _commit(network, docs):
    network.commit([Change("contacts", d["id"], d) for d in docs], "test contacts")


def test_only_the_people_a_match_reaches_are_read(network, monkeypatch):
    docs = [Contact(name=f"Filler {n}", company=f"Firm {n}", title="Engineer",
                    tags=["running"], location="Leeds").to_doc() for n in range(200)]
    docs += [Contact(name=f"Climate {n}", company="Acme Climate").to_doc() for n in range(40)]
    docs.append(Contact(name="Priya Raman", looking_for=["climate-tech intros"]).to_doc())
    _commit(network, docs)
    reads = []
    person = coach._person
    monkeypatch.setattr(coach, "_person", lambda doc, rank: reads.append(doc["id"])
                        or person(doc, rank))
    found = coach.every_idea(network)
    assert len(found) == 3
    assert all(i.text.endswith("works at Acme Climate") for i in found)
    # Priya, and the first few of Acme Climate (one more than shown, per field): never
    # the 200 people no need is about.
    assert len(reads) <= 1 + 4 * len(FIELD_ORDER)
    assert not any(network.get_contact(r).name.startswith("Filler") for r in reads)


def test_ideas_for_one_person_and_after_an_edit(network):
    tom = network.add_contact(Contact(name="Tom", company="Acme Climate"))
    priya = network.add_contact(Contact(name="Priya", looking_for=["climate intros"]))
    assert [i.via for i in coach.ideas_for_contact(network, priya.id)] == [tom.id]
    network.update_contact(tom.model_copy(update={"archived": True}))
    assert coach.ideas_for_contact(network, priya.id) == []
    assert coach.ideas_for_contact(network, "no-such-id") == []


# -- against a straightforward ranking -------------------------------------------------------

WORDS = ["acme", "climate", "climat", "design", "designer", "desginer", "berlin", "data",
         "lawyer", "lawyers", "ux", "ui", "sales", "pricing"]
_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
_odd = st.sampled_from([None, 7, "", ["x"], True])  # what another program may have written


@st.composite
def _contact_doc(draw, n):
    doc = Contact(name=f"P{n}", company=draw(st.none() | _text), title=draw(st.none() | _text),
                  location=draw(st.none() | _text),
                  tags=draw(st.lists(st.sampled_from(WORDS), max_size=3)),
                  circle=draw(st.sampled_from([None, "inner", "close", "network"])),
                  archived=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
                  looking_for=draw(st.lists(_text, max_size=2).map(
                      lambda x: x if draw(st.integers(0, 3)) == 0 else []))).to_doc()
    if draw(st.integers(0, 6)) == 0:  # an odd field: the model reads it, or rejects it
        doc[draw(st.sampled_from(["company", "tags", "name", "cadence_days", "archived"]))] = \
            draw(_odd)
    return doc


def _straight(people, offers, limit=3):
    """Every person's every value scored by the need's words, best first; a need word of
    FUZZY_MIN_LEN letters or more also matches the five closest words anyone has. Each
    need's best idea comes before any need's second."""
    vocab = sorted({w for p in people for _f, v in ideas.values(p) for w in words(v)})
    long_words = [w for w in vocab if len(w) >= FUZZY_MIN_LEN]
    by_id = {p.id: p for p in people}
    out = []
    for p in sorted((p for p in people if p.looking_for),
                    key=lambda p: (p.rank, ideas.fold(p.name))):
        rounds = []
        for n, need in enumerate(p.looking_for):
            need_words = words(need)
            if not need_words:
                continue
            found = []
            for kind, phrase in ideas._OFFER_PHRASES:
                for offer in getattr(offers, kind):
                    shared = set(need_words) & set(words(offer))
                    close = fuzz.token_set_ratio(" ".join(need_words),
                                                 " ".join(words(offer))) >= FUZZY_SCORE
                    if shared or close:
                        found.append((100.0 + 10 * len(shared),
                                      f"{p.first_name} is looking for {need}: "
                                      f"{phrase.format(offer)}"))
            near = {w: [(o, s) for o, s, _ in process.extract(
                w, long_words, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE, limit=5)
                if o != w] if len(w) >= FUZZY_MIN_LEN and long_words else []
                for w in need_words}
            scored = []
            for other in people:
                for where, value in dict.fromkeys(ideas.values(other)):
                    have = words(value)
                    score = sum((100.0 if w in have else 0.0)
                                + sum(s for o, s in near[w] if o in have) for w in need_words)
                    if score:
                        scored.append((-score, FIELD_ORDER.index(where), other.rank,
                                       other.id, (where, value)))
            seen, shown = set(), 0
            for neg, _f, _r, oid, (where, value) in heapq.nsmallest(
                    (limit + 1) * len(FIELD_ORDER), scored):
                if oid in seen:
                    continue
                seen.add(oid)
                if oid == p.id or shown >= limit:
                    continue
                found.append((-neg, f"{p.first_name} is looking for {need}: "
                                    f"{ideas._phrase(by_id[oid], where, value)}"))
                shown += 1
            found.sort(key=lambda f: -f[0])
            rounds += [((r, -score, n), text) for r, (score, text) in enumerate(found)]
        rounds.sort(key=lambda r: r[0])
        out += [text for _key, text in rounds[:limit]]
    return out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data(), st.integers(1, 25))
def test_lazy_index_equals_a_straightforward_ranking(tmp_path_factory, data, size):
    network = open_network(tmp_path_factory.mktemp("ideas") / "data")
    docs = [data.draw(_contact_doc(n)) for n in range(size)]
    _commit(network, docs)
    offers = Offers(topics=("pricing", "design"), introductions=("lawyers",))
    network.config.offers.topics = list(offers.topics)
    network.config.offers.introductions = list(offers.introductions)
    people = coach.people(network)  # every document read, through the model when odd
    assert [i.text for i in coach.every_idea(network)] == _straight(people, offers)
    for p in people:
        want = [i.text for i in ideas.ideas_for(p, ideas.Index.of(people), offers, 5)]
        assert [i.text for i in coach.ideas_for_contact(network, p.id, 5)] == want
