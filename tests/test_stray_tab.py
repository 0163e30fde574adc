"""Tab-separated text where a prose line holds a stray tab (an indentation, a tab typed in a
sentence, one left at its end): the line is prose, its figures are read as prose figures and
compared, and no table is made of it."""

from __future__ import annotations

from taiyaku import api
from taiyaku.read.decode import SourceText
from taiyaku.read.text import from_text

JA = """株式会社サンプル
2026年3月期 決算の概要
\t当社は本日、通期の連結決算を発表いたしました。
売上高は130億円（前年同期比7.7%増）\tとなりました。\t

表 1. 営業費用
(単位:百万円)
\t当期\t前期
販売費\t789\t665
営業費用:\t
合計\t789\t665
"""
EN = """Sample Corporation
Results for the Fiscal Year 2025
The Company announced its consolidated results today.
Revenues were JPY 13.5 billion, up 7.7% year-over-year.

Table 1. Operating Expenses
(JPY in millions)
\tFY2025\tFY2024
Sales and marketing\t789\t665
Operating expenses:\t
Total\t789\t665
"""


def _lines(text: str):
    return from_text(SourceText("t.txt", "utf-8", tuple(text.split("\n")))).lines


def test_a_sentence_with_a_stray_tab_is_prose_and_table_rows_stay_rows():
    lines = _lines(JA)
    assert lines[2].cells is None and lines[2].text == "当社は本日、通期の連結決算を発表いたしました。"
    assert lines[3].cells is None and lines[3].text == "売上高は130億円（前年同期比7.7%増） となりました。"
    assert lines[7].cells == ("", "当期", "前期")  # a header: no sentence
    assert lines[8].cells == ("販売費", "789", "665")
    assert lines[9].cells == ("営業費用:", "")  # a section heading keeps its row
    # a cell that ends like a sentence but sits beside figures is a table row
    assert _lines("注記\t1,234\t前期比で増加しました。")[0].cells == ("注記", "1,234", "前期比で増加しました。")


def test_its_figures_are_compared_and_it_makes_no_table(tmp_path):
    (tmp_path / "ja.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    report = api.check(tmp_path / "ja.txt", tmp_path / "en.txt")
    assert len(report.alignment.ja.tables) == 1
    codes = [(f.code, f.ja.text if f.ja else None, f.en.text if f.en else None) for f in report.findings]
    assert ("TQ500", "130億円", "JPY 13.5 billion") in codes  # 130億円 against 13.5 billion: compared
    assert not [c for c in codes if c[0] in ("TQ200", "TQ202")]
