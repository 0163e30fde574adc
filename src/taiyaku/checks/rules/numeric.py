"""Figures in aligned cells: do the Japanese and English tables say the same numbers?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ...lang.en import scale_name
from ...model import Agreement, Cell, CellComparison, Finding, Severity
from ...parse.headers import unit_scale
from ..context import CheckContext, at
from ..registry import Rule, register
from .arithmetic import recomputed


class _CellRule(Rule):
    verdicts: tuple[Agreement, ...] = ()

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for cp in ctx.recomputed.cells:
            if cp.comparison is not None and cp.comparison.verdict in self.verdicts:
                yield self.make(ctx, cp)

    def make(self, ctx: CheckContext, cp: CellComparison) -> Finding:
        ja = ctx.location(cp.table.ja, cp.row.ja, cp.ja, cp.column.ja)  # type: ignore[arg-type]
        en = ctx.location(cp.table.en, cp.row.en, cp.en, cp.column.en)  # type: ignore[arg-type]
        detail = cp.comparison.detail if cp.comparison else ""
        return self.finding(self.message(ja.text, en.text, detail, _where(cp)), ja, en, cp.table)

    def message(self, ja: str, en: str, detail: str, where: str) -> str:
        raise NotImplementedError


def _where(cp: CellComparison) -> str:
    label_ja = cp.row.ja.label if cp.row.ja else ""
    label_en = cp.row.en.label if cp.row.en else ""
    column = cp.column.en.title if cp.column.en and cp.column.en.title else ""
    if not column and cp.column.ja:
        column = cp.column.ja.title
    where = f"{label_ja} ↔ {label_en}"
    return f"{where}, {column}" if column else where


@register
class NumericMismatch(_CellRule):
    """A figure in the Japanese table differs from the figure in the aligned English cell.

    Figures are compared as the intervals their displays denote (after 千円 / millions /
    billions scale), so "1,519" and "1519" agree and "5.9" and "6.0" do not.
    """

    code = "TQ100"
    name = "numeric-mismatch"
    severity = Severity.ERROR
    verdicts = (Agreement.DIFFERENT,)

    def message(self, ja: str, en: str, detail: str, where: str) -> str:
        return f"Japanese {ja} vs English {en} ({where})"

    def make(self, ctx: CheckContext, cp: CellComparison) -> Finding:
        """The mismatch, with which side the recomputed figure agrees with (if any)."""
        finding = super().make(ctx, cp)
        sides = {
            "Japanese": recomputed(ctx, cp.table.ja, cp.row.ja, cp.column.ja),
            "English": recomputed(ctx, cp.table.en, cp.row.en, cp.column.en),
        }
        known = {k: v for k, v in sides.items() if v is not None}
        if not known:
            return finding
        hows = {v.how for v in known.values()}
        parts = []
        if len(hows) == 1:
            parts.append(f"recomputed {hows.pop()}")
            parts += [f"the {lang} {v.verdict}" for lang, v in known.items()]
        else:
            parts += [f"the {lang} recomputes {v.how} and {v.verdict}" for lang, v in known.items()]
        agreeing = [lang for lang, v in known.items() if v.agrees]
        if len(agreeing) == 1:
            parts.append(f"so the {agreeing[0]} is right")
        elif not agreeing:
            parts.append("neither agrees")
        expected = next((v.expected for v in known.values() if v.expected), None)
        return replace(finding, message=f"{finding.message}: " + "; ".join(parts), expected=expected)


@register
class SignMismatch(_CellRule):
    """The aligned figures have the same magnitude but opposite signs (▲446 vs 446)."""

    code = "TQ101"
    name = "sign-mismatch"
    severity = Severity.ERROR
    verdicts = (Agreement.SIGN,)

    def message(self, ja: str, en: str, detail: str, where: str) -> str:
        return f"sign differs: Japanese {ja} vs English {en} ({where})"


@register
class ValueKindMismatch(_CellRule):
    """One side shows a figure where the other shows n/a or "-", or n/a against "-", or a
    range against a single figure."""

    code = "TQ102"
    name = "value-kind-mismatch"
    severity = Severity.ERROR
    verdicts = (Agreement.KIND,)

    def message(self, ja: str, en: str, detail: str, where: str) -> str:
        return f"Japanese {ja} vs English {en}: {detail} ({where})"


@register
class NumberFormat(_CellRule):
    """The aligned figures agree in value but are written differently: thousands separators
    (1,519 vs 1519), precision (6 vs 6.0), or "-" against "0". Information only."""

    code = "TQ103"
    name = "number-format"
    severity = Severity.INFO
    verdicts = (Agreement.FORMAT, Agreement.NIL_ZERO)

    def message(self, ja: str, en: str, detail: str, where: str) -> str:
        return f"same value, written differently: Japanese {ja} vs English {en} ({detail}; {where})"


@register
class UnitMismatch(Rule):
    """A column header, a row's unit cell or a table's unit line declares one unit in Japanese
    and another in English (機械装置（百万円） against "Machinery (Thousands of yen)", (単位：百万円)
    against "(In thousands of yen)", 売上高 | (百万円) against "Net sales | (Thousands of yen)").
    One finding per pair of declarations, naming both, not one per cell: cells whose figures
    are the same digits under the two units are not also reported as numeric mismatches (the
    unit is wrong, not the figure). Figures converted between the units (1,234 百万円 as 1.2
    under "Billions of yen") are not a mismatch."""

    code = "TQ105"
    name = "unit-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        groups: dict[tuple[str, str, str], list[CellComparison]] = {}
        for cp in ctx.recomputed.cells:
            if cp.units is None or cp.comparison is None:
                continue
            key = (cp.table.name, self._source(cp, "ja")[0], self._source(cp, "en")[0])
            groups.setdefault(key, []).append(cp)
        for cells in groups.values():
            first = cells[0]
            tp = first.table
            scale_ja, scale_en = first.units  # type: ignore[misc]
            (text_ja, line_ja), (text_en, line_en) = self._source(first, "ja"), self._source(first, "en")
            same = sum(1 for c in cells if c.comparison is not None and c.comparison.verdict is Agreement.UNIT)
            if not same:
                continue  # converted between the units (1,234百万円 as 1.2 billions), or wrong figures (TQ100)
            ja = at(ctx.document(tp.ja.lang), line_ja, text_ja, tp.ja.name)  # type: ignore[union-attr]
            en = at(ctx.document(tp.en.lang), line_en, text_en, tp.en.name)  # type: ignore[union-attr]
            how = f"{same} of {len(cells)} figure(s) under it are the same digits on both sides: the unit is wrong"
            yield self.finding(
                f"unit: Japanese '{text_ja}' ({scale_name(scale_ja)}) vs English '{text_en}' "
                f"({scale_name(scale_en)}); {how}",
                ja, en, tp,
            )  # fmt: skip

    @staticmethod
    def _source(cp: CellComparison, side: str) -> tuple[str, int]:
        """The text that declares the side's unit and its line: the row's unit cell, else the
        column header, else the table's unit line."""
        row = cp.row.ja if side == "ja" else cp.row.en
        column = cp.column.ja if side == "ja" else cp.column.en
        table = cp.table.ja if side == "ja" else cp.table.en
        if row is not None and row.unit_text is not None and row.unit_scale is not None:
            return row.unit_text, row.line
        if column is not None and column.unit_text is not None and column.unit_line is not None:
            return column.unit_text, column.unit_line
        assert table is not None
        for line, text in table.title_lines:
            if unit_scale(text) is not None:
                return text, line
        return table.name, table.caption_line or table.first_line


