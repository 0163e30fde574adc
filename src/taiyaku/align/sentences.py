"""Pair Japanese sentences with English ones, anchored on the figures they share.

The Japanese summary (要約) is short and the English release long, so most English
sentences have no partner. A Japanese sentence is paired with the English sentence that
shares the most of its figures (130億円 and "JPY 13 billion" are the same figure), with a
small preference for the same relative position in the document; the pairing is one
optimal assignment. Within a pair, figures are paired too: same kind (amount or percent),
then agreeing values, the same direction and comparison base, and order.

A figure agrees with another when their intervals meet, whether each was rounded or
truncated (a truncated 16億円 and a rounded JPY 1.7 billion agree; the check reports how).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from decimal import Decimal

from ..model import Convention, DateMention, Document, Mention, MentionPair, ProseUnit, Quantity, SentencePair
from ..parse.mentions import AMOUNT, COUNT, COUNTED
from .assign import assign, scored_pairs

THRESHOLD = 0.3  # a sentence pair needs about a third of the Japanese figures anchored
POSITION_WEIGHT = 0.15  # same relative place in the document
COVER_WEIGHT = 0.2  # the English unit's own figures anchored too (a bullet, not a long paragraph)


def same_kind(a: Mention, b: Mention) -> bool:
    """Comparable kinds: equal, an amount against a bare scaled figure, or a counted figure
    (2,417人) against a bare one (2,471)."""
    return a.kind == b.kind or {a.kind, b.kind} in ({AMOUNT, COUNT}, {COUNTED, COUNT})


def agreement(a: Quantity, b: Quantity) -> str | None:
    """How two figures agree: "round" when both read as rounded, "truncate-a" / "truncate-b"
    when only truncating that one makes them meet; None when they do not agree."""
    return agree(bounds(a), bounds(b))


# What agreement compares of a figure, computed once: whether it is a percentage and the
# magnitude intervals of its low and high ends, read as rounded and as truncated.
Bounds = tuple[bool, tuple[tuple[Decimal, Decimal], ...], tuple[tuple[Decimal, Decimal], ...]] | None
_ENDS = ("low", "high")


def bounds(q: Quantity) -> Bounds:
    if q.value is None:
        return None
    rounded = tuple(_abs_interval(q, Convention.ROUND, end) for end in _ENDS)
    truncated = tuple(_abs_interval(q, Convention.TRUNCATE, end) for end in _ENDS)
    return q.percent, rounded, truncated


def agree(a: Bounds, b: Bounds) -> str | None:
    """`agreement` on figures' precomputed bounds."""
    if a is None or b is None or a[0] != b[0]:
        return None
    if _meets(a[1], b[1]):
        return "round"
    if _meets(a[2], b[1]):
        return "truncate-a"
    if _meets(a[1], b[2]):
        return "truncate-b"
    return None


def _meets(a: tuple[tuple[Decimal, Decimal], ...], b: tuple[tuple[Decimal, Decimal], ...]) -> bool:
    """Both ends of two figures meet."""
    return all(alo < bhi and blo < ahi for (alo, ahi), (blo, bhi) in zip(a, b))


def _abs_interval(q: Quantity, c: Convention, end: str) -> tuple[Decimal, Decimal]:
    """Magnitudes: prose writes a loss as a positive figure next to the word "loss"."""
    lo, hi = q.interval(c, end=end)
    if hi <= 0:
        return -hi, -lo
    return lo, hi


def align_sentences(ja: Document, en: Document) -> tuple[SentencePair, ...]:
    """Pairs of prose lines anchored on the figures they share; then, among the lines that
    state no figure, pairs anchored on the dates they share (a cover's "定時株主総会開催予定日
    2026年６月25日 配当支払開始予定日 2026年６月26日")."""
    pairs = _by_figures(ja, en) + _by_dates(ja, en)
    return tuple(sorted(pairs, key=lambda p: p.ja.index))


def _by_dates(ja: Document, en: Document) -> tuple[SentencePair, ...]:
    ja_units = [u for u in ja.prose if not u.mentions and u.dates]
    en_units = [u for u in en.prose if not u.mentions and u.dates]
    if not ja_units or not en_units:
        return ()
    n_ja, n_en = len(ja.prose), len(en.prose)

    def score(i: int, k: int) -> float:
        j, e = ja_units[i], en_units[k]
        shared = sum(1 for _, d in j.dates if any(_same_date(d, o) for _, o in e.dates))
        if not shared:
            return 0.0
        position = 1 - abs(j.index / n_ja - e.index / n_en)
        return shared / len(j.dates) + COVER_WEIGHT * shared / len(e.dates) + POSITION_WEIGHT * position

    pairs, scores = scored_pairs(len(ja_units), len(en_units), score, THRESHOLD, float)
    return tuple(SentencePair(ja_units[i], en_units[k], round(scores[(i, k)], 3), ()) for i, k in pairs)


def _same_date(a: DateMention, b: DateMention) -> bool:
    return (a.year, a.month, a.day) == (b.year, b.month, b.day)


