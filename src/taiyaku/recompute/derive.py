"""Recompute what a statement's figures imply, and judge each display against it.

For every table of a document:
- footing: the relations footing.find_relations reads from the figures; a column where a
  relation that holds elsewhere does not hold is a footing break;
- share of total: a "% of Total Revenues" / 対営業収益 % cell = the row's amount over the
  amount of the row whose share reads 100.0, in the amount column to its left;
- change: a YOY / QOQ / 対前年同四半期 % cell = current / prior - 1, on the signed amounts
  (so a loss that grows shows a positive change, as the documents do);
- conversion: a USD cell = the JPY cell of the same period / the stated rate.

Tolerance model. A recomputed value is the range its inputs allow (each input is itself
a rounded display). A display agrees when its own interval meets that range. A display one
unit off in its last digit is a rounding adjustment when it keeps a footing exact that the
correctly rounded figure would break (the "plug" that makes a column add up); any other
miss is an error.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..model import (
    Cell,
    Convention,
    Derivation,
    Document,
    DocumentArithmetic,
    FootingBreak,
    Judgement,
    QKind,  # fmt: skip
    Quantity,
    Rate,
    Relation,
    Row,
    RowKind,
    Table,
    TableArithmetic,
)
from . import roles
from .footing import Grid, build_grid, exact_sum, find_relations


def analyse(doc: Document, convention: Convention | None = None) -> DocumentArithmetic:
    """Recompute every table of `doc`; `convention` overrides what the document declares."""
    conv = convention or doc.convention
    tables = tuple(analyse_table(t, conv) for t in doc.tables)
    by_cell = {(d.table.id, d.row.index, d.column.index): d for t in tables for d in t.derivations}
    return DocumentArithmetic(doc, conv, doc.convention_line if convention is None else None, tables, by_cell)


def analyse_table(table: Table, convention: Convention) -> TableArithmetic:
    if sum(1 for row in table.rows if row.kind is RowKind.DATA) >= 3:
        grid = build_grid(table)
    else:  # no total without two rows to sum: nothing to foot (a row of thousands of figures)
        grid = Grid(table, (), {}, {})
    relations = find_relations(grid, convention)
    col_roles = roles.column_roles(table)
    rate = table.rate if col_roles.usd_source else None
    derivations: list[Derivation] = []
    bases = {col: roles.hundred_rows(table, col) for col in col_roles.share_base}
    for row in table.rows:
        if row.kind is not RowKind.DATA or row.index in table.ghosts:
            continue
        for share_col, base_col in col_roles.share_base.items():
            d = _share(table, row, share_col, base_col, bases[share_col])
            if d is not None:
                derivations.append(d)
        for change_col, (cur, prior) in col_roles.change_inputs.items():
            d = _change(table, row, change_col, cur, prior)
            if d is not None:
                derivations.append(d)
        if rate is not None:
            for usd_col, jpy_col in col_roles.usd_source.items():
                d = _conversion(table, row, usd_col, jpy_col, rate, convention)
                if d is not None:
                    derivations.append(d)
    judged = tuple(_judge(d, grid, relations, convention) for d in derivations)
    return TableArithmetic(table, rate, relations, judged, tuple(_breaks(table, grid, relations)))


# --------------------------------------------------------------------------------------------
# Recomputations: each gives a Derivation with its range; _judge sets the verdict
# --------------------------------------------------------------------------------------------


def _number(row: Row, col: int) -> tuple[Cell, Quantity] | None:
    cell = row.cell(col)
    q = cell.quantity if cell is not None else None
    if q is None or q.kind is not QKind.NUMBER or q.value is None or q.upper is not None:
        return None
    return cell, q  # type: ignore[return-value]


def _share(table: Table, row: Row, col: int, base_col: int, bases: list[int]) -> Derivation | None:
    shown = _number(row, col)
    amount = _number(row, base_col)
    if shown is None or amount is None:
        return None
    if not bases or row.index in bases:
        return None
    base_index = next((b for b in bases if b >= row.index), bases[-1])
    base = _number(table.rows[base_index], base_col)
    if base is None or base[1].value == 0:
        return None
    (a_lo, a_hi), (b_lo, b_hi) = amount[1].interval(), base[1].interval()
    if b_lo <= 0 <= b_hi:
        return None
    hundred = Decimal(100)
    value = amount[1].value / base[1].value * hundred  # type: ignore[operator]
    lo, hi = ratio_range(a_lo, a_hi, b_lo, b_hi)
    formula = f"{amount[0].text} / {base[0].text}"
    return _derived(table, row, col, shown, "share", value, lo * hundred, hi * hundred, formula)


def _change(table: Table, row: Row, col: int, cur_col: int, prior_col: int) -> Derivation | None:
    shown = _number(row, col)
    cur, prior = _number(row, cur_col), _number(row, prior_col)
    if shown is None or cur is None or prior is None or prior[1].value == 0:
        return None
    (c_lo, c_hi), (p_lo, p_hi) = cur[1].interval(), prior[1].interval()
    if p_lo <= 0 <= p_hi:
        return None
    hundred = Decimal(100)
    value = (cur[1].value / prior[1].value - 1) * hundred  # type: ignore[operator]
    lo, hi = ratio_range(c_lo, c_hi, p_lo, p_hi)
    formula = f"{cur[0].text} / {prior[0].text} - 1"
    return _derived(table, row, col, shown, "change", value, (lo - 1) * hundred, (hi - 1) * hundred, formula)


def _conversion(table: Table, row: Row, usd_col: int, jpy_col: int, rate: Rate,
                convention: Convention) -> Derivation | None:  # fmt: skip
    shown = _number(row, usd_col)
    jpy = _number(row, jpy_col)
    if shown is None or jpy is None:
        return None
    lo, hi = jpy[1].interval(convention)
    value = jpy[1].value / rate.jpy_per_usd  # type: ignore[operator]
    formula = f"{jpy[0].text} / {rate.jpy_per_usd}"
    return _derived(table, row, usd_col, shown, "conversion", value, lo / rate.jpy_per_usd,
                    hi / rate.jpy_per_usd, formula)  # fmt: skip


def _derived(table: Table, row: Row, col: int, shown: tuple[Cell, Quantity], kind: str, value: Decimal,
             lo: Decimal, hi: Decimal, formula: str) -> Derivation:  # fmt: skip
    """A derivation that agrees until _judge says otherwise."""
    expected = expected_text(value, shown[1].decimals)
    return Derivation(table, row, table.columns[col], shown[0], kind, value, lo, hi, formula,
                      Judgement.AGREES, 0, expected)  # fmt: skip


def ratio_range(a_lo: Decimal, a_hi: Decimal, b_lo: Decimal, b_hi: Decimal) -> tuple[Decimal, Decimal]:
    """The range of a / b over a in [a_lo, a_hi], b in [b_lo, b_hi] (b not spanning 0)."""
    qs = [a_lo / b_lo, a_lo / b_hi, a_hi / b_lo, a_hi / b_hi]
    return min(qs), max(qs)


# --------------------------------------------------------------------------------------------
# Judging a display against its recomputed range
# --------------------------------------------------------------------------------------------


def _judge(d: Derivation, grid: Grid, relations: tuple[Relation, ...], convention: Convention) -> Derivation:
    q = d.cell.quantity
    assert q is not None and q.value is not None
    # Percentages are rounded even where amounts are truncated; amounts follow the document.
    conv = convention if d.kind == "conversion" else Convention.ROUND
    lo, hi = q.interval(conv)
    step = Decimal(1).scaleb(-q.decimals)
    if d.hi < lo:
        distance = lo - d.hi
    elif d.lo > hi:
        distance = d.lo - hi
    else:
        return d
    units = int((distance / step).to_integral_value(rounding=ROUND_CEILING))
    if units > 1:
        return replace(d, judgement=Judgement.OFF, units_off=units)
    kept = _kept_footing(d, grid, relations, conv)
    return replace(d, judgement=Judgement.ADJUSTMENT if kept else Judgement.OFF_BY_ONE, units_off=units, kept=kept)


def _kept_footing(d: Derivation, grid: Grid, relations: tuple[Relation, ...], conv: Convention) -> Relation | None:
    """A relation in the cell's column that the display keeps exact and the correctly
    rounded figure would not."""
    col, row = d.column.index, d.row.index
    q = d.cell.quantity
    assert q is not None
    places = grid.decimals.get(col)
    if places is None:
        return None
    rounding = ROUND_HALF_UP if conv is Convention.ROUND else ROUND_DOWN
    corrected = d.value.quantize(Decimal(1).scaleb(-q.decimals), rounding=rounding)
    corrected_units = int(corrected.scaleb(places))
    for rel in relations:
        if row not in rel.rows() or col not in rel.holds:
            continue
        if exact_sum(grid, rel, col) and not exact_sum(grid, rel, col, {row: corrected_units}):
            return rel
    return None


def _breaks(table: Table, grid: Grid, relations: tuple[Relation, ...]):
    for rel in relations:
        for col in rel.fails:
            total_row = table.rows[rel.total]
            cell = total_row.cell(col)
            if cell is None:
                continue
            places = grid.decimals[col]
            units = sum(s * grid.cells[(r, col)][0] for r, s in rel.terms)  # a failing column has every cell
            labels = tuple(table.rows[r].label for r, _ in rel.terms)
            yield FootingBreak(table, rel, table.columns[col], cell, Decimal(units).scaleb(-places), labels)


def expected_text(value: Decimal, shown: int) -> str:
    """A recomputed value to one more decimal than a display with `shown` decimals ("6.05"),
    or more when one would mislead about where it rounds (6,252.49, not 6,252.5)."""
    target = value.quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_UP)
    for extra in (1, 2, 3):
        text = _fmt(value, shown + extra)
        if Decimal(text.replace(",", "")).quantize(target, rounding=ROUND_HALF_UP) == target:
            break
    return text


def _fmt(value: Decimal, decimals: int) -> str:
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{q:,.{decimals}f}"
