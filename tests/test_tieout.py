"""Tests for taiyaku.recompute.tieout: a sentence's amounts and change rates tied to the tables
of the same document, on the corpora and on small hand-made documents."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from taiyaku import api
from taiyaku.model import Convention, Document, Mention, Sentence, TieOut
from taiyaku.parse.mentions import extract
from taiyaku.recompute.money import MoneyIndex
from taiyaku.recompute.tieout import document_tieouts, tie_out

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
Q4 = CORPORA / "iij-2003-05-fy2002q4.ja-en.txt"
Q2 = CORPORA / "iij-2001-11-fy2001q2.ja-en.txt"
Q1 = CORPORA / "iij-2002-08-fy2002q1.en.txt"
SIXK = CORPORA / "iij-2002-05-6k-fy2001q4.en.txt"


@pytest.fixture(scope="module")
def q4() -> tuple[Document, Document]:
    ja, en, _ = api.load(Q4)
    return ja, en


def _sentences(doc: Document, line: int) -> list[Sentence]:
    return [s for u in doc.prose if u.line == line for s in u.sentences]


def _mentions(doc: Document, sentence: Sentence) -> list[Mention]:
    """The comparable figures the parse stage found in `sentence`."""
    return [m for u in doc.prose for s, m in u.mentions if s is sentence]


def _tie(doc: Document, sentence: Sentence, mentions: list[Mention] | None = None,
         convention: Convention | None = None) -> tuple[TieOut, ...]:  # fmt: skip
    index = MoneyIndex(doc, convention or doc.convention, doc.fy_end_month)
    return tie_out(index, sentence, _mentions(doc, sentence) if mentions is None else mentions)


def _ties(doc: Document, line: int, nth: int = 0) -> tuple[TieOut, ...]:
    return _tie(doc, _sentences(doc, line)[nth])


def _summary(ties) -> list[tuple[str, str, str, str, bool]]:
    return [(t.kind, t.mention.text, t.formula, t.expected, t.agrees) for t in ties]


# --- the corpora -----------------------------------------------------------------------------


def test_japanese_adjusted_ebitda_changes_do_not_agree_with_table_5(q4):
    ja, _ = q4
    ties = _ties(ja, 21)  # 償却前営業利益(Adjusted EBITDA)は459百万円と、対前年度比では53.0%減少…32.0%増加
    assert _summary(ties) == [
        ("change", "53.0%", "459 / 968 - 1", "-52.58", False),
        ("change", "32.0%", "459 / 349 - 1", "31.52", False),
    ]
    down, up = ties
    assert down.table.caption == "表 5. その他" and down.row.label == "Adjusted EBITDA"
    assert down.row.line == 91 and down.cell.line == 91
    assert [down.cell.text, down.base_cell.text, up.base_cell.text] == ["459", "968", "349"]
    periods = {c.index: c.period.quarter for c in down.table.columns}
    assert (periods[down.cell.column], periods[down.base_cell.column]) == ("4Q02", "4Q01")
    assert periods[up.base_cell.column] == "3Q02"
    assert down.value.quantize(Decimal("0.01")) == Decimal("-52.58")
    assert Decimal("-52.95") < down.lo < Decimal("-52.58") < down.hi  # 53.0 means <= -52.95
    assert up.value.quantize(Decimal("0.01")) == Decimal("31.52")


def test_english_adjusted_ebitda_changes_agree(q4):
    _, en = q4
    ties = _ties(en, 352)  # Adjusted EBITDA was JPY 459 million ..., a decrease of 52.6% ...
    assert _summary(ties) == [
        ("change", "52.6%", "459 / 968 - 1", "-52.58", True),
        ("change", "31.5%", "459 / 349 - 1", "31.52", True),
    ]
    assert ties[0].row.label == "Adjusted EBITDA"


def test_japanese_quarter_revenues_tie_to_appendix_1(q4):
    ja, _ = q4
    ties = _ties(ja, 19)  # 売上高は130億円(前年同期比7.7%増、前期比23.4%増)
    assert _summary(ties) == [
        ("change", "7.7%", "13,036,439 / 12,109,774 - 1", "7.65", True),
        ("change", "23.4%", "13,036,439 / 10,563,578 - 1", "23.41", True),
    ]
    assert ties[0].row.label == "営業収益合計"
    assert "Appendix 1" in ties[0].table.caption


def test_japanese_year_revenues_continue_into_the_next_sentence(q4):
    ja, _ = q4
    first, second = _sentences(ja, 25)  # 売上高は440億円と、… 。対前年度比10.3%増で…
    assert _tie(ja, first) == ()  # 440億円 agrees with 44,017,561: nothing to report
    (t,) = _tie(ja, second)
    assert (t.kind, t.mention.text, t.formula, t.agrees) == (
        "change", "10.3%", "44,017,561 / 39,904,613 - 1", True,
    )  # fmt: skip
    assert "Appendix 2" in t.table.caption and t.row.label == "営業収益合計"


def test_english_year_revenues_and_a_wrong_column_copied_into_prose(q4):
    _, en = q4
    (t,) = _ties(en, 356)  # JPY 44 billion, a 10.3% increase from the previous year
    assert (t.formula, t.agrees) == ("44,017,561 / 39,904,613 - 1", True)
    # "an increase of 5.5% compared to 4Q01": 5.5 is the 4Q01 share of revenues; YOY is 18.6.
    ties = _ties(en, 525)
    assert _summary(ties) == [
        ("change", "5.5%", "789,234 / 665,204 - 1", "18.645", False),  # rounds to 18.6
        ("change", "11.8%", "789,234 / 894,340 - 1", "-11.75", True),
    ]


def test_truncated_and_loss_amounts_in_the_corpus_are_not_reported(q4):
    ja, en = q4
    for line in (20, 26, 27):  # 446百万円 (a loss), 16億円 (1,670,889 truncated), 18億円
        assert _ties(ja, line) == ()
    for line in (351, 357, 358):
        assert _ties(en, line) == ()


def _all_ties():
    for path in (Q2, SIXK, Q1, Q4):
        ja, en, _ = api.load(path, single=True)
        for doc in (ja, en):
            if doc is None:
                continue
            for t in document_tieouts(doc):
                yield path.name, doc.lang.value, t.line, t


def test_every_corpus_sentence_the_only_disagreements_are_the_real_ones():
    ties = list(_all_ties())
    bad = sorted((name, lang, line, t.mention.text) for name, lang, line, t in ties if not t.agrees)
    assert bad == [
        (Q4.name, "en", 525, "5.5%"),
        (Q4.name, "ja", 21, "32.0%"),
        (Q4.name, "ja", 21, "53.0%"),
    ]
    assert all(t.kind == "change" for *_, t in ties)
    assert len(ties) >= 80


# --- hand-made documents ---------------------------------------------------------------------

EN_DOC = """Example Corporation announces its results for the fourth quarter of fiscal 2002.

