"""Which names can be a close spelling of a phrase, found from letter pairs kept as bit
sets, so that a phrase no one matches exactly is scored against those names only.

partial_ratio scores the best window W of a name against the phrase P (n letters): a
window of w <= n letters sharing a longest common subsequence of m letters scores
200m / (n + w). Reaching the cutoff needs m large, which pins down letters of P that sit
next to each other in W: two letters of P matched one after the other at W positions d
apart are a pair in the name (d = 1, "ab") or a pair with one letter between (d = 2,
"a?b"). The letters W adds between matched ones number w - m at most, so for each way of
choosing the m matched letters of P and spending those w - m gaps, the name holds every
pair at distance 1 or 2 that the choice leaves: the names that hold all the pairs of
some choice are the only ones that can score (a superset, scored exactly afterwards).
Names no longer than the phrase are scored the other way round: always candidates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations, compress, pairwise, repeat
from operator import add, contains, itemgetter

# Ways of choosing matched letters and gaps tried per phrase before scoring everyone is
# cheaper (long phrases: scoring is cheap per name next to thousands of bit-set ANDs).
MAX_CHOICES = 400
# Every byte's eight bits as eight 0/1 bytes, lowest bit first (bits to positions in C).
_FLAGS = tuple(bytes((b >> k) & 1 for k in range(8)) for b in range(256))


def required_overlap(n: int, w: int, cutoff: float) -> int:
    """The fewest letters a window of `w` letters must share (longest common subsequence)
    with a phrase of `n` letters to score `cutoff`: 200m / (n + w) >= cutoff, with half a
    point to spare against rounding (a superset is safe, a miss is not)."""
    return max(0, -(-int(cutoff * (n + w) - 1) // 200))


def gap_budgets(n: int, cutoff: float) -> list[tuple[int, int]]:
    """(m, letters W may add between matched ones) for every overlap m that can reach
    `cutoff`: the widest window that still scores gives the most room."""
    out = []
    for m in range(1, n + 1):
        widths = [w for w in range(m, n + 1) if m >= required_overlap(n, w, cutoff)]
        if widths:
            out.append((m, max(widths) - m))
    return out


def choices(phrase: str, cutoff: float) -> set[frozenset[tuple[int, str]]] | None:
    """Each way of matching letters of `phrase`, as the grams a name must hold for it:
    (1, "ab") for letters next to each other in the window, (2, "ab") for one letter
    apart, (0, "a") for a lone letter. None: too many ways (score everyone)."""
    n = len(phrase)
    out: set[frozenset[tuple[int, str]]] = set()
    tried = 0
    for m, budget in gap_budgets(n, cutoff):
        for matched in combinations(range(n), m):
            if m == 1:
                out.add(frozenset({(0, phrase[matched[0]])}))
                continue
            joins = [phrase[a] + phrase[b] for a, b in pairwise(matched)]
            for spent in _gap_spends(len(joins), budget):
                out.add(frozenset((d, pair) for d, pair in zip(spent, joins, strict=True)
                                  if d <= 2))
                tried += 1
                if len(out) > MAX_CHOICES or tried > 8 * MAX_CHOICES:
                    return None
    return out


def _gap_spends(joins: int, budget: int) -> Iterator[tuple[int, ...]]:
    """The distances in the window between consecutive matched letters: 1, 2, or 3
    standing for "3 or more" (no pair to hold), adding at most `budget` letters in all.
    Any real alignment's distances, capped at 3, are among these."""
    if joins == 0:
        yield ()
        return
    for first in (1, 2, 3):
        cost = first - 1
        if cost > budget:
            break
        for rest in _gap_spends(joins - 1, budget - cost):
            yield (first, *rest)


