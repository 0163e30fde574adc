"""Periods and dates (taiyaku.periods) and the period-mismatch rule (TQ600)."""

from __future__ import annotations

import pytest

from taiyaku import api
from taiyaku.checks.context import CheckContext
from taiyaku.checks.rules.periods import PeriodMismatch
from taiyaku.model import (
    Alignment,
    Column,
    ColumnPair,
    Document,
    Evidence,
    Lang,
    Period,
    Severity,
    Table,
    TablePair,
)
from taiyaku.options import Options
from taiyaku.parse.facts import with_periods
from taiyaku.parse.periods import (
    describe,
    find_periods,
    fiscal_year_end,
    fiscal_year_of,
    header_period,
    quarter_code,
    same_period,
)
from taiyaku.recompute import recompute

FY2002Q4 = "corpora/iij-2003-05-fy2002q4.ja-en.txt"
FY2001Q2 = "corpora/iij-2001-11-fy2001q2.ja-en.txt"


def _found(text: str, lang: Lang, **kw) -> list[tuple]:
    """(text, end, code, span, kind, day) of every mention."""
    return [
        (m.text, m.period.end, m.period.quarter, m.period.span, m.kind, m.day)
        for m in find_periods(text, lang, **kw)
    ]


# --- find_periods: Japanese -----------------------------------------------------------------

JA_CASES = [
    ("2003年3月期", [("2003年3月期", (2003, 3), None, None, "period", None)]),
    ("2003年3月期通期", [("2003年3月期通期", (2003, 3), None, "year", "period", None)]),
    ("2002年度", [("2002年度", (2003, 3), None, "year", "period", None)]),
    ("2002年度第4四半期の売上高", [("2002年度第4四半期", (2003, 3), "4Q02", "quarter", "period", None)]),
    ("2001 年度第 3 四半期の見込み", [("2001 年度第 3 四半期", (2001, 12), "3Q01", "quarter", "period", None)]),
    ("2003年3月期第2四半期", [("2003年3月期第2四半期", (2002, 9), "2Q02", "quarter", "period", None)]),
    ("2001年度下半期より", [("2001年度下半期", (2002, 3), "2H01", "half", "period", None)]),
    ("2002年度上期", [("2002年度上期", (2002, 9), "1H02", "half", "period", None)]),
    ("2002年12月期", [("2002年12月期", (2002, 12), None, None, "period", None)]),
    ("平成15年3月期", [("平成15年3月期", (2003, 3), None, None, "period", None)]),
    ("２００３年３月期", [("2003年3月期", (2003, 3), None, None, "period", None)]),
    # A sub-period alone takes the fiscal year named before it in the same text.
    (
        "2002年度の売上高は440億円、第4四半期は130億円",
        [
            ("2002年度", (2003, 3), None, "year", "period", None),
            ("第4四半期", (2003, 3), "4Q02", "quarter", "period", None),
        ],
    ),
    ("第2四半期", [("第2四半期", None, "2Q", "quarter", "period", None)]),
    ("通期", [("通期", None, None, "year", "period", None)]),
    ("上期", [("上期", None, "1H", "half", "period", None)]),
    ("上半期", [("上半期", None, "1H", "half", "period", None)]),
    (
        "2003年3月期、2002年3月期、2002年12月期",
        [
            ("2003年3月期", (2003, 3), None, None, "period", None),
            ("2002年3月期", (2002, 3), None, None, "period", None),
            ("2002年12月期", (2002, 12), None, None, "period", None),
        ],
    ),
    ("2003年6月6日に向けて", [("2003年6月6日", (2003, 6), None, None, "date", 6)]),
    ("換算レート(2003/3/31)", [("2003/3/31", (2003, 3), None, None, "date", 31)]),
    ("2003年3月末現在", [("2003年3月末", (2003, 3), None, None, "date", 31)]),
    ("2001 年 8 月サービス開始", [("2001 年 8 月", (2001, 8), None, None, "date", None)]),
]

JA_NEGATIVES = [
    "130億円",
    "7.7%",
    "IIJ4U",
    "Tel. 03-5259-6500",
    "1995年米国民事証券訴訟改革法",  # a year alone names no period
    "予想以上期待",  # 上期 inside 以上期待
    "四半期連結損益計算書",  # 四半期 without a number
    "2003年13月期",  # no 13th month
    "2003/2/30",  # no 30 February
]


