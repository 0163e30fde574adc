"""The XLSX reader: cells as displayed by their number formats, sheets as titled tables, and the
same findings on a workbook rendering of a corpus as on its text."""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import rendering_keys
from taiyaku import api
from taiyaku.errors import InputError
from taiyaku.parse.numbers import strip_markup
from taiyaku.read import read, split_languages
from taiyaku.read.numfmt import from_serial, is_date_format, render
from taiyaku.read.xlsx import SheetCell, layout_sheet, read_xlsx

REPO = Path(__file__).resolve().parents[1]
OFFICE = REPO / "tests" / "fixtures" / "office"
CORPUS = "iij-2003-05-fy2002q4"

D = dt.datetime

# (value, number format, what the sheet shows)
FORMAT_CASES = [
    # thousands separators and rounding (half away from zero, on the 15-digit decimal value)
    (1234, "#,##0", "1,234"), (1234.4, "#,##0", "1,234"), (1234.5, "#,##0", "1,235"), (-1234.5, "#,##0", "-1,235"),
    (1234567.891, "#,##0.00", "1,234,567.89"), (2.25, "0.0", "2.3"), (5.95, "0.0", "6.0"), (0.5, "#,##0", "1"),
    (1519, "0", "1519"), (12, "000", "012"), (0.5, ".00", ".50"), (1.5, ".00", "1.50"), (-0.4, "0", "-0"),
    # negative sections: parentheses, triangles, a literal in quotes, an escaped minus
    (-1234, "#,##0;(#,##0)", "(1,234)"), (1234, "#,##0;(#,##0)", "1,234"), (-1234, "#,##0;▲#,##0", "▲1,234"),
    (-1234, '#,##0;"△"#,##0', "△1,234"), (-1234, '#,##0;"▲ "#,##0', "▲ 1,234"), (-8.8, '0.0;"△"0.0', "△8.8"),
    (-1234, "#,##0;[Red]\\-#,##0", "-1,234"), (-1234.5, "#,##0_);(#,##0)", "(1,235)"), (1234.5, "#,##0_);(#,##0)", "1,235"),
    # zero sections
    (0, "#,##0;(#,##0);\\-", "-"), (0, '#,##0;"△"#,##0;"－"', "－"), (0, "#,##0;(#,##0)", "0"), (0, "#,###", ""),
    (0, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', "-"), (-5, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', "(5)"),
    # percent and scaling commas
    (0.123, "0.0%", "12.3%"), (-0.083, "0.0%;(0.0%)", "(8.3%)"), (0.1235, "0.00%", "12.35%"), (0.00123, "0.00%", "0.12%"),
    (1234567890, "#,##0,,", "1,235"), (1234567, "#,##0,", "1,235"), (1234.5, "#,##0.0,", "1.2"),
    (152_340_000_000, "#,##0,,", "152,340"),
    # literals, currency tags, conditions, scientific, fractions
    (1234, '#,##0"円"', "1,234円"), (1234, "[$¥-411]#,##0", "¥1,234"), (1234567, "000-0000", "123-4567"),
    (1500, '[>=1000]#,##0,"K";0', "2K"), (999, '[>=1000]#,##0,"K";0', "999"), (12345, "0.00E+00", "1.23E+04"),
    (1.25, "# ?/?", "1 1/4"),
    # General
    (123, "General", "123"), (0.5, "General", "0.5"), (0.1 + 0.2, "General", "0.3"), (-7, "General", "-7"),
    (True, "General", "TRUE"), (None, "#,##0", ""),
    # text: as it is, or through the text section
    ("△1,234", "#,##0", "△1,234"), ("abc", '0;-0;0;"x"@', "xabc"), ("abc", "@", "abc"),
    # dates: the format's own text
    (D(2026, 3, 31), 'yyyy"年"m"月"d"日"', "2026年3月31日"), (D(2026, 3, 31), "mmm d, yyyy", "Mar 31, 2026"),
    (D(2026, 3, 31), "mmmm d, yyyy", "March 31, 2026"), (D(2026, 3, 31), "yyyy/mm/dd", "2026/03/31"),
    (D(2026, 3, 31), '[$-411]ggge"年"m"月"d"日"', "令和8年3月31日"), (D(2019, 4, 30), "[$-411]ge.m.d", "H31.4.30"),
    (D(2026, 3, 31), "d-mmm-yy", "31-Mar-26"), (D(2026, 3, 31), "dddd", "Tuesday"), (D(2026, 3, 31), "aaa", "火"),
    (D(2026, 3, 31, 14, 5), "h:mm AM/PM", "2:05 PM"), (D(2026, 3, 31, 14, 5, 9), "hh:mm:ss", "14:05:09"),
    (46112, "yyyy/m/d", "2026/3/31"), (46112.5, "yyyy/m/d h:mm", "2026/3/31 12:00"),
]  # fmt: skip


