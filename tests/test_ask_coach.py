"""The ask coach's table: small asks pass, big ones get a reframe that keeps the goal."""

from __future__ import annotations

import pytest

from netui.domain.ask_coach import BIG, RULES, SMALL, check_ask, gerund

SMALL_ASKS = [
    "for a reference",
    "whether she would be a reference for the Acme role",
    "for advice on pricing",
    "advice on getting a job at Acme",
    "for tips on moving to Berlin",
    "ideas for the conference talk",
    "suggestions for a good accountant",
    "feedback on my landing page",
    "her thoughts on the pitch",
    "his opinion on the offer",
    "for input on the survey questions",
    "a pointer to the grant database",
    "pointers on hiring a designer",
    "to recommend a good lawyer",
    "for a recommendation on LinkedIn",
    "who I should talk to at Stripe",
    "who to speak to about the visa",
    "if they know anyone at Acme Climate",
    "whether she knows somebody in biotech",
    "to spread the word about the launch",
    "to share the job post",
    "to repost my announcement",
    "to retweet the launch",
    "for information on the MBA programme",
    "for info about the neighbourhood",
    "a quick question about React",
    "a question on tax",
    "an intro to Sam at Acme",
    "to introduce me to the design lead",
    "to connect me with their CFO",
    "the link to the meetup",
    "for the article she mentioned",
    "for the name of their accountant",
    "for a contact at the city council",
    "for Aoife's email address",
    "their take on remote work",
    "a look at my CV",
    "how they got into product management",
    "to vouch for me with the landlord",
    "",
    "about the weather in Lisbon",
]

BIG_ASKS = [
    ("find me a job at Acme", "job"),
    ("for a job", "job"),
    ("to get me a role at Globex", "job"),
    ("to hire me", "job"),
    ("whether they are hiring me for the team", "job"),
    ("to land me an internship", "job"),
    ("to give me a position on her team", "job"),
    ("to lend me money for the flat", "a loan"),
    ("for a loan", "a loan"),
    ("to cover my rent this month", "a loan"),
    ("to invest in my startup", "investment"),
    ("for funding for the app", "investment"),
    ("to be an angel in our seed round", "investment"),
    ("to donate to the campaign", "investment"),
    ("to build my website", "work for you"),
    ("to design a logo for us", "work for you"),
    ("to write my cover letter", "work for you"),
    ("to fix my laptop", "work for you"),
    ("to set up our CRM", "work for you"),
    ("to plan my wedding", "work for you"),
    ("to help me move flat", "work for you"),
    ("to translate the contract", "work for you"),
    ("to review my whole manuscript", "long review"),
    ("to read my thesis", "long review"),
    ("to proofread the business plan", "long review"),
    ("to go through all of the code", "long review"),
    ("for comments on a 40-page report", "long review"),
    ("to mentor me on product management", "recurring"),
    ("to be my mentor", "recurring"),
    ("to meet every week about the launch", "recurring"),
    ("for weekly check-ins", "recurring"),
    ("to be my cofounder", "recurring"),
    ("to join my startup", "recurring"),
    ("to be an advisor", "recurring"),
    ("to speak at my meetup", "their time"),
    ("to come to my show", "their time"),
    ("if I can stay at her place in Berlin", "their time"),
    ("to drive me to the airport", "their time"),
    ("to buy our product", "buying"),
    ("to sign up for the beta", "buying"),
    ("to sponsor the event", "buying"),
    ("to use our app at work", "buying"),
]


@pytest.mark.parametrize("text", SMALL_ASKS)
def test_small_asks(text):
    got = check_ask(text)
    assert got.verdict == SMALL, (text, got.rule)
    assert got.suggestion is None and got.reason


@pytest.mark.parametrize(("text", "rule"), BIG_ASKS)
def test_big_asks_name_their_rule_and_a_reframe(text, rule):
    got = check_ask(text)
    assert (got.verdict, got.rule) == (BIG, rule), text
    assert got.suggestion and got.reason
    assert "{" not in got.suggestion


def test_there_are_at_least_sixty_phrases():
    assert len(SMALL_ASKS) + len(BIG_ASKS) >= 60


@pytest.mark.parametrize(("text", "suggestion"), [
    ("find me a job at Acme", "tell them you are looking at Acme and ask whether they "
     "would be a reference, or who you should talk to"),
    ("for a job", "tell them you are looking for a new role and ask whether they would "
     "be a reference, or who you should talk to"),
    ("to build my website", "ask for their advice on building your website, or who they "
     "would recommend for it"),
    ("to invest in my startup", "share a short update on your startup and ask for their "
     "advice, or who else you should talk to"),
    ("to mentor me on product management", "ask for one conversation about product "
     "management first; if it helps, ask again later"),
    ("to lend me money for the flat", "ask for their advice on paying for the flat (a "
     "bank, a grant, a plan), not for the money itself"),
])
def test_reframes_keep_the_goal(text, suggestion):
    assert check_ask(text).suggestion == suggestion


def test_json_shape():
    assert check_ask("a reference").to_json() == {
        "verdict": "small", "reason": check_ask("a reference").reason, "suggestion": None}
    assert set(check_ask("a job").to_json()) == {"verdict", "reason", "suggestion"}


def test_every_rule_is_used_by_a_phrase():
    used = {check_ask(t).rule for t, _ in BIG_ASKS} | {check_ask(t).rule for t in SMALL_ASKS}
    assert {r.name for r in RULES} <= used


@pytest.mark.parametrize(("verb", "ing"), [("build", "building"), ("write", "writing"),
                                           ("plan", "planning"), ("set", "setting"),
                                           ("fix", "fixing"), ("do", "doing"),
                                           ("your", "your"), ("design", "designing")])
def test_gerund(verb, ing):
    assert gerund(verb) == ing
