"""The contacts filter: words, #tags and key:value filters, and when a filter typed one
key at a time may search the previous result instead of everyone (search.refines)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netui.domain.rows import ContactRow
from netui.domain.search import filter_contacts, filter_exact, parse_query, refines

PEOPLE = [
    ContactRow("a", "Ana Tagle", company="Acme", circle="inner", tags=("climate",)),
    ContactRow("b", "Bo Circle", nickname="tag", circle="close", tags=("cli", "music")),
    ContactRow("c", "Chloé Dupont", company="Tagtics", circle="network",
               emails=("chloe@x.example",)),
    ContactRow("d", "#hash Person", company="Company Co", tags=("company",)),
]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("an", "ana", True),
    ("ana", "ana t", True),
    ("#cli", "#clim", True),
    ("circle:in", "circle:inn", True),
    ("circle:", "circle:c", True),  # an empty filter matched everyone
    ("tag", "tag:", False),  # a word became a filter
    ("tag", "tag:cli", False),
    ("#", "#c", False),  # "#" alone is a word, "#c" a tag
    ("ana", "an", False),  # a backspace
    ("ana bo", "ana", False),
    ("ana", "bob", False),
])
def test_refines(old: str, new: str, expected: bool) -> None:
    assert refines(old, new) is expected


def test_filters_and_words() -> None:
    assert [c.id for c in filter_exact(PEOPLE, "#cli")] == ["a", "b"]  # tag prefixes
    assert [c.id for c in filter_exact(PEOPLE, "tag:music circle:cl")] == ["b"]
    assert [c.id for c in filter_exact(PEOPLE, "company:tag")] == ["c"]
    assert [c.id for c in filter_exact(PEOPLE, "chloe")] == ["c"]  # accents folded
    assert [c.id for c in filter_exact(PEOPLE, "tag")] == ["a", "b", "c"]  # names, nickname
    assert parse_query("circle:").empty
    assert [c.id for c in filter_contacts(PEOPLE, "Chleo Dupont")] == ["c"]  # a typo


typing = st.text(alphabet="#: abcilmnotgpry", max_size=12)


@settings(max_examples=400)
@given(old=typing, extra=typing)
@example(old="tag", extra=":")  # each a case where searching the previous result
@example(old="#", extra="c")  # would miss people: refines must say no
@example(old="company", extra=":co")
def test_searching_the_previous_result_finds_the_same_people(old: str, extra: str) -> None:
    new = old + extra
    if refines(old, new):
        assert filter_exact(filter_exact(PEOPLE, old), new) == filter_exact(PEOPLE, new)
