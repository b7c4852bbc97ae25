"""Ideas for gives, on a small fixture network."""

from __future__ import annotations

import pytest

from netui.domain.ideas import Index, Offers, Person, all_ideas, ideas_for, words

PRIYA = Person("priya", "Priya Raman", "Acme", "Product lead",
               looking_for=("climate-tech intros", "a senior designer"), rank=0)
TOM = Person("tom", "Tom Wiśniewski", "Acme Climate", "Engineer", rank=1)
AOIFE = Person("aoife", "Aoife Byrne", "Studio Lemon", "Senior Designer", ("design",),
               "Dublin", rank=2)
ANNA = Person("anna", "Anna Schmidt", "Zalando", "Recruiter", ("hr",), "Berlin", rank=3,
              looking_for=("a flat in Berlin", "advice on pricing"))
KENJI = Person("kenji", "Kenji Sato", "Climeworks", "Sales", ("climate",), "Zurich", rank=1)
BEN = Person("ben", "Ben Ode", None, None, looking_for=("a dentist",), rank=2)
NETWORK = [PRIYA, TOM, AOIFE, ANNA, KENJI, BEN]
OFFERS = Offers(topics=("pricing", "product management"), introductions=("investors",))


@pytest.fixture(scope="module")
def index():
    return Index.of(NETWORK)


def test_words_keep_what_the_need_is_about():
    assert words("Climate-tech intros") == ["climate", "tech", "climatetech"]
    assert words("a senior designer") == ["designer"]
    assert words("a flat in Berlin") == ["flat", "berlin"]


def test_the_issue_example(index):
    got = ideas_for(PRIYA, index, OFFERS)
    texts = [i.text for i in got]
    assert "Priya is looking for climate-tech intros: Tom Wiśniewski works at Acme Climate" \
        in texts
    assert "Priya is looking for climate-tech intros: Kenji Sato is tagged #climate" in texts
    assert "Priya is looking for a senior designer: Aoife Byrne is a Senior Designer" in texts
    assert all(i.via != "priya" for i in got)  # never herself


def test_location_and_your_own_offers(index):
    got = ideas_for(ANNA, index, OFFERS)
    assert got[0].text == "Anna is looking for advice on pricing: you can advise on pricing"
    assert got[0].via is None and got[0].field == "offer"
    assert [i.via for i in got if i.need == "a flat in Berlin"] == []  # she is the only Berliner


def test_a_close_spelling_still_matches():
    idx = Index.of([*NETWORK, Person("lea", "Léa D", "Climat Solutions", rank=1)])
    looking = Person("x", "Xavi", looking_for=("climat-tech",))
    assert any(i.via == "lea" for i in ideas_for(looking, idx, Offers()))
    misspelt = Person("y", "Yu", looking_for=("a desginer",))
    assert any(i.via == "aoife" for i in ideas_for(misspelt, idx, Offers()))


def test_nothing_to_match_gives_nothing(index):
    assert ideas_for(BEN, index, OFFERS) == []


def test_all_ideas_closest_circle_first(index):
    got = all_ideas(NETWORK, index, OFFERS)
    assert got[0].need_of == "priya"
    assert {i.need_of for i in got} == {"priya", "anna"}
    assert set(got[0].to_json()) == {"contact_id", "need", "text", "via", "field", "score"}


def test_every_need_gets_an_idea_before_any_gets_a_second():
    climate = [Person(f"c{n}", f"Climate {n}", "Acme Climate", rank=1) for n in range(4)]
    designer = Person("d", "Dee Signer", title="Designer", rank=2)
    olu = Person("olu", "Olu A", looking_for=("climate-tech intros", "a senior designer"))
    got = ideas_for(olu, Index.of([*climate, designer, olu]), Offers(), limit=3)
    assert [i.need for i in got] == ["climate-tech intros", "a senior designer",
                                     "climate-tech intros"]
    assert got[1].via == "d"
