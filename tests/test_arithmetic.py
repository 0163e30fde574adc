"""Recomputation inside one language: footing, share of total, change rate, USD conversion,
rounding adjustments, truncation vs rounding, damaged tables; on small hand-made statements
checked through the whole pipeline (api.check on a one-language file) and on the corpora."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.model import Convention
from taiyaku.options import Options
from taiyaku.parse.statements import document_convention, parse_rate

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"
Q1 = CORPORA / "iij-2002-08-fy2002q1.en.txt"
SIXK = CORPORA / "iij-2002-05-6k-fy2001q4.en.txt"

EN_HEAD = [
    "Example Corporation announces its results for the quarter ended March 31, 2003.",
    "The figures below are unaudited and are presented for illustration of the checks.",
    "Revenues grew in every business line compared with the previous quarter of the year.",
    "",
    "CONSOLIDATED STATEMENTS OF OPERATIONS",
    "(Expressed in Thousands of Japanese Yen (JPY) and U.S. Dollars (USD))",
    "",
]
JA_HEAD = [
    "株式会社サンプルは本日、2003年3月期第4四半期の連結決算を発表いたしました。",
    "以下の数値は監査を受けておりません。",
    "各事業の売上高は前四半期と比較して増加しました。",
    "",
    "四半期連結損益計算書",
    "JPY/千円単位",
    "",
]


def _doc(tmp_path: Path, head: list[str], rows: list[str], tail: list[str] = (), name: str = "doc.txt") -> Path:
    p = tmp_path / name
    p.write_text("\n".join([*head, *rows, "", *tail, ""]), encoding="utf-8")
    return p


def _found(path: Path, convention: Convention | None = None, codes=("TQ400", "TQ401", "TQ402", "TQ403", "TQ404")):
    report = api.check(path, options=Options(convention=convention))
    out = []
    for f in report.findings:
        if f.code in codes:
            loc = f.ja or f.en
            out.append((f.code, loc.line, loc.text, f.expected))
    return sorted(out), report


FOUR_COLUMNS = "\tMar 31, 2003\tMar 31, 2002\tDec 31, 2002\tSep 30, 2002\n\tJPY\tJPY\tJPY\tJPY"


def _rows(*rows: str) -> list[str]:
    return FOUR_COLUMNS.split("\n") + list(rows)


# --- footing -------------------------------------------------------------------------------

STATEMENT = [
    "Service revenues\t1,000\t900\t950\t800",
    "Equipment sales\t500\t400\t450\t350",
    "Total revenues\t1,500\t1,300\t1,400\t1,150",
    "Total costs\t1,700\t1,200\t1,500\t1,000",
    "Operating income (loss)\t(200)\t100\t(100)\t150",
]
LINE = {label.split("\t")[0]: len(EN_HEAD) + 2 + i + 1 for i, label in enumerate(STATEMENT)}


def test_a_statement_that_foots_has_no_findings(tmp_path):
    found, report = _found(_doc(tmp_path, EN_HEAD, _rows(*STATEMENT)))
    assert found == []
    assert report.inputs[0].lang == "en"


def test_a_total_off_in_one_column_is_a_footing_error_at_the_total(tmp_path):
    rows = list(STATEMENT)
    rows[2] = "Total revenues\t1,500\t1,310\t1,400\t1,150"
    found, report = _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))
    # The total is wrong, and so is the operating income computed from it (1,310 - 1,200).
    assert ("TQ400", LINE["Total revenues"], "1,310", "1,300") in found
    assert ("TQ400", LINE["Operating income (loss)"], "100", "110") in found
    f = next(f for f in report.findings if f.code == "TQ400" and f.en.line == LINE["Total revenues"])
    assert f.severity.value == "error" and f.ja is None
    assert "Service revenues + Equipment sales = 1,300" in f.message


def test_a_dropped_parenthesis_on_a_loss_breaks_the_footing(tmp_path):
    rows = list(STATEMENT)
    rows[4] = "Operating income (loss)\t200\t100\t(100)\t150"
    found, _ = _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))
    assert found == [("TQ400", LINE["Operating income (loss)"], "200", "-200")]


def test_japanese_triangle_negatives_foot_like_parentheses(tmp_path):
    rows = [
        "サービス収入\t1,000\t900\t950\t800",
        "機器販売\t500\t400\t450\t350",
        "営業収益合計\t1,500\t1,300\t1,400\t1,150",
        "営業費用合計\t1,700\t1,200\t1,500\t1,000",
        "営業利益(損失)\t▲200\t100\t△100\t150",
    ]
    found, report = _found(_doc(tmp_path, JA_HEAD, _rows(*rows)))
    assert found == [] and report.inputs[0].lang == "ja"
    rows[4] = "営業利益(損失)\t▲200\t100\t100\t150"
    found, _ = _found(_doc(tmp_path, JA_HEAD, _rows(*rows)))
    assert found == [("TQ400", len(JA_HEAD) + 2 + 5, "100", "-100")]


def test_sums_within_the_rounding_of_their_parts_are_not_errors(tmp_path):
    # 1.4 + 2.4 = 3.8, shown as 3.9: each part may be up to 0.05 more, so no error.
    rows = ["Part A\t1.4\t10.0\t20.0\t30.0", "Part B\t2.4\t20.0\t30.0\t40.0", "Total\t3.9\t30.0\t50.0\t70.0"]
    assert _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))[0] == []
    # 4.0 is further than rounding allows.
    rows[2] = "Total\t4.0\t30.0\t50.0\t70.0"
    assert _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))[0] == [("TQ400", len(EN_HEAD) + 2 + 3, "4.0", "3.8")]


def test_cash_at_end_is_beginning_plus_net_change(tmp_path):
    rows = [
        "Net cash provided by operating activities\t500\t400\t300\t200",
        "Net cash used in investing activities\t(700)\t(100)\t(200)\t(50)",
        "Net increase (decrease) in cash\t(200)\t300\t100\t150",
        "Cash, beginning of period\t1,000\t700\t900\t750",
        "Cash, end of period\t800\t1,000\t1,000\t900",
    ]
    assert _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))[0] == []
    rows[4] = "Cash, end of period\t800\t1,000\t1,100\t900"
    assert _found(_doc(tmp_path, EN_HEAD, _rows(*rows)))[0] == [("TQ400", len(EN_HEAD) + 2 + 5, "1,100", "1,000")]


# --- truncation vs rounding -----------------------------------------------------------------

TRUNCATED = [
    "売上高A\t10\t100\t200\t300",
    "売上高B\t10\t110\t210\t310",
    "売上高C\t10\t120\t220\t320",
    "売上高D\t10\t130\t230\t330",
    "売上高合計\t43\t460\t860\t1,260",
]
# Four parts shown as 10 sum to 43 only when each was truncated (each is 10.0-10.99...);
# rounded, they are at most 4 x 10.5 = 42.


def test_truncation_declared_in_the_document_is_used(tmp_path):
    head = [*JA_HEAD[:5], "(単位:百万円、百万円未満切捨て)", ""]
    path = _doc(tmp_path, head, _rows(*TRUNCATED))
    assert document_convention(api.load(path, single=True)[0]) == (Convention.TRUNCATE, 6)
    assert _found(path)[0] == []


def test_without_a_declaration_amounts_are_taken_as_rounded(tmp_path):
    path = _doc(tmp_path, JA_HEAD, _rows(*TRUNCATED))
    assert _found(path)[0] == [("TQ400", len(JA_HEAD) + 2 + 5, "43", "40")]
    # ...unless the convention is set for the run.
    assert _found(path, Convention.TRUNCATE)[0] == []


@pytest.mark.parametrize(
    "text, convention",
    [
        ("(単位:百万円、百万円未満切捨て)", Convention.TRUNCATE),
        ("百万円未満を切り捨てて表示しております。", Convention.TRUNCATE),
        ("Amounts less than one million yen are truncated.", Convention.TRUNCATE),
        ("(百万円未満四捨五入)", Convention.ROUND),
        ("Amounts are rounded to the nearest million yen.", Convention.ROUND),
        ("Amounts are in millions of yen.", Convention.ROUND),
    ],
)
def test_declared_convention(tmp_path, text, convention):
    path = _doc(tmp_path, [*EN_HEAD[:3], text, ""], [])
    ja, en, _ = api.load(path, single=True)
    assert document_convention(ja or en)[0] is convention


# --- share of total, rounding adjustments ----------------------------------------------------

SHARE_HEAD = "\tMar 31, 2003\t\tMar 31, 2002\t\n\tJPY\t% of Total Revenues\tJPY\t% of Total Revenues"


def _share_rows(*rows: str) -> list[str]:
    return SHARE_HEAD.split("\n") + list(rows)


def test_shares_of_total_recomputed(tmp_path):
    rows = [
        "Service revenues\t1,000\t66.7\t900\t69.2",
        "Equipment sales\t500\t33.3\t400\t30.8",
        "Total revenues\t1,500\t100.0\t1,300\t100.0",
    ]
    assert _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))[0] == []
    rows[0] = "Service revenues\t1,000\t67.7\t900\t69.2"
    found, report = _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))
    # The share is wrong, and the share column no longer adds up to its 100.0.
    assert found == [("TQ400", len(EN_HEAD) + 5, "100.0", "101.0"), ("TQ401", len(EN_HEAD) + 3, "67.7", "66.67")]
    f = next(f for f in report.findings if f.code == "TQ401")
    assert "66.67% (1,000 / 1,500)" in f.message and "10 units off" in f.message


def test_a_plug_that_keeps_the_column_footing_is_a_rounding_adjustment(tmp_path):
    # Three thirds are 33.33% each; shown 33.3 + 33.3 + 33.4 so that the column adds to 100.0.
    rows = [
        "A\t1,000,000\t33.3\t500\t50.0",
        "B\t1,000,000\t33.3\t250\t25.0",
        "C\t1,000,000\t33.4\t250\t25.0",
        "Total revenues\t3,000,000\t100.0\t1,000\t100.0",
    ]
    found, report = _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))
    assert found == [("TQ404", len(EN_HEAD) + 5, "33.4", "33.33")]
    f = next(f for f in report.findings if f.code == "TQ404")
    assert f.severity.value == "info" and "rounding adjustment" in f.message and "Total revenues" in f.message


def test_one_unit_off_without_a_footing_to_keep_is_an_error(tmp_path):
    # 33.4 where the column does not add up to its total anyway: nothing explains it.
    rows = [
        "A\t1,000,000\t33.3\t500\t50.0",
        "B\t1,000,000\t33.4\t250\t25.0",
        "C\t1,000,000\t33.4\t250\t25.0",
        "Total revenues\t3,000,000\t100.0\t1,000\t100.0",
    ]
    found, _ = _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))
    assert ("TQ401", len(EN_HEAD) + 4, "33.4", "33.33") in found
    assert ("TQ401", len(EN_HEAD) + 5, "33.4", "33.33") in found


def test_negative_shares_use_the_signed_amount(tmp_path):
    rows = [
        "Total revenues\t2,000\t100.0\t1,000\t100.0",
        "Total costs\t2,100\t105.0\t900\t90.0",
        "Operating income (loss)\t(100)\t(5.0)\t100\t10.0",
    ]
    assert _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))[0] == []
    rows[2] = "Operating income (loss)\t(100)\t5.0\t100\t10.0"
    assert _found(_doc(tmp_path, EN_HEAD, _share_rows(*rows)))[0] == [
        ("TQ400", len(EN_HEAD) + 5, "5.0", "-5.0"),  # 100.0 - 105.0 in the share column
        ("TQ401", len(EN_HEAD) + 5, "5.0", "-5.00"),
    ]


# --- change rates ----------------------------------------------------------------------------

CHANGE_HEAD = "\tMar 31, 2003\tMar 31, 2002\t\n\tJPY\tJPY\tYOY Chg %"


@pytest.mark.parametrize(
    "current, prior, shown, ok",
    [
        ("1,077", "1,000", "7.7", True),
        ("1,077", "1,000", "7.8", True),  # 1,076.5 / 1,000.5 - 1 is 7.6%, 1,077.5 / 999.5 - 1 is 7.8%
        ("1,077", "1,000", "7.9", False),
        ("900", "1,000", "(10.0)", True),
        ("900", "1,000", "10.0", False),  # a decrease shown as an increase
        ("(200)", "(100)", "100.0", True),  # a loss that doubles is +100% on signed amounts
        ("(200)", "100", "(300.0)", True),  # profit to loss
        ("(200)", "100", "300.0", False),
        ("459", "968", "(52.6)", True),  # the Adjusted EBITDA figures of the 2003 release
        ("459", "968", "(53.0)", False),
    ],
)
def test_change_rate(tmp_path, current, prior, shown, ok):
    rows = CHANGE_HEAD.split("\n") + [f"Item\t{current}\t{prior}\t{shown}", "Other\t500\t400\t25.0"]
    found, _ = _found(_doc(tmp_path, EN_HEAD, rows))
    assert (found == []) is ok, found
    if not ok:
        assert found[0][0] == "TQ402" and found[0][2] == shown


def test_change_from_inputs_in_millions_allows_their_rounding(tmp_path):
    # 459 / 968 - 1 = -52.58%; with each input anywhere in its rounding interval the change
    # lies between -52.66% and -52.50%, so a display of (52.5) is not an error either.
    rows = CHANGE_HEAD.split("\n") + ["Adjusted EBITDA\t459\t968\t(52.5)"]
    assert _found(_doc(tmp_path, EN_HEAD, rows))[0] == []


# --- currency conversion -------------------------------------------------------------------

USD_HEAD = "\tMar 31, 2003\t\tMar 31, 2002\n\tUSD (1)\tJPY\tJPY"
RATE_NOTE = ["Note (1): Translations have been made at the rate of JPY 100.00 = \\$1, the approximate rate."]


def test_usd_is_jpy_over_the_stated_rate(tmp_path):
    rows = USD_HEAD.split("\n") + ["Revenues\t15,000\t1,500,000\t1,300,000", "Costs\t12,346\t1,234,567\t1,000,000"]
    assert _found(_doc(tmp_path, EN_HEAD, rows, RATE_NOTE))[0] == []
    rows[2] = "Revenues\t15,100\t1,500,000\t1,300,000"
    found, report = _found(_doc(tmp_path, EN_HEAD, rows, RATE_NOTE))
    assert found == [("TQ403", len(EN_HEAD) + 3, "15,100", "15,000.0")]
    assert "1,500,000 / 100.00" in report.findings[0].message


def test_japanese_rate_note(tmp_path):
    head = [*JA_HEAD[:5], "JPY/千円単位、USD/千米ドル単位 (1)", ""]
    rows = USD_HEAD.split("\n") + ["営業収益\t8,470\t1,000,000\t900,000", "営業費用\t4,235\t500,000\t400,000"]
    note = ["注記(1): 米ドル換算レート118.07円=1米ドル(2003/3/31)にて参考表示しております。"]
    assert _found(_doc(tmp_path, head, rows, note))[0] == []
    rows[2] = "営業収益\t8,407\t1,000,000\t900,000"  # two digits swapped
    assert [c for c, *_ in _found(_doc(tmp_path, head, rows, note))[0]] == ["TQ403"]


@pytest.mark.parametrize(
    "text, rate",
    [
        ("at the rate of JPY 118.07 = \\$1, the approximate rate", "118.07"),
        ("at the rate of JPY119.85 = US\\$1, the approximate rate", "119.85"),
        ("at the rate of JPY 132.70 =\\$1, the appro", "132.70"),
        ("米ドル換算レート118.07円=1米ドル(2003/3/31)にて", "118.07"),
        ("1米ドル＝１１８．０７円で換算", "118.07"),
        ("an increase of 7.7% compared to 4Q01", None),
    ],
)
def test_parse_rate(text, rate):
    got = parse_rate(text)
    assert (got.jpy_per_usd if got else None) == (Decimal(rate) if rate else None)


# --- damaged tables ------------------------------------------------------------------------


def test_ocr_damaged_statements_give_one_info_each_and_no_errors():
    report = api.check(SIXK)
    assert report.summary["error"] == 0
    unreadable = [f for f in report.findings if f.code == "TQ405"]
    assert all(f.severity.value == "info" and f.ja is None for f in unreadable)
    # The two statements of operations flattened onto one line each, and the three tables
    # with damaged rows (Table 1's lost labels, Table 5's garbage title, the balance sheet's
    # ghost row "Chief darron asset", "05,240" and ". 0").
    assert sorted(f.en.line for f in unreadable) == [237, 321, 353, 365, 369]
    sheet = next(f for f in unreadable if f.en.line == 369)
    assert "lines 381, 386, 401" in sheet.message


def test_malformed_figure_is_not_read_as_a_number():
    # "05,240" (USD, Short-term investments, where JPY is 0) was read as 5,240 before and
    # gave a false conversion error.
    report = api.check(SIXK)
    assert not [f for f in report.findings if f.en and f.en.line == 381 and f.code == "TQ403"]


# --- the corpora -----------------------------------------------------------------------------


def test_q4_japanese_recomputation_errors_are_exactly_the_eight_mistranslated_figures():
    report = api.check(Q4)
    own = sorted(
        (f.code, f.ja.line, f.ja.text, f.expected)
        for f in report.findings
        if f.code in ("TQ400", "TQ401", "TQ402", "TQ403")
    )
    assert own == [
        ("TQ401", 113, "7.3", "7.14"),
        ("TQ401", 124, "5.9", "6.05"),
        ("TQ401", 131, "0.9", "0.746"),
        ("TQ401", 172, "1.1", "0.94"),
        ("TQ401", 178, "0.5", "0.348"),  # 0.35 would read as rounding up to 0.4
        ("TQ403", 113, "7,887", "7,888.5"),
        ("TQ403", 122, "22,344", "22,345.5"),
        ("TQ403", 175, "(10,750)", "-10,751.5"),
    ]
    # ...every one of them a TQ100 too, whose message says the English is the right one.
    mismatches = {(f.ja.line, f.ja.text): f for f in report.findings if f.code == "TQ100"}
    assert set(mismatches) == {(line, text) for _, line, text, _ in own}
    for f in mismatches.values():
        assert "so the English is right" in f.message and f.expected


@pytest.mark.parametrize("path", [Q1, Q2, Q4, SIXK], ids=lambda p: p.name)
def test_no_recomputation_errors_in_the_english_of_any_corpus(path):
    report = api.check(path)
    assert not [f for f in report.findings if f.code in ("TQ400", "TQ401", "TQ402", "TQ403") and f.en]


def test_english_only_corpus_is_checked_not_refused(run_cli):
    proc = run_cli("check", str(Q1), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["inputs"] == [{"path": str(Q1), "lang": "en", "format": "text"}]
    codes = {f["code"] for f in report["findings"]}
    assert codes == {"TQ404"}  # rounding adjustments only
    assert report["summary"]["info"] == len(report["findings"]) > 0


def test_japanese_only_part_is_checked_on_its_own(run_cli, tmp_path):
    lines = Q4.read_text(encoding="utf-8").split("\n")[:328]
    ja = tmp_path / "ja.txt"
    ja.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("check", str(ja), "--format", "json", "--select", "TQ401", "--select", "TQ403")
    assert proc.returncode == 1
    import json

    report = json.loads(proc.stdout)
    assert report["inputs"] == [{"path": str(ja), "lang": "ja", "format": "text"}]
    assert sorted(f["ja"]["line"] for f in report["findings"]) == [113, 113, 122, 124, 131, 172, 175, 178]
    assert all(f["en"] is None for f in report["findings"])


def test_structure_found_in_the_statements():
    from taiyaku.recompute.footing import build_grid, find_relations

    ja, en, _ = api.load(Q4)
    cash = next(t for t in en.tables if t.first_line == 740)
    rels = {cash.rows[r.total].label: [cash.rows[i].label for i, _ in r.terms] for r in find_relations(build_grid(cash))}
    assert rels["Cash, End of Period"] == ["Net Decrease in Cash", "Cash, Beginning of Period"]
    ops = next(t for t in ja.tables if t.first_line == 106)
    rels = {ops.rows[r.total].label: r for r in find_relations(build_grid(ops))}
    assert [s for _, s in rels["営業利益(損失)"].terms] == [1, -1]  # 営業収益合計 - 営業費用合計
    assert len(rels["当期損失"].terms) == 4
    recon = next(t for t in en.tables if t.first_line == 566)
    (rel,) = find_relations(build_grid(recon))
    assert recon.rows[rel.total].label == "Operating income(loss)"  # EBITDA - D&A
    assert len(rel.holds) == 5 and not rel.fails


def test_expected_shows_enough_decimals_to_say_where_it_rounds():
    # 749,361 / 119.85 = 6,252.49: "6,252.5" would suggest the display should be 6,253.
    report = api.check(Q1, options=Options(select=frozenset({"TQ404"})))
    f = next(f for f in report.findings if f.en.line == 244 and f.en.text == "6,253")
    assert f.expected == "6,252.49"


def test_ignore_and_select_on_the_command_line(run_cli):
    import json

    proc = run_cli("check", str(Q1), "--format", "json", "--ignore", "rounding-adjustment")
    assert proc.returncode == 0 and json.loads(proc.stdout)["findings"] == []
    proc = run_cli("check", str(Q1), "--format", "json", "--select", "TQ404", "--ignore", "TQ404")
    assert proc.returncode == 0 and json.loads(proc.stdout)["findings"] == []
    proc = run_cli("check", str(Q1), "--ignore", "TQ999")
    assert proc.returncode == 2 and "unknown rule TQ999" in proc.stderr


def test_a_figure_in_prose_above_a_table_is_not_its_unit(tmp_path):
    from taiyaku.parse.headers import unit_scale

    assert unit_scale("(単位:百万円)") == 6 and unit_scale("JPY/千円単位、USD/千米ドル単位") == 3
    assert unit_scale("売上高は15億円となりました") is None
    assert unit_scale("Revenues were 9.5 billion yen; amounts in millions of yen") == 6
