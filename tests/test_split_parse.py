"""Unit tests of splitting a bilingual file (io.split), parsing tables (io.text) and reading
headers (headers), on the real corpora. Line numbers are those `cat -n` shows."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from taiyaku.model import Document, Lang, Row, RowKind, Table
from taiyaku.parse import headers, parse_documents
from taiyaku.parse.periods import header_period
from taiyaku.read import read
from taiyaku.read.decode import read_source
from taiyaku.read.split import Span, split_languages

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
FY2002Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
FY2001Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"
EN_2002_05 = CORPORA / "iij-2002-05-6k-fy2001q4.en.txt"
EN_2002_08 = CORPORA / "iij-2002-08-fy2002q1.en.txt"

JA, EN = Lang.JA, Lang.EN


@cache
def lines(path: Path) -> tuple[str, ...]:
    return read_source(path).lines


@cache
def parts(path: Path) -> tuple[Document, Document]:
    """The (Japanese, English) documents of a bilingual corpus file."""
    src = read(path)
    spans = {s.lang: s for s in split_languages(src.texts)}
    return tuple(parse_documents([(src, spans[JA]), (src, spans[EN])]))  # type: ignore[return-value]


def table_with(doc: Document, caption_pattern: str) -> Table:
    found = [t for t in doc.tables if t.caption and re.search(caption_pattern, t.caption)]
    assert len(found) == 1, [t.caption for t in doc.tables]
    return found[0]


def row_at(doc: Document, line: int) -> tuple[Table, Row]:
    found = [(t, r) for t in doc.tables for r in t.rows if r.line == line]
    assert len(found) == 1, found
    return found[0]


# --- split_languages ------------------------------------------------------------------------

_JA_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_EN_PROSE = re.compile(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}")


def test_corpus_line_counts():
    # the files lack a final newline: the last line is a note, not an empty line
    assert len(lines(FY2002Q4)) == 818 and lines(FY2002Q4)[-1].startswith("Note (1)")
    assert len(lines(FY2001Q2)) == 637 and lines(FY2001Q2)[-1].startswith("Note (1)")
    assert FY2002Q4.read_bytes().count(b"\n") == 817
    assert len(lines(EN_2002_05)) == 465 and len(lines(EN_2002_08)) == 359


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(FY2002Q4, [Span(JA, 1, 328), Span(EN, 329, 818)], id="2003"),
        pytest.param(FY2001Q2, [Span(JA, 1, 236), Span(EN, 237, 637)], id="2001"),
        pytest.param(EN_2002_05, [Span(EN, 1, 465)], id="2002-05.en"),
        pytest.param(EN_2002_08, [Span(EN, 1, 359)], id="2002-08.en"),
    ],
)
def test_split_corpus(path, expected):
    assert split_languages(lines(path)) == expected


@pytest.mark.parametrize("path", [FY2002Q4, FY2001Q2], ids=lambda p: p.name)
def test_split_boundary_lies_between_the_last_japanese_and_the_first_english_line(path):
    text = lines(path)
    last_ja = max(no for no, t in enumerate(text, 1) if _JA_CHAR.search(t))
    first_en = next(no for no, t in enumerate(text, 1) if no > last_ja and _EN_PROSE.search(t))
    ja, en = split_languages(text)
    assert ja.lang is JA and en.lang is EN
    assert ja.first == 1 and en.last == len(text) and en.first == ja.last + 1
    assert ja.last >= last_ja
    assert en.first <= first_en
    # the English part starts right after the Japanese one ends: blank lines go to English
    assert ja.last == last_ja


def test_split_japanese_only_text_gives_one_japanese_span():
    ja_only = lines(FY2002Q4)[:328]
    assert split_languages(ja_only) == [Span(JA, 1, 328)]


def test_split_english_first_then_japanese():
    text = lines(FY2002Q4)
    swapped = text[328:] + text[:328]  # English 1-490, Japanese 491-818
    assert len(swapped) == 818
    assert split_languages(swapped) == [Span(EN, 1, 490), Span(JA, 491, 818)]
    assert swapped[491 - 1] == "" and swapped[493 - 1] == "2003年5月21日"  # JA lines 1 and 3


@pytest.mark.parametrize(
    "text",
    [(), ("",), ("", "1,234\t5,678", "   ", "(12.3)\t▲300", "----\t---", "2003", "- 3 -")],
    ids=["nothing", "blank", "figures"],
)
def test_split_text_without_words_gives_no_spans(text):
    assert split_languages(text) == []


# --- parse: the 2003 file -----------------------------------------------------------


def test_2003_japanese_tables_and_captions():
    ja, _ = parts(FY2002Q4)
    captions = [t.caption or "" for t in ja.tables]
    wanted = [rf"表 {n}\b" for n in range(1, 6)] + [rf"Appendix {n}\b" for n in range(1, 6)]
    assert len(captions) == len(wanted), captions
    for caption, pattern in zip(captions, wanted):
        assert re.search(pattern, caption), (pattern, caption)


def test_2003_japanese_unit_scales():
    ja, _ = parts(FY2002Q4)
    for n in range(1, 6):
        assert table_with(ja, rf"Appendix {n}\b").unit_scale == 3  # JPY/千円単位
    assert table_with(ja, r"^表 2\b").unit_scale == 6  # (百万円)
    assert table_with(ja, r"^表 4\b").unit_scale == 6
    assert table_with(ja, r"^表 5\b").unit_scale == 6
    assert table_with(ja, r"^表 1\b").unit_scale is None  # counts of contracts


def test_2003_appendix_1_columns():
    ja, _ = parts(FY2002Q4)
    t = table_with(ja, r"Appendix 1\b")
    assert len(t.columns) == 9
    assert [c.index for c in t.columns] == list(range(9))
    assert [c.kind for c in t.columns] == ["usd", "jpy", "share", "jpy", "share", "yoy", "jpy", "share", "qoq"]
    ends = [c.period.end if c.period else None for c in t.columns]
    assert ends == [(2003, 3)] * 3 + [(2002, 3)] * 3 + [(2002, 12)] * 3


def test_2003_row_124_sales_expenses():
    ja, _ = parts(FY2002Q4)
    t, row = row_at(ja, 124)
    assert re.search(r"Appendix 1\b", t.caption)
    assert row.label == "販売費"
    assert row.kind is RowKind.DATA
    cell = row.cell(2)
    assert cell is not None and cell.line == 124 and cell.text == "5.9"
    assert cell.quantity is not None and cell.quantity.value == Decimal("5.9")
    assert row.cell(1).quantity.value == Decimal("789234")
    assert t.columns[2].kind == "share"


def test_2003_table_1_merges_the_runs_split_by_footnotes():
    ja, _ = parts(FY2002Q4)
    t = table_with(ja, r"^表 1\b")
    assert (t.first_line, t.last_line) == (43, 59)
    row_lines = [r.line for r in t.rows]
    assert row_lines == [44, 45, 46, 47, 48, 49, 50, 51, 57, 58, 59]
    assert [r.index for r in t.rows] == list(range(len(t.rows)))
    heading = t.rows[0]
    assert (heading.line, heading.label, heading.kind) == (44, "IP サービス", RowKind.HEADING)
    assert all(r.kind is RowKind.DATA for r in t.rows[1:])
    # the second run (lines 57-59) did not become a table of its own
    assert not [x for x in ja.tables if 57 <= x.first_line <= 59]
    assert [c.period.quarter for c in t.columns] == ["4Q02", "3Q02", "4Q01"]


def test_2003_english_table_1_merges_the_runs_split_by_footnotes():
    _, en = parts(FY2002Q4)
    t = table_with(en, r"^Table 1\. Number of Contracts$")
    assert (t.first_line, t.last_line) == (467, 482)
    assert [r.line for r in t.rows] == [468, 469, 470, 471, 472, 473, 474, 480, 481, 482]
    assert not [x for x in en.tables if 480 <= x.first_line <= 482]


def test_2003_cell_markup_is_removed():
    _, en = parts(FY2002Q4)
    assert lines(FY2002Q4)[655 - 1].split("\t")[1] == "<u>188,860</u>"
    _, row = row_at(en, 655)
    cell = row.cell(0)
    assert cell.text == "188,860"
    assert cell.raw == "<u>188,860</u>"
    assert cell.quantity.value == Decimal("188860")
    assert row.cell(5).text == "(1.8)" and row.cell(5).quantity.value == Decimal("-1.8")


def test_2003_footnote_marks_are_removed_from_labels():
    ja, en = parts(FY2002Q4)
    _, row = row_at(ja, 111)
    assert row.raw_label == "専用線接続サービス ⁽²⁾"
    assert row.label == "専用線接続サービス"
    _, row = row_at(en, 472)
    assert row.raw_label == "<i>Internet Data Center Connectivity Services</i> ⁽²⁾"
    assert row.label == "Internet Data Center Connectivity Services"


# --- parse_document: the 2001 file -----------------------------------------------------------


def test_2001_japanese_table_1_merges_three_runs():
    ja, _ = parts(FY2001Q2)
    t = table_with(ja, r"^表 1\b")
    assert t.first_line == 42
    assert t.last_line >= 60
    row_lines = [r.line for r in t.rows]
    assert row_lines == [43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 56, 57, 58, 60]
    last = t.rows[-1]
    assert last.label == "インターネットデータセンターサービス契約数"
    assert [c.text for c in last.cells] == ["119", "116", "61"]
    assert 61 not in row_lines  # the ruling line "-----\t---" is not a row
    assert lines(FY2001Q2)[61 - 1].startswith("---")
    # the next table is 表 2
    following = ja.tables[ja.tables.index(t) + 1]
    assert following.caption.startswith("表 2")


def test_2001_english_table_1_continues_after_the_page_break():
    _, en = parts(FY2001Q2)
    t = table_with(en, r"^Table 1\. Number of Contracts$")
    assert t.first_line == 394
    assert t.last_line >= 420
    last = t.rows[-1]
    assert (last.line, last.label) == (420, "Total Data Center Services Contracts")
    assert [r.line for r in t.rows][-4:] == [410, 411, 412, 420]
    assert not [x for x in en.tables if 410 <= x.first_line <= 421]


def test_2001_cut_short_label_is_kept_as_written():
    ja, _ = parts(FY2001Q2)
    t, row = row_at(ja, 116)
    assert re.search(r"Appendix 1\b", t.caption)
    assert row.label == "インターネット接続及び付加価値サービス収入合"
    assert row.cell(1).text == "5,552,880"


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end", "span"),
    [
        ("2003年3月期", (2003, 3), None),
        ("2003年3月期通期", (2003, 3), "year"),
        ("2002年12月期", (2002, 12), None),
        ("Mar 31, 2003", (2003, 3), None),
        ("March 31, 2003", (2003, 3), None),
        ("Sept 30, 2001", (2001, 9), None),
        ("Dec 31, 2002", (2002, 12), None),
        ("Jun 30, 2001", (2001, 6), None),
    ],
)
def test_header_period_dates(text, end, span):
    p = header_period(text)
    assert p is not None
    assert p.end == end
    assert p.span == span


@pytest.mark.parametrize(("text", "quarter"), [("4Q02", "4Q02"), ("2Q01", "2Q01"), ("FY2002", "FY2002")])
def test_header_period_quarters(text, quarter):
    p = header_period(text)
    assert p is not None and p.quarter == quarter and p.end is None


@pytest.mark.parametrize("text", ["USD (1)", "JPY", "% of Total Revenues", "対営業収益 %", ""])
def test_header_period_none(text):
    assert header_period(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("対営業収益 %", "share"),
        ("% of Total Revenues", "share"),
        ("%", "share"),
        ("YOY Chg %", "yoy"),
        ("YoY Chg %", "yoy"),
        ("対前年同四半期 %", "yoy"),
        ("対前年通期 %", "yoy"),
        ("QOQ Chg %", "qoq"),
        ("対前四半期 %", "qoq"),
        ("USD (1)", "usd"),
        ("USD ⁽¹⁾", "usd"),
        ("JPY", "jpy"),
    ],
)
def test_column_kind(text, kind):
    assert headers.column_kind([text]) == kind


@pytest.mark.parametrize(
    "text",
    ["Year-over-year Comparison", "前年同四半期比較", "Sequential Comparison", "前四半期比較", "2003年3月期", "4Q02"],
)
def test_column_kind_none_for_group_headings_and_periods(text):
    assert headers.column_kind([text]) is None


def test_column_kind_reads_all_header_texts_of_a_column():
    # a column's header cells top to bottom: group heading, period, kind
    assert headers.column_kind(("前年同四半期比較", "2003年3月期", "USD (1)")) == "usd"
    assert headers.column_kind(("", "対前年同四半期 %", "")) == "yoy"
    assert headers.column_kind(("", "", "")) is None
