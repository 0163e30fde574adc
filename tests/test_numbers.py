"""Tests for taiyaku.numbers: reading figures as displayed in table cells."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taiyaku.model import Convention, QKind, Quantity
from taiyaku.parse.numbers import parse_quantity, strip_label_footnotes, strip_markup


def num(
    value: str,
    decimals: int = 0,
    *,
    percent: bool = False,
    neg: str | None = None,
    scale: int = 0,
    unit: str | None = None,
    upper: str | None = None,
    grouped: bool | None = None,
) -> dict:
    """The expected fields of a NUMBER quantity (grouped checked only when given)."""
    exp = {
        "kind": QKind.NUMBER,
        "value": Decimal(value),
        "decimals": decimals,
        "percent": percent,
        "negative_style": neg,
        "scale": scale,
        "unit": unit,
        "upper": None if upper is None else Decimal(upper),
    }
    if grouped is not None:
        exp["grouped"] = grouped
    return exp


NA = {"kind": QKind.NA, "value": None}
NIL = {"kind": QKind.NIL, "value": None}

CASES: list[tuple[str, dict | None]] = [
    # plain figures, grouping
    ("1,234", num("1234", grouped=True)),
    ("1234", num("1234", grouped=False)),
    ("1519", num("1519", grouped=False)),
    ("1,234,567", num("1234567", grouped=True)),
    ("45,688,450", num("45688450", grouped=True)),
    ("0", num("0")),
    ("0.0", num("0.0", 1)),
    ("6.0", num("6.0", 1)),
    ("47.52", num("47.52", 2)),
    ("3,214.0", num("3214.0", 1, grouped=True)),
    ("100.0%", num("100.0", 1, percent=True, unit="%")),
    ("05,240", None),  # OCR damage: a grouped figure never starts with 0
    ("<u>100.0</u>", num("100.0", 1)),
    ("<u>53,657</u>", num("53657", grouped=True)),
    # negatives
    ("(1,234)", num("-1234", neg="paren", grouped=True)),
    ("<u>(1,670,889)</u>", num("-1670889", neg="paren", grouped=True)),
    ("(8.3)", num("-8.3", 1, neg="paren")),
    ("<u>(3,214.0)</u>", num("-3214.0", 1, neg="paren", grouped=True)),
    ("(0)", num("0", neg="paren")),
    ("▲1,234", num("-1234", neg="triangle", grouped=True)),
    ("△1,234", num("-1234", neg="triangle", grouped=True)),
    ("▲300 百万円", num("-300", neg="triangle", scale=6, unit="JPY")),
    ("-905", num("-905", neg="minus")),
    ("−905", num("-905", neg="minus")),  # U+2212
    ("－905", num("-905", neg="minus")),  # full-width hyphen-minus
    ("-3,470", num("-3470", neg="minus", grouped=True)),
    ("(-)300", num("-300", neg="minus")),
    ("(-) 300", num("-300", neg="minus")),
    # percent
    ("12.3%", num("12.3", 1, percent=True, unit="%")),
    ("25.2 %", num("25.2", 1, percent=True, unit="%")),
    ("(12.3%)", num("-12.3", 1, percent=True, neg="paren", unit="%")),
    ("<u>(21.2%)</u>", num("-21.2", 1, percent=True, neg="paren", unit="%")),
    ("(12.3)%", num("-12.3", 1, percent=True, neg="paren", unit="%")),
    ("▲5.2%", num("-5.2", 1, percent=True, neg="triangle", unit="%")),
    ("-1.8%", num("-1.8", 1, percent=True, neg="minus", unit="%")),
    # full-width
    ("１，２３４", num("1234", grouped=True)),
    ("１２．３％", num("12.3", 1, percent=True, unit="%")),
    ("（１，２３４）", num("-1234", neg="paren", grouped=True)),
    ("▲１，２３４", num("-1234", neg="triangle", grouped=True)),
    # inline Japanese units and scales
    ("16億円", num("16", scale=8, unit="JPY")),
    ("446百万円", num("446", scale=6, unit="JPY")),
    ("10,000 百万円", num("10000", scale=6, unit="JPY", grouped=True)),
    ("1兆2,000億円", num("12000", scale=8, unit="JPY")),
    ("1,234千円", num("1234", scale=3, unit="JPY")),
    ("118.07円", num("118.07", 2, scale=0, unit="JPY")),
    ("95 億円", num("95", scale=8, unit="JPY")),
    ("3万", num("3", scale=4)),
    ("6.4Gbps", num("6.4", 1, unit="Gbps")),
    # inline English units and scales
    ("JPY 13 billion", num("13", scale=9, unit="JPY")),
    ("JPY13,036 million", num("13036", scale=6, unit="JPY", grouped=True)),
    ("JPY10.5 billion", num("10.5", 1, scale=9, unit="JPY")),
    ("¥1.7 billion", num("1.7", 1, scale=9, unit="JPY")),
    ("¥5 billion", num("5", scale=9, unit="JPY")),
    ("$110 million", num("110", scale=6, unit="USD")),
    ("\\$ 110 million", num("110", scale=6, unit="USD")),
    ("\\$87.6 million", num("87.6", 1, scale=6, unit="USD")),
    ("US$1", num("1", unit="USD")),
    ("US\\$1", num("1", unit="USD")),
    ("USD 2.5 bn", num("2.5", 1, scale=9, unit="USD")),
    ("13 billion yen", num("13", scale=9, unit="JPY")),
    ("(¥1,234)", num("-1234", neg="paren", unit="JPY")),
    # ranges
    ("10,000 百万円 - 10,500 百万円", num("10000", scale=6, unit="JPY", upper="10500")),
    ("150 百万円 - 300 百万円", num("150", scale=6, unit="JPY", upper="300")),
    ("890 百万円 - 1,040 百万円", num("890", scale=6, unit="JPY", upper="1040")),
    ("10,000 - 10,500", num("10000", upper="10500")),
    ("10,000 to 10,500", num("10000", upper="10500")),
    ("890 to 1,040", num("890", upper="1040")),
    ("125~130億円", num("125", scale=8, unit="JPY", upper="130")),
    ("125～130億円", num("125", scale=8, unit="JPY", upper="130")),
    ("125〜130億円", num("125", scale=8, unit="JPY", upper="130")),
    ("100 億円 - 105 億円", num("100", scale=8, unit="JPY", upper="105")),
    ("100から105億円", num("100", scale=8, unit="JPY", upper="105")),
    ("9.5 - 10.25", num("9.5", 2, upper="10.25")),
    ("JPY 10.0 billion to JPY 10.5 billion", num("10.0", 1, scale=9, unit="JPY", upper="10.5")),
    ("890–1,040", num("890", upper="1040")),
    ("▲500 - ▲300", num("-500", neg="triangle", upper="-300")),
    # NA / NIL
    ("n/a", NA),
    ("N/A", NA),
    ("NA", NA),
    ("n.a.", NA),
    ("該当なし", NA),
    ("-", NIL),
    ("－", NIL),
    ("—", NIL),
    ("―", NIL),
    ("‐", NIL),
    ("_", NIL),
    ("<u>-</u>", NIL),
    # not a single figure
    ("", None),
    ("   ", None),
    ("<u></u>", None),
    ("----", None),
    ("------------", None),
    ("____", None),
    ("4Q02", None),
    ("2003年3月期", None),
    ("Mar 31, 2003", None),
    ("05/08/2002", None),
    ("USD (1)", None),
    ("USD ⁽¹⁾", None),
    ("JPY", None),
    ("百万円", None),
    ("%", None),
    ("% of Total Revenues", None),
    ("対前年同四半期 %", None),
    ("1,23", None),
    ("1234,567", None),
    ("1,234.", None),
    (". 0", None),
    ("IP Service", None),
    ("Operating income (loss)", None),
    ("89,213 171,363 260,576", None),
    ("3 11,000", None),
    ("64kbps - 128kbps", None),  # a service-tier label, not a figure
    ("3Mbps - 1.2Gbps", None),
    ("10,500 - 10,000", None),  # descending: not a range
    ("16億 million", None),
    ("JPY 5%", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(t) for t, _ in CASES])
def test_parse_quantity(text: str, expected: dict | None) -> None:
    q = parse_quantity(text)
    if expected is None:
        assert q is None
        return
    assert q is not None
    got = {k: getattr(q, k) for k in expected}
    assert got == expected
    if q.value is not None:
        # value is an exact Decimal, not a float; a single figure keeps its displayed exponent
        assert isinstance(q.value, Decimal)
        if q.upper is None:
            assert q.value.as_tuple().exponent == -q.decimals


def test_parse_quantity_keeps_cleaned_original_text() -> None:
    q = parse_quantity("<u>（１，２３４）</u>")
    assert q is not None
    assert q.text == "（１，２３４）"  # markup gone, full-width kept
    q = parse_quantity("\\$ 110  million")
    assert q is not None
    assert q.text == "$ 110 million"


def test_parse_quantity_nil_and_na_text() -> None:
    q = parse_quantity(" － ")
    assert q == Quantity("－", QKind.NIL)
    assert not q.is_number
    q = parse_quantity("N/A")
    assert q == Quantity("N/A", QKind.NA)


def test_negative_zero_is_plain_zero() -> None:
    q = parse_quantity("(0.0)")
    assert q is not None
    assert q.value == 0
    assert not q.value.is_signed()
    assert q.decimals == 1


def test_parse_quantity_is_cached_but_equal() -> None:
    assert parse_quantity("1,234") == parse_quantity("1,234")
    assert parse_quantity("1,234") != parse_quantity("1234")


# ---------------------------------------------------------------------------------------------
# strip_markup / strip_label_footnotes
# ---------------------------------------------------------------------------------------------

MARKUP_CASES = [
    ("<u>(1,670,889)</u>", "(1,670,889)"),
    ("<u>25.2%</u>", "25.2%"),
    ("インターネットデータセンター接続サービス契約数^{(*)3}", "インターネットデータセンター接続サービス契約数"),
    ("その他^{(*)4}", "その他"),
    (
        "<i>Internet Data Center Connectivity Services</i> ⁽²⁾",
        "Internet Data Center Connectivity Services",
    ),
    ("専用線接続サービス ⁽²⁾", "専用線接続サービス"),
    ("Depreciation and amortization ⁽⁴⁾", "Depreciation and amortization"),
    ("Depreciation and amortization ^(*)", "Depreciation and amortization"),
    ("<i>IIJ FiberAccess/F</i> ^(*)", "IIJ FiberAccess/F"),
    ("<i>IIJ DSL/F</i> ⁽²⁾ 1.5Mbps(最大)", "IIJ DSL/F 1.5Mbps(最大)"),
    (
        "<i>IP</i> サービス (<i>IP</i> サービスおよび <i>IIJ T1</i> スタンダード)",
        "IP サービス (IP サービスおよび IIJ T1 スタンダード)",
    ),
    ("USD ⁽¹⁾", "USD"),
    ("Restricted Cash ^{(1)}", "Restricted Cash"),
    ("\\$ 110 million", "$ 110 million"),
    ("US\\$1, the", "US$1, the"),
    ("Operating income (loss)", "Operating income (loss)"),
    ("(2)", "(2)"),  # plain parentheses: a negative number, kept
    ("専用線接続サービス(2)", "専用線接続サービス(2)"),
    ("  Total \t revenues  ", "Total revenues"),
    ("<概況> 第2四半期", "<概況> 第2四半期"),  # not an HTML tag
    ("", ""),
]


@pytest.mark.parametrize(("raw", "clean"), MARKUP_CASES)
def test_strip_markup(raw: str, clean: str) -> None:
    assert strip_markup(raw) == clean


LABEL_CASES = [
    ("専用線接続サービス(2)", "専用線接続サービス"),
    ("付加価値サービス(2)", "付加価値サービス"),
    ("専用線接続サービス ⁽²⁾", "専用線接続サービス"),
    ("Dedicated access services (2)", "Dedicated access services"),
    ("Dedicated access services ⁽²⁾", "Dedicated access services"),
    ("USD (1)", "USD"),
    ("USD ⁽¹⁾", "USD"),
    ("Depreciation and amortization (4)", "Depreciation and amortization"),
    ("Depreciation and amortization ⁽⁴⁾", "Depreciation and amortization"),
    ("Depreciation and amortization (*)", "Depreciation and amortization"),
    ("Others (3)(5)", "Others"),
    ("インターネットデータセンター接続サービス契約数^{(*)3}", "インターネットデータセンター接続サービス契約数"),
    ("<i>Others</i> ⁽⁵⁾", "Others"),
    ("Operating income (loss)", "Operating income (loss)"),
    ("営業利益(損失)", "営業利益(損失)"),
    ("Net increase (decrease) in borrowings", "Net increase (decrease) in borrowings"),
    ("Shares outstanding (2002)", "Shares outstanding (2002)"),  # a year, not a footnote
    ("(1)", "(1)"),  # never strip the whole label
    ("建物及び構築物※1", "建物及び構築物"),
    ("Goodwill *2", "Goodwill"),
    ("Goodwill * 12", "Goodwill"),
    ("のれん（３）", "のれん"),
    ("Year ended March 31, 2003", "Year ended March 31, 2003"),  # ends in digits, no mark
    ("第73期", "第73期"),
]


@pytest.mark.parametrize(("raw", "clean"), LABEL_CASES)
def test_strip_label_footnotes(raw: str, clean: str) -> None:
    assert strip_label_footnotes(raw) == clean


# ---------------------------------------------------------------------------------------------
# intervals
# ---------------------------------------------------------------------------------------------


def _iv(text: str, convention: Convention = Convention.ROUND, extra_scale: int = 0):
    q = parse_quantity(text)
    assert q is not None and q.is_number
    return q.interval(convention, extra_scale)


def _intersect(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_interval_of_one_decimal() -> None:
    assert _iv("6.0") == (Decimal("5.95"), Decimal("6.05"))


def test_adjacent_rounded_values_do_not_intersect() -> None:
    assert not _intersect(_iv("5.9"), _iv("6.0"))
    assert _intersect(_iv("6.0"), _iv("6.00"))


def test_grouping_does_not_change_interval() -> None:
    assert _iv("1,519") == _iv("1519")
    assert _iv("1,519") == (Decimal("1518.5"), Decimal("1519.5"))


def test_truncated_oku_interval() -> None:
    assert _iv("16億円", Convention.TRUNCATE) == (Decimal("1.6E9"), Decimal("1.7E9"))


def test_oku_truncate_meets_billion_round() -> None:
    assert _intersect(_iv("16億円", Convention.TRUNCATE), _iv("JPY 1.7 billion"))
    assert _intersect(_iv("16億円", Convention.TRUNCATE), _iv("¥1.6 billion"))
    assert not _intersect(_iv("16億円", Convention.TRUNCATE), _iv("JPY 1.8 billion"))


def test_hyakuman_matches_million() -> None:
    assert _iv("446百万円") == _iv("JPY446 million")
    assert _iv("446百万円") != _iv("JPY447 million")


def test_table_unit_applied_on_top() -> None:
    # a thousands-of-yen table cell against a millions-of-yen figure in text
    assert _intersect(_iv("9,849,000", extra_scale=3), _iv("JPY9,849 million"))


def test_negative_truncate_goes_away_from_zero() -> None:
    assert _iv("▲16億円", Convention.TRUNCATE) == (Decimal("-1.7E9"), Decimal("-1.6E9"))


def test_range_high_end_interval() -> None:
    q = parse_quantity("125～130億円")
    assert q is not None
    assert q.interval(end="high") == (Decimal("1.295E10"), Decimal("1.305E10"))
    assert q.interval(end="low") == (Decimal("1.245E10"), Decimal("1.255E10"))


@pytest.mark.parametrize(
    "text",
    ["0", "7", "12", "100", "1,234", "12,345,678", "1,234.56", "0.5", "12.50", "1234567",
     "9" * 20, "9" * 21, "1" * 19 + ".5", "05", "05,240", "1,23", "1,2345", "1.", ".5", "１,２３４"],
)  # fmt: skip
def test_the_plain_figure_fast_path_reads_what_the_full_parser_reads(text):
    from taiyaku.parse import numbers

    assert numbers.plain_quantity(text) in (None, numbers._parse_any(text))
    assert numbers._parse(text) == numbers._parse_any(text)


# ---------------------------------------------------------------------------------------------
# compare: equal figures are judged without their intervals; the verdict is the intervals'
# ---------------------------------------------------------------------------------------------

_EQUAL_VALUES = [("0", "0"), ("7", "7"), ("-7", "-7.0"), ("(1,234)", "-1234"), ("▲98", "(98)"), ("1,234", "1234"),
                 ("1,234", "1,234.0"), ("12.5", "12.50"), ("-0.5", "-0.50"), ("100.0", "100"), ("3億円", "3.0億円"),
                 ("10,000～10,500", "10,000～10,500"), ("12.5%", "12.50%")]  # fmt: skip


@pytest.mark.parametrize(("text", "other"), _EQUAL_VALUES)
@pytest.mark.parametrize("conventions", [(Convention.ROUND, Convention.ROUND), (Convention.TRUNCATE, Convention.ROUND),
                                         (Convention.ROUND, Convention.TRUNCATE),
                                         (Convention.TRUNCATE, Convention.TRUNCATE)])  # fmt: skip
@pytest.mark.parametrize("scales", [(None, None), (3, 3), (6, None), (3, 6)])
def test_compare_of_equal_values_is_what_their_intervals_say(text, other, conventions, scales) -> None:
    from taiyaku.model import Agreement
    from taiyaku.parse.numbers import effective_scale
    from taiyaku.recompute.compare import compare

    a, b = parse_quantity(text), parse_quantity(other)
    assert a is not None and b is not None and a.value == b.value and a.upper == b.upper
    got = compare(a, b, scales[0], scales[1], *conventions)
    sa = scales[0] if scales[0] is not None else scales[1]
    sb = scales[1] if scales[1] is not None else scales[0]
    ca = Convention.ROUND if a.percent else conventions[0]
    cb = Convention.ROUND if b.percent else conventions[1]
    ends = ("low", "high") if a.upper is not None else ("low",)
    meets = all(
        _intersect(a.interval(ca, effective_scale(a, sa), e), b.interval(cb, effective_scale(b, sb), e)) for e in ends
    )
    assert got.agrees == meets
    if got.agrees:
        assert got.verdict in (Agreement.SAME, Agreement.FORMAT)
