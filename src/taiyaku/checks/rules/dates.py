"""Dates: the calendar dates of paired Japanese and English sentences."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import DateMention, Finding, Lang, Severity
from ..context import CheckContext, at, where
from ..registry import Rule, register


def _same(a: DateMention, b: DateMention) -> bool:
    if (a.year, a.month) != (b.year, b.month):
        return False
    return a.day is None or b.day is None or a.day == b.day


def _show(d: DateMention) -> str:
    return f"{d.year}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")


@register
class DateMismatch(Rule):
    """A date of a Japanese sentence or table cell contradicts the date the paired English
    sentence or cell names.

    Sentence pairs come from taiyaku.align.sentences (anchored on shared figures). A Japanese
    date (1961年4月, 令和8年3月31日, 2026/3/31) that no English date of the pair matches is
    reported against an English date of the same precision that no Japanese date matches
    ("April 1916" for 1961年4月). Only contradictions count: a date the English adds, or one
    it leaves out, is not reported; "as of March 31, 2026" matches 2026年3月31日現在. In
    tables, a cell that holds a date (設立 | 1961年4月, "Record date | March 31, 2025") is
    compared with the cell at the paired row and column.
    """

    code = "TQ601"
    name = "date-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.alignment.ja is None or ctx.alignment.en is None:
            return
        yield from self._cells(ctx)
        ja_doc, en_doc = ctx.document(Lang.JA), ctx.document(Lang.EN)
        for sp in ctx.alignment.sentences:
            ja = [d for _, d in sp.ja.dates]
            en = [d for _, d in sp.en.dates]
            ja_left = [d for d in ja if not any(_same(d, e) for e in en)]
            en_left = [e for e in en if not any(_same(d, e) for d in ja)]
            for d in ja_left:
                match = [e for e in en_left if (e.day is None) == (d.day is None)]
                if len(match) != 1 or len(ja_left) != len(en_left):
                    continue  # nothing to pair it with unambiguously: not a contradiction
                e = match[0]
                yield self.finding(
                    f"Japanese date {d.text} ({_show(d)}) vs English {e.text} ({_show(e)})",
                    ja=at(ja_doc, sp.ja.line, d.text, sp.ja.text[:60]),
                    en=at(en_doc, sp.en.line, e.text, sp.en.text[:60]),
                    group=f"prose: ja {where(ja_doc, sp.ja.line)} ↔ en {where(en_doc, sp.en.line)}",
                )

    def _cells(self, ctx: CheckContext) -> Iterator[Finding]:
        for c in ctx.alignment.cell_pairs():
            a, b = c.ja, c.en
            if a is None or b is None or a.date is None or b.date is None or _same(a.date, b.date):
                continue
            yield self.finding(
                f"Japanese date {a.date.text} ({_show(a.date)}) vs English {b.date.text} ({_show(b.date)})"
                f" ({c.ja_row.label} ↔ {c.en_row.label})",
                ctx.location(c.ja_table, c.ja_row, a, c.ja_column),
                ctx.location(c.en_table, c.en_row, b, c.en_column),
                c.pair,
            )
