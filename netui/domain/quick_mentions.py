"""Typing @names in a quick-add box (the TUI's completion): which mention the cursor is
in, and how to write a name so it parses back to its person (domain.quickadd)."""

from __future__ import annotations

from .quick_words import MAX_NAME_WORDS, WORD


def mention_at(text: str, cursor: int, sigil: str = "@") -> tuple[int, str] | None:
    """The `@name` (or, with sigil '&', the `&community`) being typed just before the
    cursor: (index of the sigil, what follows), or None."""
    head = text[:cursor]
    at = head.rfind(sigil)
    if at < 0 or (at > 0 and not head[at - 1].isspace()):
        return None
    rest = head[at + 1:]
    if rest.startswith('"'):
        return None if '"' in rest[1:] else (at, rest[1:])
    if any(c.isspace() for c in rest):
        return None
    return at, rest


def mention_text(name: str) -> str:
    """How to write a person's full name after '@' so it parses back to them."""
    words = name.split()
    plain = all(WORD.fullmatch(w) for w in words) and len(words) <= MAX_NAME_WORDS
    return name if plain else f'"{name}"'
