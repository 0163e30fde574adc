"""Arithmetic inside each language: footings, shares, changes and conversions recomputed.

These rules look at one document at a time, so they run on a Japanese-only or English-only
document too, and in a bilingual check they run on both parts. The work is done once per
run by the recompute stage (taiyaku.recompute); the rules only report its judgements.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ...model import Column, Derivation, Document, Finding, Judgement, Lang, Location, Row, Severity, Table
from ..context import CheckContext, at, positions, span, where
from ..registry import Rule, register


def _side(doc: Document, loc: Location) -> tuple[Location | None, Location | None]:
    return (loc, None) if doc.lang is Lang.JA else (None, loc)


_WHAT = {"share": "share of total", "change": "change rate", "conversion": "USD conversion"}


def describe(d: Derivation) -> str:
    """"6.05 (789,234 / 13,036,439)": the recomputed value and how it was obtained."""
    if d.kind == "conversion":
        return f"{d.expected} ({d.formula})"
    return f"{d.expected}% ({d.formula})"


def verdict_text(d: Derivation) -> str:
    if d.judgement is Judgement.AGREES:
        return "agrees with it"
    if d.judgement is Judgement.ADJUSTMENT:
        total = d.table.rows[d.kept.total].label if d.kept else "its column"
        return f"is within rounding (one unit off: a rounding adjustment that keeps '{total}' footing)"
    if d.judgement is Judgement.OFF_BY_ONE:
        return "is one unit off and no footing explains it"
    return f"is not within rounding ({d.units_off} units off in the last digit)"


def _derivations(ctx: CheckContext, judgements: tuple[Judgement, ...]):
    """(derivation, ja location, en location) for the derivations judged so."""
    for da in ctx.recomputed.documents:
        for ta in da.tables:
            for d in ta.derivations:
                if d.judgement in judgements:
                    loc = ctx.location(d.table, d.row, d.cell, d.column)
                    yield (d, *_side(da.document, loc))


class _DerivationRule(Rule):
    kind = ""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for d, ja, en in _derivations(ctx, (Judgement.OFF, Judgement.OFF_BY_ONE)):
            if d.kind == self.kind:
                msg = (f"{d.cell.text} ({d.row.label}, {d.column.title}): recomputed "
                       f"{_WHAT[d.kind]} is {describe(d)}; the figure shown {verdict_text(d)}")  # fmt: skip
                yield self.finding(msg, ja, en, expected=d.expected, group=d.table.name)


@register
class Footing(Rule):
    """A total does not equal the sum of its components in one column although it does in
    the others (income statement, balance sheet and cash-flow sections, begin + net change
    = end of period cash, reconciliations such as adjusted EBITDA + depreciation = operating
    income). Totals are found from the arithmetic itself, so unlabelled ones count too; the
    sum is checked within the rounding of every figure in it."""

    code = "TQ400"
    name = "footing"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for da in ctx.recomputed.documents:
            for ta in da.tables:
                for b in ta.breaks:
                    loc = ctx.location(b.table, b.table.rows[b.relation.total], b.total, b.column)
                    terms = _signed_terms(b.table, b.relation.terms)
                    shown = f"{b.terms_sum:,}"
                    msg = (f"{b.total.text} does not foot: {terms} = {shown} "
                           f"({b.table.rows[b.relation.total].label}, {b.column.title}); "
                           f"the same rows foot in {len(b.relation.holds)} other column(s)")  # fmt: skip
                    ja, en = _side(da.document, loc)
                    yield self.finding(msg, ja, en, expected=shown, group=b.table.name)


@register
class ShareOfTotal(_DerivationRule):
    """A share column (% of Total Revenues, 対営業収益 %, % of total assets) differs from the
    row's amount over the total's amount (the row whose share reads 100.0) by more than
    rounding allows."""

    code = "TQ401"
    name = "share-of-total"
    severity = Severity.ERROR
    kind = "share"


@register
class ChangeRate(_DerivationRule):
    """A change column (YOY Chg %, QOQ Chg %, 対前年同四半期 %, 対前四半期 %) differs from
    current / prior - 1, computed on the signed amounts as the documents do (a loss that
    grows is a positive change), by more than the rounding of its inputs allows."""

    code = "TQ402"
    name = "change-rate"
    severity = Severity.ERROR
    kind = "change"


@register
class CurrencyConversion(_DerivationRule):
    """A USD column differs from the JPY column of the same period divided by the exchange
    rate the document states ("JPY 118.07 = $1", "118.07円=1米ドル")."""

    code = "TQ403"
    name = "currency-conversion"
    severity = Severity.ERROR
    kind = "conversion"


@register
class RoundingAdjustment(Rule):
    """A share or converted figure is one unit off its recomputed value in the last digit,
    and that keeps a column footing exact that the correctly rounded figure would break:
    a deliberate rounding adjustment (plug). Information only."""

    code = "TQ404"
    name = "rounding-adjustment"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for d, ja, en in _derivations(ctx, (Judgement.ADJUSTMENT,)):
            total = d.table.rows[d.kept.total].label if d.kept else ""
            msg = (f"rounding adjustment: {d.cell.text} where the {_WHAT[d.kind]} recomputes "
                   f"to {describe(d)}; it keeps '{total}' footing")  # fmt: skip
            yield self.finding(msg, ja, en, expected=d.expected, group=d.table.name)


@register
class TableUnreadable(Rule):
    """A table, or some of its rows, could not be read as figures (OCR damage: "05,240",
    ". 0", a statement flattened onto one line). Its figures are left out of the other
    checks; one finding per table says so instead of a flood of false errors."""

    code = "TQ405"
    name = "table-unreadable"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for doc in ctx.documents:
            for flat in doc.flattened:
                loc = at(doc, flat.line, flat.text[:80], "no columns")
                msg = (f"{where(doc, flat.line)} holds {flat.figures} figures with no table layout (a statement "
                       "damaged in extraction); it is not checked")  # fmt: skip
                yield self.finding(msg, *_side(doc, loc))
            for table in doc.tables:
                bad = table.damaged
                if not bad:
                    continue
                lines = sorted(table.rows[i].line for i in bad)
                loc = ctx.location(table, None, None, None)
                msg = (f"table '{table.name}' ({span(doc, table.first_line, table.last_line)}): "
                       f"{len(lines)} row(s) could not be read ({positions(doc, lines)}); "
                       "unreadable figures are left out of the checks")  # fmt: skip
                yield self.finding(msg, *_side(doc, loc), group=table.name)


# --------------------------------------------------------------------------------------------
# What a cell recomputes to, for the cross-language rules (TQ100 says which side is wrong)
# --------------------------------------------------------------------------------------------


class Recomputed(NamedTuple):
    """What one cell recomputes to, for the cross-language rules (TQ100 says which side is wrong)."""

    expected: str  # the recomputed figure ("6.05"), "" when the display agrees with a footing
    how: str  # "share of total 6.05% (789,234 / 13,036,439)", "the footing A + B - C"
    verdict: str  # what that says of the figure shown: "agrees with it", "does not foot"
    agrees: bool


def recomputed(ctx: CheckContext, table: Table | None, row: Row | None, column: Column | None) -> Recomputed | None:
    """What one cell recomputes to: a share / change / conversion, or the footing the cell
    is the total of."""
    if table is None or row is None or column is None:
        return None
    da = ctx.recomputed.of(table.lang)
    if da is None:
        return None
    d = da.derivation(table.id, row.index, column.index)
    if d is not None:
        agrees = d.judgement in (Judgement.AGREES, Judgement.ADJUSTMENT)
        return Recomputed(d.expected, f"{_WHAT[d.kind]} {describe(d)}", verdict_text(d), agrees)
    for ta in da.tables:
        if ta.table.id != table.id:
            continue
        for rel in ta.relations:
            if rel.total != row.index or column.index not in rel.holds + rel.fails:
                continue
            terms = _signed_terms(table, rel.terms[:3])
            more = " ..." if len(rel.terms) > 3 else ""
            if column.index in rel.holds:
                return Recomputed("", f"the footing {terms}{more}", "foots (within rounding)", True)
            brk = next(b for b in ta.breaks if b.relation == rel and b.column.index == column.index)
            total = f"{brk.terms_sum:,}"
            return Recomputed(total, f"the footing {terms}{more} = {total}", "does not foot", False)
    return None


def _signed_terms(table: Table, terms: tuple[tuple[int, int], ...]) -> str:
    """"営業収益 - 売上原価合計": the labels of a relation's terms with their signs."""
    return " ".join(f"{'+' if s > 0 else '-'} {table.rows[r].label}" for r, s in terms).removeprefix("+ ")