@pytest.mark.parametrize("value, fmt, shown", FORMAT_CASES, ids=[f"{v!r}|{f}" for v, f, _ in FORMAT_CASES])
def test_number_formats_give_the_display(value, fmt, shown):
    assert render(value, fmt) == shown


def test_decimal_values_and_the_1904_date_system():
    assert render(Decimal("1234.5"), "#,##0.0") == "1,234.5"
    assert from_serial(46112) == D(2026, 3, 31)
    assert from_serial(44650, date1904=True) == D(2026, 3, 31)
    assert render(44650, "yyyy/m/d", date1904=True) == "2026/3/31"
    assert is_date_format('yyyy"年"m"月"') and not is_date_format("#,##0") and not is_date_format('0"日"')


# --------------------------------------------------------------------------------------------
# Sheets -> lines
# --------------------------------------------------------------------------------------------


def _grid(rows: dict[int, dict[int, str | int]]) -> dict[int, dict[int, SheetCell]]:
    return {r: {c: SheetCell(str(v), isinstance(v, int)) for c, v in cells.items()} for r, cells in rows.items()}


def _shape(lines) -> list[tuple[str, tuple[str, ...] | None, str | None]]:
    return [(x.text if x.cells is None else "", x.cells, x.table) for x in lines]


def test_titles_prose_and_tables_of_a_sheet():
    grid = _grid({
        1: {1: "連結損益計算書", 4: "(単位：百万円)"},  # a title and a unit on one row: one line
        3: {2: "前期", 3: "当期"},
        4: {1: "売上高", 2: 100, 3: 120},
        5: {1: "営業費用:"},  # a label alone inside the table: a row
        6: {1: "売上原価", 2: 60, 3: 70},
        8: {1: "販売費及び一般管理費:"},  # after a blank row, above data: the table goes on
        9: {1: "人件費", 2: 10, 3: 11},
        10: {1: "(注) 金額は百万円未満を切り捨てて表示しております。"},  # a note: prose
        12: {1: "(2) 連結財政状態"},  # a caption above a new table
        13: {2: "総資産", 3: "純資産"},
        14: {1: "2026年３月期", 2: 500, 3: 300},
    })  # fmt: skip
    assert _shape(layout_sheet("PL", grid)) == [
        ("連結損益計算書 (単位：百万円)", None, None),
        ("", ("", "前期", "当期"), "xlsx:PL"),
        ("", ("売上高", "100", "120"), "xlsx:PL"),
        ("", ("営業費用:", "", ""), "xlsx:PL"),
        ("", ("売上原価", "60", "70"), "xlsx:PL"),
        ("", ("販売費及び一般管理費:", "", ""), "xlsx:PL"),
        ("", ("人件費", "10", "11"), "xlsx:PL"),
        ("(注) 金額は百万円未満を切り捨てて表示しております。", None, None),
        ("(2) 連結財政状態", None, None),
        ("", ("", "総資産", "純資産"), "xlsx:PL:2"),
        ("", ("2026年３月期", "500", "300"), "xlsx:PL:2"),
    ]


def test_a_header_row_after_a_blank_row_starts_a_new_table_and_a_heading_over_columns_is_a_row():
    grid = _grid({
        1: {2: "FY2026"}, 2: {1: "Sales", 2: 5},
        4: {2: "Year-over-year Comparison"},  # a lone cell right of the labels: a header row
        5: {2: "Q1", 3: "Q2"}, 6: {1: "Units", 2: 1, 3: 2},
    })  # fmt: skip
    assert _shape(layout_sheet("S", grid)) == [
        ("", ("", "FY2026"), "xlsx:S"),  # a lone cell over a value column: a header row
        ("", ("Sales", "5"), "xlsx:S"),
        ("", ("", "Year-over-year Comparison", ""), "xlsx:S:2"),
        ("", ("", "Q1", "Q2"), "xlsx:S:2"),
        ("", ("Units", "1", "2"), "xlsx:S:2"),
    ]


