"""Finish a parsed document: what later stages need, read once from its tables and prose.

- per table: the rows that cannot be read (OCR damage), the exchange rate stated for it;
- per document: the rounding convention it declares (百万円未満切捨て), prose lines split
  into sentences with their comparable figures, lines that are flattened statements;
- the fiscal-year end (voted by the year periods the table titles name, over both
  languages: "2003年3月期通期", "For the Year Ended March 31, 2003"), and with it the periods
  each table's title lines and column headers name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..lang import en as en_lang
from ..lang import ja as ja_lang
from ..model import Column, DateMention, Document, Lang, Mention, NamedPeriod, Period, ProseUnit, Sentence, Table
from .headers import statement_kind
from .mentions import AMOUNT, COUNT, COUNTED, OTHER, PERCENT, extract
from .periods import calendar_dates, find_periods, quarter_code
from .sentences import document_sentences
from .statements import damaged_rows, document_convention, flattened_lines, ghost_rows, table_rates

DEFAULT_FY_END_MONTH = 3  # March, the usual Japanese fiscal-year end

# A title line that reads like a sentence (a figure with %, a closing full stop) is prose the
# parser kept above the table, not a statement of the table's periods.
_PROSE = re.compile(r"\d\s*[%％]|[.。]\s*$")
# A parenthesised note under a title: "(％表示は対前期増減率)", "(注) …".
_NOTE = re.compile(r"^\s*[(（]\s*(?:[%％]表示|注)")
# A year period that states its own end month (2003年3月期通期, not 2002年度) votes for it.
_MONTH_JA = "月"
_COMPARABLE_KINDS = (AMOUNT, PERCENT)


def finish(doc: Document) -> Document:
    """`doc` with the facts that do not depend on the fiscal-year end."""
    rates = table_rates(doc)
    tables = []
    for table, rate in zip(doc.tables, rates):
        damaged = damaged_rows(table)
        tables.append(replace(table, rate=rate, damaged=damaged, ghosts=ghost_rows(table, damaged)))
    convention, line = document_convention(doc)
    return replace(doc, tables=tuple(tables), convention=convention, convention_line=line,
                   prose=prose_units(doc), flattened=flattened_lines(doc), quarterly=quarterly(doc))  # fmt: skip


TITLE_PARAGRAPHS = 12  # the lines a document's title is looked for in


def quarterly(doc: Document) -> bool | None:
    """Whether the document reports a quarter (True) or a full year (False), from its title:
    "2027年3月期 第1四半期決算短信" / "Three Months Ended" against "2026年3月期 決算短信" /
    "for the Fiscal Year Ended"; None when its opening lines say neither."""
    head = [p.text for p in doc.paragraphs[:TITLE_PARAGRAPHS]]
    quarter: tuple[str, ...]
    if doc.lang is Lang.JA:
        quarter, annual = (ja_lang.QUARTERLY_WORD,), ja_lang.ANNUAL_WORDS
    else:
        quarter, annual = en_lang.QUARTERLY_WORDS, en_lang.ANNUAL_WORDS
        head = [t.lower() for t in head]
    if any(w in t for t in head for w in quarter):
        return True
    if any(w in t for t in head for w in annual):
        return False
    return None


def prose_units(doc: Document) -> tuple[ProseUnit, ...]:
    """The document's prose lines with their comparable figures, in order."""
    by_line: dict[int, list[Sentence]] = {}
    for s in document_sentences(doc):
        by_line.setdefault(s.line, []).append(s)
    out = []
    for index, (line, sentences) in enumerate(sorted(by_line.items())):
        ms = tuple((s, m) for s in sentences for m in _comparable(extract(s.text, s.lang), s.text, s.lang))
        ds = tuple((s, d) for s in sentences for d in sentence_dates(s))
        out.append(ProseUnit(line, index, tuple(sentences), ms, ds))
    return tuple(out)


def sentence_dates(s: Sentence) -> tuple[DateMention, ...]:
    """The calendar dates (not fiscal periods) a sentence names, as parse.periods reads them."""
    return calendar_dates(s.text, s.lang)


def _comparable(ms: Sequence[Mention], text: str, lang: Lang) -> list[Mention]:
    """The figures of a sentence worth comparing: amounts (in yen and other currencies) and
    percentages; bare figures with a scale word ("130億", "13 billion"), which are amounts
    missing their currency; Japanese counted figures (2,417人, 281千台) and the bare English
    figures they are written as ("2,471 employees", "218 thousand units"); multiples and
    percentage points (12.5倍, 1.2ポイント). A dollar amount right after a yen amount ("JPY 13
    billion ($110 million)") is the English release's convenience translation, with no Japanese
    counterpart; a dollar amount of its own ("US$4.9 million", "900万ドル") is compared."""
    out = []
    for i, m in enumerate(ms):
        if m.kind == COUNT:
            keep = m.quantity.scale >= 4 or lang is Lang.EN
        elif m.kind == COUNTED:
            keep = True
        elif m.kind == OTHER:
            keep = m.quantity.unit in ja_lang.COMPARED_UNITS
        elif m.kind == AMOUNT and m.quantity.unit == "USD":
            keep = not any(o.quantity.unit == "JPY" and _CONVENIENCE.fullmatch(text[o.end : m.start]) for o in ms[:i])
        else:
            keep = m.kind in _COMPARABLE_KINDS
        if keep:
            out.append(m)
    return out