Table 5. Other Financial Statistics (JPY in millions)

\t4Q02\t3Q02\t4Q01
Revenues\t1,500\t1,400\t1,300
Adjusted EBITDA\t459\t349\t968
Operating income (loss)\t(200)\t(100)\t(320)
Depreciation and amortization\t1,300\t900\t880

{sentence}
"""
EN_LINE = 11

JA_DOC = """株式会社サンプルは本日、2002年度第4四半期の決算を発表いたしました。

表 5. その他

(百万円)

\t4Q02\t3Q02\t4Q01
営業収益合計\t1,670\t1,600\t1,518
営業利益(損失)\t(200)\t(100)\t(320)
Adjusted EBITDA\t459\t349\t968

{sentence}
"""
JA_LINE = 12


def _doc(tmp_path: Path, template: str, sentence: str) -> Document:
    p = tmp_path / "doc.txt"
    p.write_text(template.format(sentence=sentence), encoding="utf-8")
    ja, en, _ = api.load(p, single=True)
    return ja or en


def _made(tmp_path: Path, template: str, sentence: str) -> list[tuple[str, str, str, str, bool]]:
    doc = _doc(tmp_path, template, sentence)
    line = EN_LINE if template is EN_DOC else JA_LINE
    return [x for s in _sentences(doc, line) for x in _summary(_tie(doc, s))]


def test_stated_changes_that_agree(tmp_path):
    got = _made(tmp_path, EN_DOC, "Revenues were JPY 1,500 million in 4Q02, an increase of 15.4% "
                                  "compared to 4Q01 and 7.1% from 3Q02.")  # fmt: skip
    assert got == [
        ("change", "15.4%", "1,500 / 1,300 - 1", "15.38", True),
        ("change", "7.1%", "1,500 / 1,400 - 1", "7.14", True),
    ]


def test_a_stated_change_that_does_not_agree(tmp_path):
    got = _made(tmp_path, EN_DOC, "Revenues were JPY 1,500 million in 4Q02, an increase of 12.0% "
                                  "compared to the same quarter of the previous year.")  # fmt: skip
    assert got == [("change", "12.0%", "1,500 / 1,300 - 1", "15.38", False)]


def test_a_wrong_direction_does_not_agree(tmp_path):
    got = _made(tmp_path, EN_DOC, "Revenues were JPY 1,500 million, a decrease of 7.1% from 3Q02.")
    assert got == [("change", "7.1%", "1,500 / 1,400 - 1", "7.14", False)]


def test_a_loss_is_tied_by_its_size_and_its_change_by_size(tmp_path):
    # (200) against (320): the signed ratio gives -37.5%; "narrowed" and 改善 both mean that.
    got = _made(tmp_path, EN_DOC, "The operating loss was JPY 200 million in 4Q02, a decrease of "
                                  "37.5% compared to 4Q01 and an increase of 100.0% from 3Q02.")  # fmt: skip
    assert got == [
        ("change", "37.5%", "(200) / (320) - 1", "-37.50", True),
        ("change", "100.0%", "(200) / (100) - 1", "100.00", True),
    ]
    assert _made(tmp_path, JA_DOC, "・営業損失は200百万円と前年同期比37.5%改善した。") == [
        ("change", "37.5%", "(200) / (320) - 1", "-37.50", True),
    ]
    assert _made(tmp_path, JA_DOC, "・営業損失は200百万円と前年同期比30.0%改善した。") == [
        ("change", "30.0%", "(200) / (320) - 1", "-37.50", False),
    ]


def test_a_truncated_japanese_amount_still_ties(tmp_path):
    # 16億円 is 1,670百万円 truncated (rounded it would be 17億円).
    got = _made(tmp_path, JA_DOC, "・売上高は16億円(前年同期比10.0%増)となった。")
    assert got == [("change", "10.0%", "1,670 / 1,518 - 1", "10.01", True)]


def test_a_japanese_change_carries_the_amount_of_the_sentence_before(tmp_path):
    got = _made(tmp_path, JA_DOC, "・売上高は16億円となった。前年同期比10.0%増で過去最高となった。")
    assert got == [("change", "10.0%", "1,670 / 1,518 - 1", "10.01", True)]


def test_an_amount_that_agrees_with_no_cell_of_the_named_row(tmp_path):
    doc = _doc(tmp_path, EN_DOC, "Adjusted EBITDA was JPY 495 million in 4Q02.")
    (t,) = _tie(doc, _sentences(doc, EN_LINE)[0])
    assert (t.kind, t.mention.text, t.row.label, t.cell.text, t.agrees) == (
        "amount", "JPY 495 million", "Adjusted EBITDA", "459", False,
    )  # fmt: skip
    assert t.base_cell is None and (t.value, t.lo, t.hi) == (459, Decimal("458.5"), Decimal("459.5"))
    assert t.expected == "459.0"
    got = _made(tmp_path, JA_DOC, "・償却前営業利益(Adjusted EBITDA)は495百万円となった。")
    assert got == [("amount", "495百万円", "459", "459.0", False)]


def test_an_amount_that_agrees_is_not_reported(tmp_path):
    assert _made(tmp_path, EN_DOC, "Adjusted EBITDA was JPY 459 million in 4Q02.") == []
    assert _made(tmp_path, JA_DOC, "・償却前営業利益(Adjusted EBITDA)は459百万円となった。") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Adjusted EBITDA is expected to be JPY 495 million in 1Q03.",  # a forecast
        "Adjusted EBITDA, excluding one-off items, was JPY 495 million.",  # not the label's clause
        "Adjusted EBITDA was mainly reduced by a JPY 150 million charge.",  # a component
        "Adjusted EBITDA was JPY 1,400 million.",  # 1,400 is another cell of the document
        "Consensus adjusted EBITDA was JPY 495 million.",  # the label does not open the clause
    ],
)
def test_amounts_about_something_else_are_not_reported(tmp_path, sentence):
    assert _made(tmp_path, EN_DOC, sentence) == []


def test_an_amount_two_rows_share_is_not_tied_unless_one_is_named(tmp_path):
    # 1,300 is both Revenues (4Q01) and Depreciation (4Q02): which one is meant?
    assert _made(tmp_path, EN_DOC, "It was JPY 1,300 million, an increase of 47.7% from 4Q01.") == []
    got = _made(tmp_path, EN_DOC, "Depreciation and amortization was JPY 1,300 million, an increase "
                                  "of 47.7% from 4Q01.")  # fmt: skip
    assert got == [("change", "47.7%", "1,300 / 880 - 1", "47.73", True)]


def test_a_base_the_table_does_not_hold_is_not_tied(tmp_path):
    assert _made(tmp_path, EN_DOC, "Revenues were JPY 1,500 million, an increase of 15.4% from 2Q02.") == []


def test_mentions_can_be_given(tmp_path):
    doc = _doc(tmp_path, EN_DOC, "Revenues were JPY 1,500 million in 4Q02, an increase of 15.4% "
                                 "compared to 4Q01 and 7.1% from 3Q02.")  # fmt: skip
    s = _sentences(doc, EN_LINE)[0]
    mentions = list(extract(s.text, s.lang))
    assert _tie(doc, s, mentions) == _tie(doc, s)
    only_first = [m for m in mentions if m.text != "7.1%"]
    assert [t.mention.text for t in _tie(doc, s, only_first)] == ["15.4%"]


def test_a_december_year_end_reads_quarter_codes_accordingly(tmp_path):
    doc = _doc(tmp_path, EN_DOC, "Revenues were JPY 1,500 million in 4Q02, an increase of 15.4% "
                                 "compared to 4Q01.")  # fmt: skip
    s = _sentences(doc, EN_LINE)[0]
    assert [t.agrees for t in _tie(replace(doc, fy_end_month=12), s)] == [True]
