"""How today's statements write their headers, captions and period rows (決算短信, 有報)."""

from __future__ import annotations

import pytest

from taiyaku import api
from taiyaku.options import Options
from taiyaku.parse.headers import is_corner_label, is_footnote, is_section_heading
from taiyaku.parse.periods import header_period


@pytest.mark.parametrize(
    "text, end",
    [
        ("前連結会計年度 (自 2024年４月１日 至 2025年３月31日)", (2025, 3)),
        ("当連結会計年度\n(自 2025年4月1日\n至 2026年3月31日)", (2026, 3)),
        ("(自 令和6年4月1日 至 令和7年3月31日)", (2025, 3)),
        ("Previous fiscal year (From April 1, 2024 to March 31, 2025)", (2025, 3)),
        ("(April 1, 2025 through March 31, 2026)", (2026, 3)),
        ("2026年3月期", (2026, 3)),  # no span: as before
    ],
)
def test_a_period_written_as_a_span_is_named_by_its_end(text, end):
    p = header_period(text)
    assert p is not None and p.end == end


@pytest.mark.parametrize(
    "text, footnote",
    [
        ("(1) 連結貸借対照表", False),
        ("（2）連結損益計算書", False),
        ("(2) Consolidated Statements of Income", False),
        ("(1) Includes the effect of the change in accounting policy.", True),
        ("(注) 包括利益 2026年３月期 28,410百万円", True),
        ("*1 Excluding treasury shares", True),
    ],
)
def test_a_numbered_statement_heading_is_not_a_footnote(text, footnote):
    assert is_footnote(text) is footnote


@pytest.mark.parametrize("text", ["科目", "区分", "（科目）", "Item", "Account"])
def test_corner_labels(text):
    assert is_corner_label(text)


JA = """サンプルテック株式会社
2026年3月期 決算短信〔日本基準〕(連結)
当期の連結業績についてお知らせいたします。
売上高は前期から増加しました。
今後ともよろしくお願いいたします。

(2) 連結損益計算書
(単位:百万円)
科目\t前連結会計年度\t当連結会計年度
売上高\t41,230\t44,017
営業利益\t2,380\t2,511
"""
EN = """Sampletech Corporation
Consolidated Financial Results for the Fiscal Year Ended March 31, 2026
The consolidated results for the fiscal year are as follows.
Net sales increased from the previous fiscal year.
The Company thanks its shareholders for their support.

(2) Consolidated Statements of Income
(Millions of yen)
Item\tPrevious fiscal year\tCurrent fiscal year
Net sales\t41,230\t44,017
Operating income\t2,380\t2,511
"""