# Between a yen amount and the dollar amount that translates it: "(", "（", "(\", "(or ", "/".
_CONVENIENCE = re.compile(r"\s*(?:[(（\[]\\?\s*(?:or\s+|approx(?:imately|\.)\s*)?|/\s*)")


# --------------------------------------------------------------------------------------------
# The fiscal-year end, and the periods titles and headers name
# --------------------------------------------------------------------------------------------


def fiscal_year_end(docs: Iterable[Document]) -> int:
    """The month the fiscal year ends in, voted by the year periods the table titles name
    ("2003年3月期通期" and "For the Year Ended March 31, 2003" vote for March); March
    without such titles."""
    votes: Counter[int] = Counter()
    for doc in docs:
        for table in doc.tables:
            for named in title_periods(table, DEFAULT_FY_END_MONTH):
                p = named.period
                if p.span == "year" and p.end and (named.day or _MONTH_JA in named.text):
                    votes[p.end[1]] += 1
    return votes.most_common(1)[0][0] if votes else DEFAULT_FY_END_MONTH


def with_periods(doc: Document, fy_end_month: int) -> Document:
    """`doc` with its fiscal-year end and the periods of every table's titles and columns."""
    tables = tuple(
        replace(t, title_periods=title_periods(t, fy_end_month), column_periods=column_periods(t, fy_end_month))
        for t in doc.tables
    )
    return replace(doc, tables=tables, fy_end_month=fy_end_month)


def title_periods(table: Table, fy: int) -> tuple[NamedPeriod, ...]:
    """The periods a table's title lines name (prose lines kept above the table excluded)."""
    out = []
    for line, text in table.title_lines:
        if _PROSE.search(text):
            continue
        for m in find_periods(text, table.lang, fy):
            if m.period.end is None and not m.period.quarter:
                continue  # "通期" alone: nothing to compare
            out.append(NamedPeriod(m.period, m.text, line, text, "title", m.kind, m.day))
    return tuple(_quarterly(table, n, fy) for n in out)


def column_periods(table: Table, fy: int) -> tuple[NamedPeriod, ...]:
    """The distinct periods a table's column headers name, each with its header line
    (one pass over the columns: a period written once above thousands of them included)."""
    out: dict[NamedPeriod, None] = {}
    seen: set[tuple[int, str, int | None]] = set()
    caption = _caption(table)
    rows: dict[str, int] = {}  # the header row each text stands on, in the nearest column to the left
    header: tuple[str, ...] | None = None
    for col in table.columns:
        text = col.period_text or ""
        row = _row_of(col, text)
        if row is None:
            row = rows.get(text)
        if col.header != header:  # (most columns repeat their neighbour's header rows)
            header = col.header
            for i in range(len(header) - 1, -1, -1):  # its first row holding a text wins
                rows[header[i]] = i
        # (a column's period is one object per header text: its id is a cheap first test)
        if col.period is not None and (id(col.period), text, row) not in seen:
            seen.add((id(col.period), text, row))
            named = NamedPeriod(col.period, text, table.first_line + (row or 0), text, "columns")
            out.setdefault(_quarterly(table, named, fy, caption), None)
    return tuple(out)


def _caption(table: Table) -> str:
    """The title lines that name the table, not prose kept above it ("第4四半期も増収となりました。")
    nor a note on how changes are measured ("(％表示は、通期は対前期、四半期は対前年同四半期増減率)")."""
    caption = " ".join(t for _, t in table.title_lines if not _PROSE.search(t) and not _NOTE.match(t))
    return caption or table.caption or ""


def _quarterly(table: Table, named: NamedPeriod, fy: int, caption: str | None = None) -> NamedPeriod:
    """A Japanese "2003年3月期" under a 四半期 caption names the quarter ending then.

    Balance sheets are left alone: their columns are points in time, whatever the caption.
    """
    p = named.period
    if table.lang is not Lang.JA or p.span is not None or p.end is None or named.kind != "period":
        return named
    caption = _caption(table) if caption is None else caption
    if ja_lang.QUARTERLY_WORD not in caption or statement_kind(caption) == "balance":
        return named
    return replace(named, period=Period(p.end, quarter_code(p.end, fy), "quarter"))


def header_of(table: Table, col: Column) -> NamedPeriod:
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
    return NamedPeriod(col.period, text, line, text, "columns")


def _row_of(col: Column, text: str) -> int | None:
    return col.header.index(text) if text in col.header else None
