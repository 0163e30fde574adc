"""Tables from positioned tokens (read/layout.py) and the layout-text reader (read/text.py).

The synthetic pages below are laid out as `pdftotext -layout` or a monospace copy-paste
lays them out: columns are runs of spaces, figures right-aligned, headers centred.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku.read import layout, read
from taiyaku.read.decode import SourceText
from taiyaku.read.layout import Line, Token, figure_kind, find_tables, rejoin_spaced, text_tokens
from taiyaku.read.text import from_text

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def rows_of(text: str, wide: bool = True) -> list[tuple[str, ...] | None]:
    """find_tables on the lines of `text` (blank lines as gaps, as the text reader does)."""
    lines = []
    blank = 0
    for t in text.split("\n"):
        tokens = rejoin_spaced(text_tokens(t, wide), 2.0)
        lines.append(Line(tokens, 2.0, float(blank) if tokens else 0.0))
        blank = blank + 1 if not tokens else 0
    return [r.cells if r is not None and not r.merged else None for r in find_tables(lines, exact=False)]


def table(text: str, wide: bool = True) -> list[tuple[str, ...]]:
    """The non-empty rows `find_tables` finds in `text`."""
    return [r for r in rows_of(text, wide) if r is not None and any(r)]


def reader(text: str) -> list:
    return list(from_text(SourceText("t.txt", "utf-8", tuple(text.removesuffix("\n").split("\n")))).lines)


# --------------------------------------------------------------------------------------------
# Figures and tokens
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "1,234", "△1,234", "▲1,234", "(1,234)", "-1,234", "－1,234", "5.2", "△3.1", "(3.1)", "12.4%", "(12.4)%",
    "△12.4％", "１２３", "¥1,234", "US$12.5", "1兆1,905億円", "28,410百万円", "12,000～13,000", "38.52", "2026",
    "1,234⁽*¹⁾", "(△12.4％)", "(4.2) to 4.1", "(2.8) to (1.0)", "△4.2～△1.0", "3.1 to 5.8",
])  # fmt: skip
def test_figures(text):
    assert figure_kind(text) == "figure"


@pytest.mark.parametrize("text", ["－", "―", "—", "-", "–", "N/A", "n.m.", "------"])
def test_nil_marks(text):
    assert figure_kind(text) == "nil"


@pytest.mark.parametrize("text", [
    "2026年３月期", "4Q02", "03-5259-6500", "31,", "1.", "Net", "64kbps", "2003/3/31", "売上高", "(百万円)", "百万円",
    "1 to 2 to 3", "5 to 10 years", "Note 1 to 3",
])  # fmt: skip
def test_not_figures(text):
    assert figure_kind(text) is None


def test_text_tokens_measure_full_width_characters_two_columns_or_one():
    wide = text_tokens("売上高  1,234")
    assert [(t.x0, t.x1, t.text) for t in wide] == [(0, 6, "売上高"), (8, 13, "1,234")]
    grid = text_tokens("売上高  1,234", wide=False)
    assert [(t.x0, t.text) for t in grid] == [(0, "売上高"), (5, "1,234")]
    assert grid[0].x1 == pytest.approx(3)  # 5.4 columns wide, cut two short of the word after the spaces
    assert text_tokens("売上高 1,234", wide=False)[0].x1 == pytest.approx(3)  # one short of the next word
    spaced = text_tokens("(自 2024年４月１日     (自 2025年４月１日", wide=False)
    assert spaced[1].x1 == pytest.approx(spaced[2].x0 - 2)  # a run of spaces stays a gap (two cells)
    assert text_tokens("△3.1", wide=False)[0].x1 == pytest.approx(4.8)  # △ is set full width


def test_letter_spaced_words_are_rejoined_and_words_are_not():
    tokens = text_tokens("上 場 会 社 名    サンプル工業株式会社   売上高 合計   ％  ％")
    assert [t.text for t in rejoin_spaced(tokens, 2.0)] == ["上場会社名", "サンプル工業株式会社", "売上高", "合計", "％", "％"]


def test_letter_spacing_in_points():
    # Letters 9pt wide set 5pt apart rejoin; a word 30pt further on does not.
    tokens = [Token(50, 59, "コ"), Token(64, 73, "ー"), Token(78, 87, "ド"), Token(117, 140, "9999")]
    assert [t.text for t in rejoin_spaced(tokens, 9.0)] == ["コード", "9999"]


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

SUMMARY = """\
(1) 連結経営成績                                                   (％表示は対前期増減率)
                  売上高              営業利益            経常利益         親会社株主に帰属する
                                                                             当期純利益
                百万円      ％      百万円      ％      百万円      ％        百万円      ％
