"""Pair the body rows of two aligned tables.

Data rows are paired as one assignment per table, scored by the agreement of their figures
(in the paired columns), the similarity of their labels and their relative position, so
that reordered rows, a row missing on one side and labels worded differently are all
handled; a row whose best partner scores below the threshold stays unpaired (one missing
row gives one unpaired row, not a shifted cascade). Heading rows (a label, no figures) are
then paired through the data rows they stand above.
"""

from __future__ import annotations

from ..model import Cell, ColumnPair, Convention, Evidence, QKind, Quantity, Row, RowKind, RowPair, Table
from ..parse.headers import item_number
from ..parse.numbers import effective_scale
from .assign import scored_pairs
from .labels import LabelScorer
from .signature import weight

THRESHOLD = 0.4
# Two rows numbered as the same item of a list ("(3) …"), their labels unknown to the glossary:
# label evidence that much.
ITEM_LABEL = 0.8
GAP_LABEL_MIN = 0.5  # a row pair filling a gap needs no label evidence against it



_EXACT = 2**52  # whole numbers below this, less a half, are exact floats

# A cell reduced to what row scoring needs: (kind, lo, hi, upper_lo, upper_hi, weight),
# computed once per cell. The exact verdicts of the checks still use compare().
_Key = tuple


def _cell_key(q: Quantity | None, table_scale: int | None, other_scale: int | None) -> _Key | None:
    if q is None:
        return None
    w = weight(q)
    if q.kind is not QKind.NUMBER:
        return (q.kind, 0.0, 0.0, 0.0, 0.0, w)
    scale = effective_scale(q, table_scale if table_scale is not None else other_scale)
    if q.upper is None and q.decimals == 0 and 0 <= (shift := q.scale + scale) <= 22:
        # A whole number, rounded: v +- 0.5 and the power of ten are exact floats, so the float
        # arithmetic gives what float() of the exact interval gives (most cells; cheaper).
        v = int(q.value)  # type: ignore[arg-type]
        if -_EXACT < v < _EXACT and v == q.value:
            unit = 10.0**shift
            return (QKind.NUMBER, (v - 0.5) * unit, (v + 0.5) * unit, 0.0, 0.0, w)
    lo, hi = q.interval(Convention.ROUND, scale)
    if q.upper is None:
        return (QKind.NUMBER, float(lo), float(hi), 0.0, 0.0, w)
    a, b = q.interval(Convention.ROUND, scale, "high")
    return ("range", float(lo), float(hi), float(a), float(b), w)


def _date_key(c: Cell) -> _Key | None:
    """A date cell as a key: ("date", year * 100 + month, day or 0, …); a date weighs as a figure."""
    d = c.date
    if d is None:
        return None
    return (DATE, float(d.year * 100 + d.month), float(d.day or 0), 0.0, 0.0, DATE_WEIGHT)


DATE = "date"
DATE_WEIGHT = 1.0


def _keys_agree(a: _Key, b: _Key) -> bool:
    """Same answer as compare(...).agrees, on precomputed floats; dates agree on the day (or
    the month, when one side names no day)."""
    ka, kb = a[0], b[0]
    if ka == DATE or kb == DATE:
        return ka == kb and a[1] == b[1] and (not a[2] or not b[2] or a[2] == b[2])
    if ka is QKind.NUMBER or ka == "range":
        if kb is QKind.NIL:
            return a[1] < 0 < a[2] and ka is QKind.NUMBER  # "0" against "-"
        if kb != ka:
            return False
        if not (a[1] < b[2] and b[1] < a[2]):
            return False
        return ka is QKind.NUMBER or (a[3] < b[4] and b[3] < a[4])
    if kb is QKind.NUMBER and ka is QKind.NIL:
        return b[1] < 0 < b[2]
    return ka is kb


def _row_keys(row: Row, columns: list[int], scale: int | None, other: int | None) -> list[_Key | None]:
    keys = []
    for index in columns:
        c = row.cell(index)
        key = _cell_key(c.quantity if c else None, scale, other)
        keys.append(key if key is not None or c is None else _date_key(c))
    return keys


