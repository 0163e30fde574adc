"""The HTML / XHTML / inline XBRL reader (taiyaku.read.html) and its fixtures (tests/fixtures/html)."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import mask_places
from taiyaku import api
from taiyaku.errors import InputError
from taiyaku.model import Severity, Source
from taiyaku.read import read, sniff
from taiyaku.read.html import read_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
JA = FIXTURES / "tanshin_ja.xhtml"
JA_SJIS = FIXTURES / "tanshin_ja_sjis.xhtml"
EN = FIXTURES / "tanshin_en.html"
EN_FIXED = FIXTURES / "tanshin_en_fixed.html"


def html_source(markup: str, encoding: str = "utf-8", name: str = "page.html") -> Source:
    return read_html(name, markup.encode(encoding))


def rows(src: Source, table: str | None = None) -> list[tuple[str, ...]]:
    return [ln.cells for ln in src.lines if ln.cells is not None and (table is None or ln.table == table)]


def prose(src: Source) -> list[str]:
    return [ln.text for ln in src.lines if ln.cells is None]


def table_of(src: Source, first_cell_text: str) -> str:
    """The table id of the first row holding `first_cell_text` in some cell."""
    for ln in src.lines:
        if ln.cells is not None and first_cell_text in ln.cells:
            assert ln.table is not None
            return ln.table
    raise AssertionError(f"no row with {first_cell_text!r}")


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------------
# The TDnet summary page (inline XBRL)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ja() -> Source:
    return read(JA)


def test_ixbrl_is_sniffed_as_html_and_read_as_utf8(ja: Source) -> None:
    assert sniff(JA.read_bytes(), str(JA)) == "html"
    assert ja.format == "html" and ja.encoding == "utf-8"
    assert [ln.line for ln in ja.lines] == list(range(1, len(ja.lines) + 1))


def test_operating_results_table_rows_colspan_and_header_rows(ja: Source) -> None:
    table = table_of(ja, "48,210")
    got = rows(ja, table)
    assert got == [
        ("", "売上高", "", "営業利益", "", "経常利益", "", "親会社株主に帰属する当期純利益", ""),
        ("", "百万円", "％", "百万円", "％", "百万円", "％", "百万円", "％"),
        ("2026年３月期", "48,210", "5.2", "3,612", "△4.1", "3,745", "△2.3", "2,415", "8.6"),
        ("2025年３月期", "45,827", "3.0", "3,766", "12.4", "3,833", "10.9", "2,224", "△5.5"),
    ]
    lines = [ln for ln in ja.lines if ln.table == table]
    assert table == "html:2"  # the header block is table 1 (a layout table)
    assert [ln.locator for ln in lines] == [f"table 2 row {r}" for r in (1, 2, 3, 4)]
    assert lines[2].cell_locators == tuple(f"table 2 row 3 cell {c}" for c in range(1, 10))
    assert lines[2].text == "\t".join(lines[2].cells or ())
    # The titles just above the table are prose lines right before its first row.
    first = lines[0].line
    assert ja.lines[first - 3].text == "(1) 連結経営成績" and ja.lines[first - 2].text == "(％表示は対前期増減率)"


def test_every_table_has_one_width_and_its_own_id(ja: Source) -> None:
    by_table: dict[str, set[int]] = {}
    for ln in ja.lines:
        if ln.cells is not None:
            assert ln.table is not None and ln.table.startswith("html:")
            by_table.setdefault(ln.table, set()).add(len(ln.cells))
    assert len(by_table) == 6
    assert all(len(widths) == 1 for widths in by_table.values())


def test_header_block_layout_table_is_prose(ja: Source) -> None:
    texts = prose(ja)
    assert "上場会社名 サンプル工業株式会社 上場取引所 東" in texts
    assert "コード番号 9999 URL https://www.sample-kogyo.example/" in texts
    assert not any("上場会社名" in c for r in rows(ja) for c in r)


def test_an_english_cover_of_label_value_pairs_is_prose() -> None:
    """The English cover lays out "Company name: | … | Listing: | …" in a table, with the
    securities code a figure: it is the cover's prose, as the Japanese one is."""
    en = read_html(EN_FIXED.name, EN_FIXED.read_bytes())
    texts = prose(en)
    assert "Company name: Sample Kogyo Co., Ltd. Listing: Tokyo Stock Exchange" in texts
    assert "Securities code: 9999 URL: https://www.sample-kogyo.example/" in texts
    assert not any("Listing:" in c for r in rows(en) for c in r)
    # a data table whose first column ends with colons stays a table
    src = html_source("<table><tr><td>Net sales:</td><td>48,210</td><td>45,827</td></tr>"
                      "<tr><td>Operating profit:</td><td>3,612</td><td>3,766</td></tr></table>")  # fmt: skip
    assert rows(src) == [("Net sales:", "48,210", "45,827"), ("Operating profit:", "3,612", "3,766")]