def test_labels_indented_by_column_are_one_label_and_a_text_column_of_values_is_not():
    grid = _grid({
        1: {3: "前期", 4: "当期"},
        2: {1: "資産の部"}, 3: {2: "現金及び預金", 3: 10, 4: 12}, 4: {2: "売掛金", 3: 5, 4: 6},
    })  # fmt: skip
    lines = list(layout_sheet("BS", grid))
    assert [x.cells for x in lines] == [("", "前期", "当期"), ("資産の部", "", ""), ("現金及び預金", "10", "12"),
                                        ("売掛金", "5", "6")]  # fmt: skip
    assert lines[2].cell_locators == ("BS!B3", "BS!C3", "BS!D3")
    grid = _grid({1: {2: "第1四半期末", 3: "期末"}, 2: {1: "2026年３月期", 2: "－", 3: 40}, 3: {1: "2025年３月期", 2: "－", 3: 35}})
    assert [x.cells for x in layout_sheet("配当", grid)][1] == ("2026年３月期", "－", "40")


def test_locators_quote_sheet_names_that_need_it():
    lines = list(layout_sheet("My sheet", _grid({1: {1: "a", 2: 1}})))
    assert lines[0].locator == "My sheet row 1" and lines[0].cell_locators == ("'My sheet'!A1", "'My sheet'!B1")


# --------------------------------------------------------------------------------------------
# Workbooks
# --------------------------------------------------------------------------------------------


def test_features_workbook():
    src = read(OFFICE / "features.xlsx")
    assert src.format == "xlsx" and [x.line for x in src.lines] == list(range(1, len(src.lines) + 1))
    assert [(x.text if x.cells is None else x.cells, x.locator) for x in src.lines] == [
        ("BS", "sheet BS"),
        ("連結貸借対照表 (単位：百万円)", "BS row 1"),
        (("", "前連結会計年度", "当連結会計年度"), "BS row 2"),
        (("", "2025年3月31日", "2026年3月31日"), "BS row 3"),  # date cells as their format shows them
        (("資産の部", "", ""), "BS row 4"),
        (("流動資産", "", ""), "BS row 5"),
        (("現金及び預金", "41,234", "45,010"), "BS row 6"),  # the stale value under the merge D6:E6 is gone
        (("受取手形及び売掛金^{※1}", "30,100", "△120"), "BS row 7"),  # rich-text superscript: a footnote mark
        (("流動資産合計", "71,334", "44,890"), "BS row 9"),  # row 8 is hidden
        (("自己資本比率", "", "12.3%"), "BS row 11"),
        ("(注) 記載金額は百万円未満を切り捨てて表示しております。", "BS row 13"),
    ]  # fmt: skip
    assert {x.table for x in src.lines if x.cells} == {"xlsx:BS"}
    assert src.lines[6].cell_locators == ("BS!B6", "BS!C6", "BS!D6")


def test_tanshin_workbook_displays_hidden_parts_and_formulas():
    src = read(OFFICE / "tanshin.ja.xlsx")
    texts = "\n".join(src.texts)
    assert "古い試算" not in texts and "999,999" not in texts  # the hidden sheet
    assert "152340123456" not in texts and "152,340,123,456" not in texts  # the hidden column
    assert texts.splitlines()[0] == "サマリー"  # the sheet's name is a title line
    current = next(x for x in src.lines if x.cells and x.cells[0] == "2026年３月期")
    assert current.cells == ("2026年３月期", "152,340", "8.2", "12,450", "△3.1", "13,020", "2.4", "8,910", "15.0")
    assert current.locator == "サマリー row 9" and current.cell_locators[1] == "サマリー!B9"
    pl = {x.cells[0]: x.cells[1:] for x in src.lines if x.table == "xlsx:連結損益計算書"}
    assert pl["営業利益"] == ("12,848", "12,450")  # cached values of formulas
    assert pl["特別損失"] == ("1,530", "－")  # the zero section
    en = read(OFFICE / "tanshin.en.xlsx")
    row = next(x.cells for x in en.lines if x.cells and x.cells[0] == "Fiscal year ended March 31, 2026")
    assert row[4] == "(3.1)"
    heads = next(x.cells for x in en.lines if x.table == "xlsx:Statements of Income")
    assert heads == ("", "Fiscal year ended", "Fiscal year ended")