2026年３月期  1,234,567     5.2    123,456   △3.1    120,000    △2.0       80,000    10.3
2025年３月期  1,173,540     8.1    127,400    12.0    122,449      －        72,530   △0.4

(注) 包括利益 2026年３月期 28,410百万円 (△12.4％) 2025年３月期 32,433百万円 (5.1％)
"""


def test_summary_table_columns_header_units_and_signs():
    rows = rows_of(SUMMARY)
    assert rows[0] is None  # the caption with its note on percentages is a title, not a header
    assert table(SUMMARY) == [
        ("", "売上高", "", "営業利益", "", "経常利益", "", "親会社株主に帰属する当期純利益", ""),
        ("", "百万円", "％", "百万円", "％", "百万円", "％", "百万円", "％"),
        ("2026年３月期", "1,234,567", "5.2", "123,456", "△3.1", "120,000", "△2.0", "80,000", "10.3"),
        ("2025年３月期", "1,173,540", "8.1", "127,400", "12.0", "122,449", "－", "72,530", "△0.4"),
    ]
    assert rows[-2] is None  # the note holds figures but is prose


def test_a_table_is_one_run_of_rows_with_the_same_width():
    rows = rows_of(SUMMARY)
    assert rows[2] is None  # the second line of the wrapped header went into the first
    assert len({len(r) for r in rows[1:6] if r is not None}) == 1
    spaced = rows_of(SUMMARY.replace("2025年３月期", "\n2025年３月期"))
    assert spaced[5] == ("",) * 9  # a blank line between rows is an empty row of the table


BALANCE = """\
                 (単位：百万円)
                       前連結会計年度        当連結会計年度
                      (2025年３月31日)      (2026年３月31日)
資産の部
  流動資産
    現金及び預金              12,345               13,456
    受取手形及び売掛金         1,000                    －
    流動資産合計              13,345               13,456
  固定資産
    有形固定資産 *1            (500)                  600
資産合計                      12,845               14,056
"""


def test_statement_with_section_rows_empty_cells_and_a_footnote_mark():
    rows = rows_of(BALANCE)
    assert rows[0] is None  # the unit line is a title
    assert table(BALANCE) == [
        ("", "前連結会計年度", "当連結会計年度"),
        ("", "(2025年３月31日)", "(2026年３月31日)"),
        ("資産の部", "", ""),
        ("流動資産", "", ""),
        ("現金及び預金", "12,345", "13,456"),
        ("受取手形及び売掛金", "1,000", "－"),
        ("流動資産合計", "13,345", "13,456"),
        ("固定資産", "", ""),
        ("有形固定資産⁽*¹⁾", "(500)", "600"),
        ("資産合計", "12,845", "14,056"),
    ]


ENGLISH = """\
(1) Consolidated operating results              (Percentages indicate year-on-year changes)
                   Net sales       Operating profit     Profit attributable to
                                                           owners of parent
              Millions of yen   %  Millions of yen   %  Millions of yen      %
Fiscal year ended
                   1,234,567  5.2          123,456 (3.1)           80,000   10.3
March 31, 2026
Fiscal year ended
                   1,173,540  8.1          127,400  12.0           72,530  (0.4)
March 31, 2025

Net sales for the fiscal year were 1,234,567 million yen, up 5.2% from the previous year, and operating
profit was 123,456 million yen.
"""


def test_english_labels_set_over_two_lines_around_the_figures():
    assert table(ENGLISH) == [
        ("", "Net sales", "", "Operating profit", "", "Profit attributable to owners of parent", ""),
        ("", "Millions of yen", "%", "Millions of yen", "%", "Millions of yen", "%"),
        ("Fiscal year ended March 31, 2026", "1,234,567", "5.2", "123,456", "(3.1)", "80,000", "10.3"),
        ("Fiscal year ended March 31, 2025", "1,173,540", "8.1", "127,400", "12.0", "72,530", "(0.4)"),
    ]
    rows = rows_of(ENGLISH)
    assert rows[-3] is None and rows[-2] is None  # a sentence with figures stays prose


def test_group_heading_over_several_columns_goes_to_the_first_and_stays_its_own_row():
    text = """\
                          Year-over-year Comparison       Quarter-over-quarter
                   USD (1)         JPY   % of Total         JPY   QOQ Chg
