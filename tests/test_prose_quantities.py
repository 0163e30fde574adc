"""Tests for taiyaku.prose.quantities: figures in running text, with their context."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from taiyaku import api
from taiyaku.model import Agreement, Convention, Lang, Mention
from taiyaku.parse import parse
from taiyaku.parse.mentions import extract
from taiyaku.parse.sentences import document_sentences
from taiyaku.read import read
from taiyaku.read.split import split_languages
from taiyaku.recompute.compare import compare

JA, EN = Lang.JA, Lang.EN
YOY, QOQ, PY = "year-ago quarter", "prior quarter", "prior year"
PP = "prior period"  # 前期比: the prior quarter or year, as the document reports (see test_rule_cases TQ503)


def one(text: str, lang: Lang) -> Mention:
    ms = extract(text, lang)
    assert len(ms) == 1, [m.text for m in ms]
    return ms[0]


def find(ms: tuple[Mention, ...], text: str) -> Mention:
    (m,) = [m for m in ms if m.text == text]
    return m


# (text, lang, mention text, value, upper, scale, unit, kind)
FIGURES = [
    ("130億円", JA, "130億円", "130", None, 8, "JPY", "amount"),
    ("95 億円", JA, "95 億円", "95", None, 8, "JPY", "amount"),
    ("446百万円", JA, "446百万円", "446", None, 6, "JPY", "amount"),
    ("1兆2,000億円", JA, "1兆2,000億円", "12000", None, 8, "JPY", "amount"),
    ("前期には▲300 百万円だった", JA, "▲300 百万円", "-300", None, 6, "JPY", "amount"),
    ("6.4Gbpsと大幅増加", JA, "6.4Gbps", "6.4", None, 0, "Gbps", "other"),
    ("見込み(125~130億円)を", JA, "125~130億円", "125", "130", 8, "JPY", "amount"),
    ("見込み(125～130億円)を", JA, "125～130億円", "125", "130", 8, "JPY", "amount"),
    ("売上高は 100 億円 - 105 億円を達成", JA, "100 億円 - 105 億円", "100", "105", 8, "JPY", "amount"),
    ("売上高は１３０億円", JA, "１３０億円", "130", None, 8, "JPY", "amount"),
    ("257,599千円増加", JA, "257,599千円", "257599", None, 3, "JPY", "amount"),
    ("2.5倍に拡大", JA, "2.5倍", "2.5", None, 0, "x", "other"),
    ("IIJグループ会社4社", JA, "4社", "4", None, 0, "count:companies", "counted"),
    # Counters, 万 and currencies other than yen and dollars (issue: today's disclosures).
    ("期末の従業員数は2,417人となりました", JA, "2,417人", "2417", None, 0, "count:people", "counted"),
    ("販売台数は281千台", JA, "281千台", "281", None, 3, "count:units", "counted"),
    ("店舗数は152店舗", JA, "152店舗", "152", None, 0, "count:stores", "counted"),
    ("自己株式1,200千株を取得", JA, "1,200千株", "1200", None, 3, "count:shares", "counted"),
    ("契約数は12万件", JA, "12万件", "12", None, 4, "count:cases", "counted"),
    ("売上高は2,480万人民元", JA, "2,480万人民元", "2480", None, 4, "CNY", "amount"),
    ("売上高は3,100万ユーロ", JA, "3,100万ユーロ", "3100", None, 4, "EUR", "amount"),
    ("営業利益は1億3,260万円", JA, "1億3,260万円", "13260", None, 4, "JPY", "amount"),
    ("前期比1.2ポイント上昇", JA, "1.2ポイント", "1.2", None, 0, "pt", "other"),
    ("revenue was RMB24.8 million", EN, "RMB24.8 million", "24.8", None, 6, "CNY", "amount"),
    ("sales of €31.0 million", EN, "€31.0 million", "31.0", None, 6, "EUR", "amount"),
    ("unit sales were 218 thousand units", EN, "218 thousand", "218", None, 3, None, "count"),
    ("unit sales were 281 k units", EN, "281 k", "281", None, 3, None, "count"),
    ("revenue of 1,234 oku yen", EN, "1,234 oku yen", "1234", None, 8, "JPY", "amount"),
    ("up 1.2 percentage points", EN, "1.2 percentage points", "1.2", None, 0, "pt", "other"),
    ("JPY 13 billion", EN, "JPY 13 billion", "13", None, 9, "JPY", "amount"),
    ("JPY13,036 million", EN, "JPY13,036 million", "13036", None, 6, "JPY", "amount"),
    ("$110 million", EN, "$110 million", "110", None, 6, "USD", "amount"),
    ("(\\$82 million)", EN, "\\$82 million", "82", None, 6, "USD", "amount"),
    ("an operating loss of (-) JPY300 million in 1Q01", EN, "(-) JPY300 million", "-300", None, 6, "JPY", "amount"),
    ("was (-)4.7%, compared", EN, "(-)4.7%", "-4.7", None, 0, "%", "percent"),
    ("was JPY(-)57.72 in 1Q02", EN, "JPY(-)57.72", "-57.72", None, 0, "JPY", "amount"),
    ("compared with negative 4.3% in 4Q00", EN, "4.3%", "-4.3", None, 0, "%", "percent"),
    ("revenues were 9.5 billion,", EN, "9.5 billion", "9.5", None, 9, None, "count"),
    ("13 billion yen", EN, "13 billion yen", "13", None, 9, "JPY", "amount"),
    ("¥5 billion", EN, "¥5 billion", "5", None, 9, "JPY", "amount"),
    # a figure in parentheses followed by its unit is negative, as in a table cell
    ("Comprehensive income was up [(12.4)%]", EN, "(12.4)%", "-12.4", None, 0, "%", "percent"),
    ("an operating loss of (41,207) million yen", EN, "(41,207) million yen", "-41207", None, 6, "JPY", "amount"),
    ("営業損益は(312)百万円となった", JA, "(312)百万円", "-312", None, 6, "JPY", "amount"),
    ("by 2.5 times from 2Q00", EN, "2.5 times", "2.5", None, 0, "x", "other"),
    ("a new 512kbps bandwidth", EN, "512kbps", "512", None, 0, "kbps", "other"),
    ("8,400 new shares", EN, "8,400", "8400", None, 0, None, "count"),
    (
        "to be between JPY10.5 billion and JPY11.0 billion.",
        EN, "JPY10.5 billion and JPY11.0 billion", "10.5", "11.0", 9, "JPY", "amount",
    ),
    ("EBITDA between JPY890 and JPY1,040 million", EN, "JPY890 and JPY1,040 million", "890", "1040", 6, "JPY", "amount"),
    ("the expected range of JPY10.5 billion to JPY11.0 billion", EN, "JPY10.5 billion to JPY11.0 billion", "10.5", "11.0", 9, "JPY", "amount"),
    ("The reductions ranged from 35% to 79%.", EN, "35% to 79%", "35", "79", 0, "%", "percent"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "shown", "value", "upper", "scale", "unit", "kind"), FIGURES
)
def test_figure(text, lang, shown, value, upper, scale, unit, kind) -> None:
    m = one(text, lang)
    q = m.quantity
    assert m.text == shown
    assert text[m.start : m.end] == shown
    assert q.value == Decimal(value)
    assert q.upper == (None if upper is None else Decimal(upper))
    assert (q.scale, q.unit, m.kind) == (scale, unit, kind)


# (text, lang, mention text, direction, base, approx, bound)
CONTEXT = [
    ("前年同期比7.7%増", JA, "7.7%", "up", YOY, False, None),
    ("前年同四半期比5.0%減", JA, "5.0%", "down", YOY, False, None),
    ("前期比23.4%増", JA, "23.4%", "up", PP, False, None),
    ("前四半期比では32.0%増加。", JA, "32.0%", "up", QOQ, False, None),
    ("前四半期対比 3.0%改善", JA, "3.0%", "better", QOQ, False, None),
    ("対前年度比では53.0%減少したが", JA, "53.0%", "down", PY, False, None),
    ("前年度比50%の削減が予想", JA, "50%", "down", PY, False, None),
    ("前年同期比で 51.4%減", JA, "51.4%", "down", YOY, False, None),
    ("売上高は10.3%増収", JA, "10.3%", "up", None, False, None),
    ("利益は4.1%減益", JA, "4.1%", "down", None, False, None),
    ("営業損益は2.0%悪化", JA, "2.0%", "worse", None, False, None),
    ("これは前年同期比約 40%の成長率となる", JA, "40%", "up", YOY, True, None),
    ("前年度比10%以上の成長を見込んで", JA, "10%", "up", PY, False, "min"),
    ("売上高は7.7%増加(前年同期比)", JA, "7.7%", "up", YOY, False, None),
    ("粗利益率は14.1%に", JA, "14.1%", None, None, False, None),
    ("an increase of 7.7%", EN, "7.7%", "up", None, False, None),
    ("a decrease of 52.6% compared to 4Q01", EN, "52.6%", "down", "4Q01", False, None),
    ("revenues increased 7.7% from 4Q01", EN, "7.7%", "up", "4Q01", False, None),
    ("and decreased 3.3% from 4Q01.", EN, "3.3%", "down", "4Q01", False, None),
    ("and a decline of 2.6% compared to 4Q01", EN, "2.6%", "down", "4Q01", False, None),
    ("expects total revenues to grow by 15% compared to the previous quarter", EN, "15%", "up", QOQ, False, None),
    ("Revenues were up 17.5% compared with the same quarter of the prior year", EN, "17.5%", "up", YOY, False, None),
    ("and were down 9.4% year-over-year", EN, "9.4%", "down", YOY, False, None),
    ("SI revenue increased 33% sequentially", EN, "33%", "up", QOQ, False, None),
    ("a 5.0% sequential decline", EN, "5.0%", "down", QOQ, False, None),
    ("the 46.0% year-over-year increase in revenues", EN, "46.0%", "up", YOY, False, None),
    ("a 10.3% increase from the prior fiscal year", EN, "10.3%", "up", PY, False, None),
    ("revenues to grow by more than 10% compared to fiscal 2001.", EN, "10%", "up", PY, False, "min"),
    ("representing approximately 40% growth from 3Q00", EN, "40%", "up", "3Q00", True, None),
    ("costs declined by approximately 66% in the year-over-year comparison", EN, "66%", "down", YOY, True, None),
    ("an approximate 50% decline on a year over year basis", EN, "50%", "down", YOY, True, None),
    ("compared to 4 Q 01 revenues rose 5% compared to 4 Q 01", EN, "5%", "up", "4Q01", False, None),
    ("approximately 40%", EN, "40%", None, None, True, None),
    ("up to JPY15 billion", EN, "JPY15 billion", None, None, False, "max"),
    ("improved to 13.4% in 4Q02 compared to 4Q01", EN, "13.4%", None, None, False, None),
    ("a gain of JPY 256 million in 2Q00", EN, "JPY 256 million", None, None, False, None),
    ("a write-down of JPY 175 million", EN, "JPY 175 million", None, None, False, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "shown", "direction", "base", "approx", "bound"), CONTEXT
)
def test_context(text, lang, shown, direction, base, approx, bound) -> None:
    m = find(extract(text, lang), shown)
    assert (m.direction, m.base, m.approx, m.bound) == (direction, base, approx, bound)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # (mention text, value, direction, base) for every mention, in order
        (
            "売上高は130億円(前年同期比7.7%増、前期比23.4%増)で、見込み(125~130億円)を上回った。",
            JA,
            [("130億円", "130", None, None), ("7.7%", "7.7", "up", YOY),
             ("23.4%", "23.4", "up", PP), ("125~130億円", "125", None, None)],
        ),
        (
            "EBITDA も前期比 89.2%増の 712 百万円となった。",
            JA,
            [("89.2%", "89.2", "up", PP), ("712 百万円", "712", None, None)],
        ),
        (
            # a change "from X to Y" is two figures, not a range
            "前期の▲300百万円から16百万円に改善した。",
            JA,
            [("▲300百万円", "-300", None, None), ("16百万円", "16", None, None)],
        ),
        (
            "revenues were JPY5,620 million in 1Q02, a decrease of 1.5% compared to 1Q01 and "
            "3.8% compared to 4Q01.",
            EN,
            [("JPY5,620 million", "5620", None, None), ("1.5%", "1.5", "down", "1Q01"),
             ("3.8%", "3.8", "down", "4Q01")],
        ),
        (
            "Dial-up access service decreased 19.3% to JPY 933 million from 2Q00, and by 5.2% "
            "from 1Q01.",
            EN,
            [("19.3%", "19.3", "down", "2Q00"), ("JPY 933 million", "933", None, None),
             ("5.2%", "5.2", "down", "1Q01")],
        ),
        (
            "Sales and marketing expenses decreased 7.7% to JPY820 million from 2Q00, and up by "
            "0.1% from 1Q01.",
            EN,
            [("7.7%", "7.7", "down", "2Q00"), ("JPY820 million", "820", None, None),
             ("0.1%", "0.1", "up", "1Q01")],
        ),
        (
            "increased its equity stake from 50.0% to 52.5%.",
            EN,
            [("50.0%", "50.0", None, None), ("52.5%", "52.5", None, None)],
        ),
        (
            "The ratio was 0.2%, compared to (-)7.8% in 2Q00, and to (-)3.6% in 1Q01.",
            EN,
            [("0.2%", "0.2", None, None), ("(-)7.8%", "-7.8", None, None),
             ("(-)3.6%", "-3.6", None, None)],
        ),
    ],
)  # fmt: skip
def test_sentence_mentions(text, lang, expected) -> None:
    got = [
        (m.text, str(m.quantity.value), m.direction, m.base)
        for m in extract(text, lang)
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2003年3月31日", JA),
        ("2003年5月21日22:00より", JA),
        ("2003/3/31", JA),
        ("(2003/3/31)にて", JA),
        ("2002年度の売上高", JA),
        ("2001 年度第 2 四半期", JA),
        ("第4四半期", JA),
        ("2002年度第4四半期(1-3月)", JA),
        ("8ページ目より", JA),
        ("注記(1): 次の通り", JA),
        ("表 1. 契約数", JA),
        ("June 6, 2003", EN),
        ("On May 21 at 9:00 am (EST)", EN),
        ("at 9:00am (EST)", EN),
        ("from September 11 to September 30, 2001", EN),
        ("the September 11th tragedies", EN),
        ("fiscal 2002", EN),
        ("FY2002 and 4Q02", EN),
        ("the 1st quarter and the 2nd quarter", EN),
        ("Adjusted EBITDA⁽²⁾ rose", EN),
        ("EBITDA^(*) rose", EN),
        ("Note (1): translations", EN),
        ("specifically by: 1) integrating 2) strengthening", EN),
        ("Tel. 03-5259-6500", EN),
        ("ir@ij.ad.jp or +81-3-5259-6500(Tel)", EN),
        ("212-701-1824", EN),
        ("Table 1. Number of Contracts", EN),
        ("Appendices 1 and 2", EN),
        ("reports on Forms 20-F and 6-K", EN),
        ("Form 20-F and Form 6-K", EN),
        ("IPv6, IIJ4U, NY6IX and 6TAP", EN),
        ("approximately 3×10^{26} IP addresses (a block of /40)", EN),
        ("Founded in 1992, IIJ", EN),
        ("IIJ Achieves 25,2% Revenue Growth", EN),
    ],
)
def test_not_a_figure(text: str, lang: Lang) -> None:
    assert extract(text, lang) == ()


def test_dates_around_a_figure_are_left_out() -> None:
    ms = extract(
        "On June 6, 2003, revenue for fiscal 2002 was JPY 5 billion (Note 2).", EN
    )
    assert [m.text for m in ms] == ["JPY 5 billion"]
    ms = extract("2003年3月期の売上高は440億円(2003/3/31現在)。", JA)
    assert [m.text for m in ms] == ["440億円"]


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("the rate of JPY 118.07 = \\$1, the approximate rate", EN, ["118.07", "1"]),
        ("米ドル換算レート118.07円=1米ドル(2003/3/31)にて", JA, ["118.07", "1"]),
    ],
)
def test_exchange_rates_are_flagged(text: str, lang: Lang, values: list[str]) -> None:
    ms = extract(text, lang)
    assert [str(m.quantity.value) for m in ms] == values
    assert [m.kind for m in ms] == ["rate", "rate"]
    assert [m.quantity.unit for m in ms] == ["JPY", "USD"]


def test_offsets_survive_markup() -> None:
    text = "Adjusted EBITDA⁽¹⁾ was JPY 459 million (\\$ 3.9 million), up 5%."
    ms = extract(text, EN)
    assert [m.text for m in ms] == ["JPY 459 million", "\\$ 3.9 million", "5%"]
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert ms[1].quantity.value == Decimal("3.9") and ms[1].quantity.unit == "USD"


# --------------------------------------------------------------------------------------------
# Comparing what the two languages say
# --------------------------------------------------------------------------------------------


def q(text: str, lang: Lang):
    return one(text, lang).quantity


def test_130_oku_yen_agrees_with_13_billion() -> None:
    assert compare(q("130億円", JA), q("JPY 13 billion", EN)).verdict is Agreement.SAME


def test_16_oku_yen_truncated_overlaps_1_7_billion_rounded() -> None:
    ja, en = q("16億円", JA), q("JPY 1.7 billion", EN)
    lo_ja, hi_ja = ja.interval(Convention.TRUNCATE)
    lo_en, hi_en = en.interval(Convention.ROUND)
    assert lo_ja < hi_en and lo_en < hi_ja  # [1.6, 1.7) meets [1.65, 1.75)
    assert compare(ja, en, convention=Convention.ROUND).verdict is Agreement.DIFFERENT


def test_ranges_compare_end_to_end() -> None:
    ja = q("100 億円 - 105 億円", JA)
    en = q("between JPY10.0 billion and JPY10.5 billion", EN)
    assert compare(ja, en).agrees
    assert not compare(ja, q("between JPY10.0 billion and JPY11.0 billion", EN)).agrees


def test_signs_compare() -> None:
    ja = q("▲300 百万円", JA)
    assert compare(ja, q("(-) JPY300 million", EN)).agrees
    assert compare(ja, q("JPY300 million", EN)).verdict is Agreement.SIGN


# --------------------------------------------------------------------------------------------
# The real documents
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fy2002q4(corpora):
    ja, en, _ = api.load(corpora / "iij-2003-05-fy2002q4.ja-en.txt")
    return document_sentences(ja), document_sentences(en)


def mentions_on_line(sents, line: int, lang: Lang) -> list[Mention]:
    return [m for s in sents if s.line == line for m in extract(s.text, lang)]


def summary(ms: list[Mention]) -> list[tuple]:
    return [
        (m.text, m.quantity.value, m.quantity.upper, m.direction, m.base) for m in ms
    ]


def test_corpus_japanese_adjusted_ebitda_bullet(fy2002q4) -> None:
    ms = mentions_on_line(fy2002q4[0], 21, JA)
    assert summary(ms) == [
        ("459百万円", Decimal("459"), None, None, None),
        ("53.0%", Decimal("53.0"), None, "down", PY),
        ("32.0%", Decimal("32.0"), None, "up", QOQ),
    ]
    assert (ms[0].quantity.scale, ms[0].quantity.unit) == (6, "JPY")


def test_corpus_japanese_revenue_bullet(fy2002q4) -> None:
    ms = mentions_on_line(fy2002q4[0], 19, JA)
    assert summary(ms) == [
        ("130億円", Decimal("130"), None, None, None),
        ("7.7%", Decimal("7.7"), None, "up", YOY),
        ("23.4%", Decimal("23.4"), None, "up", PP),  # 前期比 in a quarterly release: the prior quarter
        ("125~130億円", Decimal("125"), Decimal("130"), None, None),
    ]
    assert ms[3].quantity.scale == 8


def test_corpus_english_adjusted_ebitda_changes(fy2002q4) -> None:
    en_sents = fy2002q4[1]
    (s,) = [s for s in en_sents if "52.6%" in s.text]
    ms = extract(s.text, EN)
    down, up = find(ms, "52.6%"), find(ms, "31.5%")
    assert (down.direction, down.base) == ("down", "4Q01")
    assert (up.direction, up.base) == ("up", "3Q02")
    assert find(ms, "JPY 459 million").quantity.scale == 6


def test_corpus_the_ebitda_change_rates_disagree(fy2002q4) -> None:
    """The real finding: 53.0 % / 32.0 % in Japanese, 52.6 % / 31.5 % in English."""
    ja = {
        m.direction: m.quantity
        for m in mentions_on_line(fy2002q4[0], 21, JA)
        if m.kind == "percent"
    }
    (s,) = [s for s in fy2002q4[1] if "52.6%" in s.text]
    en = {m.direction: m.quantity for m in extract(s.text, EN) if m.kind == "percent"}
    assert compare(ja["down"], en["down"]).verdict is Agreement.DIFFERENT
    assert compare(ja["up"], en["up"]).verdict is Agreement.DIFFERENT


def test_corpus_guidance_ranges_agree(corpora) -> None:
    ja, en, _ = api.load(corpora / "iij-2001-11-fy2001q2.ja-en.txt")
    ja_ms = [m for s in document_sentences(ja) for m in extract(s.text, JA)]
    en_ms = [m for s in document_sentences(en) for m in extract(s.text, EN)]
    ja_range = find(tuple(ja_ms), "100 億円 - 105 億円").quantity
    en_range = find(tuple(en_ms), "JPY10.0 billion and JPY10.5 billion").quantity
    assert compare(ja_range, en_range).agrees


def test_corpus_no_dates_years_or_quarter_codes(corpora) -> None:
    year = re.compile(r"(?:19|20)\d\d")
    for path in sorted(corpora.glob("*.txt")):
        src = read(path)
        for span in split_languages(src.texts):
            doc = parse(src, span)
            for s in document_sentences(doc):
                for m in extract(s.text, doc.lang):
                    assert s.text[m.start : m.end] == m.text
                    assert not year.fullmatch(m.text), (path.name, s.line, m.text)
                    assert not re.search(r"[1-4]Q\d\d|年|月|日", m.text), (
                        path.name,
                        s.line,
                        m.text,
                    )


def test_per_share_is_no_count_of_shares() -> None:
    """1株当たり is "per share": its 1 counts nothing (a bare figure, not compared)."""
    ms = extract("1株当たり配当金は52円", JA)
    assert [(m.text, m.kind) for m in ms] == [("1", "count"), ("52円", "amount")]