def figure_agreement(a: list[_Key | None], b: list[_Key | None]) -> tuple[float | None, int, int]:
    """Weighted share of paired cells whose figures agree, with agreeing and compared counts."""
    agree_w = total_w = 0.0
    agree = compared = 0
    for ka, kb in zip(a, b):
        if ka is None or kb is None:
            continue
        w = ka[5] if ka[5] > kb[5] else kb[5]
        total_w += w
        compared += 1
        if _keys_agree(ka, kb):
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

    paired = [cp for cp in columns if cp.ja is not None and cp.en is not None]
    cols_ja = [cp.ja.index for cp in paired]  # type: ignore[union-attr]
    cols_en = [cp.en.index for cp in paired]  # type: ignore[union-attr]
    items_ja = [item_number(r.raw_label) for r in data_ja]
    items_en = [item_number(r.raw_label) for r in data_en]
    keys_ja = [_row_keys(r, cols_ja, ja.unit_scale, en.unit_scale) for r in data_ja]
    keys_en = [_row_keys(r, cols_en, en.unit_scale, ja.unit_scale) for r in data_en]

    # Score the candidate pairs; the evidence text is written only for the pairs shown.
    def score(ia: int, ib: int) -> _Score:
        a, b = data_ja[ia], data_en[ib]
        agreement, agree, compared = figure_agreement(keys_ja[ia], keys_en[ib])
        label = labels(a.label, b.label)
        position = 1.0 - abs(a.index / n_ja - b.index / n_en)
        lab = 0.3 if label is None else label
        if label is None and items_ja[ia] is not None and items_ja[ia] == items_en[ib]:
            lab = ITEM_LABEL  # "(3) 株式譲渡実行日" and "(3) Date of share transfer"
        if agreement is None:
            total = 0.45 * lab + 0.2 * position
        else:
            total = 0.5 * agreement + 0.3 * lab + 0.2 * position
        return (total, agree, compared, label, position)

    pairs, scored = scored_pairs(len(data_ja), len(data_en), score, THRESHOLD, lambda s: s[0])
    partner: dict[int, Row] = {}  # ja row index -> en row
    out: list[RowPair] = []
    for i, j in pairs:
        out.append(RowPair(data_ja[i], data_en[j], _evidence(scored[(i, j)])))
        partner[data_ja[i].index] = data_en[j]
    for i, j in _gaps(pairs, len(data_ja), len(data_en)):
        a, b = data_ja[i], data_en[j]
        label = labels(a.label, b.label)
        if label is not None and label < GAP_LABEL_MIN:
            continue  # the glossary says these are different rows
        s = scored.get((i, j)) or score(i, j)
        reasons = _evidence(s).reasons + ("the only row on each side between paired rows",)
        out.append(RowPair(a, b, Evidence(round(s[0], 3), reasons)))
        partner[a.index] = b

    out.extend(_pair_headings(ja, en, partner))
    out.extend(_fill_heading_gaps(ja, en, out, labels))
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


def _gaps(pairs: list[tuple[int, int]], n_ja: int, n_en: int) -> list[tuple[int, int]]:
    """Unpaired rows that stand alone, one on each side, between the same two paired rows (or
    between a paired row and the table's start or end): the same row, whose figure or label
    the translation changed (2,417人 against 2,471; a label the glossary does not know). A
    row left out on one side is not a gap: the other side has no row there."""
    ordered = sorted(pairs)
    if any(b[1] <= a[1] for a, b in zip(ordered, ordered[1:])):
        return []  # rows reordered: no gaps to speak of
    bounds = [(-1, -1), *ordered, (n_ja, n_en)]
    return [(a[0] + 1, a[1] + 1) for a, b in zip(bounds, bounds[1:]) if b[0] - a[0] == 2 and b[1] - a[1] == 2]