def _by_figures(ja: Document, en: Document) -> tuple[SentencePair, ...]:
    ja_all, en_all = ja.prose, en.prose
    ja_units = [u for u in ja_all if u.mentions]
    en_units = [u for u in en_all if u.mentions]
    if not ja_units or not en_units:
        return ()
    n_ja, n_en = len(ja_all), len(en_all)
    figures = {id(m): (m, bounds(m.quantity)) for u in (*ja_units, *en_units) for _, m in u.mentions}
    pairs, scores = scored_pairs(len(ja_units), len(en_units),
                                 lambda i, k: _score(ja_units[i], en_units[k], n_ja, n_en, figures),
                                 THRESHOLD, float)  # fmt: skip
    out = [
        SentencePair(ja_units[i], en_units[k], round(scores[(i, k)], 3),
                     pair_mentions([m for _, m in ja_units[i].mentions],
                                   [m for _, m in en_units[k].mentions]))  # fmt: skip
        for i, k in pairs
    ]
    return tuple(out)


def _score(j: ProseUnit, e: ProseUnit, n_ja: int, n_en: int, figures: dict[int, tuple[Mention, Bounds]]) -> float:
    anchored = 0
    others = [figures[id(o)] for _, o in e.mentions]
    for _, m in j.mentions:
        mb = figures[id(m)][1]
        if any(same_kind(m, o) and agree(mb, ob) for o, ob in others):
            anchored += 1
    if not anchored:
        return 0.0
    position = 1 - abs(j.index / n_ja - e.index / n_en)
    return anchored / len(j.mentions) + COVER_WEIGHT * anchored / len(e.mentions) + POSITION_WEIGHT * position


def pair_mentions(ja: list[Mention], en: list[Mention]) -> tuple[MentionPair, ...]:
    """Pair the figures of two paired sentences (one assignment); the rest stay unpaired."""
    scores = [[_mention_score(a, b, i, k, len(ja), len(en)) for k, b in enumerate(en)] for i, a in enumerate(ja)]
    pairs = assign(scores, 0.9) if ja and en else []
    used_ja = {i for i, _ in pairs}
    used_en = {k for _, k in pairs}
    out = [MentionPair(ja[i], en[k], _agrees(ja[i], en[k])) for i, k in pairs]
    out += [MentionPair(m, None, None) for i, m in enumerate(ja) if i not in used_ja]
    out += [MentionPair(None, m, None) for k, m in enumerate(en) if k not in used_en]
    order_ja = {id(m): i for i, m in enumerate(ja)}
    order_en = {id(m): i for i, m in enumerate(en)}
    return tuple(sorted(out, key=lambda p: (order_ja[id(p.ja)] if p.ja else len(ja), order_en.get(id(p.en), 0))))


def _agrees(a: Mention, b: Mention) -> str | None:
    how = agreement(a.quantity, b.quantity)
    return {"truncate-a": "truncate-ja", "truncate-b": "truncate-en"}.get(how, how) if how else None


def _mention_score(a: Mention, b: Mention, i: int, k: int, n: int, m: int) -> float:
    """Same kind is required; then agreeing value (2), direction (1), base (0.5), order."""
    agrees = agreement(a.quantity, b.quantity)
    if a.kind != b.kind and not (same_kind(a, b) and agrees) and {a.kind, b.kind} != {COUNTED, COUNT}:
        return 0.0
    score = 0.5
    if agrees:
        score += 2
    if a.direction and a.direction == b.direction:
        score += 1
    if a.base and b.base:
        score += 0.5
    score += 0.5 * (1 - abs(i / max(n, 1) - k / max(m, 1)))
    return score


class FigureIndex:
    """Figures sorted by the magnitude they may stand for, to find the ones that can agree with
    a figure without comparing it with all of them (logarithmic in the figures).

    A figure is filed under the envelope of its low end read as rounded and as truncated,
    in log10 space, where the envelope of a figure of two or more significant digits is
    narrow; the few wide ones ("1", "0.5%", zero) are kept apart and always tried.
    """

    WIDE = 0.3  # envelopes wider than this (log10) are tried for every query

    def __init__(self, figures: list[tuple[Mention, Bounds]]) -> None:
        narrow: list[tuple[float, float, Mention, Bounds]] = []
        self.wide: list[tuple[Mention, Bounds]] = []
        for m, b in figures:
            env = _envelope(b)
            if env is None or env[1] - env[0] > self.WIDE:
                self.wide.append((m, b))
            else:
                narrow.append((env[0], env[1], m, b))
        narrow.sort(key=lambda x: x[0])
        self.narrow = narrow
        self.los = [x[0] for x in narrow]

    def agrees_with(self, m: Mention, b: Bounds) -> bool:
        """Whether some filed figure of a comparable kind agrees with `m`."""
        env = _envelope(b)
        if env is None:
            candidates = [(o, ob) for _, _, o, ob in self.narrow]
        else:
            first = bisect_left(self.los, env[0] - self.WIDE)
            last = bisect_right(self.los, env[1])
            candidates = [(o, ob) for lo, hi, o, ob in self.narrow[first:last] if hi >= env[0]]
        return any(same_kind(m, o) and agree(b, ob) for o, ob in (*candidates, *self.wide))


def _envelope(b: Bounds) -> tuple[float, float] | None:
    """log10 of the widest [lo, hi] a figure's low end may stand for; None when it may be 0."""
    if b is None:
        return None
    lo = min(b[1][0][0], b[2][0][0])
    hi = max(b[1][0][1], b[2][0][1])
    if lo <= 0:
        return None
    return math.log10(lo), math.log10(hi)