@pytest.mark.parametrize(("text", "expected"), JA_CASES, ids=[c[0] for c in JA_CASES])
def test_find_periods_japanese(text, expected):
    assert _found(text, Lang.JA) == expected


@pytest.mark.parametrize("text", JA_NEGATIVES)
def test_japanese_non_periods(text):
    assert find_periods(text, Lang.JA) == ()


def test_japanese_context_year_can_be_given():
    (m,) = find_periods("第4四半期", Lang.JA, fiscal_year=2002)
    assert (m.period.end, m.period.quarter) == ((2003, 3), "4Q02")
    (m,) = find_periods("通期", Lang.JA, fiscal_year=2002)
    assert (m.period.end, m.period.span) == ((2003, 3), "year")


# --- find_periods: English ------------------------------------------------------------------

EN_CASES = [
    (
        "For the Three Months Ended Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002",
        [
            ("For the Three Months Ended Mar 31, 2003", (2003, 3), "4Q02", "quarter", "period", 31),
            ("Mar 31, 2002", (2002, 3), "4Q01", "quarter", "period", 31),
            ("Dec 31, 2002", (2002, 12), "3Q02", "quarter", "period", 31),
        ],
    ),
    (
        "For the Years Ended March 31, 2003 and 2002",
        [
            ("For the Years Ended March 31, 2003", (2003, 3), None, "year", "period", 31),
            ("2002", (2002, 3), None, "year", "period", 31),
        ],
    ),
    (
        "For the Year Ended March 31, 2003, March 31, 2002",
        [
            ("For the Year Ended March 31, 2003", (2003, 3), None, "year", "period", 31),
            ("March 31, 2002", (2002, 3), None, "year", "period", 31),
        ],
    ),
    ("As of Mar 31, 2003", [("As of Mar 31, 2003", (2003, 3), None, None, "date", 31)]),
    ("fiscal 2002", [("fiscal 2002", (2003, 3), "FY2002", "year", "period", None)]),
    ("FY2002", [("FY2002", (2003, 3), "FY2002", "year", "period", None)]),
    ("fiscal year 2002", [("fiscal year 2002", (2003, 3), "FY2002", "year", "period", None)]),
    ("full fiscal year 2002", [("full fiscal year 2002", (2003, 3), "FY2002", "year", "period", None)]),
    ("the fiscal 2001 year", [("the fiscal 2001 year", (2002, 3), "FY2001", "year", "period", None)]),
    (
        "fiscal year 2001 ended March 31, 2002",
        [("fiscal year 2001 ended March 31, 2002", (2002, 3), None, "year", "period", None)],
    ),
    ("in 4Q02.", [("4Q02", (2003, 3), "4Q02", "quarter", "period", None)]),
    ("1Q01", [("1Q01", (2001, 6), "1Q01", "quarter", "period", None)]),
    (
        "the 1st quarter ended June 30, 2002",
        [("the 1st quarter ended June 30, 2002", (2002, 6), "1Q02", "quarter", "period", 30)],
    ),
    (
        "the first half of fiscal 2002",
        [("the first half of fiscal 2002", (2002, 9), "1H02", "half", "period", None)],
    ),
    (
        "The 4th Quarter of FY2001",
        [("The 4th Quarter of FY2001", (2002, 3), "4Q01", "quarter", "period", None)],
    ),
    (
        "The 3rd Quarter of the Fiscal 2001",
        [("The 3rd Quarter of the Fiscal 2001", (2001, 12), "3Q01", "quarter", "period", None)],
    ),
    (
        "4th Quarter and Full Fiscal Year 2002 Results",
        [
            ("4th Quarter", (2003, 3), "4Q02", "quarter", "period", None),
            ("Full Fiscal Year 2002", (2003, 3), "FY2002", "year", "period", None),
        ],
    ),
    ("Performance for the 3rd Quarter", [("the 3rd Quarter", None, "3Q", "quarter", "period", None)]),
    (
        "the six months ended September 30, 2002",
        [("the six months ended September 30, 2002", (2002, 9), "1H02", "half", "period", 30)],
    ),
    ("June 6, 2003", [("June 6, 2003", (2003, 6), None, None, "date", 6)]),
    ("Jun 28, 2002", [("Jun 28, 2002", (2002, 6), None, None, "date", 28)]),
    ("Sept 30, 2001", [("Sept 30, 2001", (2001, 9), None, None, "date", 30)]),
    ("31 March 2003", [("31 March 2003", (2003, 3), None, None, "date", 31)]),
    ("May 2003", [("May 2003", (2003, 5), None, None, "date", None)]),
]