Revenues:
  Dedicated access  28,299   3,341,255        25.6%   3,404,016    (1.8%)
  Dial-up access     6,479     764,958          5.9     776,173     (1.4)
Total revenues     110,413  13,036,439        100.0  10,563,578      23.4
"""
    assert table(text) == [
        ("", "", "Year-over-year Comparison", "", "Quarter-over-quarter", ""),
        ("", "USD (1)", "JPY", "% of Total", "JPY", "QOQ Chg"),
        ("Revenues:", "", "", "", "", ""),
        ("Dedicated access", "28,299", "3,341,255", "25.6%", "3,404,016", "(1.8%)"),
        ("Dial-up access", "6,479", "764,958", "5.9", "776,173", "(1.4)"),
        ("Total revenues", "110,413", "13,036,439", "100.0", "10,563,578", "23.4"),
    ]


def test_a_column_empty_in_some_rows_keeps_its_place():
    text = """\
                        2026      2025      2024
Net sales              1,200     1,100     1,000
Extraordinary income                 30        —
Other                     15                  12
"""
    assert table(text) == [
        ("", "2026", "2025", "2024"),
        ("Net sales", "1,200", "1,100", "1,000"),
        ("Extraordinary income", "", "30", "—"),
        ("Other", "15", "", "12"),
    ]


def test_years_standing_where_labels_stand_are_labels():
    text = """\
                 Net sales   Operating profit
2026             1,234,567            123,456
2025             1,173,540            127,400
"""
    assert table(text) == [("", "Net sales", "Operating profit"), ("2026", "1,234,567", "123,456"),
                           ("2025", "1,173,540", "127,400")]  # fmt: skip


def test_figures_glued_to_the_label_by_one_space_are_split_on_the_column_edge():
    rows = [("Revenues", "1,200", "1,100"), ("Cost of goods and services sold", "980", "900"),
            ("Gross profit", "220", "200")]  # fmt: skip
    edge = len(rows[1][0]) + 1 + len(rows[1][1])  # the long label runs up to its figure
    lines = [a + " " * (edge - len(a) - len(b)) + b + c.rjust(10) for a, b, c in rows]
    assert "sold 980" in lines[1]
    assert table("\n".join(lines)) == rows


def test_a_year_ending_a_date_is_never_split_from_it():
    """A date over a column ("Mar 31, 2003" ending where the figures end) is a header, even
    where a table goes on over it (a header repeated after a page break)."""
    text = """\
                 Mar 31, 2003   Mar 31, 2002
Cash                    1,200          1,100
Receivables               980            900
                 Mar 31, 2003   Mar 31, 2002
Inventories               220            200
Other                      15             12
"""
    rows = rows_of(text)
    assert rows[0] == rows[3] == ("", "Mar 31, 2003", "Mar 31, 2002")
    assert rows[1] == ("Cash", "1,200", "1,100") and rows[5] == ("Other", "15", "12")


def test_page_numbers_and_running_titles():
    margins = {1: ["Sample Inc. Results", "2003 2002", "- 1 -"], 2: ["Sample Inc. Results", "- 2 -"],
               3: ["Sample Inc. Results", "Total 5", "Page 3"]}  # fmt: skip
    assert layout.furniture(margins) == {1: [True, False, True], 2: [True, True], 3: [True, False, True]}
    assert layout.is_page_number("P a g e 5") and not layout.is_page_number("2003 2002")
    # a line that recurs but does not stand apart from the body is a table's repeated header
    margins = {1: ["Sample Inc.", "Mar 31, 2003 Mar 31, 2002"], 2: ["Sample Inc.", "Mar 31, 2003 Mar 31, 2002"]}
    apart = {1: [True, False], 2: [True, False]}
    assert layout.furniture(margins, apart) == {1: [True, False], 2: [True, False]}


def test_a_column_of_nil_marks_is_a_column():
    """The first-quarter dividend is "－" every year: its column holds no figure, yet it is
    a column, not part of the labels."""
    text = """\
              第１四半期末  第２四半期末    期末     合計
