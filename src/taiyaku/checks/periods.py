"""Periods: a table or column that names one period in Japanese and another in English."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .. import headers
from ..model import Column, Finding, Lang, Location, Period, Severity, Table, TablePair
from ..periods import describe, find_periods, quarter_code, same_period
from .base import CheckContext, Rule, register

DEFAULT_FY_END_MONTH = 3

# A title line that reads like a sentence (a figure with %, a closing full stop) is prose the
# parser kept above the table, not a statement of the table's periods.
_PROSE = re.compile(r"\d\s*[%％]|[.。]\s*$")
# A Japanese quarterly statement: its bare "2003年3月期" headers are quarters.
_QUARTERLY_JA = "四半期"
# A year period that states its own end month (2003年3月期通期, not 2002年度) votes for it.
_MONTH_JA = "月"


@dataclass(frozen=True)
class _Named:
    """A period one side of a table states, and where: a title line or a column header."""

    period: Period
    text: str  # the words that name it: "2003年3月期通期", "For the Years Ended Dec 31, 2003"
    line: int
    line_text: str  # the whole title line, or the header cell
    source: str  # "title" or "columns"
    kind: str = "period"
    day: int | None = None

    def describe(self) -> str:
        return describe(self.period, self.day, self.kind)


@register
class PeriodMismatch(Rule):
    """A table or a column names one period in Japanese and another in English.

    For every aligned table pair this compares (a) the periods its title lines name on each
    side ("2003年3月期通期、2002年3月期通期" against "For the Years Ended Mar 31, 2003 and
    2002") and (b) the period of each aligned column pair (2003年3月期 against Mar 31, 2003).
    A side whose title names no period is compared through its column headers instead; a
    table neither side dates is not checked. Periods agree when they end in the same month
    and do not state different spans: "2003年3月期" under a 四半期 caption (a quarter) agrees
    with "Three Months Ended Mar 31, 2003", 2003年3月期通期 with "Year Ended March 31, 2003",
    4Q02 with 2002年度第4四半期. Only contradictions count: a period that one side names and
    the other leaves out is not reported.

    When one side's title disagrees with its own column headers and the other side's does
    not, the message says which side to fix.
    """

    code = "TQ600"
    name = "period-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        fy = fy_end_month(ctx)
        for tp in ctx.alignment.tables:
            if tp.ja is None or tp.en is None:
                continue
            reported: set[tuple[Lang, int, str]] = set()
            yield from self._columns(ctx, tp, fy, reported)
            yield from self._titles(ctx, tp, fy, reported)

    def _titles(
        self, ctx: CheckContext, tp: TablePair, fy: int, reported: set[tuple[Lang, int, str]]
    ) -> Iterator[Finding]:
        assert tp.ja is not None and tp.en is not None
        ja_t, en_t = title_periods(tp.ja, fy), title_periods(tp.en, fy)
        if not ja_t and not en_t:
            return  # neither title dates the table: the columns are compared on their own
        ja_c, en_c = column_periods(tp.ja, fy), column_periods(tp.en, fy)
        ja_ev, en_ev = ja_t or ja_c, en_t or en_c
        ja_miss = [j for j in ja_ev if _contradicted(j, en_ev, fy)]
        en_miss = [e for e in en_ev if _contradicted(e, ja_ev, fy)]
        if not ja_miss or not en_miss:
            return  # one side names more periods than the other, or nothing comparable
        for side, title, miss in ((Lang.JA, ja_t, ja_miss), (Lang.EN, en_t, en_miss)):
            if not title and all((side, n.line, n.text) in reported for n in miss):
                return  # a title against headers already reported as a column mismatch
        # Which side is at odds with its own table?
        en_self = bool(en_t and en_c) and all(_contradicted(e, en_c, fy) for e in en_miss)
        ja_self = bool(ja_t and ja_c) and all(_contradicted(j, ja_c, fy) for j in ja_miss)
        ja_what = "title" if ja_t else "column headers"
        en_what = "title" if en_t else "column headers"
        msg = (
            f"English {en_what} {_names(en_t)} {_list(e.describe() for e in en_miss)}; "
            f"the Japanese {ja_what} {_names(ja_t)} "
            f"{_list(f'{j.text} ({_bare(j.describe())})' for j in ja_miss)}"
        )
        expected = None
        if en_self and not ja_self:
            msg += (
                f". The English column headers say {_list(_unique(e.text for e in en_c))}, "
                "as the Japanese does: the English title is the one to fix"
            )
            expected = _list(_bare(j.describe()) for j in ja_miss)
        elif ja_self and not en_self:
            msg += (
                f". The Japanese column headers say {_list(_unique(j.text for j in ja_c))}, "
                "as the English does: the Japanese title is the one to fix"
            )
            expected = _list(_bare(e.describe()) for e in en_miss)
        ja_loc = _location(ctx, tp.ja, ja_miss[0])
        en_loc = _location(ctx, tp.en, en_miss[0])
        yield self.finding(msg, ja_loc, en_loc, tp, expected=expected)

    def _columns(
        self, ctx: CheckContext, tp: TablePair, fy: int, reported: set[tuple[Lang, int, str]]
    ) -> Iterator[Finding]:
        assert tp.ja is not None and tp.en is not None
        seen: set[tuple] = set()
        for cp in tp.columns:
            if cp.ja is None or cp.en is None or cp.ja.period is None or cp.en.period is None:
                continue
            if same_period(cp.ja.period, cp.en.period, fy) is not False:
                continue
            ja, en = _header(tp.ja, cp.ja), _header(tp.en, cp.en)
            key = (ja.line, ja.text, en.line, en.text)
            if key in seen:
                continue  # several columns under one spanning header: reported once
            seen.add(key)
            reported.update({(Lang.JA, ja.line, ja.text), (Lang.EN, en.line, en.text)})
            msg = (
                f"English column header '{en.text}' names {en.describe()}; "
                f"the Japanese header '{ja.text}' names {_bare(ja.describe())}"
            )
            ja_t, en_t = title_periods(tp.ja, fy), title_periods(tp.en, fy)
            en_odd = bool(en_t) and _contradicted(en, en_t, fy)
            ja_odd = bool(ja_t) and _contradicted(ja, ja_t, fy)
            if en_odd and not ja_odd:
                msg += " (the English title disagrees with it too: the English header is the one to fix)"
            elif ja_odd and not en_odd:
                msg += " (the Japanese title disagrees with it too: the Japanese header is the one to fix)"
            yield self.finding(msg, _location(ctx, tp.ja, ja), _location(ctx, tp.en, en), tp)


def fy_end_month(ctx: CheckContext) -> int:
    """The month the fiscal year ends in, read from the year periods the titles name.

    "2003年3月期通期" and "For the Year Ended March 31, 2003" vote for March; without such
    titles the default (March, the usual Japanese year end) is kept. Computed once per check.
    """
    if "fy_end_month" not in ctx.cache:
        votes: Counter[int] = Counter()
        for doc in (ctx.alignment.ja, ctx.alignment.en):
            for table in doc.tables if doc is not None else ():
                for named in title_periods(table, DEFAULT_FY_END_MONTH):
                    p = named.period
                    if p.span == "year" and p.end and (named.day or _MONTH_JA in named.text):
                        votes[p.end[1]] += 1
        ctx.cache["fy_end_month"] = votes.most_common(1)[0][0] if votes else DEFAULT_FY_END_MONTH
    return ctx.cache["fy_end_month"]


def title_periods(table: Table, fy: int = DEFAULT_FY_END_MONTH) -> list[_Named]:
    """The periods a table's title lines name (prose lines kept above the table excluded)."""
    out = []
    for line, text in table.title_lines:
        if _PROSE.search(text):
            continue
        for m in find_periods(text, table.lang, fy):
            if m.period.end is None and not m.period.quarter:
                continue  # "通期" alone: nothing to compare
            out.append(_Named(m.period, m.text, line, text, "title", m.kind, m.day))
    return [_quarterly(table, n, fy) for n in out]


def column_periods(table: Table, fy: int = DEFAULT_FY_END_MONTH) -> list[_Named]:
    """The distinct periods a table's column headers name, each with its header line."""
    out: list[_Named] = []
    for col in table.columns:
        if col.period is None:
            continue
        named = _quarterly(table, _header(table, col), fy)
        if named not in out:
            out.append(named)
    return out


def _quarterly(table: Table, named: _Named, fy: int) -> _Named:
    """A Japanese "2003年3月期" under a 四半期 caption names the quarter ending then.

    Balance sheets are left alone: their columns are points in time, whatever the caption.
    """
    p = named.period
    if table.lang is not Lang.JA or p.span is not None or p.end is None or named.kind != "period":
        return named
    caption = " ".join(t for _, t in table.title_lines) or table.caption or ""
    if _QUARTERLY_JA not in caption or headers.statement_kind(caption) == "balance":
        return named
    return replace(named, period=Period(p.end, quarter_code(p.end, fy), "quarter"))


def _header(table: Table, col: Column) -> _Named:
    """The header cell a column's period was read from, and the line it stands on.

    Header rows are the first lines of the table, so row i is line first_line + i. A period
    written once above several columns is found in the nearest column to the left.
    """
    text = col.period_text or ""
    row = _row_of(col, text)
    if row is None:
        for other in reversed(table.columns[: col.index]):
            row = _row_of(other, text)
            if row is not None:
                break
    line = table.first_line + (row or 0)
    assert col.period is not None
    return _Named(col.period, text, line, text, "columns")


def _row_of(col: Column, text: str) -> int | None:
    for i, h in enumerate(col.header):
        if h == text:
            return i
    return None


def _contradicted(named: _Named, others: list[_Named], fy: int) -> bool:
    """True when every period in `others` contradicts `named` (and there is at least one)."""
    return bool(others) and all(same_period(named.period, o.period, fy) is False for o in others)


def _location(ctx: CheckContext, table: Table, named: _Named) -> Location:
    """Where a period is named: the title line or header cell, with the table as context."""
    doc = ctx.alignment.ja if table.lang is Lang.JA else ctx.alignment.en
    where = "title" if named.source == "title" else "column header"
    return Location(doc.path, named.line, named.line_text, f"{table.name} | {where}")


def _names(title: list[_Named]) -> str:
    return "names" if title else "say"


def _list(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _bare(description: str) -> str:
    """ "the year ended Mar 31, 2003" -> "year ended Mar 31, 2003" (inside parentheses)."""
    return description[4:] if description.startswith("the ") else description