EN_NEGATIVES = [
    "JPY 13 billion",
    "7.7%",
    "IIJ4U",
    "Tel: +81-3-5259-6500",
    "10-100Mbps",
    "the first quarter of FY200",  # a truncated year: the quarter stays, the year does not
    "more than half of total revenues",
    "Feb 30, 2003",
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[c[0] for c in EN_CASES])
def test_find_periods_english(text, expected):
    assert _found(text, Lang.EN) == expected


@pytest.mark.parametrize("text", EN_NEGATIVES)
def test_english_non_periods(text):
    found = find_periods(text, Lang.EN)
    assert all(m.period.end is None for m in found), found


def test_mentions_point_into_the_text():
    text = "Net loss was JPY2,137 million in 4Q02, compared to 3Q02 (as of Mar 31, 2003)."
    found = find_periods(text, Lang.EN)
    assert [text[m.start : m.end] for m in found] == ["4Q02", "3Q02", "as of Mar 31, 2003"]


def test_fiscal_year_end_month_changes_fiscal_years():
    (m,) = find_periods("fiscal 2002", Lang.EN, fy_end_month=12)
    assert m.period.end == (2002, 12)
    (m,) = find_periods("2002年度第4四半期", Lang.JA, fy_end_month=12)
    assert (m.period.end, m.period.quarter) == ((2002, 12), "4Q02")


# --- fiscal arithmetic and comparison -------------------------------------------------------


@pytest.mark.parametrize(
    ("ym", "fy_end", "code"),
    [((2003, 3), 3, "4Q02"), ((2002, 6), 3, "1Q02"), ((2002, 12), 3, "3Q02"),
     ((2002, 11), 3, None), ((2002, 12), 12, "4Q02")],
)  # fmt: skip
def test_quarter_code(ym, fy_end, code):
    assert quarter_code(ym, fy_end) == code


def test_fiscal_year_helpers():
    assert fiscal_year_end(2002) == (2003, 3)
    assert fiscal_year_of((2002, 12)) == 2002
    assert fiscal_year_of((2003, 3)) == 2002
    assert fiscal_year_of((2003, 4)) == 2003


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Period((2003, 3)), Period((2003, 3), "4Q02", "quarter"), True),
        (Period((2003, 3), None, "year"), Period((2003, 3)), True),
        (Period((2003, 3), None, "year"), Period((2003, 12), None, "year"), False),
        (Period((2003, 3), None, "year"), Period((2003, 3), "4Q02", "quarter"), False),
        (Period(quarter="4Q02"), Period((2003, 3)), True),
        (Period(quarter="4Q02"), Period((2002, 12)), False),
        (Period(quarter="FY2002"), Period((2003, 3), None, "year"), True),
        (Period(quarter="3Q"), Period((2001, 12), "3Q01", "quarter"), True),
        (Period(quarter="2Q"), Period((2001, 12), "3Q01", "quarter"), False),
        (Period(quarter="2001"), Period((2001, 3)), None),  # a bare year: not comparable
    ],
)
def test_same_period(a, b, same):
    assert same_period(a, b) is same
    assert same_period(b, a) is same


def test_describe():
    assert describe(Period((2003, 12), None, "year")) == "the year ended Dec 31, 2003"
    assert describe(Period((2003, 3), "4Q02", "quarter")) == "the three months ended Mar 31, 2003 (4Q02)"
    assert describe(Period((2002, 6)), 28, "date") == "Jun 28, 2002"


# --- the rule on hand-made tables -----------------------------------------------------------


def _table(lang: Lang, titles: list[tuple[int, str]], header: list[str], first_line: int,
           caption: str | None = None) -> Table:  # fmt: skip
    columns = tuple(
        Column(i, (h,), header_period(h), None, h if header_period(h) else None, h)
        for i, h in enumerate(header)
    )
    return Table(
        id=f"{lang.value}:T1", lang=lang, caption=caption or titles[0][1],
        caption_line=titles[0][0], title_lines=tuple(titles), unit_scale=3,
        columns=columns, rows=(), first_line=first_line, last_line=first_line + 5,
    )  # fmt: skip