2025年３月期          －            6.00    7.00    13.00
2026年３月期          －            7.00    8.00    15.00
"""
    assert table(text) == [("", "第１四半期末", "第２四半期末", "期末", "合計"),
                           ("2025年３月期", "－", "6.00", "7.00", "13.00"), ("2026年３月期", "－", "7.00", "8.00", "15.00")]  # fmt: skip


def test_an_english_period_label_wrapped_after_its_month():
    text = """\
                              First     Second      Total
Fiscal year ended March
31, 2025                          —       6.00      13.00
Fiscal year ended March
31, 2026                          —       7.00      15.00
"""
    assert table(text) == [("", "First", "Second", "Total"), ("Fiscal year ended March 31, 2025", "—", "6.00", "13.00"),
                           ("Fiscal year ended March 31, 2026", "—", "7.00", "15.00")]  # fmt: skip


def test_pdftotext_grid_two_header_cells_a_run_of_spaces_apart():
    """`pdftotext -layout` sets each character in one column: Japanese header cells wide on
    the page stand only a few spaces apart; a run of spaces parts them, one space does not;
    a △ figure ends short of the figures it is right-aligned with."""
    text = """\
                         前連結会計年度          当連結会計年度
                        (自 2024年４月１日     (自 2025年４月１日
                        至 2025年３月31日)    至 2026年３月31日)
売上高                            146,238          152,380
法人税等調整額                          112             △446
営業利益                           12,738              8.2
当期純利益                          △3.1           12,345
"""
    assert table(text, wide=False) == [
        ("", "前連結会計年度", "当連結会計年度"),
        ("", "(自 2024年４月１日", "(自 2025年４月１日"),
        ("", "至 2025年３月31日)", "至 2026年３月31日)"),
        ("売上高", "146,238", "152,380"),
        ("法人税等調整額", "112", "△446"),
        ("営業利益", "12,738", "8.2"),
        ("当期純利益", "△3.1", "12,345"),
    ]


def test_prose_and_lone_figures_are_not_tables():
    text = """\
コード番号  9999     URL https://www.example.co.jp
当期の売上高は1,234,567百万円（前期比5.2％増）となり、営業利益は123,456百万円となりました。
The Group's revenue was 1,234 million yen in fiscal 2025, up 5.2% from 1,173 million yen a year before.
Page 5
"""
    assert all(r is None for r in rows_of(text))


def test_two_tables_one_under_the_other_with_a_title_between():
    text = """\
              2026     2025
Sales        1,200    1,100
Costs          900      850

Table 2. Employees
             2026   2025
Japan         120    118
Overseas       35     30
"""
    found = find_tables([Line(text_tokens(t), 2.0) for t in text.split("\n")])
    numbers = {r.table for r in found if r is not None}
    assert len(numbers) == 2
    assert found[3] is None and found[4] is None  # the blank line and the title


def test_a_unit_left_on_the_next_line_is_joined_to_its_figure():
    text = """\
                 売上高       営業利益
通期予想        1兆1,905      1,250
                    億円       億円