def test_formulas_without_cached_values_are_reported_once(caplog):
    with caplog.at_level(logging.WARNING, logger="taiyaku.read"):
        src = read(OFFICE / "uncached.xlsx")
    notes = [r.getMessage() for r in caplog.records if r.name == "taiyaku.read"]
    assert len(notes) == 1 and "2 formula cells saved without a calculated value" in notes[0]
    gross = next(x.cells for x in src.lines if x.cells and x.cells[0] == "Gross profit")
    assert gross == ("Gross profit", "", "")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="taiyaku.read"):
        read(OFFICE / "tanshin.ja.xlsx")  # formulas with cached values: nothing to say
    assert not caplog.records


def test_the_planted_error_is_found_and_nothing_else_about_figures():
    report = api.check(OFFICE / "tanshin.ja.xlsx", OFFICE / "tanshin.en.xlsx")
    figures = [f for f in report.findings if f.code.startswith(("TQ1", "TQ5"))]
    assert [f.code for f in figures] == ["TQ100", "TQ100"]
    assert {(f.ja.text, f.en.text) for f in figures if f.ja and f.en} == {("12,450", "12,540")}


def test_damaged_workbooks_give_one_line():
    good = (OFFICE / "tanshin.ja.xlsx").read_bytes()
    with pytest.raises(InputError) as e:
        read_xlsx("cut.xlsx", good[: len(good) // 2])
    assert str(e.value) == "cannot read cut.xlsx: a damaged ZIP archive (a truncated or corrupt XLSX file?)"

    def replaced(name: str, data: bytes) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(good))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                z.writestr(info.filename, data if info.filename == name else src.read(info.filename))
        return buf.getvalue()

    for name, data in (("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>"),
                       ("xl/workbook.xml", b"not xml at all"), ("xl/styles.xml", b"<styleSheet")):  # fmt: skip
        with pytest.raises(InputError) as e:
            read_xlsx("bad.xlsx", replaced(name, data))
        text = str(e.value)
        assert text.startswith("cannot read bad.xlsx: ") and "\n" not in text, text


_key = rendering_keys


def test_a_workbook_rendering_of_the_corpus_reads_as_its_text():
    text = read(REPO / "corpora" / f"{CORPUS}.ja-en.txt")
    spans = {s.lang.value: s for s in split_languages(text.texts)}
    for lang, sheet in (("ja", "決算発表"), ("en", "Earnings release")):
        span = spans[lang]
        want = [line for line in text.lines[span.first - 1 : span.last] if line.text.strip()]
        got = read(OFFICE / "corpus" / f"{CORPUS}.{lang}.xlsx").lines
        assert got[0].text == sheet and got[0].cells is None

        def shape(line):
            if line.cells is None:
                return strip_markup(line.text)
            cells = [strip_markup(c) for c in line.cells]
            while cells and not cells[-1]:
                cells.pop()
            return tuple(cells)

        assert [shape(x) for x in got[1:]] == [shape(x) for x in want]


def test_check_on_the_workbook_rendering_gives_the_findings_of_the_text():
    on_text = api.check(REPO / "corpora" / f"{CORPUS}.ja-en.txt")
    on_xlsx = api.check(OFFICE / "corpus" / f"{CORPUS}.ja.xlsx", OFFICE / "corpus" / f"{CORPUS}.en.xlsx")
    assert len(on_text.findings) == 95
    assert _key(on_xlsx) == _key(on_text)
    assert [i.format for i in on_xlsx.inputs] == ["xlsx", "xlsx"]


def test_the_cli_reads_workbooks_and_keeps_library_noise_off_the_terminal(run_cli):
    out = run_cli("check", OFFICE / "tanshin.ja.xlsx", OFFICE / "tanshin.en.xlsx")
    assert out.returncode == 1  # the planted error
    assert "12,540" in out.stdout and out.stderr == ""
    out = run_cli("check", OFFICE / "uncached.xlsx")
    # one note for the workbook (not one per cell); a one-sheet workbook checked on its own
    # with nothing to recompute then exits 2: nothing was compared
    assert out.stderr.strip().splitlines() == [
        f"note: {OFFICE / 'uncached.xlsx'} has 2 formula cells saved without a calculated value, read as empty "
        "(open and save the file in Excel to store the values)",
        "taiyaku: error: nothing was compared (en: 1 tables, 4 figures): no figure of one language was paired "
        "with the other, and none could be recomputed",
    ]
    assert out.returncode == 2
    out = run_cli("check", OFFICE / "encrypted.xlsx")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and "password" in out.stderr