class CloseGrams:
    """Bit sets of the names holding each letter, pair and pair-one-apart, built a slice
    at a time (`steps`), then asked for the names that can score a phrase. With `kinds`
    2 (letters and pairs only) over haystacks, they answer which hold a word (`holding`).
    """

    def __init__(self, names: Sequence[str], kinds: int = 3) -> None:
        self.names = names
        self.kinds = kinds
        self.sets: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        self.short: list[int] = []  # bit set of the names of each length up to 31
        self.everyone = (1 << len(names)) - 1
        self.ready = False

    def steps(self, size: int = 250) -> Iterator[None]:
        """Build the sets, yielding every `size` names (~4 ms each). Each slice's sets
        are shifted into place at once: no list of every position is ever held (at 50k
        that would be ~30 MB the process keeps after freeing it)."""
        sets = self.sets
        lengths: dict[int, list[int]] = {}
        for start in range(0, len(self.names), size):
            chunk = self.names[start:start + size]
            found: tuple[dict[str, list[int]], ...] = ({}, {}, {})
            for n, name in enumerate(chunk):
                for kind in range(self.kinds):
                    grams = set(name) if kind == 0 else set(map(add, name, name[kind:]))
                    into = found[kind]
                    for g in grams:
                        at = into.get(g)
                        if at is None:
                            into[g] = [n]
                        else:
                            at.append(n)
                if len(name) < 32:
                    lengths.setdefault(len(name), []).append(start + n)
            for kind, into in enumerate(found):
                into_sets = sets[kind]
                for g, positions in into.items():
                    into_sets[g] = into_sets.get(g, 0) | (_bits(positions, len(chunk)) << start)
            yield
        self.short = [_bits(lengths.get(k, []), len(self.names)) for k in range(32)]
        self.ready = True
        yield

    def candidates(self, phrase: str, cutoff: float) -> list[int] | None:
        """Positions (ascending) of every name that can score `cutoff` for `phrase`, or
        None when this cannot narrow it (not built yet, or too many ways to match)."""
        if not self.ready or len(phrase) >= len(self.short):
            return None  # names that long are not kept by length
        ways = choices(phrase, cutoff)
        if ways is None or frozenset() in ways:
            return None  # a way that holds no pair: anyone may score
        found = 0
        for length in range(len(phrase) + 1):
            found |= self.short[length]
        sets = self.sets
        for way in ways:
            bits = -1  # every name, until a gram narrows it
            for kind, gram in way:
                bits &= sets[kind].get(gram, 0)
                if not bits:
                    break
            found |= bits
        return self._positions(found)

    def holding(self, words: Sequence[str], texts: Sequence[str]) -> Sequence[int] | None:
        """Positions (ascending; a range when everyone) of the `texts` (what this was
        built from) holding every word: a letter or a pair is looked up, a longer word
        is checked in the texts holding all its pairs. None: not built yet."""
        if not self.ready:
            return None
        letters, pairs = self.sets[0], self.sets[1]
        bits = self.everyone
        for word in words:
            for gram in (word,) if len(word) == 1 else set(map(add, word, word[1:])):
                bits &= (letters if len(gram) == 1 else pairs).get(gram, 0)
            if not bits:
                return []
        found: Sequence[int] = range(len(self.names)) if bits == self.everyone \
            else self._positions(bits)
        for word in words:
            if len(word) > 2:
                found = list(compress(found, map(contains, _pick(texts, found),
                                                 repeat(word))))
        return found

    def _positions(self, bits: int) -> list[int]:
        size = len(self.names)
        raw = bits.to_bytes((size + 7) // 8, "little")
        return list(compress(range(size), b"".join(map(_FLAGS.__getitem__, raw))))


def _pick(texts: Sequence[str], positions: Sequence[int]) -> Sequence[str]:
    if len(positions) == 1:
        return (texts[positions[0]],)
    return itemgetter(*positions)(texts) if positions else ()


def _bits(positions: list[int], size: int) -> int:
    """The bit set of `positions` (each below `size`)."""
    flags = bytearray(b"0") * size
    any(map(flags.__setitem__, positions, repeat(49)))  # "1" at each, in C
    flags.reverse()  # position 0 is the lowest bit
    return int(flags, 2) if flags else 0