前期実績        1兆1,300      1,190
"""
    assert table(text)[1:3] == [("通期予想", "1兆1,905億円", "1,250億円"), ("前期実績", "1兆1,300", "1,190")]


def test_wrapped_paragraphs():
    prev = Line(text_tokens("Net sales for the fiscal year were 1,234,567 million yen, up 5.2% from the previous"), 2.0)
    cur = Line(text_tokens("year, and operating profit was 123,456 million yen."), 2.0)
    short = Line(text_tokens("1. Overview"), 2.0)
    left, right = layout.text_edges([prev, cur])
    assert layout.continues_paragraph(prev, cur, left, right)
    assert not layout.continues_paragraph(short, cur, left, right)  # a heading ends where it ends
    assert not layout.continues_paragraph(cur, prev, left, right, sentences=True)  # in text, a sentence end ends it
    assert layout.join_wrapped("売上高は1兆1,905", "億円となりました。") == "売上高は1兆1,905億円となりました。"
    assert layout.join_wrapped("operating", "profit") == "operating profit"


# --------------------------------------------------------------------------------------------
# The layout-text reader
# --------------------------------------------------------------------------------------------


def test_tab_separated_text_reads_as_before():
    lines = reader("Title\n\t2026\t2025\nSales\t1,200\t1,100\n  Sales  1,200  1,100")
    assert [sl.cells for sl in lines] == [None, ("", "2026", "2025"), ("Sales", "1,200", "1,100"), None]
    assert lines[3].text == "  Sales  1,200  1,100"


def test_layout_text_keeps_the_file_line_numbers():
    text = SUMMARY + "\n" + BALANCE
    lines = reader(text)
    assert [sl.line for sl in lines] == list(range(1, len(text.removesuffix("\n").split("\n")) + 1))
    row = next(sl for sl in lines if sl.cells and sl.cells[0] == "2026年３月期")
    assert row.line == 5 and row.text == "\t".join(row.cells) and row.table is not None


def test_both_measures_of_full_width_characters_read_the_same_table():
    rows = [("", "2026年３月期", "2025年３月期"), ("売上高", "1,234,567", "1,173,540"),
            ("親会社株主に帰属する当期純利益", "80,000", "72,530")]  # fmt: skip

    def lay(width) -> str:  # labels padded to 34 columns as `width` counts them, figures right-aligned
        out = []
        for label, a, b in rows:
            out.append(label + " " * (34 - width(label)) + " " * (14 - width(a)) + a + " " * (14 - width(b)) + b)
        return "\n".join(out)

    display = lay(lambda t: sum(layout.char_width(c) for c in t))  # a monospace display
    grid = lay(len)  # pdftotext -layout: one column a character
    assert display != grid
    for text in (display, grid):
        assert [sl.cells for sl in reader(text) if sl.cells] == rows


def test_layout_text_pages_furniture_and_wrapped_prose():
    text = (
        "サンプル工業株式会社(9999) 2026年３月期 決算短信\n"
        "　当連結会計年度の売上高は、前期から増加し、当社グループの過去最高を更新いたしました。結果として売上高は1兆1,905\n"
        "億円となりました。\n"
        "\n"
        "－ 1 －\n"
        "\fサンプル工業株式会社(9999) 2026年３月期 決算短信\n"
        "上 場 会 社 名    サンプル工業株式会社\n"
        "－ 2 －\n"
    )
    lines = reader(text)
    assert [sl.text for sl in lines[:3]] == [
        "", "　当連結会計年度の売上高は、前期から増加し、当社グループの過去最高を更新いたしました。結果として売上高は1兆1,905億円となりました。", ""]  # fmt: skip
    assert lines[4].text == "" and lines[5].text == "" and lines[7].text == ""  # page numbers, running titles
    assert lines[6].text == "上場会社名 サンプル工業株式会社"
    assert [sl.page for sl in lines] == [1, 1, 1, 1, 1, 2, 2, 2]


def test_layout_text_a_header_repeated_under_the_running_title_stays_the_header():
    """The header of a table going on after a page break stands right under the running
    title: it recurs on each page but is no running title (no blank line parts it from the
    rows under it); the table is one table, its repeated header blanked."""
    title = "                    サンプル工業株式会社(9999) 2026年３月期 決算短信"
    head = ["                  前連結会計年度     当連結会計年度",
            "                 (2025年３月31日)   (2026年３月31日)"]  # fmt: skip
    page = [title, "", *head]
    text = "\n".join([*page, "資産の部", "現金及び預金          85,412      92,118", "資産合計             590,630     612,384",
                      "", "－ 1 －", "\f" + page[0], *page[1:], "負債の部", "短期借入金            24,500      21,000",
                      "負債合計             198,992     197,403", "", "－ 2 －",
                      "\f" + page[0], *page[1:], "純資産の部", "資本金               32,000      32,000",
                      "純資産合計           391,638     414,981", "", "－ 3 －"])  # fmt: skip
    lines = reader(text)
    rows = [sl for sl in lines if sl.cells and any(sl.cells)]
    assert rows[0].cells == ("", "前連結会計年度", "当連結会計年度")
    assert rows[1].cells == ("", "(2025年３月31日)", "(2026年３月31日)")
    assert [r.cells[0] for r in rows[2:]] == ["資産の部", "現金及び預金", "資産合計", "負債の部", "短期借入金", "負債合計",
                                              "純資産の部", "資本金", "純資産合計"]  # fmt: skip
    assert len({r.table for r in rows}) == 1
    assert not any("決算短信" in sl.text or "－" in sl.text for sl in lines)


def test_layout_text_fixture_summary_and_statement_across_a_page_break():
    src = read(FIXTURES / "tanshin_ja.layout.txt")
    rows = [sl for sl in src.lines if sl.cells and any(sl.cells)]
    summary = next(sl for sl in rows if sl.cells[0] == "2026年３月期")
    assert summary.cells == ("2026年３月期", "1,234,567", "5.2", "123,456", "△3.1", "120,000", "△2.0", "80,000", "10.3")
    header = next(sl for sl in rows if sl.table == summary.table)
    assert header.cells[7] == "親会社株主に帰属する当期純利益"
    assets = next(sl for sl in rows if sl.cells[0] == "資産合計")
    liabilities = next(sl for sl in rows if sl.cells[0] == "負債合計")
    assert assets.page == 2 and liabilities.page == 3
    assert assets.table == liabilities.table  # one balance sheet
    in_sheet = [sl for sl in src.lines if sl.table == assets.table]
    assert [sl.line for sl in in_sheet] == list(range(in_sheet[0].line, in_sheet[-1].line + 1))
    headers = [sl for sl in in_sheet if sl.cells and "前連結会計年度" in sl.cells]
    assert len(headers) == 1  # the header repeated on page 3 is blanked
    assert not any("決算短信" in sl.text and "サンプル工業" in sl.text for sl in src.lines if sl.page and sl.page > 1)


# --------------------------------------------------------------------------------------------
# Text without columns (pdftotext -raw, a copy-paste): read/raw.py
# --------------------------------------------------------------------------------------------


def raw_rows(text: str) -> list[tuple[str, ...]]:
    return [sl.cells for sl in reader(text) if sl.cells and any(sl.cells)]


def test_raw_text_is_told_from_layout_text():
    from taiyaku.read.raw import is_raw

    copied = ["Net sales 146,238 152,380", "Cost of sales 93,102 98,214", "Gross profit 53,136 54,166",
              "Operating profit 12,738 12,345", "Ordinary profit 13,084 13,620"]  # fmt: skip
    assert is_raw(copied)
    assert not is_raw([t.replace(" 1", "      1").replace(" 9", "      9").replace(" 5", "     5") for t in copied])
    assert is_raw(copied[:2]) and not is_raw(copied[:1])  # one line: too little to tell
    assert not is_raw(["Net sales     146,238", *copied[:3]])  # a few lines, one with a column of spaces


def test_raw_statement_rows_labels_wrapped_and_header_pieces():
    text = """\
