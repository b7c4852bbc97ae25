"""Reading a quick-add line into pieces (domain.quickadd): tokens, @mentions (the
longest known name wins), #tags, +follow-ups, sizes, the favour verb, and date phrases
among the plain words."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from . import dates
from .names import fold
from .quick_directory import Directory
from .quick_words import (
    FOLLOWUP,
    MAX_NAME_WORDS,
    NOT_NAMES,
    SIZE,
    TAG,
    TRAILING,
    VERBS,
    WORD,
    date_phrase,
)


@dataclass(slots=True)
class Piece:
    start: int
    end: int
    kind: str  # word, mention, tag, followup, size, verb, date, junk
    value: Any = None
    tail: str = ""  # punctuation after a word, kept as text


def tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace-separated tokens; `@"..."` stays one token even with spaces inside."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        if text.startswith('@"', i):
            close = text.find('"', i + 2)
            i = n if close < 0 else close + 1
            while i < n and not text[i].isspace():
                i += 1
        else:
            while i < n and not text[i].isspace():
                i += 1
        out.append((start, i))
    return out


def _new_name_words(text: str, words: list[tuple[int, int]]) -> int:
    """How many words an unknown `@Name` takes: the capitalised words that follow it
    (`@Nadia Petrova coffee` is the new person "Nadia Petrova"), not a weekday or month."""
    k = 1
    while k < len(words):
        word = text[words[k][0]:words[k][1]]
        if not word[:1].isupper() or fold(word) in NOT_NAMES:
            break
        k += 1
    return k


def only_spaces(text: str, a: int, b: int) -> bool:
    return a < b and text[a:b].strip(" ") == ""


def scan(text: str, directory: Directory, errors: list[str]) -> list[Piece]:
    toks = tokens(text)
    pieces: list[Piece] = []
    i = 0
    while i < len(toks):
        start, end = toks[i]
        tok = text[start:end]
        if tok.startswith('@"'):
            close = text.find('"', start + 2, end)
            if close < 0:
                errors.append(f'mention: {tok} has no closing quote')
                pieces.append(Piece(start, end, "junk"))
            else:
                pieces.append(Piece(start, close + 1, "mention", text[start + 2:close].strip()))
                if close + 1 < end:
                    pieces.append(Piece(close + 1, end, "junk"))
            i += 1
            continue
        if tok.startswith("@") and (m := WORD.match(tok, 1)):
            words = [(start + 1, start + m.end())]
            j = i
            # Gather following words a multi-word name could take (spaces only between).
            if m.end() == len(tok):
                while j + 1 < len(toks) and len(words) < MAX_NAME_WORDS:
                    ns, ne = toks[j + 1]
                    if not only_spaces(text, toks[j][1], ns):
                        break
                    wm = WORD.match(text, ns)
                    if not wm or wm.start() != ns:
                        break
                    words.append((ns, wm.end()))
                    j += 1
                    if wm.end() != ne:
                        break
            k = len(words)
            while k > 1 and not directory.has_phrase([text[a:b] for a, b in words[:k]]):
                k -= 1
            if k == 1 and not directory.match(text[words[0][0]:words[0][1]]):
                k = _new_name_words(text, words)
            name_end = words[k - 1][1]
            query = " ".join(text[a:b] for a, b in words[:k])
            pieces.append(Piece(start, name_end, "mention", query))
            last_tok = i + k - 1
            if name_end < toks[last_tok][1]:
                pieces.append(Piece(name_end, toks[last_tok][1], "junk"))
            i = last_tok + 1
            continue
        if m := TAG.match(tok):
            pieces.append(Piece(start, start + m.end(), "tag", m[1]))
            if m.end() < len(tok):
                pieces.append(Piece(start + m.end(), end, "junk"))
        elif FOLLOWUP.fullmatch(tok):
            pieces.append(Piece(start, end, "followup", tok))
        elif SIZE.fullmatch(tok):
            pieces.append(Piece(start, end, "size", tok))
        elif not pieces and tok.lower() in VERBS:
            pieces.append(Piece(start, end, "verb", VERBS[tok.lower()]))
        else:
            core = tok.rstrip(TRAILING)
            if core:
                pieces.append(Piece(start, start + len(core), "word", core, tok[len(core):]))
            else:
                pieces.append(Piece(start, end, "junk"))
        i += 1
    return pieces


def _run(text: str, pieces: list[Piece], i: int, n: int) -> list[str] | None:
    """The values of the `n` plain words from `i` when only spaces join them."""
    run = pieces[i:i + n]
    if len(run) < n or any(q.kind != "word" for q in run):
        return None
    if any(q.tail or not only_spaces(text, q.end, r.start) for q, r in pairwise(run)):
        return None
    return [q.value for q in run]


def find_dates(text: str, pieces: list[Piece]) -> None:
    """Mark date phrases among adjacent plain words (longest phrases first). An "on"
    just before one is part of it ("lunch on monday"), and "on sat" is a date where a
    lone "sat" is a word."""
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if p.kind != "word":
            i += 1
            continue
        for n in (3, 2, 1):
            words = _run(text, pieces, i, n)
            if words is not None and date_phrase(words):
                break
            if (n == 2 and words is not None and words[0].lower() == "on"
                    and words[1].lower() in dates.WEEKDAYS):
                words = words[1:]
                break
        else:
            i += 1
            continue
        start, last = p, pieces[i + n - 1]
        if (i > 0 and n == len(words) and pieces[i - 1].kind == "word" and not
                pieces[i - 1].tail and pieces[i - 1].value.lower() == "on"
                and only_spaces(text, pieces[i - 1].end, p.start)):
            i, n, start = i - 1, n + 1, pieces[i - 1]
        phrase = text[start.start:last.end]
        pieces[i:i + n] = [Piece(start.start, last.end, "date", phrase, last.tail)]
        i += 1
