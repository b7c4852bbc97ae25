"""Every pair of texts whose rapidfuzz `fuzz.ratio` reaches a cutoff, without scoring
all pairs: the pairs and scores `process.cdist` over everyone gives, from a necessary
condition, then scored by rapidfuzz itself.

ratio is the Indel similarity 100 (la + lb - d) / (la + lb), d the insertions plus
deletions turning one text into the other. Reaching `cutoff` needs d <= (la + lb) (100 -
cutoff) / 100; d has the parity of la + lb and is at least |la - lb|. At 90, texts of 19
letters are within 2 edits of each other, and lengths more than ~22% apart never pair.

Within d edits, a text cut into d + 1 segments keeps one of them whole (an edit touches
one segment at most), and that segment sits in the other text shifted by few places
(PassJoin, Li et al. 2011): with i the first segment such that the segments before it
hold no more than i edits, segment i is whole, exactly i edits come before it and at most
d - i after. So the texts of each length are indexed by their segments, and every text
as long or shorter looks up its substrings at the places a partner's segment can be: the
texts sharing one are the only candidates. They are scored a block at a time with cdist
(a segment hundreds share, a common first name in place, is one block scored in C at a
few ns a pair, where a pair handled in Python costs a hundred times that)."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import compress, groupby
from operator import itemgetter

# Blocks with fewer pairs than this are listed pair by pair (a cdist call costs about
# what scoring this many listed pairs does).
BLOCK_PAIRS = 24
SLAB = 128  # rows of a block against itself scored at once, only below the diagonal

Block = tuple[list[int], list[int]]  # (ids holding a segment, ids holding it in a place)


def max_edits(la: int, lb: int, cutoff: int) -> int:
    """The most insertions plus deletions two texts of these lengths can differ by and
    still score `cutoff`; -1 when the lengths alone rule it out. Integer arithmetic, so
    a pair exactly at the cutoff is kept (rapidfuzz decides it when scoring)."""
    total = la + lb
    d = total * (100 - cutoff) // 100
    if (d - total) % 2:
        d -= 1
    return d if d >= abs(la - lb) else -1


def spans(length: int, parts: int) -> list[tuple[int, int]]:
    """(start, size) of `parts` segments covering `length` letters, sizes within one."""
    base, extra = divmod(length, parts)
    out, at = [], 0
    for i in range(parts):
        size = base + (i >= parts - extra)
        out.append((at, size))
        at += size
    return out


def lookups(size_x: int, size_y: int, d: int) -> list[tuple[int, int, int]]:
    """(segment, start in y, size) of every place a segment of x (cut into d + 1) can sit
    whole in y when the two are within `d` edits: segment i shifted by at most i (the
    edits before it), within d - i of where the end puts it, and by -deletions..+insertions
    (their sum d, their difference the length gap)."""
    gap = size_y - size_x
    dels, ins = (d - gap) // 2, (d + gap) // 2
    out: list[tuple[int, int, int]] = []
    for i, (at, size) in enumerate(spans(size_x, d + 1)):
        lo = max(0, at - i, at + gap - (d - i), at - dels)
        hi = min(size_y - size, at + i, at + gap + (d - i), at + ins)
        out.extend((i, st, size) for st in range(lo, hi + 1))
    return out


def similar_pairs(texts: Sequence[str], cutoff: int) -> list[tuple[int, int, int]]:
    """(i, j, score), i < j positions in `texts`, of every pair scoring `cutoff` (1..100)
    or more with fuzz.ratio, ascending: what cdist(texts, texts, scorer=fuzz.ratio,
    score_cutoff=cutoff, dtype="uint8") holds above its diagonal."""
    # The index is a million short lists and tuples, none in a cycle: the collector
    # would rescan them again and again as they are built (a quarter of the time at
    # 50k texts) for nothing that reference counting does not free.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _similar_pairs(texts, cutoff)
    finally:
        if paused:
            gc.enable()


def _similar_pairs(texts: Sequence[str], cutoff: int) -> list[tuple[int, int, int]]:
    from rapidfuzz import fuzz, process

    at: dict[str, list[int]] = {}
    for pos, text in enumerate(texts):
        at.setdefault(text, []).append(pos)
    distinct = sorted(at, key=len)  # ids: the texts of one length in one run
    out: list[tuple[int, int, int]] = []
    for text, positions in at.items():
        if len(positions) > 1:  # the same text: ratio 100, as cdist scores it
            same = int(process.cdist([text], [text], scorer=fuzz.ratio,
                                     score_cutoff=cutoff, dtype="uint8")[0, 0])
            if same:
                out.extend((a, b, same) for n, a in enumerate(positions)
                           for b in positions[n + 1:])
    for (u, v), score in _score(distinct, cutoff).items():
        for a in at[distinct[u]]:
            out.extend((min(a, b), max(a, b), score) for b in at[distinct[v]])
    out.sort()
    return out


def _score(texts: list[str], cutoff: int) -> dict[tuple[int, int], int]:
    """{(u, v): score} for distinct `texts` (sorted by length), u < v, scoring `cutoff`."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import LCSseq

    listed: set[tuple[int, int]] = set()
    for members, probers in _blocks(texts, cutoff):
        if len(members) * len(probers) < BLOCK_PAIRS:
            listed.update((m, r) if m < r else (r, m) for r in probers for m in members
                          if m != r)
            continue
        # Texts of these lengths scoring the cutoff share a subsequence this long: the
        # same pairs, from rapidfuzz's LCS at half ratio's cost a pair.
        size_m, size_p = len(texts[members[0]]), len(texts[probers[0]])
        need = max(1, (size_m + size_p - max_edits(size_m, size_p, cutoff)) // 2)
        rows = list(map(texts.__getitem__, probers))
        cols = list(map(texts.__getitem__, members))  # never `rows` itself: a slow path
        mirror = members is probers  # ids ascending: the pairs are below the diagonal
        step = SLAB if mirror else len(rows)
        for top in range(0, len(rows), step):
            found = process.cdist(rows[top:top + step], cols[:top + step] if mirror else cols,
                                  scorer=LCSseq.similarity, score_cutoff=need,
                                  dtype="uint8")
            hit_rows = found.max(axis=1).nonzero()[0]  # few rows hit: cheaper than all
            at_row, at_col = found[hit_rows].nonzero()
            for a, b in zip(hit_rows[at_row].tolist(), at_col.tolist(), strict=True):
                m, r = members[b], probers[top + a]
                if m != r:
                    listed.add((m, r) if m < r else (r, m))
    pairs = list(listed)
    scored: dict[tuple[int, int], int] = {}
    if pairs:
        found = process.cpdist([texts[m] for m, _ in pairs], [texts[r] for _, r in pairs],
                               scorer=fuzz.ratio, score_cutoff=cutoff, dtype="uint8")
        for pair, score in zip(pairs, found.tolist(), strict=True):
            if score:
                scored[pair] = score
    return scored


def _blocks(texts: list[str], cutoff: int) -> list[Block]:
    """Blocks of ids covering every pair of `texts` (sorted by length) that can score
    `cutoff`, each of one length against one length."""
    ranges: dict[int, range] = {}
    start = 0
    for size, group in groupby(map(len, texts)):
        count = sum(1 for _ in group)
        ranges[size] = range(start, start + count)
        start += count
    blocks: list[Block] = []
    for size_y, ids_y in ranges.items():
        # The longer texts of a pair of lengths are indexed: as many segments, each
        # longer, so fewer texts share one (a tenth fewer pairs to score at 50k). One
        # length's indexes at a time, as only the pairs with shorter texts use them.
        ys = texts[ids_y.start:ids_y.stop]
        indexes: dict[int, list[dict[str, list[int]]]] = {}
        for size_x, ids_x in ranges.items():
            d = max_edits(size_x, size_y, cutoff) if size_x <= size_y else -1
            if d < 0:
                continue
            index = indexes.get(d)
            if index is None:
                index = indexes[d] = _segments(ys, d)
            blocks.extend(_join(index, size_y, list(ids_y), texts[ids_x.start:ids_x.stop],
                                list(ids_x), d, size_x == size_y))
    return blocks


def _segments(xs: list[str], d: int) -> list[dict[str, list[int]]]:
    """For each of the d + 1 segments of xs (all of one length), who holds which."""
    by_segment = []
    for at, length in spans(len(xs[0]), d + 1):
        found: dict[str, list[int]] = {}
        for k, key in enumerate(map(itemgetter(slice(at, at + length)), xs)):
            members = found.get(key)
            if members is None:
                found[key] = [k]
            else:
                members.append(k)
        by_segment.append(found)
    return by_segment


def _join(by_segment: list[dict[str, list[int]]], size_x: int, x_ids: list[int],
          ys: list[str], y_ids: list[int], d: int, same: bool) -> list[Block]:
    """Blocks (ids of xs, ids of ys) holding every pair within `d` edits: xs of length
    `size_x` indexed in `by_segment`, ys all of one length (`same`: ys are the xs)."""
    cut = spans(size_x, d + 1)
    raw: list[tuple[list[int], list[int]]] = []
    if same:  # sharing a segment in place: each other's partners, nothing to look up
        raw.extend((m, m) for found in by_segment for m in found.values() if len(m) > 1)
    # One block per segment held, whichever place each prober holds it at.
    probed: dict[int, tuple[list[int], list[int]]] = {}
    for i, st, length in lookups(size_x, len(ys[0]), d):
        if same and st == cut[i][0]:
            continue
        hits = list(map(by_segment[i].get, map(itemgetter(slice(st, st + length)), ys)))
        for r, held in zip(compress(range(len(ys)), hits), filter(None, hits), strict=True):
            block = probed.get(id(held))
            if block is None:
                probed[id(held)] = (held, [r])
            elif block[1][-1] != r:
                block[1].append(r)
    raw.extend(probed.values())
    out: list[Block] = []
    for m, p in raw:
        ids = [x_ids[k] for k in m]
        out.append((ids, ids) if m is p else (ids, [y_ids[k] for k in p]))
    return out