(2) Consolidated statement of income
(Millions of yen)
Year ended
March 31, 2025
Year ended
March 31, 2026
Net sales 146,238 152,380
Cost of sales 93,102 98,214
Non-operating income
Interest income 180 214
Profit attributable to
owners of parent 7,647 8,911
Impairment losses — 850
"""
    lines = reader(text)
    assert [sl.text for sl in lines[:2]] == ["(2) Consolidated statement of income", "(Millions of yen)"]
    assert raw_rows(text) == [
        ("", "Year ended March 31, 2025", "Year ended March 31, 2026"),
        ("Net sales", "146,238", "152,380"),
        ("Cost of sales", "93,102", "98,214"),
        ("Non-operating income", "", ""),
        ("Interest income", "180", "214"),
        ("Profit attributable to owners of parent", "7,647", "8,911"),
        ("Impairment losses", "—", "850"),
    ]


def test_raw_summary_headings_over_amount_and_change_columns():
    """Header cells set side by side and wrapped over lines, over an amount and its %
    change each: they head the amount columns; a range with spaces is one figure and a date
    ending a label stays in it."""
    text = """\
(1) 連結経営成績
(％表示は対前期増減率)
売上高 営業利益
親会社株主に帰属
する当期純利益
百万円 ％ 百万円 ％ 百万円 ％
2026年３月期 152,380 4.2 12,345 △3.1 8,911 16.5
2025年３月期 146,238 5.6 12,738 8.2 7,647 △3.4
"""
    assert raw_rows(text) == [
        ("", "売上高", "", "営業利益", "", "親会社株主に帰属する当期純利益", ""),
        ("", "百万円", "％", "百万円", "％", "百万円", "％"),
        ("2026年３月期", "152,380", "4.2", "12,345", "△3.1", "8,911", "16.5"),
        ("2025年３月期", "146,238", "5.6", "12,738", "8.2", "7,647", "△3.4"),
    ]
    english = """\
