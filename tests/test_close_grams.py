"""Close spellings narrowed by letter pairs (domain.close_grams): the names it lets
through hold every name that scores, so scoring them finds what scoring everyone finds,
in the same order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netui.domain import live_filter, search
from netui.domain.close_grams import CloseGrams, choices, gap_budgets, required_overlap
from netui.domain.live_filter import LiveFilter, Picked
from netui.domain.rows import ContactRow
from netui.domain.search import (
    FUZZY_CUTOFF,
    SearchIndex,
    filter_contacts,
    fuzzy_hits,
    parse_query,
)

from . import test_live_filter as live_tests

LETTERS = "mariobtz "
names = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=24), max_size=40)
phrases = st.text(alphabet=LETTERS, min_size=3, max_size=10).filter(lambda p: p.strip() == p
                                                                     and "  " not in p)


def built(choices_: list[str]) -> CloseGrams:
    grams = CloseGrams(choices_)
    for _ in grams.steps(size=7):  # several slices, as the app's warm-up builds it
        pass
    return grams


@settings(max_examples=600, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrases, names)
@example("maria", ["mxaia", "ma ia", "amira", "mari", "zzmariazz", "bob maroa", "airam"])
@example("maria b", ["maria  b", "mar ia b", "bmaria", "a maria", "mariab"])
@example("mariobtz", ["mariobt", "xmariobtzx", "tzmariob", "oooooooooo"])
def test_candidates_hold_every_name_that_scores(phrase, choices_):
    grams = built(choices_)
    found = grams.candidates(phrase, FUZZY_CUTOFF)
    hits = fuzzy_hits(phrase, choices_)
    if found is not None:
        assert found == sorted(set(found))
        assert set(hits) <= set(found), (phrase, [choices_[i] for i in set(hits) - set(found)])


@pytest.fixture(autouse=True)
def grams_for_any_size(monkeypatch):
    """The app builds the sets past GRAMS_FROM names only: here, for a few."""
    monkeypatch.setattr(search, "GRAMS_FROM", 0)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrases, names)
def test_close_spellings_are_what_scoring_everyone_finds(phrase, choices_):
    people = [ContactRow(str(n), name) for n, name in enumerate(choices_)]
    index = SearchIndex(people)
    index.warm()
    assert index._grams is not None
    assert index.close(parse_query(phrase)) == fuzzy_hits(" ".join(phrase.split()),
                                                          index.names)


def test_a_phrase_narrows_to_few_names():
    choices_ = ["maria bianchi", "mxaia", "john smith", "tom brown", "sara stone", "li wei"]
    assert built(choices_).candidates("maria", FUZZY_CUTOFF) == [0, 1]


def test_overlap_needed_is_what_the_score_formula_says():
    for n in range(1, 12):
        for w in range(1, n + 1):
            m = required_overlap(n, w, FUZZY_CUTOFF)
            assert 200 * m / (n + w) >= FUZZY_CUTOFF - 0.5
            assert m == 0 or 200 * (m - 1) / (n + w) < FUZZY_CUTOFF
    assert gap_budgets(5, FUZZY_CUTOFF) == [(4, 1), (5, 0)]


def test_long_phrases_are_scored_against_everyone():
    assert choices("bianchi maria rossi", FUZZY_CUTOFF) is None
    grams = built(["maria"])
    assert grams.candidates("bianchi maria rossi", FUZZY_CUTOFF) is None
    assert CloseGrams(["maria"]).candidates("maria", FUZZY_CUTOFF) is None  # not built


positions = st.lists(st.integers(0, 19), unique=True).map(sorted)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(positions, st.one_of(st.integers(-25, 25), st.slices(25)))
def test_picked_reads_as_the_list_it_stands_for(at, i):
    items = [ContactRow(str(n), f"P{n}") for n in range(20)]
    picked, listed = Picked(items, at), [items[n] for n in at]
    assert len(picked) == len(listed) and list(picked) == listed and picked == listed
    try:
        want = listed[i]
    except IndexError:
        return
    assert picked[i] == want
    assert Picked(items).same(items) and Picked(items) == items


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(positions, positions)
def test_picked_is_the_same_as_another_when_it_holds_the_same_rows(a, b):
    items = [ContactRow(str(n), f"P{n}") for n in range(20)]
    same = [items[n] for n in a] == [items[n] for n in b]
    assert Picked(items, a).same(Picked(items, b)) == same
    assert Picked(items, a).same([items[n] for n in b]) == same
    assert Picked(items, a).same(Picked(items)) == (a == list(range(20)))
    assert Picked(items, a).same(Picked(items, range(20))) == (a == list(range(20)))
    assert Picked(items, range(len(a))).same(Picked(items, a)) == (a == list(range(len(a))))


def test_a_gap_of_three_letters_or_more_holds_no_pair(monkeypatch):
    """Ten letters may add two between matched ones (m = 8 of a 10-letter window): the
    pair across that gap is not required."""
    import netui.domain.close_grams as close_grams

    monkeypatch.setattr(close_grams, "MAX_CHOICES", 10**6)
    choices_ = ["zzabcdexxhijzz", "qqqqqqqqqqqq"]
    assert fuzzy_hits("abcdefghij", choices_) == [0]
    assert built(choices_).candidates("abcdefghij", FUZZY_CUTOFF) == [0]


words = st.text(alphabet=LETTERS + "#:@.", max_size=12)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words, names)
@example("ma mar", ["maria", "mar", "amar ma", "ram"])
@example("a", ["a", "ba", "ab"])  # everyone: a range
def test_words_looked_up_in_sets_find_what_scanning_finds(text, choices_):
    people = [ContactRow(str(n), name, emails=(f"{name.strip()}@x.org",))
              for n, name in enumerate(choices_)]
    looked_up, scanned = SearchIndex(people), SearchIndex(people)
    looked_up.warm()
    assert looked_up.words_indexed and not scanned.words_indexed
    q = parse_query(text)
    assert list(looked_up.exact(q)) == list(scanned.exact(q))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(live_tests.keys)
@example([*"mari", None, "o", None, None, "r", "t"])
def test_each_key_with_the_sets_shows_what_the_straightforward_filter_shows(
        monkeypatch, pressed):
    monkeypatch.setattr(live_filter, "SCAN_UP_TO", 1)  # the sets, whenever built
    live = LiveFilter(live_tests.PEOPLE)
    for _ in live.prepare_steps(size=3):
        pass
    assert not live.index.words_indexed  # built after the app's other warm-up work
    for _ in live.sets_steps():
        pass
    assert live.index.words_indexed
    for text in live_tests.texts(pressed):
        want = [c.id for c in filter_contacts(live_tests.PEOPLE, text)]
        assert [c.id for c in live(text)] == want, text
