"""Pair the value columns of two tables: by period, by kind (USD/JPY/%/change), by the
figures they hold, and by position."""

from __future__ import annotations

from collections import Counter

from ..model import Column, ColumnPair, Evidence, Table
from .assign import scored_pairs
from .signature import column_signature, dice

THRESHOLD = 0.3


def column_score(
    ja: Table, en: Table, a: Column, b: Column, sig_a: Counter, sig_b: Counter
) -> tuple[float, list[str]]:
    reasons: list[str] = []
    period = 0.5
    if a.period and b.period:
        if a.period.key() == b.period.key():
            period = 1.0
            reasons.append(f"period {a.period}")
        else:
            period = 0.0
            reasons.append(f"period differs ({a.period} vs {b.period})")
    kind = 0.5
    if a.kind and b.kind:
        kind = 1.0 if a.kind == b.kind else 0.0
        reasons.append(f"kind {a.kind}" if kind else f"kind differs ({a.kind} vs {b.kind})")
    figures = dice(sig_a, sig_b)
    if figures:
        reasons.append(f"figures {figures:.0%}")
    na, nb = max(len(ja.columns) - 1, 1), max(len(en.columns) - 1, 1)
    position = 1.0 - abs(a.index / na - b.index / nb)
    score = 0.45 * figures + 0.2 * period + 0.2 * kind + 0.15 * position
    return score, reasons


def align_columns(ja: Table, en: Table) -> tuple[ColumnPair, ...]:
    cols_ja, cols_en = ja.columns, en.columns
    if not cols_ja and not cols_en:
        return ()
    sigs_ja = [column_signature(ja, c.index) for c in cols_ja]
    sigs_en = [column_signature(en, c.index) for c in cols_en]

    def score(i: int, j: int) -> tuple[float, list[str]]:
        return column_score(ja, en, cols_ja[i], cols_en[j], sigs_ja[i], sigs_en[j])

    pairs, scored = scored_pairs(len(cols_ja), len(cols_en), score, THRESHOLD, lambda s: s[0])
    out: list[ColumnPair] = []
    paired_ja = {i for i, _ in pairs}
    paired_en = {j for _, j in pairs}
    for i, j in pairs:
        s, reasons = scored[(i, j)]
        out.append(ColumnPair(cols_ja[i], cols_en[j], Evidence(round(s, 3), tuple(reasons))))
    for i, c in enumerate(cols_ja):
        if i not in paired_ja:
            out.append(ColumnPair(c, None, Evidence(0.0, ("no English column",))))
    for j, c in enumerate(cols_en):
        if j not in paired_en:
            out.append(ColumnPair(None, c, Evidence(0.0, ("no Japanese column",))))
    out.sort(key=lambda p: (p.ja.index if p.ja else p.en.index + 0.5))  # type: ignore[union-attr]
    return tuple(out)