def test_a_wrong_date_on_the_cover_is_found(tmp_path: Path) -> None:
    """The cover's dates state no figure: its lines are paired by the dates they share, and
    a date copied with last year's year is a date mismatch."""
    assert [f for f in api.check(JA, EN_FIXED).findings if f.code == "TQ601"] == []
    en = tmp_path / "en.html"
    en.write_text(EN_FIXED.read_text(encoding="utf-8").replace("June 25, 2026", "June 25, 2025"), encoding="utf-8")
    (f,) = [f for f in api.check(JA, en).findings if f.code == "TQ601"]
    assert (f.ja.text, f.en.text) == ("2026年6月25日", "June 25, 2025")
    assert f.ja.context.startswith("定時株主総会開催予定日")


def test_prose_locator_is_the_html_source_line(ja: Source) -> None:
    source_lines = JA.read_text(encoding="utf-8").split("\n")
    for ln in ja.lines:
        if ln.cells is None:
            m = re.fullmatch(r"line (\d+)", ln.locator)
            assert m, ln.locator
            words = ln.text.replace("\u3000", " ").split()[0][:4]
            assert words in source_lines[int(m.group(1)) - 1], (ln.locator, ln.text)


def test_rowspan_header_of_dividends_is_left_empty_below(ja: Source) -> None:
    got = rows(ja, table_of(ja, "1,062"))
    assert got[0] == ("", "年間配当金", "", "", "", "", "配当金総額 (合計)", "配当性向 (連結)", "純資産配当率 (連結)")
    assert got[1] == ("", "第１四半期末", "第２四半期末", "第３四半期末", "期末", "合計", "", "", "")
    assert got[2][1:] == ("円 銭",) * 5 + ("百万円", "％", "％")
    assert got[3] == ("2025年３月期", "－", "20.00", "－", "25.00", "45.00", "1,062", "47.7", "3.9")


def test_ixbrl_hidden_header_never_reaches_the_source(ja: Source) -> None:
    everything = "\n".join(ja.texts)
    for hidden in ("99990", "2026-05-13", "iso4217", "tse-acedjpsm", "CurrentYearDuration", "MS Mincho", "::before"):
        assert hidden not in everything


def test_sign_minus_without_a_visible_mark_reads_negative(ja: Source) -> None:
    # 2025 investing cash flow: the page shows △ only through CSS ::before; the fact says sign="-".
    cf = rows(ja, table_of(ja, "8,615"))
    assert cf[3] == ("2025年３月期", "3,655", "-1,934", "△1,101", "8,141")
    # A visible △ outside the tag is not doubled.
    assert cf[2] == ("2026年３月期", "4,102", "△2,388", "△1,240", "8,615")
    assert not any(re.search("△-|-△", c) for r in rows(ja) for c in r)


def test_nil_and_fixed_zero_facts(ja: Source) -> None:
    per_share = rows(ja, table_of(ja, "102.35"))
    assert per_share[3][2] == "－"  # a nil fact beside a visible －: the visible mark
    dividends = rows(ja, table_of(ja, "1,062"))
    assert dividends[4][3] == "0.00"  # ixt:fixed-zero with decimals="2", displayed －
    assert dividends[5] == ("2027年３月期(予想)", "－", "25.00", "－", "27.00", "52.00", "—", "46.3", "—")  # nil


def test_forecast_range_of_two_facts(ja: Source) -> None:
    forecast = rows(ja, table_of(ja, "112.29"))
    assert forecast[3][:3] == ("通期", "50,000～52,000", "3.7～7.9")


def test_shift_jis_variant_reads_the_same(ja: Source) -> None:
    sjis = read(JA_SJIS)
    assert sjis.encoding == "cp932"
    assert b"encoding=\"Shift_JIS\"" in JA_SJIS.read_bytes()[:60]
    assert sjis.texts == ja.texts