def _run(ja_tables: tuple[Table, ...], en_tables: tuple[Table, ...], pair) -> list:
    """The rule's findings on documents finished as the parse stage finishes them (title and
    column periods read with a March year end); `pair(ja, en)` pairs the finished tables."""
    ja_doc = with_periods(Document("ja.txt", Lang.JA, 1, 100, ja_tables, ()), 3)
    en_doc = with_periods(Document("en.txt", Lang.EN, 1, 100, en_tables, ()), 3)
    alignment = Alignment(ja_doc, en_doc, (pair(ja_doc.tables, en_doc.tables),))
    return list(PeriodMismatch().check(CheckContext(alignment, recompute(alignment))))


def _findings(ja: Table, en: Table) -> list:
    def pair(ja_tables, en_tables):
        (a,), (b,) = ja_tables, en_tables
        return TablePair(a, b, Evidence(1.0), tuple(ColumnPair(x, y, Evidence(1.0)) for x, y in zip(a.columns, b.columns)))

    return _run((ja,), (en,), pair)


JA_YEAR = [(10, "連結損益計算書"), (12, "2003年3月期通期、2002年3月期通期")]
JA_QUARTER = [(10, "四半期連結損益計算書"), (12, "2003年3月期、2002年3月期、2002年12月期")]
JA_COLS = ["2003年3月期", "2002年3月期"]
EN_COLS = ["Mar 31, 2003", "Mar 31, 2002"]


def test_rule_is_registered_as_an_error_with_a_docstring():
    assert (PeriodMismatch.code, PeriodMismatch.name) == ("TQ600", "period-mismatch")
    assert PeriodMismatch.severity is Severity.ERROR
    assert "四半期" in PeriodMismatch.describe()


@pytest.mark.parametrize(
    ("ja_titles", "en_title"),
    [
        (JA_YEAR, "For the Years Ended March 31, 2003 and 2002"),
        (JA_YEAR, "For the Year Ended March 31, 2003, March 31, 2002"),
        # Quarters under a 四半期 caption are the same as "Three Months Ended".
        (JA_QUARTER, "For the Three Months Ended Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002"),
        (JA_QUARTER, "As of Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002"),
        # The English leaves a period out: an omission, not a contradiction.
        (JA_QUARTER, "For the Three Months Ended Mar 31, 2003 and 2002"),
        # A side that names nothing is not a mismatch.
        (JA_YEAR, "CONSOLIDATED STATEMENTS OF OPERATIONS"),
    ],
)
def test_rule_passes_when_the_periods_agree(ja_titles, en_title):
    ja = _table(Lang.JA, ja_titles, JA_COLS, 20)
    en = _table(Lang.EN, [(50, "STATEMENTS OF OPERATIONS"), (52, en_title)], EN_COLS, 60)
    assert _findings(ja, en) == []


def test_rule_passes_when_the_japanese_names_no_period_at_all():
    ja = _table(Lang.JA, [(10, "連結損益計算書")], ["USD", "JPY"], 20)
    en = _table(Lang.EN, [(50, "STATEMENTS"), (52, "For the Years Ended Dec 31, 2003 and 2002")], EN_COLS, 60)
    assert _findings(ja, en) == []


def test_rule_reports_an_english_title_that_names_another_year_end():
    ja = _table(Lang.JA, JA_YEAR, JA_COLS, 20)
    en = _table(Lang.EN, [(50, "STATEMENTS"), (52, "For the Years Ended Dec 31, 2003 and Mar 31, 2002")], EN_COLS, 60)
    (f,) = _findings(ja, en)
    assert (f.code, f.severity) == ("TQ600", Severity.ERROR)
    assert (f.ja.path, f.ja.line, f.ja.text) == ("ja.txt", 12, "2003年3月期通期、2002年3月期通期")
    assert (f.en.path, f.en.line) == ("en.txt", 52)
    assert "year ended Dec 31, 2003" in f.message and "2003年3月期通期 (year ended Mar 31, 2003)" in f.message
    assert "English title is the one to fix" in f.message
    assert f.expected == "year ended Mar 31, 2003"


def test_rule_reports_a_quarter_against_a_full_year():
    ja = _table(Lang.JA, JA_YEAR, JA_COLS, 20)
    en = _table(Lang.EN, [(50, "STATEMENTS"), (52, "For the Three Months Ended Mar 31, 2003 and 2002")], EN_COLS, 60)
    (f,) = _findings(ja, en)
    assert "three months ended Mar 31, 2003" in f.message
    assert (f.ja.line, f.en.line) == (12, 52)