def test_a_statement_with_a_corner_label_and_a_numbered_heading(tmp_path):
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text(JA, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    loaded = api.load(ja, en)
    (jt,), (et,) = loaded.ja.tables, loaded.en.tables
    assert (jt.caption, et.caption) == ("(2) 連結損益計算書", "(2) Consolidated Statements of Income")
    assert [r.label for r in jt.rows] == ["売上高", "営業利益"]  # 科目 is the header's corner
    assert [c.title for c in jt.columns] == ["前連結会計年度", "当連結会計年度"]
    report = api.check(ja, en)
    assert [f.code for f in report.findings if f.severity.value != "info"] == []
    # and a figure copied wrong is found in the right row and column
    en.write_text(EN.replace("2,511", "2,551"), encoding="utf-8")
    (f,) = api.check(ja, en, options=Options(select=frozenset({"TQ100"}))).findings
    assert (f.ja.text, f.en.text, f.ja.context) == ("2,511", "2,551", "営業利益 | 当連結会計年度")


def test_a_note_on_how_changes_are_measured_does_not_make_a_table_quarterly(tmp_path):
    text = (JA.replace("(2) 連結損益計算書\n(単位:百万円)\n", "３．2027年3月期の連結業績予想\n"
                       "(％表示は、通期は対前期、四半期は対前年同四半期増減率)\n(単位:百万円)\n")
            .replace("科目\t前連結会計年度\t当連結会計年度", "\t2026年3月期\t2027年3月期"))  # fmt: skip
    path = tmp_path / "ja.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = [d for d in api.load(path, single=True)[:2] if d is not None]
    (table,) = doc.tables
    assert [n.period.span for n in table.column_periods] == [None, None]  # years, not quarters


# A 有価証券報告書 section: two tables one after the other, the second's numbered caption
# between them with no blank line, the shareholder table's header naming units in its titles.
SEG_JA = """第3【設備の状況】
(1) 主要な設備の状況
事業所名\t建物及び構築物（百万円）\t機械装置（百万円）\t従業員数（人）
本社工場\t4,210\t2,880\t812
横浜工場\t1,905\t1,120\t364
(2) 大株主の状況
氏名又は名称\t所有株式数（千株）\t持株比率（％）
日本マスタートラスト信託銀行株式会社\t12,480\t10.42
株式会社日本カストディ銀行\t8,215\t6.86
(注) 持株比率は自己株式を控除して計算しております。
"""
SEG_EN = """Item 3. Facilities
(1) Major facilities
Facility\tBuildings and structures (Millions of yen)\tMachinery (Millions of yen)\tEmployees (persons)
Head office plant\t4,210\t2,880\t812
Yokohama plant\t1,905\t1,120\t364
(2) Major shareholders
Name\tShares held (Thousands)\tShareholding ratio (%)
The Master Trust Bank of Japan, Ltd.\t12,480\t10.42
Custody Bank of Japan, Ltd.\t8,215\t6.86
(1) The shareholding ratio is calculated excluding treasury shares.
"""


@pytest.mark.parametrize(
    "text, footnote",
    [
        ("(2) Major shareholders", False),
        ("(2) 大株主の状況", False),
        ("(1) The shareholding ratio is calculated excluding treasury shares.", True),
        ("(3) " + "Figures for the prior year have been restated " * 4, True),  # long: a note
    ],
)
def test_a_short_numbered_caption_is_a_heading_and_a_numbered_sentence_a_note(text, footnote):
    assert is_footnote(text) is footnote


def test_tables_split_at_a_numbered_caption_that_belongs_to_the_table_below(tmp_path):
    ja, en = tmp_path / "ja.txt", tmp_path / "en.txt"
    ja.write_text(SEG_JA, encoding="utf-8")
    en.write_text(SEG_EN, encoding="utf-8")
    loaded = api.load(ja, en)
    for doc, captions, titles in (
        (loaded.ja, ["(1) 主要な設備の状況", "(2) 大株主の状況"], ["所有株式数（千株）", "持株比率（％）"]),
        (loaded.en, ["(1) Major facilities", "(2) Major shareholders"],
         ["Shares held (Thousands)", "Shareholding ratio (%)"]),
    ):  # fmt: skip
        assert [t.caption for t in doc.tables] == captions
        assert [len(t.rows) for t in doc.tables] == [2, 2]
        assert [c.title for c in doc.tables[1].columns] == titles  # the header is read as one
    report = api.check(ja, en)
    assert [f.code for f in report.findings if f.severity.value != "info"] == []
    en.write_text(SEG_EN.replace("8,215", "8,251"), encoding="utf-8")
    (f,) = api.check(ja, en, options=Options(select=frozenset({"TQ100"}))).findings
    assert (f.ja.text, f.en.text) == ("8,215", "8,251")


@pytest.mark.parametrize(
    "text, heading",
    [("１．2026年3月期の連結業績", True), ("1. Forecasts", True), ("２．配当の状況", True),
     ("3.Outlook", True), ("1.5倍", False), ("１．５倍", False), ("12.3%", False),
     ("1. Includes the effect of the change in accounting policy.", False)],
)  # fmt: skip
def test_section_headings(text, heading):
    assert is_section_heading(text) is heading


def test_a_section_heading_ends_the_caption_of_the_table_below_it(tmp_path):
    text = ("株式会社サンプル\n2026年3月期 決算短信\n１．2026年3月期の連結業績\n(単位:百万円)\n"
            "\t2025年3月期\t2026年3月期\n売上高\t41,230\t44,017\n")  # fmt: skip
    path = tmp_path / "ja.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = api.load(path, single=True).ja.tables
    assert table.caption == "１．2026年3月期の連結業績"
    # the cover's lines above the section heading are not the table's titles
    assert [t for _, t in table.title_lines] == ["１．2026年3月期の連結業績", "(単位:百万円)"]


@pytest.mark.parametrize(
    "label, item, bare",
    [("(1) 名称", ("paren", 1), "名称"), ("（２）所在地", ("paren", 2), "所在地"),
     ("3. Schedule", ("dot", 3), "Schedule"), ("①営業活動", ("circled", 1), "営業活動"),
     ("(1)", None, "(1)"), ("1.5倍", None, "1.5倍"), ("売上高(2)", None, "売上高(2)")],
)  # fmt: skip
def test_the_item_number_of_a_row_label(label, item, bare):
    from taiyaku.parse.headers import item_number, without_item_number

    assert item_number(label) == item
    assert without_item_number(label) == bare


@pytest.mark.parametrize(
    "text, lang, ymd",
    [("2027年1月5日（予定）", "ja", (2027, 1, 5)), ("January 5, 2027 (scheduled)", "en", (2027, 1, 5)),
     ("2026年3月31日現在", "ja", (2026, 3, 31)), ("June 30, 2027 (planned)", "en", (2027, 6, 30)),
     ("2027年1月5日に実行", "ja", None), ("January 5, 2027 and later", "en", None)],
)  # fmt: skip
def test_a_date_cell_may_say_it_is_scheduled(text, lang, ymd):
    from taiyaku.model import Lang
    from taiyaku.parse.periods import cell_date

    d = cell_date(text, Lang(lang))
    assert (None if d is None else (d.year, d.month, d.day)) == ymd
