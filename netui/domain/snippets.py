"""The line of a note that matched a search, and where the words are in it.

Search folds case and accents ("jurgen" finds "Jürgen"), so the highlight is found on a
folded copy whose every character maps back to a character of the original line."""

from __future__ import annotations

from dataclasses import dataclass

from .names import fold


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str  # one line of the note, possibly cut, with "…" where it was cut
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word in `text`


def _folded_with_map(line: str) -> tuple[str, list[int]]:
    """`line` folded, and for each folded character the index of its source character."""
    out: list[str] = []
    where: list[int] = []
    for n, ch in enumerate(line):
        f = fold(ch)
        out.append(f)
        where.extend([n] * len(f))
    return "".join(out), where


def _spans(line: str, words: list[str]) -> list[tuple[int, int]]:
    folded, where = _folded_with_map(line)
    spans = []
    for w in words:
        at = folded.find(w)
        if at >= 0:
            spans.append((where[at], where[at + len(w) - 1] + 1))
    return sorted(spans)


def snippet(text: str, query: str, width: int = 80) -> Snippet:
    """The line of `text` with the most words of `query` (the first line when none has
    any), cut to about `width` characters around the first match."""
    words = [w for w in fold(query).split() if w]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()] or [""]
    best, best_spans = lines[0], _spans(lines[0], words)
    for ln in lines[1:]:
        spans = _spans(ln, words)
        if len(spans) > len(best_spans):
            best, best_spans = ln, spans
    width = max(width, 10)
    if len(best) <= width:
        return Snippet(best, tuple(best_spans))
    start = 0
    if best_spans and best_spans[0][1] > width - 1:  # the first match is past the cut
        first_a, first_b = best_spans[0]
        # A third of the room before the match, but never so much that its end falls
        # behind the closing "…" (both ends cut leave width - 2 characters).
        start = max(0, min(max(first_a - width // 3, first_b - (width - 2)), first_a))
    prefix = "…" if start else ""
    end = start + width - len(prefix)
    suffix = ""
    if end < len(best):
        end -= 1
        suffix = "…"
    shift = len(prefix) - start
    # Only matches shown whole are highlighted: half a word lit up reads as a different word.
    shown = tuple((a + shift, b + shift) for a, b in best_spans if a >= start and b <= end)
    return Snippet(prefix + best[start:end] + suffix, shown)