def test_fixture_uses_real_tdnet_element_names(ja: Source) -> None:
    markup = JA.read_text(encoding="utf-8")
    used = set(re.findall(r'name="tse-ed-t:(\w+)"', markup))
    with open(FIXTURES / "labels_used.csv", encoding="utf-8", newline="") as f:
        labels = {r["element"]: r for r in csv.DictReader(f)}
    assert used == set(labels)
    header_cells = {c for r in rows(ja) for c in r}
    for element in ("NetSales", "OperatingIncome", "OrdinaryIncome", "TotalAssets", "NetAssets", "CapitalAdequacyRatio"):
        assert labels[element]["label_ja"] in header_cells, element
    # Where the repository's excerpt of the label set has the element, its row is the same.
    excerpt = Path(__file__).resolve().parent / "data/external/tdnet_tse_ed_t_2014_labels/tse-ed-t_2014-01-12_labels_ja_en.csv"
    with open(excerpt, encoding="utf-8", newline="") as f:
        known = {(r["element"], r["role"]): r for r in csv.DictReader(f)}
    shared = [e for e in labels if (e, "label") in known]
    assert shared  # NetIncomePerShare, OrdinaryIncome, ...
    assert all(known[(e, "label")] == labels[e] for e in shared)


# --------------------------------------------------------------------------------------------
# The English page and the pair, end to end
# --------------------------------------------------------------------------------------------


def test_english_th_headers_and_parenthesised_negatives() -> None:
    en = read(EN)
    got = rows(en, table_of(en, "48,210"))
    assert got[0][:3] == ("", "Net sales", "")
    assert got[1][:3] == ("", "Millions of yen", "%")
    assert got[2][0] == "Fiscal year ended March 31, 2026" and got[2][4] == "(4.1)"
    forecast = rows(en, table_of(en, "112.29"))
    assert forecast[3][:3] == ("Full year", "50,000 to 52,000", "3.7 to 7.9")


def _errors(report) -> list:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def test_check_pair_finds_the_planted_error_and_no_other() -> None:
    errors = _errors(api.check(JA, EN))
    assert [(f.code, f.ja.text, f.en.text) for f in errors] == [("TQ100", "3,745", "3,754")]
    assert "2026年３月期" in errors[0].ja.context and "Ordinary profit" in errors[0].en.context


def test_check_corrected_pair_has_no_error() -> None:
    assert _errors(api.check(JA, EN_FIXED)) == []
    assert _errors(api.check(JA_SJIS, EN_FIXED)) == []


def test_tricky_but_correct_renderings_agree() -> None:
    """△ vs (), ～ vs "to", － vs —: no finding names those cells."""
    report = api.check(JA, EN_FIXED)
    flagged = {f.ja.text for f in report.findings if f.ja is not None and f.code.startswith("TQ1")}
    assert not flagged & {"△4.1", "△2,388", "-1,934", "50,000～52,000", "3.7～7.9", "－"}


# --------------------------------------------------------------------------------------------
# Messy HTML: scripts, entities, hidden content, layout table, colspan/rowspan
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy() -> Source:
    return read(FIXTURES / "messy.html")


def test_messy_data_table_inside_layout_table(messy: Source) -> None:
    table = table_of(messy, "45,827")
    assert rows(messy, table) == [
        ("", "2025年３月期", "", "2026年３月期", ""),
        ("", "売上高", "構成比 (％)", "売上高", "構成比 (％)"),
        ("日本 製品", "20,100", "43.9", "21,000", "43.6"),  # rowspan label repeated, label columns joined
        ("日本 サービス", "9,000", "19.6", "9,000", "18.7"),
        ("海外", "16,727", "36.5", "18,210", "37.8"),  # colspan over both label columns
        ("合計", "45,827", "100.0", "48,210", "100.0"),  # <tfoot> comes last though written first
    ]
    texts = messy.texts
    first = next(ln.line for ln in messy.lines if ln.table == table)
    # The caption, then the corner's text, stand right above the rows as title lines.
    assert texts[first - 3 : first - 1] == ("表 1. セグメント別売上高 (単位：百万円)", "区分")
    assert texts[0] == "セグメント情報"  # the layout table's text is prose
    assert texts[1].startswith("当連結会計年度の売上高は、日本が30,000百万円")
    assert texts[1].endswith("となりました。海外の売上高は前期比12.5％増加しました。")  # source line break between wide chars