def test_rule_compares_a_title_with_the_other_sides_columns():
    # The Japanese title line is absent; its columns are what the Japanese states.
    ja = _table(Lang.JA, [(10, "四半期連結損益計算書")], ["2003年3月期", "2002年12月期"], 20)
    en = _table(Lang.EN, [(50, "STATEMENTS"), (52, "For the Three Months Ended Mar 31, 2003 and Sep 30, 2002")],
                ["Mar 31, 2003", "Dec 31, 2002"], 60)  # fmt: skip
    (f,) = _findings(ja, en)
    assert (f.ja.line, f.ja.text, f.en.line) == (20, "2002年12月期", 52)
    assert "column headers" in f.message


@pytest.mark.parametrize("ja_titles", [[(10, "連結損益計算書")], JA_YEAR])
def test_rule_reports_a_mismatched_column_once(ja_titles):
    # With the Japanese title dated, the title against the English columns is the same error:
    # it is reported once, as the column mismatch.
    ja = _table(Lang.JA, ja_titles, ["2003年3月期通期", "2002年3月期通期"], 20)
    en = _table(Lang.EN, [(50, "STATEMENTS")], ["Mar 31, 2003", "Mar 31, 2001"], 60)
    (f,) = _findings(ja, en)
    assert (f.ja.line, f.ja.text, f.en.line, f.en.text) == (20, "2002年3月期通期", 60, "Mar 31, 2001")
    assert "Mar 31, 2001" in f.message and "2002年3月期通期" in f.message


def test_rule_says_which_column_header_to_fix():
    ja = _table(Lang.JA, JA_YEAR, ["2003年3月期通期", "2002年3月期通期"], 20)
    en = _table(Lang.EN, [(50, "STATEMENTS"), (52, "For the Years Ended March 31, 2003 and 2002")],
                ["Mar 31, 2003", "Mar 31, 2001"], 60)  # fmt: skip
    (f,) = _findings(ja, en)
    assert (f.ja.line, f.en.line, f.en.text) == (20, 60, "Mar 31, 2001")
    assert "the English header is the one to fix" in f.message


def test_rule_reports_a_header_spanning_several_columns_once():
    ja = Table(**{**_table(Lang.JA, JA_YEAR, [], 20).__dict__, "columns": tuple(
        Column(i, (h,), header_period("2002年3月期通期"), None, "2002年3月期通期", h)
        for i, h in enumerate(["2002年3月期通期", "", ""]))})  # fmt: skip
    en = Table(**{**_table(Lang.EN, [(50, "STATEMENTS")], [], 60).__dict__, "columns": tuple(
        Column(i, (h,), header_period("Mar 31, 2001"), None, "Mar 31, 2001", h)
        for i, h in enumerate(["Mar 31, 2001", "", ""]))})  # fmt: skip
    (f,) = _findings(ja, en)
    assert (f.ja.line, f.en.line) == (20, 60)


def test_rule_ignores_unpaired_tables():
    ja = _table(Lang.JA, JA_YEAR, JA_COLS, 20)
    assert _run((ja,), (), lambda ja_tables, _: TablePair(ja_tables[0], None, Evidence(0.0))) == []


# --- the real documents ---------------------------------------------------------------------


def test_fy2002q4_has_exactly_the_appendix_2_title_mismatch(repo_root):
    report = api.check(repo_root / FY2002Q4, options=Options(select=frozenset({"TQ600"})))
    found = [(f.ja.line, f.en.line, f.ja.text, f.en.text) for f in report.findings if f.code == "TQ600"]
    assert found == [
        (149, 642, "2003年3月期通期、2002年3月期通期", "For the Years Ended Dec 31, 2003 and Mar 31, 2002")
    ]
    (f,) = report.findings
    assert f.severity is Severity.ERROR
    assert "Dec 31, 2003" in f.message and "English title is the one to fix" in f.message


def test_fy2001q2_has_no_period_mismatch(repo_root):
    report = api.check(repo_root / FY2001Q2, options=Options(select=frozenset({"TQ600"})))
    assert [f for f in report.findings if f.code == "TQ600"] == []
    # ... and the rule did compare something there: the quarterly statements are dated.
    assert any(tp.ja and tp.en and tp.en.title_lines for tp in report.alignment.tables)