def _fill_heading_gaps(ja: Table, en: Table, pairs: list[RowPair], labels: LabelScorer) -> list[RowPair]:
    """Rows without figures (a label, or a label and text: 【事業年度】 | 第73期（自 … 至 …）)
    left unpaired in runs of the same length on both sides between the same paired rows,
    paired in order: the cover of a report, a table of facts. A run holding a data row is
    left alone (its figures did not pair it), and so is a pair the glossary says differ."""
    at = sorted((p.ja.index, p.en.index) for p in pairs if p.ja is not None and p.en is not None)
    if any(b[1] <= a[1] for a, b in zip(at, at[1:])):
        return []
    out = []
    bounds = [(-1, -1), *at, (len(ja.rows), len(en.rows))]
    for (a_ja, a_en), (b_ja, b_en) in zip(bounds, bounds[1:]):
        run_ja, run_en = ja.rows[a_ja + 1 : b_ja], en.rows[a_en + 1 : b_en]
        if not run_ja or len(run_ja) != len(run_en):
            continue
        if any(r.kind is RowKind.DATA for r in (*run_ja, *run_en)):
            continue
        found = []
        for r_ja, r_en in zip(run_ja, run_en):
            label = labels(r_ja.label, r_en.label)
            if label is not None and label < GAP_LABEL_MIN:
                break
            found.append(RowPair(r_ja, r_en, Evidence(0.0, ("in order, between the same paired rows",))))
        else:
            out.extend(found)
    return out


def _order(p: RowPair) -> tuple[float, int]:
    if p.ja is not None:
        return (p.ja.line, 0)
    return (float("inf"), p.en.line)  # type: ignore[union-attr]


# (score, agreeing figures, compared figures, label similarity or None, position)
_Score = tuple[float, int, int, "float | None", float]


def _evidence(s: _Score) -> Evidence:
    score, agree, compared, label, position = s
    reasons = []
    if compared:
        reasons.append(f"figures {agree}/{compared}")
    if label is not None:
        reasons.append(f"label {label:.2f}")
    reasons.append(f"position {position:.2f}")
    return Evidence(round(score, 3), tuple(reasons))


def _best_miss(r: Row, data_en: list[Row], scored: dict[tuple[int, int], _Score], data_ja: list[Row]) -> Evidence:
    if r.kind is RowKind.HEADING or not data_en:
        return Evidence(0.0, ("no English row",))
    i = next(k for k, x in enumerate(data_ja) if x.index == r.index)
    candidates = [j for j in range(len(data_en)) if (i, j) in scored]
    if not candidates:
        return Evidence(0.0, ("no English row near it",))
    best = max(candidates, key=lambda j: scored[(i, j)][0])
    s = scored[(i, best)][0]
    return Evidence(round(s, 3), (f"best candidate line {data_en[best].line} scored {s:.2f}",))


def _sections(rows: tuple[Row, ...]) -> list[tuple[list[Row], list[Row]]]:
    """Split rows into sections: (a block of consecutive headings, the data rows below it)."""
    out: list[tuple[list[Row], list[Row]]] = []
    for r in rows:
        if r.kind is RowKind.HEADING:
            if not out or out[-1][1]:
                out.append(([], []))
            out[-1][0].append(r)
        else:
            if not out:
                out.append(([], []))
            out[-1][1].append(r)
    return out


def _pair_headings(ja: Table, en: Table, partner: dict[int, Row]) -> list[RowPair]:
    """Pair heading blocks through the rows below them.

    A Japanese heading block is paired with the English heading block whose section holds
    most of the partners of its own section's rows (so reordered rows do not matter); the
    two blocks are then paired bottom-up ("営業収益: / インターネット接続…収入:" with
    "Revenues: / Connectivity and value-added services:").
    """
    sections_en = _sections(en.rows)
    section_of = {r.index: k for k, (_, data) in enumerate(sections_en) for r in data}
    used: set[int] = set()
    out: list[RowPair] = []
    for heads_ja, data_ja in _sections(ja.rows):
        if not heads_ja:
            continue
        votes: dict[int, int] = {}
        for r in data_ja:
            if r.index in partner:
                k = section_of[partner[r.index].index]
                if sections_en[k][0] and k not in used:
                    votes[k] = votes.get(k, 0) + 1
        if not votes:
            continue
        k = max(votes, key=lambda x: (votes[x], -x))
        used.add(k)
        heads_en = sections_en[k][0]
        reason = f"heading above {votes[k]}/{len(data_ja)} paired rows"
        for a, b in zip(reversed(heads_ja), reversed(heads_en)):
            out.append(RowPair(a, b, Evidence(round(votes[k] / len(data_ja), 3), (reason,))))
    return out