def test_messy_scripts_hidden_content_and_furniture_are_dropped(messy: Source) -> None:
    everything = "\n".join(messy.texts)
    for gone in ("document", "window", "9,999", "1,000,000", "隠し", "テンプレート", "JavaScript", "印刷用",
                 "削除済み", "非表示", "れんけつ", "― 2 ―", "Page 2", "20,1001"):  # fmt: skip
        assert gone not in everything, gone


def test_messy_entities_and_markup(messy: Source) -> None:
    texts = messy.texts
    assert "為替レート : 1米ドル=¥150、営業損益△120百万円—前期△80百万円 & その他" in texts
    assert "連結子会社数 12社" in texts  # ruby reading dropped, &nbsp; is a space
    assert "18,210百万円^{※1}となりました" in texts[1]  # <sup> as superscript markup


def test_eucjp_without_declaration_is_detected(messy: Source) -> None:
    euc = read(FIXTURES / "messy_eucjp.html")
    assert euc.encoding == "euc_jp"
    assert b"charset" not in (FIXTURES / "messy_eucjp.html").read_bytes()
    assert euc.texts == messy.texts


# --------------------------------------------------------------------------------------------
# EDINET-style inline XBRL: continuations, negated labels, formats
# --------------------------------------------------------------------------------------------


def test_edinet_fragment() -> None:
    src = read(FIXTURES / "edinet_fragment.xhtml")
    texts = prose(src)
    assert texts[1] == ("当社グループの売上高の約６割は日本国内の顧客向けであり、国内の景気動向や"
                        "設備投資の動向により、当社グループの業績は影響を受ける可能性があります。")  # fmt: skip
    assert "また、為替相場の変動は業績に影響を与えます。" in texts
    assert not any("12 －" in t for t in texts)
    assert "連結子会社数は12社です。" in texts  # ixt-sec:numwordsen "twelve"
    assert rows(src)[1:] == [
        ("営業損失", "446", "567"),  # sign="-" under a label that names the loss: the display stands
        ("経常利益又は経常損失（△）", "-120", "△95"),
        ("為替差益", "1,234.5", "0"),  # num-comma-decimal "1.234,5"; fixed-zero
    ]


def test_sign_is_not_applied_in_prose() -> None:
    src = html_source(
        '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><p>営業利益は前期比'
        '<ix:nonFraction name="x:ChangeInOperatingIncome" sign="-" scale="-2">5.2</ix:nonFraction>％減となりました。</p>'
        '<table><tr><td></td><td>当期</td><td>前期</td></tr>'
        '<tr><td>営業利益</td><td><ix:nonFraction name="x:OperatingIncome" sign="-">5.2</ix:nonFraction>%</td>'
        '<td>(<ix:nonFraction name="x:OperatingIncome" sign="-">1,234</ix:nonFraction>)</td></tr>'
        '<tr><td>売上高</td><td>9,000</td><td>8,000</td></tr></table></body></html>'
    )
    assert prose(src) == ["営業利益は前期比5.2％減となりました。"]
    assert rows(src)[1] == ("営業利益", "-5.2%", "(1,234)")


def test_ixbrl_under_the_html_parser_when_not_well_formed() -> None:
    src = html_source(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">'
        "<body><p>unclosed paragraph<br>"  # <br> without / is not XML
        '<ix:header><ix:hidden><ix:nonNumeric name="a:b">hidden text</ix:nonNumeric></ix:hidden></ix:header>'
        "<table><tr><td></td><td>2026</td><td>2025</td></tr>"
        '<tr><td>Cash flows</td><td><ix:nonFraction name="a:c" sign="-" format="ixt:num-dot-decimal">70</ix:nonFraction></td>'
        '<td><ix:nonFraction name="a:c" xsi:nil="true"></ix:nonFraction></td></tr></table></body></html>'
    )
    assert prose(src) == ["unclosed paragraph"]
    assert rows(src) == [("", "2026", "2025"), ("Cash flows", "-70", "—")]


def test_xml_entities_and_named_html_entities_in_xhtml() -> None:
    src = html_source(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>&yen;1,000&nbsp;&amp;&#x25B3;5&mdash;&lt;x&gt;</p></body></html>"
    )
    assert prose(src) == ["¥1,000 &△5—<x>"]


# --------------------------------------------------------------------------------------------
# Tables: spans, headers, layout, nesting
# --------------------------------------------------------------------------------------------