Net sales Ordinary profit
Millions of yen % Millions of yen %
Six months ending
September 30, 2026 76,000 to 78,000 3.1 to 5.8 6,300 to 6,800 (5.0) to 2.6
Full year 158,000 to 162,000 3.7 to 6.3 13,000 to 14,000 (4.6) to 2.8
"""
    assert raw_rows(english) == [
        ("", "Net sales", "", "Ordinary profit", ""),
        ("", "Millions of yen", "%", "Millions of yen", "%"),
        ("Six months ending September 30, 2026", "76,000 to 78,000", "3.1 to 5.8", "6,300 to 6,800", "(5.0) to 2.6"),
        ("Full year", "158,000 to 162,000", "3.7 to 6.3", "13,000 to 14,000", "(4.6) to 2.8"),
    ]


def test_raw_header_pieces_grouped_into_as_many_cells_as_columns():
    text = """\
１株当たり
当期純利益
潜在株式調整後
１株当たり
当期純利益
自己資本
当期純利益率
円 銭 円 銭 ％
2026年３月期 38.52 38.47 2.2
2025年３月期 32.81 32.76 2.6
"""
    assert raw_rows(text)[:2] == [("", "１株当たり当期純利益", "潜在株式調整後１株当たり当期純利益", "自己資本当期純利益率"),
                                  ("", "円 銭", "円 銭", "％")]  # fmt: skip


def test_raw_prose_with_figures_stays_prose():
    text = """\
(注) 包括利益 2026年３月期 28,410百万円 2025年３月期 32,433
(参考) 自己資本 2026年３月期 409,582 2025年３月期 386,428
当連結会計年度末における現金及び現金同等物は91,518百万円となりました。営業活動は24,810
Cash and cash equivalents at the end of the fiscal year were ¥91,518 million. Operating activities gave ¥24,810
Net cash used in investing activities was reported at ¥12,318
5
"""
    assert all(sl.cells is None for sl in reader(text))


def test_raw_table_going_on_over_a_page_break_is_one_table():
    page = ["Sample Inc. Results", "- {} -", "(Millions of yen)", "As of March 31, 2025 As of March 31, 2026"]
    text = "\n".join([*(t.format(1) for t in page), "Assets", "Cash and deposits 85,412 92,118",
                      "Inventories 61,220 66,851", "Total assets 590,630 612,384",
                      "\f" + page[0], page[1].format(2), page[3], "Liabilities", "Short-term borrowings 24,500 21,000",
                      "Total liabilities 198,992 197,403", "\f" + page[0], page[1].format(3), "The end."])  # fmt: skip
    lines = reader(text)
    rows = [sl for sl in lines if sl.cells and any(sl.cells)]
    assert [r.cells for r in rows] == [
        ("", "As of March 31, 2025", "As of March 31, 2026"), ("Assets", "", ""), ("Cash and deposits", "85,412", "92,118"),
        ("Inventories", "61,220", "66,851"), ("Total assets", "590,630", "612,384"), ("Liabilities", "", ""),
        ("Short-term borrowings", "24,500", "21,000"), ("Total liabilities", "198,992", "197,403"),
    ]  # fmt: skip
    assert len({r.table for r in rows}) == 1
    assert not any("Sample Inc." in sl.text or sl.text.startswith("- ") for sl in lines)


def test_a_numbered_heading_is_not_joined_to_the_line_under_it():
    """"(1) Overview of operating results" stands over its first sentence: a heading (a
    number, no other figure, the next line capitalised), not a wrapped line; a numbered item
    that wraps (it states figures) is still joined."""
    texts = [x.text for x in reader(
        "(1) Overview of operating results for the fiscal year under review\n"
        "Net sales were ¥125.0 billion, up 4.2% year on year, and operating profit was ¥12.0\n"
        "billion.\n"
        "\n"
        "(2) Net sales of the Electronics segment were ¥48.5 billion, up 3.1% year on year, as\n"
        "Demand for semiconductors recovered in the second half of the year.\n"
    ) if x.text]  # fmt: skip
    assert texts[0] == "(1) Overview of operating results for the fiscal year under review"
    assert texts[1].startswith("Net sales were") and texts[1].endswith("¥12.0 billion.")
    assert texts[2].startswith("(2) Net sales") and texts[2].endswith("in the second half of the year.")
