"""Prose across languages: sentence pairs anchored on shared figures, and the prose rules
(value, rounding convention, direction, comparison base, missing unit, one-language figure,
tie-out to the tables) on hand-made bilingual texts and on the two bilingual corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.options import Options

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"
PROSE = ("TQ500", "TQ501", "TQ502", "TQ503", "TQ504", "TQ505", "TQ510")

JA_FILLER = [
    "株式会社サンプル 2002年度第4四半期決算の概要",
    "当社は本日、2002年度第4四半期の連結決算を発表いたしました。",
    "事業環境は引き続き厳しい状況にあります。",
    "今後もサービスの品質向上に努めてまいります。",
]
EN_FILLER = [
    "Example Corporation announces its results for the fourth quarter of fiscal 2002.",
    "The business environment remained difficult throughout the quarter under review.",
    "The Company will continue to improve the quality of its services for customers.",
    "Further details are given in the tables that follow this summary of results.",
]


def _bilingual(tmp_path: Path, ja_bullets: list[str], en_bullets: list[str]) -> Path:
    lines = [*JA_FILLER, "", *ja_bullets, "", *EN_FILLER, "", *en_bullets, ""]
    p = tmp_path / "prose.ja-en.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def _prose_findings(path: Path) -> list[tuple]:
    report = api.check(path, options=Options(select=frozenset(PROSE)))
    return sorted((f.code, f.ja.text if f.ja else None, f.en.text if f.en else None) for f in report.findings)


def test_figures_that_agree_give_nothing(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・売上高は130億円(前年同期比7.7%増、前期比23.4%増)となった。"],
        ["- Revenues totaled JPY 13 billion, an increase of 7.7% compared to 4Q01 and 23.4% from 3Q02."],
    )
    report = api.check(p)
    assert [f for f in report.findings if f.code in PROSE] == []
    (sp,) = report.alignment.sentences
    assert sp.ja.line == len(JA_FILLER) + 2 and sp.anchors == 3


def test_value_mismatch(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・償却前営業利益は459百万円と、前年同期比53.0%減少、前期比32.0%増加。"],
        ["- Adjusted EBITDA was JPY 459 million, a decrease of 52.6% compared to 4Q01 and an increase of 31.5% from 3Q02."],
    )
    assert _prose_findings(p) == [("TQ500", "32.0%", "31.5%"), ("TQ500", "53.0%", "52.6%")]


def test_truncated_against_rounded_is_information_saying_so(tmp_path):
    p = _bilingual(tmp_path, ["- ・営業損失は16億円となった。"], ["- Operating loss was JPY 1.7 billion for the year."])
    report = api.check(p, options=Options(select=frozenset(PROSE)))
    (f,) = report.findings
    assert (f.code, f.severity.value) == ("TQ501", "info")
    assert "truncated" in f.message and "rounded" in f.message and "16億円" in f.message


def test_direction_mismatch(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・売上高は130億円(前年同期比7.7%増)となった。"],
        ["- Revenues totaled JPY 13 billion, a decrease of 7.7% compared to 4Q01."],
    )
    assert _prose_findings(p) == [("TQ502", "7.7%", "7.7%")]


def test_comparison_base_mismatch(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・売上高は130億円(前年同期比7.7%増)となった。"],
        ["- Revenues totaled JPY 13 billion, an increase of 7.7% compared to the previous quarter."],
    )
    assert _prose_findings(p) == [("TQ503", "7.7%", "7.7%")]


def test_missing_currency(tmp_path):
    p = _bilingual(tmp_path, ["- ・売上高は130億(前年同期比7.7%増)となった。"],
                   ["- Revenues totaled JPY 13 billion, an increase of 7.7% compared to 4Q01."])  # fmt: skip
    assert _prose_findings(p) == [("TQ504", "130億", "JPY 13 billion")]


def test_figure_in_japanese_only(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・売上高は130億円(前年同期比7.7%増)で、前回見込み(110~115億円)を上回った。"],
        ["- Revenues totaled JPY 13 billion, an increase of 7.7% compared to 4Q01, above guidance."],
    )
    assert _prose_findings(p) == [("TQ505", "110~115億円", None)]


def test_figure_said_elsewhere_in_the_english_is_not_missing(tmp_path):
    p = _bilingual(
        tmp_path,
        ["- ・売上高は130億円(前年同期比7.7%増)で、前回見込み(110~115億円)を上回った。"],
        ["- Revenues totaled JPY 13 billion, an increase of 7.7% compared to 4Q01, above guidance.",
         "Guidance had been between JPY 11.0 billion and JPY 11.5 billion for the quarter."],  # fmt: skip
    )
    assert _prose_findings(p) == []


# --- the corpora ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def q4():
    return api.check(Q4)


def test_q4_sentence_pairs(q4):
    pairs = {(sp.ja.line, sp.en.line) for sp in q4.alignment.sentences}
    # every Japanese summary bullet with figures finds its English bullet
    assert {(19, 350), (20, 351), (21, 352), (25, 356), (26, 357), (27, 358), (31, 362)} <= pairs


def test_q4_adjusted_ebitda_changes_are_errors_that_say_which_side_the_table_supports(q4):
    found = {(f.ja.text, f.en.text): f for f in q4.findings if f.code == "TQ500"}
    assert set(found) == {("53.0%", "52.6%"), ("32.0%", "31.5%")}
    down, up = found[("53.0%", "52.6%")], found[("32.0%", "31.5%")]
    assert (down.ja.line, down.en.line) == (21, 352) and down.severity.value == "error"
    assert "the Japanese does not (459 / 968 - 1" in down.message
    assert "the English agrees (459 / 968 - 1" in down.message
    assert "the Japanese does not (459 / 349 - 1" in up.message
    assert "the English agrees (459 / 349 - 1" in up.message


def test_q4_16_oku_against_1_7_billion_is_information_on_rounding(q4):
    (f,) = [f for f in q4.findings if f.code == "TQ501"]
    assert (f.ja.line, f.ja.text, f.en.line, f.en.text) == (26, "16億円", 357, "JPY 1.7 billion")
    assert f.severity.value == "info" and "truncated" in f.message


def test_q4_prose_ties_out_to_its_tables_except_three_changes(q4):
    tie = [(f.ja.line, f.ja.text) for f in q4.findings if f.code == "TQ510" and f.ja]
    assert sorted(tie) == [(21, "32.0%"), (21, "53.0%")]
    # ...and one error of the English release itself: Sales and marketing grew 18.6% on
    # 4Q01 (789,234 / 665,204), not 5.5% (which is 4Q01's share of revenues).
    (en,) = [f for f in q4.findings if f.code == "TQ510" and f.en]
    assert (en.en.line, en.en.text, en.expected) == (525, "5.5%", "18.645")
    assert "789,234 / 665,204 - 1" in en.message


def test_q2_prose_findings():
    report = api.check(Q2)
    found = [(f.code, f.ja.line, f.ja.text, f.en.line, f.en.text) for f in report.findings if f.code in PROSE]
    # The one finding: the English summary gives revenues as "9.5 billion", without currency.
    assert found == [("TQ504", 19, "95 億円", 276, "9.5 billion")]


def test_align_shows_sentence_pairs(run_cli):
    proc = run_cli("align", str(Q4), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    ebitda = next(s for s in data["sentences"] if s["ja"]["line"] == 21)
    assert ebitda["en"]["line"] == 352
    assert {"ja": "53.0%", "en": "52.6%", "agrees": None} in ebitda["figures"]
    text = run_cli("align", str(Q4), "--no-color").stdout
    assert "ja 21   ↔ en 352" in text and "53.0% ≠ 52.6%" in text


def test_q4_note_amounts_written_without_thousand_in_english(q4):
    # 注記(2): 257,599千円 / 761,362千円; the English notes say "by Y257,599" / "by Y761,362".
    found = sorted((f.ja.line, f.ja.text, f.en.line, f.en.text) for f in q4.findings if f.code == "TQ504")
    assert found == [(142, "257,599千円", 635, "257,599"), (188, "761,362千円", 684, "761,362")]
    assert not [f for f in q4.findings if f.code == "TQ505"]


def test_prose_term_variation_reads_terms_from_a_house_glossary(tmp_path):
    """TQ303 looks at every entry of the glossaries the check loads: a house glossary's
    受注高 (Orders received | Order intake) mixed in the English prose is reported, with
    every place; the same prose with one rendering is not."""
    house = tmp_path / "house.ja-en.tsv"
    house.write_text("ja\ten\ten_variants\tnote\n受注高\tOrders received\tOrder intake\t\n", encoding="utf-8")
    ja = tmp_path / "ja.txt"
    ja.write_text(
        "株式会社サンプル\n2026年3月期 決算の概要\n当期の受注高は1,250億円となりました。\n"
        "受注高は全ての地域で増加しました。\n", encoding="utf-8")  # fmt: skip
    en_text = (
        "Sample Corporation\nResults for the Fiscal Year 2025\nOrders received for the year were ¥125.0 billion.\n"
        "Order intake grew in every region.\n"
    )
    en = tmp_path / "en.txt"
    options = Options(select=frozenset({"TQ303"}), glossaries=(str(house),))
    for text, found in ((en_text, 1), (en_text.replace("Order intake grew", "Orders received grew"), 0)):
        en.write_text(text, encoding="utf-8")
        findings = api.check(ja, en, options=options).findings
        assert len(findings) == found, [f.message for f in findings]
        if found:
            assert findings[0].message == (
                "'受注高' is rendered 2 ways in the English text: 'Orders received' (line 3); 'Order intake' (line 4)"
            )
    plain = api.check(ja, en, options=Options(select=frozenset({"TQ303"}))).findings
    assert plain == ()  # without the house glossary 受注高 is no term


TANSHIN = Path(__file__).resolve().parent / "fixtures" / "tanshin" / "correct"


def test_one_english_for_two_japanese_terms_in_a_tanshin(tmp_path):
    """The 決算短信 fixture's (参考) line gives 自己資本 as "Equity"; written "Net assets", the
    English of 純資産 in the financial-position paragraph, it is one English for two terms."""
    only = Options(select=frozenset({"TQ305"}))
    assert api.check(TANSHIN / "ja.txt", TANSHIN / "en.txt", options=only).findings == ()
    lines = (TANSHIN / "en.txt").read_text(encoding="utf-8").split("\n")
    assert lines[43].startswith("Reference: Equity: As of March 31, 2026: ¥409,582 million")
    lines[43] = lines[43].replace("Reference: Equity:", "Reference: Net assets:")
    (tmp_path / "en.txt").write_text("\n".join(lines), encoding="utf-8")
    (f,) = api.check(TANSHIN / "ja.txt", tmp_path / "en.txt", options=only).findings
    assert (f.ja.line, f.ja.text, f.en.line, f.en.text) == (44, "自己資本", 44, "Net assets")
    assert "純資産 (ja line 83, en line 83)" in f.message


def test_a_term_given_its_own_english_with_more_words_is_no_shared_rendering(tmp_path):
    """A house glossary narrows 売上高 to "Net sales", so "total revenues" is only 営業収益's
    English; the IIJ release renders 売上高 "Revenues" and, once, "total revenues": that holds
    its own "revenues", so it is no other term's English."""
    house = tmp_path / "house.tsv"
    house.write_text("売上高\tNet sales\t\thouse style\n", encoding="utf-8")
    q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
    only = Options(select=frozenset({"TQ305"}), glossaries=(str(house),))
    assert api.check(q4, options=only).findings == ()