def test_header_corner_label_moves_above_the_rows_and_units_read() -> None:
    src = html_source(
        "<table><thead><tr><th>(Millions of yen)</th><th>2026</th><th>2025</th></tr></thead>"
        "<tbody><tr><td>Net sales</td><td>1,200</td><td>1,100</td></tr>"
        "<tr><td>Operating profit</td><td>(120)</td><td>95</td></tr></tbody></table>"
    )
    assert src.texts[0] == "(Millions of yen)" and src.lines[0].cells is None
    assert rows(src) == [("", "2026", "2025"), ("Net sales", "1,200", "1,100"), ("Operating profit", "(120)", "95")]


def test_spacer_columns_dropped_and_one_row_nested_table_flattened() -> None:
    src = html_source(
        "<table><tr><td>Item</td><td></td><td>FY2026</td><td></td><td>FY2025</td></tr>"
        "<tr><td>Sales</td><td></td><td>10</td><td></td><td>9</td></tr>"
        "<tr><td><table><tr><td>Other</td><td>income</td></tr></table></td><td></td><td>3</td><td></td><td>2</td></tr>"
        "</table>"
    )
    assert rows(src) == [("Item", "FY2026", "FY2025"), ("Sales", "10", "9"), ("Other income", "3", "2")]
    assert src.lines[1].cell_locators == ("table 1 row 2 cell 1", "table 1 row 2 cell 3", "table 1 row 2 cell 5")


def test_tables_without_figures_or_with_one_row_are_prose() -> None:
    src = html_source(
        "<table><tr><td>決算説明会開催の有無</td><td>有</td></tr><tr><td>コード番号</td><td>9999</td></tr></table>"
        "<table><tr><td>(注) 包括利益</td><td>2,980百万円</td><td>(△6.1％)</td></tr></table>"
        "<table><tr><td>Overview</td></tr><tr><td>Sales rose 5.2% to 48,210 million yen.</td></tr></table>"
    )
    assert src.texts == ("決算説明会開催の有無 有", "コード番号 9999", "(注) 包括利益 2,980百万円 (△6.1％)", "Overview",
                         "Sales rose 5.2% to 48,210 million yen.")  # fmt: skip
    assert all(ln.cells is None for ln in src.lines)


def test_adjacent_tables_are_separate_tables() -> None:
    t = "<table><tr><td></td><td>A</td><td>B</td></tr><tr><td>x</td><td>1</td><td>2</td></tr></table>"
    src = html_source(t + t)
    assert [ln.table for ln in src.lines] == ["html:1", "html:1", "html:2", "html:2"]


def test_br_and_blocks_make_lines_and_cjk_breaks_join() -> None:
    src = html_source("<div>一行目<br>二行目<p>段落\nの続き</p>English\nwords<li>項目</li></div><pre>a  b\nc</pre>")
    assert src.texts == ("一行目", "二行目", "段落の続き", "English words", "項目", "a b", "c")


# --------------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "encoding", "expected"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>売上高　１２３</p>', "cp932", "cp932"),
        ("<meta charset=euc-jp><p>売上高　１２３</p>", "euc_jp", "euc_jp"),
        ("\ufeff<p>売上高　１２３</p>", "utf-8", "utf-8-sig"),
        # declared Shift_JIS but saved as UTF-8: the bytes win
        ('<meta charset="Shift_JIS"><p>売上高　１２３</p>', "utf-8", "utf-8"),
        ("<p>売上高　１２３</p>", "cp932", "cp932"),  # no declaration: detected
    ],
)
def test_encodings(markup: str, encoding: str, expected: str) -> None:
    bom, markup = ("\ufeff", markup[1:]) if markup.startswith("\ufeff") else ("", markup)
    src = html_source(bom + "<html><head>" + markup + "</body></html>", encoding)
    assert src.encoding == expected
    assert src.texts == ("売上高　１２３",)


def test_latin1_declaration_reads_as_windows_1252() -> None:
    src = html_source('<meta charset="iso-8859-1"><p>Caf\u00e9 \u2014 \u20ac5</p>', "cp1252")
    assert src.encoding == "cp1252" and src.texts == ("Café — €5",)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_malformed_markup_reads_what_it_can() -> None:
    src = read(FIXTURES / "malformed.html")
    assert prose(src) == ["売上高は12,000百万円となりました。", "利益 & 損失 < 予想", "未閉じの要素"]
    assert rows(src) == [("区分", "2026年３月期", "2025年３月期"), ("売上高", "12,000", "11,500"),
                         ("営業利益", "1,200", "1,150"), ("経常利益", "1,3", "")]  # fmt: skip


