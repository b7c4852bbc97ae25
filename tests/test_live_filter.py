"""The TUI's filter, one key at a time (domain.live_filter): whatever is typed and
deleted, it shows what the straightforward filter shows for the text in the box."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from netui.domain.live_filter import LiveFilter
from netui.domain.rows import ContactRow
from netui.domain.search import FUZZY_CUTOFF, filter_contacts, fuzzy_hits

from . import test_search as search_tests

PEOPLE = [
    *search_tests.PEOPLE,  # the plain filter's own cases, then close spellings of Maria
    ContactRow("e", "Maria Lopez", company="Globex", circle="inner"),
    ContactRow("f", "Mario Rossi", nickname="Mar", tags=("music",)),
    ContactRow("g", "Marta Nowak", company="Initech", circle="close"),
    ContactRow("h", "Maïa Ortiz", emails=("maia@y.example",)),
    ContactRow("i", "Amir Arai", company="Mariner Labs"),
]

# A key: a character typed, or a backspace (None).
keys = st.lists(st.one_of(st.sampled_from(list("maritonlcg#: ")), st.none()), max_size=24)


def texts(pressed: list[str | None]) -> list[str]:
    """The box's text after each key."""
    out, text = [], ""
    for key in pressed:
        text = text[:-1] if key is None else text + key
        out.append(text)
    return out


@settings(max_examples=300, deadline=None)
@given(keys)
@example([*list("mari"), None, "o"])  # a typo, and back to an exact match
@example(list("marai") + [None] * 5)  # close spellings typed and deleted
@example([*list("tag"), ":", "c"])  # a word that becomes a filter
@example([*list("#c"), None, None, "m"])
def test_each_key_shows_what_the_straightforward_filter_shows(pressed):
    live = LiveFilter(PEOPLE)
    for text in texts(pressed):
        shown = live(text)
        assert [c.id for c in shown] == [c.id for c in filter_contacts(PEOPLE, text)], text
        for n, c in enumerate(shown):  # where the cursor's row is, as set_rows keeps it
            assert live.find(c.id) == n
        for c in PEOPLE:
            if c not in shown:
                assert live.find(c.id) is None


def test_a_text_answered_before_is_not_searched_again(monkeypatch):
    live = LiveFilter(PEOPLE)
    for text in texts(list("marai") + [None] * 5):
        live(text)
    import netui.domain.search as search

    def no_search(*_args, **_kwargs):
        raise AssertionError("searched again")

    monkeypatch.setattr(search.SearchIndex, "exact", no_search)
    monkeypatch.setattr(search.SearchIndex, "close", no_search)
    assert [c.id for c in live("mara")] == [c.id for c in filter_contacts(PEOPLE, "mara")]


def test_preparing_folds_everyone_before_the_first_key():
    hay: dict[str, object] = {}
    live = LiveFilter(PEOPLE, hay)
    steps = live.prepare_steps(size=3)
    next(steps)
    assert 0 < len(hay) < len(PEOPLE)  # a slice at a time
    for _ in steps:
        pass
    assert set(hay) == {c.id for c in PEOPLE}
    assert [c.id for c in live("mari")] == [c.id for c in filter_contacts(PEOPLE, "mari")]


names = st.lists(st.text(alphabet="marioletz ", max_size=14), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="marioletz ", min_size=1, max_size=8), names)
def test_close_spellings_are_what_extract_gives_sorted_by_score(phrase, choices):
    hits = process.extract(phrase, choices, scorer=fuzz.partial_ratio,
                           score_cutoff=FUZZY_CUTOFF, limit=None)
    hits.sort(key=lambda h: (-h[1], h[2]))
    assert fuzzy_hits(phrase, choices) == [i for _, _, i in hits]


short_names = st.lists(st.text(alphabet="mariot ", min_size=1, max_size=9), max_size=40)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="mariot", min_size=3, max_size=6), short_names)
@example("mari", ["amir", "mar", "xmra", "ria", "arim tom", "tom mri"])
@example("iii", ["iai"])  # as long as the phrase: scored both ways round
def test_narrowing_short_phrases_to_name_ends_misses_no_close_spelling(phrase, choices):
    """SearchIndex.close tries a short phrase no name holds against the names that start
    or end like it (EdgeIndex): it finds what scoring every name finds, in that order."""
    from netui.domain.search import SearchIndex, parse_query

    people = [ContactRow(str(n), name) for n, name in enumerate(choices)]
    index = SearchIndex(people)
    index.warm()
    q = parse_query(phrase)
    assert index.close(q) == fuzzy_hits(phrase, index.names)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="mariot", min_size=3, max_size=5), short_names)
def test_close_spellings_in_the_filter_are_what_scoring_everyone_finds(phrase, choices):
    """filter_contacts on an index (the TUI's path, told nobody matched exactly) finds
    what the list path (every name scored by process.extract) finds."""
    from netui.domain.search import SearchIndex

    people = [ContactRow(str(n), name) for n, name in enumerate(choices)]
    index = SearchIndex(people)
    index.warm()
    assert ([c.id for c in filter_contacts(index, phrase)]
            == [c.id for c in filter_contacts(people, phrase)])


@settings(max_examples=200, deadline=None)
@given(keys)
@example([*"aa", None, None, "a", "n"])
def test_keys_that_match_everyone_show_what_the_straightforward_filter_shows(pressed):
    """Everyone holds an "a" (and an "n"): the first keys list everyone, as a range of
    positions rather than a list of them."""
    people = [c for c in PEOPLE if "a" in c.name.lower() and "n" in c.name.lower()]
    live = LiveFilter(people)
    for text in texts(pressed):
        assert [c.id for c in live(text)] == [c.id for c in filter_contacts(people, text)]