def _blank(cell: Cell | None) -> str:
    """What the side without a figure holds: nothing, or text that is not one figure."""
    if cell is None or not cell.text:
        return "is empty"
    return f"holds '{cell.text}', which cannot be read as a figure"


@register
class MissingValue(Rule):
    """A cell holds a figure on one side and is empty on the other, or holds text that cannot
    be read as a figure ("((5))", "1,2,3", "〇"), in aligned rows and columns."""

    code = "TQ104"
    name = "missing-value"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for cp in ctx.recomputed.cells:
            if cp.comparison is not None:
                continue
            ja = ctx.location(cp.table.ja, cp.row.ja, cp.ja, cp.column.ja)  # type: ignore[arg-type]
            en = ctx.location(cp.table.en, cp.row.en, cp.en, cp.column.en)  # type: ignore[arg-type]
            if cp.ja is None or cp.ja.quantity is None:
                msg = f"English shows {en.text} where the Japanese cell {_blank(cp.ja)} ({_where(cp)})"
                if cp.ja is None:
                    ja = ctx.location(cp.table.ja, cp.row.ja, None, cp.column.ja)  # type: ignore[arg-type]
            else:
                msg = f"Japanese shows {ja.text} where the English cell {_blank(cp.en)} ({_where(cp)})"
                if cp.en is None:
                    en = ctx.location(cp.table.en, cp.row.en, None, cp.column.en)  # type: ignore[arg-type]
            yield self.finding(msg, ja, en, cp.table)
