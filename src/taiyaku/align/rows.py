"""Pair the body rows of two aligned tables.

Data rows are paired as one assignment per table, scored by the agreement of their figures
(in the paired columns), the similarity of their labels and their relative position, so
that reordered rows, a row missing on one side and labels worded differently are all
handled; a row whose best partner scores below the threshold stays unpaired (one missing
row gives one unpaired row, not a shifted cascade). Heading rows (a label, no figures) are
then paired through the data rows they stand above.
"""

from __future__ import annotations

from collections.abc import Callable

from ..compare import compare, weight
from ..model import ColumnPair, Evidence, Row, RowKind, RowPair, Table
from .assign import assign

THRESHOLD = 0.4

# label similarity: (japanese label, english label) -> score in [0, 1], or None if unknown
LabelScorer = Callable[[str, str], "float | None"]


def figure_agreement(
    a: Row, b: Row, columns: tuple[ColumnPair, ...], ja: Table, en: Table
) -> tuple[float | None, int, int]:
    """Weighted share of paired cells whose figures agree, with agreeing and compared counts."""
    agree_w = total_w = 0.0
    agree = compared = 0
    for cp in columns:
        if cp.ja is None or cp.en is None:
            continue
        ca, cb = a.cell(cp.ja.index), b.cell(cp.en.index)
        qa = ca.quantity if ca else None
        qb = cb.quantity if cb else None
        if qa is None or qb is None:
            continue
        w = max(weight(qa), weight(qb))
        total_w += w
        compared += 1
        if compare(qa, qb, ja.unit_scale, en.unit_scale).agrees:
            agree_w += w
            agree += 1
    if not compared:
        return None, 0, 0
    return agree_w / total_w, agree, compared


def align_rows(
    ja: Table, en: Table, columns: tuple[ColumnPair, ...], labels: LabelScorer
) -> tuple[RowPair, ...]:
    data_ja = [r for r in ja.rows if r.kind is RowKind.DATA]
    data_en = [r for r in en.rows if r.kind is RowKind.DATA]
    n_ja, n_en = max(len(ja.rows) - 1, 1), max(len(en.rows) - 1, 1)

    scored: list[list[tuple[float, tuple[str, ...]]]] = []
    for a in data_ja:
        row_scores = []
        for b in data_en:
            agreement, agree, compared = figure_agreement(a, b, columns, ja, en)
            label = labels(a.label, b.label)
            position = 1.0 - abs(a.index / n_ja - b.index / n_en)
            reasons = []
            if agreement is not None:
                reasons.append(f"figures {agree}/{compared}")
            if label is not None:
                reasons.append(f"label {label:.2f}")
            reasons.append(f"position {position:.2f}")
            lab = 0.3 if label is None else label
            if agreement is None:
                score = 0.45 * lab + 0.2 * position
            else:
                score = 0.5 * agreement + 0.3 * lab + 0.2 * position
            row_scores.append((score, tuple(reasons)))
        scored.append(row_scores)

    matrix = [[s for s, _ in row] for row in scored]
    pairs = assign(matrix, THRESHOLD)
    partner: dict[int, Row] = {}  # ja row index -> en row
    out: list[RowPair] = []
    for i, j in pairs:
        s, reasons = scored[i][j]
        out.append(RowPair(data_ja[i], data_en[j], Evidence(round(s, 3), reasons)))
        partner[data_ja[i].index] = data_en[j]

    out.extend(_pair_headings(ja, en, partner))
    paired_ja = {p.ja.index for p in out if p.ja}
    paired_en = {p.en.index for p in out if p.en}
    for r in ja.rows:
        if r.index not in paired_ja:
            out.append(RowPair(r, None, _best_miss(r, data_en, scored, data_ja)))
    for r in en.rows:
        if r.index not in paired_en:
            out.append(RowPair(None, r, Evidence(0.0, ("no Japanese row scored above threshold",))))
    out.sort(key=_order)
    return tuple(out)


def _order(p: RowPair) -> tuple[float, int]:
    if p.ja is not None:
        return (p.ja.line, 0)
    return (float("inf"), p.en.line)  # type: ignore[union-attr]


def _best_miss(r: Row, data_en: list[Row], scored, data_ja: list[Row]) -> Evidence:
    if r.kind is RowKind.HEADING or not data_en:
        return Evidence(0.0, ("no English row",))
    i = next(k for k, x in enumerate(data_ja) if x.index == r.index)
    best = max(range(len(data_en)), key=lambda j: scored[i][j][0])
    s = scored[i][best][0]
    return Evidence(round(s, 3), (f"best candidate line {data_en[best].line} scored {s:.2f}",))


def _pair_headings(ja: Table, en: Table, partner: dict[int, Row]) -> list[RowPair]:
    """Pair the headings standing directly above paired data rows, bottom-up."""
    out: list[RowPair] = []
    used_en: set[int] = set()
    rows_ja, rows_en = ja.rows, en.rows
    i = 0
    while i < len(rows_ja):
        if rows_ja[i].kind is not RowKind.HEADING:
            i += 1
            continue
        block_start = i
        while i < len(rows_ja) and rows_ja[i].kind is RowKind.HEADING:
            i += 1
        if i >= len(rows_ja) or rows_ja[i].index not in partner:
            continue
        block_ja = rows_ja[block_start:i]
        anchor_en = partner[rows_ja[i].index]
        k = anchor_en.index
        block_en: list[Row] = []
        while k > 0 and rows_en[k - 1].kind is RowKind.HEADING and rows_en[k - 1].index not in used_en:
            k -= 1
            block_en.insert(0, rows_en[k])
        for a, b in zip(reversed(block_ja), reversed(block_en)):
            used_en.add(b.index)
            reason = f"heading above paired rows {rows_ja[i].line} ↔ {anchor_en.line}"
            out.append(RowPair(a, b, Evidence(1.0, (reason,))))
    return out