def test_page_made_by_scripts_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"no text of its own .* scripts, which are not run"):
        read(FIXTURES / "scripts_only.html")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"  \n ", "is empty"),
        (b"<html><body><div style='display:none'>x</div><!-- y --></body></html>", "no visible text"),
        (b"<html><body>\x00\x01\x02\x03</body></html>", "binary data"),
    ],
)
def test_bad_input_is_a_one_line_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as e:
        read_html("bad.html", data)
    assert reason in str(e.value) and "\n" not in str(e.value) and str(e.value).startswith("cannot read bad.html")


def test_cli_reports_an_unreadable_page_in_one_line(run_cli) -> None:
    r = run_cli("check", FIXTURES / "scripts_only.html", EN)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and "no text of its own" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------------------------
# The 2003 corpus rendered as HTML gives the text file's findings
# --------------------------------------------------------------------------------------------

_LINES = re.compile(r"\blines? \d+(?:-\d+)?")


def _signature(report) -> Counter:
    def loc(x):
        return None if x is None else (x.text, mask_places(report, x.context))

    return Counter((f.code, f.severity, loc(f.ja), loc(f.en), f.expected) for f in report.findings)


def test_corpus_rendering_gives_the_same_findings(corpora: Path) -> None:
    corpus = FIXTURES / "corpus"
    text = api.check(corpora / "iij-2003-05-fy2002q4.ja-en.txt")
    rendered = api.check(corpus / "iij-2003-05-fy2002q4.ja.html", corpus / "iij-2003-05-fy2002q4.en.html")
    assert rendered.summary == text.summary
    assert sum(text.summary.values()) > 50
    assert _signature(rendered) == _signature(text)


def test_corpus_rendering_is_what_its_generator_makes(corpora: Path) -> None:
    gen = load_module(FIXTURES / "corpus" / "make_corpus_html.py")
    from taiyaku.read import split_languages
    from taiyaku.read.decode import read_source

    source = read_source(corpora / "iij-2003-05-fy2002q4.ja-en.txt")
    spans = split_languages(source.lines)
    assert [s.lang.value for s in spans] == ["ja", "en"]
    for span in spans:
        lang = span.lang.value
        made = gen.render(list(source.lines[span.first - 1 : span.last]), lang, f"iij-2003-05-fy2002q4 ({lang})")
        assert (FIXTURES / "corpus" / f"iij-2003-05-fy2002q4.{lang}.html").read_text(encoding="utf-8") == made


def test_fixtures_are_what_the_generator_makes() -> None:
    gen = load_module(FIXTURES / "make_html.py")
    assert JA.read_bytes() == gen.japanese("UTF-8").encode("utf-8")
    assert JA_SJIS.read_bytes() == gen.japanese("Shift_JIS").encode("cp932")
    assert EN.read_bytes() == gen.english(planted=True).encode("utf-8")
    assert EN_FIXED.read_bytes() == gen.english(planted=False).encode("utf-8")
    assert (FIXTURES / "messy.html").read_bytes() == gen.MESSY.format(charset="utf-8").encode("utf-8")
    assert (FIXTURES / "edinet_fragment.xhtml").read_bytes() == gen.EDINET.encode("utf-8")
    # The planted error is the only difference between the two English pages.
    diff = [(a, b) for a, b in zip(EN.read_text(encoding="utf-8").split("\n"), EN_FIXED.read_text(encoding="utf-8").split("\n")) if a != b]
    assert len(diff) == 1 and "3,754" in diff[0][0] and "3,745" in diff[0][1]


# --------------------------------------------------------------------------------------------
# lxml is imported only when an HTML file is read
# --------------------------------------------------------------------------------------------


def test_lxml_is_imported_only_for_html(repo_root: Path) -> None:
    code = (
        "import sys\n"
        "from taiyaku import api\n"
        "api.check('corpora/iij-2003-05-fy2002q4.ja-en.txt')\n"
        "before = 'lxml' in sys.modules\n"
        f"api.check({str(JA)!r}, {str(EN_FIXED)!r})\n"
        "print(before, 'lxml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True,
                         env={"PYTHONPATH": str(repo_root / "src"), "PATH": "/usr/bin:/bin"}, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]
