"""Similar names found by segments (domain.similar_texts): the same pairs, scores and
order as scoring every pair with rapidfuzz, which is what `netui dedupe` did before."""

from __future__ import annotations

import gc
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from netui.domain import dedupe
from netui.domain.models import Contact
from netui.domain.similar_texts import max_edits, similar_pairs

ALPHABETS = ["ab", "abc ", "mariobtz ", "0123 ann", "aéß øЖ漢\u0301", "a"]


def all_pairs(texts: list[str], cutoff: int) -> list[tuple[int, int, int]]:
    """The straightforward build: every pair scored, the upper triangle row by row."""
    if not texts:
        return []
    scores = process.cdist(texts, list(texts), scorer=fuzz.ratio, score_cutoff=cutoff,
                           dtype="uint8")
    return [(int(i), int(j), int(scores[i, j])) for i, j in zip(*scores.nonzero(), strict=True)
            if j > i]


@st.composite
def families(draw: st.DrawFn, max_size: int = 30) -> list[str]:
    """A few texts and many copies of them a letter or three apart: near duplicates,
    identical ones, empty and one-letter texts, shifted copies."""
    alphabet = draw(st.sampled_from(ALPHABETS))
    bases = draw(st.lists(st.text(alphabet, max_size=max_size), min_size=1, max_size=5))
    out = []
    for _ in range(draw(st.integers(0, 40))):
        text = list(draw(st.sampled_from(bases)))
        for _ in range(draw(st.integers(0, 3))):
            op = draw(st.integers(0, 2))
            if op == 0 and text:
                del text[draw(st.integers(0, len(text) - 1))]
            elif op == 1:
                text.insert(draw(st.integers(0, len(text))), draw(st.sampled_from(alphabet)))
            elif text:
                text[draw(st.integers(0, len(text) - 1))] = draw(st.sampled_from(alphabet))
        out.append("".join(text))
    return out


@settings(max_examples=600, deadline=None)
@given(families())
@example(["", "", "a", "a", "b", "ab", "ba"])
@example(["anna smith", "anna smyth", "anna smiths", "nna smith", "anna smith"])
@example(["10587 adeyemi aisha", "10597 adeyemi aisha", "1058 adeyemi aisha"])
def test_the_pairs_of_scoring_everyone(texts):
    assert similar_pairs(texts, 90) == all_pairs(texts, 90)


@settings(max_examples=400, deadline=None)
@given(families(max_size=60), st.sampled_from([60, 75, 85, 95, 99, 100]))
def test_the_pairs_at_any_cutoff(texts, cutoff):
    assert similar_pairs(texts, cutoff) == all_pairs(texts, cutoff)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=30))
def test_any_unicode(texts):
    assert similar_pairs(texts, 90) == all_pairs(texts, 90)


def test_many_of_one_family_at_each_length():
    texts = [f"{n} {first} {last}" for n in range(300) for first, last in
             [("anna", "smith"), ("ann", "smyth")]]
    assert similar_pairs(texts, 90) == all_pairs(texts, 90)


@pytest.mark.parametrize("cutoff", [1, 50, 89, 90, 91, 99, 100])
def test_max_edits_is_the_exact_bound(cutoff):
    for la in range(0, 45):
        for lb in range(la, 60):
            total = la + lb
            fits = [d for d in range(abs(la - lb), total + 1, 2)
                    if total == 0 or Fraction(100 * (total - d), total) >= cutoff]
            assert max_edits(la, lb, cutoff) == (max(fits) if fits else -1), (la, lb)


def reference_names(contacts, note):
    """dedupe's name pass as it was: an all-pairs cdist."""
    names = [" ".join(sorted(dedupe.query_key(c.name).split())) for c in contacts]
    for gi, gj, score in all_pairs(names, dedupe.NAME_CUTOFF):
        note(contacts[gi].id, contacts[gj].id,
             "same name" if score == 100 else f"similar names ({score}%)", score)


@settings(max_examples=150, deadline=None)
@given(families(max_size=20))
def test_dedupe_lists_what_it_listed(names):
    # Some share an address too: a pair both ways keeps its place and both reasons.
    people = [Contact(name=name, emails=[f"p{len(name) % 4}@example.com"] if n % 3 else [])
              for n, name in enumerate(names) if name.strip()]
    fast = dedupe.candidates(people)
    real = dedupe._similar_names
    dedupe._similar_names = reference_names
    try:
        slow = dedupe.candidates(people)
    finally:
        dedupe._similar_names = real
    shape = [(p.a.id, p.b.id, p.reasons, p.score) for p in fast]
    assert shape == [(p.a.id, p.b.id, p.reasons, p.score) for p in slow]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        similar_pairs(["ann lee", "ann leigh", "anne lee"], 90)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
