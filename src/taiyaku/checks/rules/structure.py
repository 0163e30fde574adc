"""Structure: tables, columns and rows that have no counterpart in the other language."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Finding, Lang, RowKind, Severity
from ..context import CheckContext, span
from ..registry import Rule, register


@register
class TableUnpaired(Rule):
    """A table has no counterpart in the other language.

    A Japanese table without an English one is a warning: the English release is the full
    document, so something was left untranslated. An English table without a Japanese one
    is information only: the Japanese part is often a summary (抄訳) of the English.
    """

    code = "TQ200"
    name = "table-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is not None and tp.en is None:
                loc = ctx.location(tp.ja, None, None, None)
                where = span(ctx.document(Lang.JA), tp.ja.first_line, tp.ja.last_line)
                msg = f"Japanese table '{tp.ja.name}' ({where}) has no English counterpart"
                yield self.finding(msg, loc, None, tp)
            elif tp.en is not None and tp.ja is None:
                loc = ctx.location(tp.en, None, None, None)
                where = span(ctx.document(Lang.EN), tp.en.first_line, tp.en.last_line)
                msg = f"English table '{tp.en.name}' ({where}) has no Japanese counterpart"
                yield self.finding(msg, None, loc, tp, severity=Severity.INFO)


@register
class ColumnUnpaired(Rule):
    """A value column of an aligned table has no counterpart in the other language's table."""

    code = "TQ201"
    name = "column-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            for cp in tp.columns:
                if cp.ja is not None and cp.en is None:
                    title = cp.ja.title or f"column {cp.ja.index + 1}"
                    loc = ctx.location(tp.ja, None, None, None)
                    yield self.finding(f"Japanese column '{title}' has no English counterpart", loc, None, tp)
                elif cp.en is not None and cp.ja is None:
                    title = cp.en.title or f"column {cp.en.index + 1}"
                    loc = ctx.location(tp.en, None, None, None)
                    yield self.finding(f"English column '{title}' has no Japanese counterpart", None, loc, tp)


@register
class RowUnpaired(Rule):
    """A row of an aligned table has no counterpart in the other language's table.

    A data row is a warning (its figures are missing on the other side); a heading row
    (a label without figures, such as "IP サービス") is information only.
    """

    code = "TQ202"
    name = "row-unpaired"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            for rp in tp.rows:
                row, table, side = (rp.ja, tp.ja, "Japanese") if rp.en is None else (rp.en, tp.en, "English")
                if rp.ja is not None and rp.en is not None or row is None:
                    continue
                other = "English" if side == "Japanese" else "Japanese"
                heading = row.kind is RowKind.HEADING
                what = "heading" if heading else "row"
                loc = ctx.location(table, row, None, None)
                msg = f"{side} {what} '{row.label}' has no {other} counterpart in '{tp.name}'"
                severity = Severity.INFO if heading else Severity.WARNING
                ja, en = (loc, None) if side == "Japanese" else (None, loc)
                yield self.finding(msg, ja, en, tp, severity=severity)
