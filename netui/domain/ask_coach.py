"""The ask coach: is an ask small (easy to give) or big (time-consuming or hard to
refuse), and how to make a big one small while keeping its goal.

Good networkers ask for what the other person can give in a few minutes: information,
ideas, advice, feedback, a pointer, a reference, spreading the word. "Find me a job at
Acme" is hard to refuse and costly; "I am looking at Acme: would you be a reference, or
who should I talk to?" gets to the same place. The rules are data: one table, read top
to bottom, the first rule whose pattern is found in the ask decides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SMALL, BIG = "small", "big"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    verdict: str
    pattern: re.Pattern[str]
    reason: str
    # How to ask instead, for a big ask. {goal} is what the ask is about (its object,
    # in the user's words with "my" read as "your"); {where} is " at Acme" when named.
    reframe: str | None = None
    goal_from: str = "end"  # the goal follows the match ("invest in X"), or starts it
    fallback: str = "it"  # the goal when the ask names none


@dataclass(frozen=True, slots=True)
class AskCheck:
    verdict: str
    reason: str
    suggestion: str | None
    rule: str

    @property
    def big(self) -> bool:
        return self.verdict == BIG

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "reason": self.reason, "suggestion": self.suggestion}

    def line(self) -> str:
        """One line for a preview or a card."""
        if self.suggestion is None:
            return f"Small ask: {self.reason}."
        return f"Big ask: {self.reason}. Try: {self.suggestion}."


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule("long review", BIG, _re(
        r"\b(?:review|read|proofread|edit|go through|check)\b.*\b(?:whole|entire|full|all of)\b"
        r"|\b(?:review|read|proofread|edit|go through)\s+(?:my|our|the)\s+"
        r"(?:book|novel|manuscript|thesis|dissertation|codebase|code base|business plan)\b"
        r"|\b\d{2,}[- ]pages?\b"),
        "a long review takes hours",
        "ask for feedback on one part of it (a page, a chapter, one question) and offer "
        "to send the rest only if they want it"),
    Rule("a loan", BIG, _re(
        r"\b(?:lend|loan|borrow|money|cash|pay (?:for|me)|cheque|cover (?:my|the) rent)\b"),
        "money is hard to refuse politely and costly to give",
        "ask for their advice on paying for{goal} (a bank, a grant, a plan), not for the "
        "money itself", goal_from="for", fallback="it"),
    Rule("investment", BIG, _re(
        r"\b(?:invest(?:ing|ment)?|fund(?:ing)?|donat\w*|raise\s+(?:my|our|a) (?:round|seed)|"
        r"seed round|angel|back (?:my|our) (?:startup|company))\b"),
        "money is hard to refuse politely and costly to give",
        "share a short update on{goal} and ask for their advice, or who else you should "
        "talk to", fallback="what you are raising for"),
    Rule("recurring", BIG, _re(
        r"\b(?:mentor me|be my mentor|mentorship|every (?:week|month|day)|weekly|monthly|"
        r"ongoing|regular(?:ly)?|co-?founder|join (?:my|our)|advis(?:e|or) (?:my|our) "
        r"(?:board|company|startup)|be (?:an|my|our) advisor|on (?:my|our) board)\b"),
        "a recurring commitment is hard to say no to",
        "ask for one conversation about{goal} first; if it helps, ask again later",
        fallback="what you want to learn"),
    Rule("easy to give", SMALL, _re(
        r"\b(?:advice|advise me|tips?|ideas?|suggestions?|suggest|feedback|thoughts?|"
        r"opinion|input|pointers?|a pointer|recommend(?:ation)?s?|references?|referral|"
        r"vouch|who (?:should|to|could|can) (?:i )?(?:talk|speak|reach out|ask)|"
        r"know (?:anyone|anybody|someone|somebody)|spread the word|share|repost|retweet|"
        r"boost|information|info|details|quick question|a question|questions|intro(?:duction)?s?|"
        r"introduce|connect me|links?|articles?|the name of|contacts? (?:at|for)|"
        r"email address|their take|a look at (?:my )?(?:cv|resume|résumé|profile|post|"
        r"one|a page|the intro|the summary)|how (?:they|he|she) (?:got|did|started|chose))\b"),
        "information, ideas, advice or a pointer take minutes to give"),
    Rule("job", BIG, _re(
        r"\b(?:find|get|give|land|offer|secure|fix)\b.{0,20}\b(?:job|role|position|"
        r"internship|gig|work|placement|contract)\b|\b(?:hire|hiring|employ|recruit)\b"
        r"|\b(?:a job|the job|a role|a position)\b"),
        "a job is not theirs to give and hard to refuse",
        "tell them you are looking{where} and ask whether they would be a reference, or "
        "who you should talk to"),
    Rule("work for you", BIG, _re(
        r"\b(?:build|design|write|code|develop|make|translate|organi[sz]e|plan|run|"
        r"set up|fix|do|manage|prepare|create|draft|redo|rewrite)\s+(?:my|our|me|us|the|a|an)\b"
        r"|\bhelp (?:me|us) (?:move|with|to|build|launch|finish|run)\b|\bcover (?:for )?me\b"),
        "doing the work for you takes them hours",
        "ask for their advice on{goal}, or who they would recommend for it",
        goal_from="start"),
    Rule("their time", BIG, _re(
        r"\b(?:speak at|come to|attend|host|let me stay|stay (?:at|with)|couch|drive me|"
        r"pick me up|babysit|house-?sit|walk (?:my|the) dog|day of|weekend|spend)\b"),
        "it takes an evening or a weekend of their time",
        "ask whether they know someone who could help with{goal}, or for a short call "
        "instead", fallback="this"),
    Rule("buying", BIG, _re(
        r"\b(?:buy|purchase|sign up|subscribe|become a customer|a customer|pilot|sponsor|"
        r"sponsorship|order from|use (?:my|our) (?:product|app|service))\b"),
        "buying something is a budget decision, hard to refuse to a friend",
        "ask for feedback on whether{goal} would fit their team, and who decides there",
        fallback="what you offer"),
)

DEFAULT = AskCheck(SMALL, "nothing in it reads as time-consuming or hard to refuse",
                   None, "default")

_LEAD = _re(r"^(?:in|on|into|about|with|them|him|her|if (?:they|he|she) (?:could|would|can|might)|whether "
            r"(?:they|he|she) (?:could|would|can)|to|for|please|could you|can you|would "
            r"you|help (?:me|us)(?: to| with)?)\s+")
_WHERE = re.compile(r"\b(?:[Aa]t|[Ww]ith|[Ii]n|[Ff]or|[Jj]oin)\s+(?P<org>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*)")
_PRONOUNS = {"my": "your", "me": "you", "i": "you", "our": "your", "us": "you",
             "mine": "yours", "myself": "yourself"}


def _goal(text: str, match: re.Match[str], rule: Rule) -> str:
    """What the ask is about, in the user's voice read back to them: " your website"."""
    if rule.goal_from == "for":
        found = re.search(r"\bfor\s+", text[match.end():], re.IGNORECASE)
        rest = text[match.end() + found.end():] if found else ""
    else:
        start = match.start() if rule.goal_from == "start" else match.end()
        rest = text[start:]
    rest = rest.strip(" ,.;:!?")
    for _ in range(3):
        rest = _LEAD.sub("", rest)
    words = [_PRONOUNS.get(w.lower(), w) for w in rest.split()]
    if rule.goal_from == "start" and words:
        words[0] = gerund(words[0])
    goal = " ".join(words[:12]).rstrip(" ,.;:!?")
    return f" {goal or rule.fallback}"


def gerund(verb: str) -> str:
    """build -> building, write -> writing, plan -> planning; other words as they are."""
    v = verb.lower()
    if not v.isalpha() or v in _PRONOUNS.values() or v.endswith("ing") or len(v) < 2:
        return verb
    if v in ("do", "go"):
        return v + "ing"
    if v.endswith("e") and not v.endswith("ee"):
        return v[:-1] + "ing"
    if (len(v) <= 4 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou"
            and v[-3:-2] not in ("a", "e", "i", "o", "u")):
        return v + v[-1] + "ing"
    return v + "ing"


def check_ask(text: str) -> AskCheck:
    """Small or big, why, and for a big ask a reframe that keeps its goal."""
    for rule in RULES:
        m = rule.pattern.search(text)
        if m is None:
            continue
        if rule.reframe is None:
            return AskCheck(rule.verdict, rule.reason, None, rule.name)
        where = _WHERE.search(text)
        suggestion = rule.reframe.format(
            goal=_goal(text, m, rule),
            where=f" at {where['org']}" if where else " for a new role")
        return AskCheck(rule.verdict, rule.reason, suggestion, rule.name)
    return DEFAULT
