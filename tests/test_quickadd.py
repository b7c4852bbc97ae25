"""The quick-add grammar: examples, saving through the services, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netui.domain.models import CheckInStatus, Contact, Direction, Kind
from netui.domain.quickadd import (
    Directory,
    ask_advice,
    mention_at,
    mention_text,
    parse,
    plan,
)
from netui.errors import Invalid

TODAY = date(2026, 11, 22)  # a Sunday

PRIYA = Contact(id="priya", name="Priya Raman", company="Acme")
TOM = Contact(id="tom", name="Tom Wiśniewski", nickname="Tommy")
TOMASZ = Contact(id="tomasz", name="Tomasz Nowak")
LEA = Contact(id="lea", name="Léa Dubois")
ALEX_C = Contact(id="alexc", name="Alex Chen", company="Acme")
ALEX_P = Contact(id="alexp", name="Alex Park", company="Globex")
BOB = Contact(id="bob", name="Bob [/]")
PEOPLE = [PRIYA, TOM, TOMASZ, LEA, ALEX_C, ALEX_P, BOB]
DIRECTORY = Directory(PEOPLE)


def p(text: str, **kw):
    return parse(text, TODAY, DIRECTORY, **kw)


# -- examples ------------------------------------------------------------------------------


def test_the_issue_example():
    r = p("@Priya @Tom coffee at Blue Bottle, talked climate intros #climate yesterday +2w")
    assert r.ok, r.errors
    assert [c.id for c in r.people] == ["priya", "tom"]
    assert r.kind is Kind.meeting
    assert r.day == TODAY - timedelta(days=1)
    assert r.tag_names == ["climate"]
    assert r.followup == TODAY + timedelta(weeks=2)
    assert r.body == "coffee at Blue Bottle, talked climate intros"
    assert r.preview == ("Meeting with Priya Raman, Tom Wiśniewski · yesterday · #climate"
                         " · follow-up in 2 weeks")


@pytest.mark.parametrize(("line", "who"), [
    ("@Priya hi", "priya"),
    ("@raman hi", "priya"),  # surname
    ("@Priya Raman hi", "priya"),  # longest known name wins
    ('@"Priya R" hi', "priya"),
    ("@tomasz hi", "tomasz"),  # not Tom: a whole first name beats a prefix
    ("@TOM hi", "tom"),
    ("@wisniewski hi", "tom"),  # accent-insensitive
    ("@tommy hi", "tom"),  # nickname
    ("@lea hi", "lea"),
    ("@Alex Chen hi", "alexc"),
])
def test_mentions_resolve(line, who):
    r = p(line)
    assert r.ok, r.errors
    assert [c.id for c in r.people] == [who]
    assert r.body == "hi"


def test_longest_name_leaves_the_rest_as_text():
    r = p("@Priya Raman Acme lunch")
    assert r.mentions[0].query == "Priya Raman"
    assert r.body == "Acme lunch"


def test_ambiguous_is_refused_naming_both():
    r = p("@Alex lunch")
    assert not r.ok
    assert r.people == []
    assert "Alex Chen (Acme)" in r.errors[0] and "Alex Park (Globex)" in r.errors[0]
    with pytest.raises(Invalid):
        plan(r)


def test_unknown_lists_nearest_and_create_allows_it():
    r = p("@Pryia coffee")
    assert not r.ok
    assert "no such contact" in r.errors[0] and "Priya Raman" in r.errors[0]
    created = p("@Pryia coffee", create=True)
    assert created.ok
    assert created.preview.startswith("Meeting with Pryia (new)")
    out = plan(created)
    assert [c.name for c in out.new_contacts] == ["Pryia"]
    assert out.interaction.contact_ids == [out.new_contacts[0].id]


def test_quoted_unknown_creates_full_name_once():
    out = plan(p('@"Sam Lee" @"sam lee" lunch', create=True))
    assert [c.name for c in out.new_contacts] == ["Sam Lee"]
    assert len(out.interaction.contact_ids) == 1


@pytest.mark.parametrize(("line", "kind"), [
    ("@Priya call about the grant", Kind.call),
    ("@Priya lunch", Kind.meeting),
    ("@Priya dinner then a call", Kind.meeting),  # the first kind word wins
    ("@Priya emailed the deck", Kind.email),
    ("@Priya texted congrats", Kind.message),
    ("@Priya dm", Kind.message),
    ("@Priya conference in Lisbon", Kind.event),
    ("@Priya walked in the park", Kind.meeting),  # default
])
def test_kind_words(line, kind):
    assert p(line).kind is kind


def test_note_kind_drops_the_leading_word():
    r = p("@Priya note: moved to Lisbon")
    assert r.kind is Kind.note
    assert r.body == "moved to Lisbon"
    assert r.preview == "Note about Priya Raman · today"


@pytest.mark.parametrize(("word", "day"), [
    ("today", TODAY),
    ("yesterday", date(2026, 11, 21)),
    ("3d ago", date(2026, 11, 19)),
    ("2w ago", date(2026, 11, 8)),
    ("last fri", date(2026, 11, 20)),
    ("friday", date(2026, 11, 20)),
    ("2 nov", date(2026, 11, 2)),
    ("nov 2", date(2026, 11, 2)),
    ("2026-11-02", date(2026, 11, 2)),
])
def test_date_words(word, day):
    r = p(f"@Priya coffee {word}, nice")
    assert r.ok, r.errors
    assert r.day == day
    assert r.body == "coffee, nice"


def test_ordinary_words_are_not_dates():
    r = p("@Priya sat in the sun now")
    assert r.day == TODAY and not r.date_spans
    assert r.body == "sat in the sun now"


def test_dates_problems():
    assert "more than one date" in p("@Priya yesterday 3d ago").errors[0]
    assert "future" in p("@Priya tomorrow").errors[0]
    assert "not a real date" in p("@Priya 2026-02-30").errors[0]


def test_followups():
    assert p("@Priya +10d").followup == TODAY + timedelta(days=10)
    assert p("@Priya +1m").followup == date(2026, 12, 22)
    assert p("@Priya +1m").preview.endswith("follow-up in 1 month")
    assert "more than one" in p("@Priya +1w +2w").errors[0]
    assert "at least 1" in p("@Priya +0d").errors[0]
    assert p("@Priya +9999y").errors


def test_favours():
    r = p("gave @Priya intro to Sam at Acme !2")
    assert r.ok, r.errors
    assert r.direction is Direction.gave and r.size == 2
    assert r.body == "intro to Sam at Acme"
    assert r.preview == "Gave to Priya Raman · today · size 2"
    out = plan(r)
    assert out.interaction is None
    assert (out.favour.contact_id, out.favour.size, out.favour.text) == ("priya", 2, r.body)
    assert p("got @Tom advice").direction is Direction.received
    asked = p("asked @Tom for a reference yesterday")
    assert asked.direction is Direction.asked and asked.day == date(2026, 11, 21)
    assert plan(asked).favour.status.value == "open"


def test_favour_problems():
    assert "one person" in p("gave @Priya @Tom books").errors[0]
    assert "not !1, !2 or !3" in p("gave @Priya books !5").errors[0]
    assert "only goes with" in p("@Priya lunch !2").errors[0]
    assert "follow-up" in p("asked @Priya for advice +1w").errors[0]
    assert p("Gave up on @Priya's idea").direction is Direction.gave  # the verb is a word


def test_nobody_mentioned():
    assert p("coffee yesterday").errors == ("who: mention someone with @Name",)


def test_later_mentions_become_names_in_the_text():
    r = p("coffee with @Priya and @tommy, about climate")
    assert r.body == "coffee with Priya Raman and Tom Wiśniewski, about climate"


def test_same_person_twice_is_one():
    assert len(plan(p("@Priya @raman lunch")).interaction.contact_ids) == 1


def test_markup_like_names_are_plain_text():
    r = p('@"Bob [/]" lunch [b]bold[/b]')
    assert r.ok, r.errors
    assert r.preview.startswith("Meeting with Bob [/]")
    assert r.body == "lunch [b]bold[/b]"


def test_mention_at_cursor():
    assert mention_at("@Pri", 4) == (0, "Pri")
    assert mention_at("lunch @", 7) == (6, "")
    assert mention_at('x @"Priya R', 11) == (2, "Priya R")
    assert mention_at("@Priya lunch", 12) is None
    assert mention_at("mail@acme", 9) is None


@pytest.mark.parametrize("person", PEOPLE)
def test_completed_mentions_parse_back(person):
    r = p(f"@{mention_text(person.name)} lunch")
    assert [c.id for c in r.people] == [person.id]


def test_completion_is_accent_insensitive_and_ranked():
    assert DIRECTORY.complete("lé")[0] is LEA
    assert DIRECTORY.complete("le")[0] is LEA
    assert {c.id for c in DIRECTORY.complete("alex")[:2]} == {"alexc", "alexp"}
    assert DIRECTORY.complete("wisn")[0] is TOM


def test_ask_advice_warns_without_gives():
    from netui.domain.ledger import Standing

    lines = ask_advice("Priya", Standing())
    assert "Give first" in lines[1]
    assert lines[-1].startswith("You have given Priya nothing yet")
    assert len(ask_advice("Priya", Standing(given=2))) == 2


# -- saving through the services -------------------------------------------------------------


def test_plan_saves_interaction_followup_and_new_contact_atomically(network):
    network.add_contact(PRIYA)
    r = parse("@Priya @Newbie coffee #climate yesterday +2w", TODAY, network.contacts(),
              create=True)
    network.quick_add(plan(r, more_text="second line"))
    newbie = network.find_one("Newbie")
    (meeting,) = network.interactions_for("priya")
    assert meeting.contact_ids == ["priya", newbie.id]
    assert meeting.text == "coffee\nsecond line"
    assert meeting.tags == ["climate"]
    (chk,) = network.checkins_for(newbie.id)
    assert chk.due == TODAY + timedelta(weeks=2) and chk.status is CheckInStatus.pending
    assert network.last_touch("priya") == TODAY - timedelta(days=1)


def test_a_bad_plan_saves_nothing(network):
    network.add_contact(PRIYA)
    with pytest.raises(Invalid):
        plan(parse("@Priya @Zed lunch", TODAY, network.contacts()))
    assert network.interactions_for("priya") == []
    assert network.contact_count() == 1


# -- properties --------------------------------------------------------------------------------

GRAMMARISH = st.text(alphabet=st.sampled_from(list('@#+!"-:,. 0123456789adwmyPriyaTomłś\n\tÉ')),
                     max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), GRAMMARISH), st.booleans())
def test_parse_never_raises_and_spans_are_in_the_text(text, create):
    r = p(text, create=create)
    assert isinstance(r.preview, str) and isinstance(r.body, str)
    for m in r.mentions:
        assert text[m.start] == "@"
    for t in r.tags:
        assert text[t.start:t.end] == "#" + t.text
    for s in (*r.date_spans, *r.followups):
        assert text[s.start:s.end] == s.text
    if r.ok:
        plan(r)  # a clean parse always makes valid records


MENTIONS = [("@Priya", "priya"), ("@raman", "priya"), ("@Priya Raman", "priya"),
            ('@"Priya R"', "priya"), ("@tom", "tom"), ("@WISNIEWSKI", "tom"),
            ("@Léa", "lea"), ("@lea dubois", "lea"), ("@Alex Chen", "alexc"),
            ("@Tomasz", "tomasz")]
DATES = [("yesterday", date(2026, 11, 21)), ("3d ago", date(2026, 11, 19)),
         ("last fri", date(2026, 11, 20)), ("2026-11-02", date(2026, 11, 2)),
         ("2 nov", date(2026, 11, 2)), ("today", TODAY)]
FOLLOWUPS = [("+2w", TODAY + timedelta(weeks=2)), ("+10d", TODAY + timedelta(days=10)),
             ("+1m", date(2026, 12, 22))]
WORDS = ["at", "Blue", "Bottle,", "talked", "intros", "about", "the", "plan.", "ok", "coffee",
         "call", "x+y", "a#b", "mail@acme.example", "(really)"]


@st.composite
def lines(draw):
    mentions = draw(st.lists(st.sampled_from(MENTIONS), min_size=1, max_size=3))
    tags = draw(st.lists(st.from_regex(r"[a-z][a-z0-9\-]{0,8}", fullmatch=True), max_size=3))
    day = draw(st.none() | st.sampled_from(DATES))
    follow = draw(st.none() | st.sampled_from(FOLLOWUPS))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=6))
    segments = ([("mention", m) for m in mentions] + [("tag", t) for t in tags]
                + [("word", w) for w in words]
                + ([("date", day)] if day else []) + ([("follow", follow)] if follow else []))
    order = draw(st.permutations(segments))
    return order


def _text(seg):
    kind, value = seg
    if kind == "tag":
        return "#" + value
    if kind == "word":
        return value
    return value[0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines())
def test_reports_exactly_the_mentions_tags_dates_and_followups_in_the_text(segments):
    text = " ".join(_text(s) for s in segments)
    r = p(text)
    assert r.ok, (text, r.errors)
    want_mentions = [s[1] for s in segments if s[0] == "mention"]
    assert [text[m.start:m.end] for m in r.mentions] == [m for m, _ in want_mentions]
    assert [m.person.id for m in r.mentions] == [who for _, who in want_mentions]
    assert [t.text for t in r.tags] == [s[1] for s in segments if s[0] == "tag"]
    want_day = [s[1] for s in segments if s[0] == "date"]
    assert [d.text for d in r.date_spans] == [w for w, _ in want_day]
    assert r.day == (want_day[0][1] if want_day else TODAY)
    want_follow = [s[1] for s in segments if s[0] == "follow"]
    assert [f.text for f in r.followups] == [w for w, _ in want_follow]
    assert r.followup == (want_follow[0][1] if want_follow else None)
    # Nothing the grammar consumed is left in the text it stores.
    for s in r.tags:
        assert "#" + s.text not in r.body.split()
    assert not any(w.startswith("+") for w in r.body.split())


# -- B9: a kind word counts as the first word, or right after a date word ----------------

@pytest.mark.parametrize(("line", "kind"), [
    ("@Ben discussed my note on pricing over coffee", Kind.meeting),
    ("@Ben we talked about the conference call he missed", Kind.meeting),
    ("@Ben note: moved to Lisbon", Kind.note),
    ("@Ben @Tom call about the grant", Kind.call),
    ("@Ben yesterday call about the grant", Kind.call),
    ("yesterday @Ben emailed the deck", Kind.email),
    ("@Ben, lunch at noon", Kind.meeting),
    ("@Ben texted: congrats", Kind.message),
    ("@Ben sent a text about the party", Kind.meeting),
])
def test_kind_word_only_leads(line, kind):
    ben = Contact(id="ben", name="Ben Ode")
    r = parse(line, TODAY, Directory([*PEOPLE, ben]))
    assert r.ok, r.errors
    assert r.kind is kind


# -- B15: the date words people type, inside a line ----------------------------------------

@pytest.mark.parametrize(("line", "day", "body"), [
    ("@Priya coffee 3 days ago", date(2026, 11, 19), "coffee"),
    ("@Priya coffee 2 weeks ago, nice", date(2026, 11, 8), "coffee, nice"),
    ("@Priya coffee a week ago", date(2026, 11, 15), "coffee"),
    ("@Priya lunch Nov 28th", date(2025, 11, 28), "lunch"),
    ("@Priya lunch 21st nov", date(2026, 11, 21), "lunch"),
    ("@Priya lunch 21/11", date(2026, 11, 21), "lunch"),
    ("@Priya lunch on monday", date(2026, 11, 16), "lunch"),
    ("@Priya lunch on sat", date(2026, 11, 21), "lunch"),
    ("@Priya lunch fri", date(2026, 11, 20), "lunch"),
    ("@Priya lunch on the terrace", TODAY, "lunch on the terrace"),
    ("@Priya we sat down a week ago", date(2026, 11, 15), "we sat down"),
])
def test_more_date_words_in_a_line(line, day, body):
    r = p(line)
    assert r.ok, r.errors
    assert (r.day, r.body) == (day, body)


def test_slash_dates_in_a_line_follow_the_date_order():
    assert p("@Priya lunch 11/21", date_order="mdy").day == date(2026, 11, 21)
    assert p("@Priya lunch 3/4", date_order="mdy").day == date(2026, 3, 4)
    assert p("@Priya lunch 3/4").day == date(2026, 4, 3)


# -- B3: sizes the shell cannot eat ---------------------------------------------------------

@pytest.mark.parametrize(("line", "size"), [
    ("gave @Priya intro to Sam size:2", 2),
    ("gave @Priya intro to Sam size:3", 3),
    ("gave @Priya intro to Sam ++", 2),
    ("gave @Priya intro to Sam +++", 3),
    ("gave @Priya intro to Sam !2", 2),
])
def test_sizes_without_a_bang(line, size):
    r = p(line)
    assert r.ok, r.errors
    assert (r.size, r.body) == (size, "intro to Sam")


def test_bad_sizes_say_what_works():
    assert "size:1, size:2 or size:3" in p("gave @Priya books size:7").errors[0]
    assert "only goes with" in p("@Priya lunch ++").errors[0]
