"""Pair the value columns of two tables: by period, by kind (USD/JPY/%/change), by the
figures they hold, and by position."""

from __future__ import annotations

from decimal import Decimal

from ..model import Column, ColumnPair, Evidence, Table
from .assign import BAND, scored_pairs
from .signature import dice, signatures

THRESHOLD = 0.3
WIDE_COLUMNS = 1000
WIDE_BAND = 3


def _reasons(a: Column, b: Column, figures: float) -> tuple[str, ...]:
    """Why two paired columns were paired, in words (built only for the pairs chosen: the text
    for every candidate would cost most of the time on a wide table)."""
    reasons = []
    if a.period and b.period:
        same = a.period.key() == b.period.key()
        reasons.append(f"period {a.period}" if same else f"period differs ({a.period} vs {b.period})")
    if a.kind and b.kind:
        reasons.append(f"kind {a.kind}" if a.kind == b.kind else f"kind differs ({a.kind} vs {b.kind})")
    if figures:
        reasons.append(f"figures {figures:.0%}")
    return tuple(reasons)


def _facts(columns: tuple[Column, ...], sigs: list[dict[Decimal, int]]) -> list[tuple]:
    """What scoring reads of each column, once: period key, kind, place, figures and their count."""
    last = max(len(columns) - 1, 1)
    return [
        (c.period.key() if c.period else None, c.kind, c.index / last, sig, sum(sig.values()))
        for c, sig in zip(columns, sigs)
    ]


def _diagonal(facts_ja: list[tuple], facts_en: list[tuple]) -> list[tuple[int, int]] | None:
    """Column i with column i throughout, when that is what the banded search would find
    without scoring the neighbours: as many columns a side, and each pair holding the same
    figures (or none worth comparing on either side), the same period and kind (or neither
    side naming one). Every term of such a pair's score is at least any neighbour's and its
    place is closer, so the search, best first, takes it."""
    if len(facts_ja) != len(facts_en):
        return None
    for a, b in zip(facts_ja, facts_en):
        if a[0] != b[0] or a[1] != b[1] or a[3] != b[3]:
            return None
    return [(i, i) for i in range(len(facts_ja))]


def align_columns(ja: Table, en: Table, sigs_ja: list[dict[Decimal, int]] | None = None,
                  sigs_en: list[dict[Decimal, int]] | None = None) -> tuple[ColumnPair, ...]:  # fmt: skip
    """The column pairs of two tables (`sigs_ja`, `sigs_en`: their column signatures, when
    read already)."""
    cols_ja, cols_en = ja.columns, en.columns
    if not cols_ja and not cols_en:
        return ()
    facts_ja = _facts(cols_ja, sigs_ja if sigs_ja is not None else signatures(ja).columns)
    facts_en = _facts(cols_en, sigs_en if sigs_en is not None else signatures(en).columns)

    def score(i: int, j: int, figures: float | None = None) -> float:
        """0.45 figures (Dice) + 0.2 period + 0.2 kind + 0.15 position; 0.5 for an unknown
        period or kind."""
        a, b = facts_ja[i], facts_en[j]
        period = 0.5 if a[0] is None or b[0] is None else 1.0 if a[0] == b[0] else 0.0
        kind = 0.5 if not a[1] or not b[1] else 1.0 if a[1] == b[1] else 0.0
        if figures is None:
            figures = dice(a[3], b[3], a[4], b[4])
        return 0.45 * figures + 0.2 * period + 0.2 * kind + 0.15 * (1.0 - abs(a[2] - b[2]))

    # A table of thousands of columns (a time series laid out in one row) keeps its order:
    # each column is scored against its few neighbours only.
    band = WIDE_BAND if max(len(cols_ja), len(cols_en)) > WIDE_COLUMNS else BAND
    diagonal = _diagonal(facts_ja, facts_en) if band == WIDE_BAND else None
    if diagonal is not None:
        pairs, scored = diagonal, None
    else:
        pairs, scored = scored_pairs(len(cols_ja), len(cols_en), score, THRESHOLD, float, band)
    out: list[ColumnPair] = []
    paired_ja = {i for i, _ in pairs}
    paired_en = {j for _, j in pairs}
    said: dict[tuple, Evidence] = {}  # one Evidence per distinct score and wording
    for i, j in pairs:
        a, b = facts_ja[i], facts_en[j]
        if diagonal is None:
            figures = dice(a[3], b[3], a[4], b[4])
        else:
            figures = 1.0 if a[4] else 0.0  # (the pairs of a diagonal hold the same figures)
        s = round(scored[(i, j)] if scored is not None else score(i, j, figures), 3)
        ca, cb = cols_ja[i], cols_en[j]
        # (A column's period is one shared object per header text, alive while its columns are.)
        key = (s, id(ca.period), id(cb.period), ca.kind, cb.kind, figures)
        evidence = said.get(key)
        if evidence is None:
            evidence = said[key] = Evidence(s, _reasons(ca, cb, figures))
        out.append(ColumnPair(ca, cb, evidence))
    for i, c in enumerate(cols_ja):
        if i not in paired_ja:
            out.append(ColumnPair(c, None, Evidence(0.0, ("no English column",))))
    for j, c in enumerate(cols_en):
        if j not in paired_en:
            out.append(ColumnPair(None, c, Evidence(0.0, ("no Japanese column",))))
    if diagonal is None:  # (a diagonal pairs every column, in order)
        out.sort(key=lambda p: (p.ja.index if p.ja else p.en.index + 0.5))  # type: ignore[union-attr]
    return tuple(out)
