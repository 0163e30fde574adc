"""Compare two displayed figures by the values they denote, never by their strings.

A display denotes a half-open interval ("6.0" -> [5.95, 6.05) when rounded). Two displays
agree when their intervals intersect after scale (千円, 百万円, "in millions") is applied.
"""

from __future__ import annotations

from decimal import Decimal

from ..lang.en import scale_name
from ..model import Agreement, Alignment, CellComparison, Column, Comparison, Convention, QKind, Quantity, Row, Table
from ..parse.numbers import effective_scale


def _meets(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compare(
    a: Quantity,
    b: Quantity,
    scale_a: int | None = None,
    scale_b: int | None = None,
    convention: Convention = Convention.ROUND,
    convention_b: Convention | None = None,
) -> Comparison:
    """Compare figure `a` (one language) with figure `b` (the other), `a` read under
    `convention` and `b` under `convention_b` (default: the same). Percentages are read as
    rounded whatever the convention: truncation applies to amounts."""
    if a.kind is not QKind.NUMBER or b.kind is not QKind.NUMBER:
        if a.kind is b.kind:
            return _SAME
        for x, y in ((a, b), (b, a)):
            if x.kind is QKind.NIL and y.kind is QKind.NUMBER and y.value == 0:
                return Comparison(Agreement.NIL_ZERO, f"{x.text!r} and {y.text!r} both mean nil")
        return Comparison(Agreement.KIND, f"{_kind_name(a)} vs {_kind_name(b)}")

    if (a.upper is None) != (b.upper is None):
        return Comparison(Agreement.KIND, "a range against a single figure")

    # When only one table declares its unit, assume the other is in the same unit.
    if scale_a is None:
        scale_a = scale_b
    if scale_b is None:
        scale_b = scale_a
    ea, eb = effective_scale(a, scale_a), effective_scale(b, scale_b)

    if a.value == b.value and a.upper == b.upper and a.scale + ea == b.scale + eb:
        # The same digits at the same scale: every reading of one meets every reading of the
        # other (what most cells of a faithful translation are, so worked out first).
        return _same_or_format(a, b)
    ca = Convention.ROUND if a.percent else convention
    cb = Convention.ROUND if b.percent else (convention if convention_b is None else convention_b)
    ends = ("low", "high") if a.upper is not None else ("low",)
    if all(
        _meets(a.interval(ca, ea, end), b.interval(cb, eb, end)) for end in ends
    ):
        return _same_or_format(a, b)
    if a.value != 0 and b.value != 0:
        flipped = Quantity(a.text, a.kind, -a.value, a.decimals, a.percent, None, a.grouped,  # type: ignore[operator]
                           a.scale, a.unit, -a.upper if a.upper is not None else None)  # fmt: skip
        if _meets(flipped.interval(ca, ea), b.interval(cb, eb)):
            return Comparison(Agreement.SIGN, f"{a.text} and {b.text} differ in sign")
    return Comparison(Agreement.DIFFERENT)


def _same_or_format(a: Quantity, b: Quantity) -> Comparison:
    if a.grouped == b.grouped and a.decimals == b.decimals:
        return _SAME
    notes = []
    if a.grouped != b.grouped and max(abs(a.value), abs(b.value)) >= 1000:  # type: ignore[arg-type]
        notes.append("thousands separators differ")
    if a.decimals != b.decimals:
        notes.append(f"precision differs ({a.decimals} vs {b.decimals} decimals)")
    if notes:
        return Comparison(Agreement.FORMAT, "; ".join(notes))
    return _SAME


_SAME = Comparison(Agreement.SAME)


def _kind_name(q: Quantity) -> str:
    if q.kind is QKind.NUMBER:
        return f"figure {q.text}"
    return f"{'n/a' if q.kind is QKind.NA else 'nil'} ({q.text})"


def compare_cells(alignment: Alignment, convention: Convention | None = None) -> tuple[CellComparison, ...]:
    """Every pair of cells at a paired row and a paired column, compared once per check, each
    side read under its document's rounding convention (`convention` overrides both): a
    Japanese 12,109 truncated (百万円未満切捨て) and an English 12,110 rounded agree."""
    if alignment.ja is None or alignment.en is None:
        return ()
    conv_ja = convention or alignment.ja.convention
    conv_en = convention or alignment.en.convention
    out: list[CellComparison] = []
    for c in alignment.cell_pairs():
        a, b = c.ja, c.en
        qa = a.quantity if a else None
        qb = b.quantity if b else None
        if qa is None and qb is None:
            continue
        scale_ja = _scale(c.ja_row, c.ja_column, c.ja_table)
        scale_en = _scale(c.en_row, c.en_column, c.en_table)
        units = None
        if scale_ja is not None and scale_en is not None and scale_ja != scale_en:
            units = (scale_ja, scale_en)
        comparison = None
        if qa is not None and qb is not None:
            comparison = compare(qa, qb, scale_ja, scale_en, conv_ja, conv_en)
            if (
                units is not None
                and comparison.verdict is Agreement.DIFFERENT
                and not (qa.percent or qb.percent)
                and compare(qa, qb, scale_ja, scale_ja, conv_ja, conv_en).agrees
            ):
                detail = f"the same figure under {scale_name(units[0])} and {scale_name(units[1])}"
                comparison = Comparison(Agreement.UNIT, detail)
        out.append(CellComparison(c.pair, c.row, c.column, a, b, comparison, units))
    return tuple(out)



def _scale(row: Row, column: Column, table: Table) -> int | None:
    """The unit a cell's figures are in: its row's own (a unit column), its column's, its table's."""
    if row.unit_scale is not None:
        return row.unit_scale
    return column.unit_scale if column.unit_scale is not None else table.unit_scale
