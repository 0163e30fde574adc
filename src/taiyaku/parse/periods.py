"""Fiscal periods and dates named in a text, normalised so Japanese and English meet.

    >>> [str(m.period) for m in find_periods("2002年度第4四半期の売上高", Lang.JA)]
    ['4Q02 2003-03 quarter']
    >>> [str(m.period) for m in find_periods("For the Years Ended March 31, 2003 and 2002", Lang.EN)]
    ['2003-03 year', '2002-03 year']

A mention's `period` is a `model.Period`: `end` is the (year, month) the period ends in (or
the month of a date), `span` is "quarter", "half", "nine months", "year" or None (not stated:
"2003年3月期" alone, "As of Mar 31, 2003", a bare date), and `quarter` is a sub-period code:
"4Q02" (4th quarter of fiscal 2002), "1H02" (first half of fiscal 2002), or "4Q" / "1H" when
no year is named.

Fiscal years are named by the calendar year they start in, as 年度 is in Japanese: with the
year ending in March (`fy_end_month=3`), 2002年度 = fiscal 2002 = FY2002 = the year ended
March 31, 2003, and 4Q02 = the three months ended March 31, 2003. With `fy_end_month=12`
fiscal 2002 is calendar 2002.

The words (month names, eras, 期 / 年度 / 四半期 patterns, ordinal words, lead phrases such as
"For the Three Months Ended") are data in taiyaku.lang; the regular expressions are compiled
once from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..lang import en, ja
from ..model import DateMention, Lang, Period

# --- Patterns made of the language data -------------------------------------------------

# 第4四半期 / 第 3 四半期 / 第四四半期 (the quarter number is read from the match).
QUARTER_JA = r"第\s*(?P<qn>[1-4一二三四])\s*四半期"

# Full-width digits and slash, turned into ASCII one character for one (offsets are kept).
_WIDTH = str.maketrans("０１２３４５６７８９／", "0123456789/")

# --- Records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodMention:
    """A period or date named in a text, with where it stands (`text[start:end]`).

    `kind` is "period" for a span of time (2003年3月期, fiscal 2002, 4Q02, "the three months
    ended ...") and "date" for a point in time ("As of Mar 31, 2003", 2003年6月6日, 2003/3/31).
    `day` is the day of the month when the text names one.
    """

    text: str
    start: int
    end: int
    period: Period
    kind: str = "period"
    day: int | None = None

    def describe(self) -> str:
        return describe(self.period, self.day, self.kind)


# --- Fiscal arithmetic ----------------------------------------------------------------------


def days_in(year: int, month: int) -> int:
    """The days of a month (the calendar module costs 3 ms to import)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def shift_months(ym: tuple[int, int], months: int) -> tuple[int, int]:
    n = ym[0] * 12 + ym[1] - 1 + months
    return n // 12, n % 12 + 1


def fiscal_year_end(fy: int, fy_end_month: int = 3) -> tuple[int, int]:
    """(year, month) fiscal year `fy` ends in: FY2002 -> (2003, 3) when the year ends in March."""
    return (fy if fy_end_month == 12 else fy + 1, fy_end_month)


def fiscal_year_of(ym: tuple[int, int], fy_end_month: int = 3) -> int:
    """The fiscal year a month falls in: (2002, 12) -> 2002 and (2003, 3) -> 2002 (March year end)."""
    end_year = ym[0] if ym[1] <= fy_end_month else ym[0] + 1
    return end_year if fy_end_month == 12 else end_year - 1


def quarter_end(fy: int, quarter: int, fy_end_month: int = 3) -> tuple[int, int]:
    return shift_months(fiscal_year_end(fy, fy_end_month), -3 * (4 - quarter))


def half_end(fy: int, half: int, fy_end_month: int = 3) -> tuple[int, int]:
    return shift_months(fiscal_year_end(fy, fy_end_month), -6 * (2 - half))


def quarter_code(ym: tuple[int, int], fy_end_month: int = 3) -> str | None:
    """ "4Q02" for a quarter ending (2003, 3) when the year ends in March; None off the grid."""
    fy = fiscal_year_of(ym, fy_end_month)
    end = fiscal_year_end(fy, fy_end_month)
    months = (end[0] * 12 + end[1]) - (ym[0] * 12 + ym[1])
    if months % 3:
        return None
    return f"{4 - months // 3}Q{fy % 100:02d}"


def _year(text: str) -> int:
    """A year written with two or four digits: "02" -> 2002, "99" -> 1999."""
    y = int(text)
    if len(text) <= 2:
        y += 1900 if y >= 50 else 2000
    return y


_CODE = re.compile(r"^([1-4])Q(\d{2}|\d{4})$|^FY\s?(\d{2}|\d{4})$|^([12])H(\d{2}|\d{4})$", re.I)


def resolve(period: Period, fy_end_month: int = 3) -> Period:
    """`period` with its end filled in from its code (4Q02, FY2002, 1H02) when it has none."""
    if period.end is not None or not period.quarter:
        return period
    m = _CODE.match(period.quarter)
    if not m:
        return period
    if m.group(1):
        fy = _year(m.group(2))
        return Period(quarter_end(fy, int(m.group(1)), fy_end_month), period.quarter, "quarter")
    if m.group(3):
        return Period(fiscal_year_end(_year(m.group(3)), fy_end_month), None, "year")
    fy = _year(m.group(5))
    return Period(half_end(fy, int(m.group(4)), fy_end_month), period.quarter, "half")


_SUBCODE = re.compile(r"^([1-4])([QH])")


def same_period(a: Period, b: Period, fy_end_month: int = 3) -> bool | None:
    """Whether two periods can be the same: True, False, or None when they cannot be compared.

    Ends are compared by month; a span or code that only one side states is not held
    against the other ("2003年3月期" agrees with "Three Months Ended Mar 31, 2003").
    """
    coded = any(p.quarter and _CODE.match(p.quarter) for p in (a, b))
    a, b = resolve(a, fy_end_month), resolve(b, fy_end_month)
    if a.span and b.span and a.span != b.span:
        return False
    if a.end is not None and b.end is not None:
        if a.end == b.end:
            return True
        # A fiscal-year code is named by the year the year starts in (FY2025 = April 2025 to
        # March 2026) or, at other companies, the year it ends in (FY2026 for the same year):
        # one year apart, either can be meant.
        return coded and fy_end_month != 12 and a.end[1] == b.end[1] and abs(a.end[0] - b.end[0]) == 1
    # One side or both without an end: only sub-period numbers ("3Q" vs "3Q01") can be compared.
    sa, sb = _sub_number(a, fy_end_month), _sub_number(b, fy_end_month)
    if sa is not None and sb is not None:
        return sa == sb
    return None


def _sub_number(p: Period, fy_end_month: int) -> tuple[str, int] | None:
    if p.quarter:
        m = _SUBCODE.match(p.quarter)
        if m:
            return m.group(2).upper(), int(m.group(1))
    if p.end is not None and p.span == "quarter":
        code = quarter_code(p.end, fy_end_month)
        return ("Q", int(code[0])) if code else None
    return None


def describe(period: Period, day: int | None = None, kind: str = "period") -> str:
    """The period in English words: "the year ended Mar 31, 2003", "Dec 31, 2002"."""
    if period.end is None:
        if period.quarter:
            return f"{period.quarter} (no year stated)"
        return en.SPAN_WORDS.get(period.span, "period") + " (no year stated)"
    y, m = period.end
    if kind == "date" and day is None and period.span is None:
        return f"{en.MONTH_ABBREVIATIONS[m]} {y}"
    d = day or days_in(y, m)
    date = f"{en.MONTH_ABBREVIATIONS[m]} {d}, {y}"
    if kind == "date" and period.span is None:
        return date
    words = en.SPAN_WORDS.get(period.span, "period")
    suffix = f" ({period.quarter})" if period.quarter else ""
    return f"the {words} ended {date}{suffix}"


# --- Patterns -------------------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted((k.capitalize() for k in en.MONTHS), key=len, reverse=True))
_MONTH_EN = rf"(?:{_MONTH_ALT}|{_MONTH_ALT.upper()})\.?"
# "Mar 31, 2003" / "March 31 2003" / "31 March 2003"
_DATE_EN = (
    rf"(?:(?P<mon>{_MONTH_EN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH_EN})\s+(?P<year2>(?:19|20)\d{{2}}))(?!\d)"
)
_RE_DATE_EN = re.compile(rf"\b{_DATE_EN}")
_RE_MONTH_YEAR_EN = re.compile(rf"\b(?P<mon>{_MONTH_EN})\s+(?P<year>(?:19|20)\d{{2}})(?!\d)")
# What continues a list of dates: ", ", " and ", ", and ", " & "
_RE_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", re.I)
_RE_DATE_AT = re.compile(_DATE_EN)
_RE_BARE_YEAR_AT = re.compile(r"(?P<year>(?:19|20)\d{2})(?![\d/]|\.\d)")

_LEAD_ALT = "|".join(re.escape(k) for k in sorted(en.PERIOD_LEADS, key=len, reverse=True))
_POINT_ALT = "|".join(re.escape(k) for k in en.POINT_LEADS)
_RE_LEAD_EN = re.compile(
    rf"(?i:\b(?:(?:for|in|during)\s+)?(?:the\s+)?(?:(?P<lead>{_LEAD_ALT})\s+end(?:ed|ing)|(?P<point>{_POINT_ALT}))\s+)"
)

_ORD_ALT = "|".join(sorted(en.ORDINALS, key=len, reverse=True))
_FY_EN = r"(?:(?:the\s+)?(?:full\s+)?(?:fiscal(?:\s+year)?\s*|FY\s?'?))"
_RE_ORDINAL_EN = re.compile(
    rf"(?i:\b(?:the\s+)?(?P<ord>{_ORD_ALT})\s+(?:fiscal\s+)?(?P<what>quarter|half)\b"
    rf"(?:\s+of\s+{_FY_EN}(?P<fy>\d{{4}}|\d{{2}})\b(?:\s+year\b)?|\s+(?P<fy2>(?:19|20)\d{{2}})\b)?"
    rf"(?:,?\s+end(?:ed|ing)\s+)?)"
)
# The year a bare ordinal shares with what follows: "4th Quarter and Full Fiscal Year 2002".
_RE_SHARED_FY_EN = re.compile(
    r"(?i:\s+and\s+(?:the\s+)?(?:full\s+)?(?:fiscal(?:\s+year)?\s*|FY\s?)(?P<fy>\d{4}))"
)
_RE_CODE_EN = re.compile(
    r"(?<![\w.])(?:(?P<q>[1-4])Q(?P<qy>\d{4}|\d{2})|Q(?P<q2>[1-4])\s*(?:FY\s?)?(?P<qy2>\d{4})"
    r"|(?P<h>[12])H(?P<hy>\d{4}|\d{2}))(?!\w)"
)
_RE_FY_EN = re.compile(
    r"(?:(?i:\b(?:the\s+)?(?:full\s+)?(?:fiscal\s+year|fiscal)\s+)(?P<fy>(?:19|20)\d{2})\b(?i:\s+year\b)?"
    r"|\bFY\s?'?(?P<fy2>\d{4}|\d{2})\b)"
    r"(?P<ended>(?i:,?\s+end(?:ed|ing)\s+))?"
)

_ERA_ALT = "|".join(ja.ERAS)
_YEAR_JA = rf"(?:(?P<era>{_ERA_ALT})\s*(?P<eyear>元|\d{{1,2}})|(?P<year>(?:19|20)\d{{2}}))\s*年"
_SUB_ALT = "|".join(sorted(ja.SUBPERIODS, key=len, reverse=True))
_SUB_JA = rf"(?:{QUARTER_JA}|(?P<sub>{_SUB_ALT}))"
_RE_JA = re.compile(
    rf"(?<!\d){_YEAR_JA}\s*(?:(?P<fy>度)|(?P<month>\d{{1,2}})\s*月(?:\s*(?:(?P<ki>期)|(?P<day>\d{{1,2}})\s*日|(?P<eom>末)))?)"
    rf"(?:\s*{_SUB_JA})?"
)
_RE_SUB_JA = re.compile(rf"(?<![以])(?:{_SUB_JA})")
_RE_SLASH_DATE = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])")


# --- Scanning -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A match with the mentions it yields; `need_fy` mentions take their year from context."""

    start: int
    end: int
    mentions: tuple[PeriodMention, ...]
    need_fy: tuple[str, int] | None = None  # ("quarter" | "half" | "year", number)
    sets_fy: int | None = None  # the fiscal year this match names (context for what follows)


def find_periods(
    text: str, lang: Lang, fy_end_month: int = 3, fiscal_year: int | None = None
) -> tuple[PeriodMention, ...]:
    """Every fiscal period and date named in `text`, in order.

    `fiscal_year` is the year a bare "第4四半期" / "通期" / "上期" belongs to when the text
    itself names none before it (a Japanese sub-period takes the fiscal year of the nearest
    period named before it in the same text). English ordinals without a year ("the 4th
    quarter") keep a yearless code ("4Q").
    """
    norm = text.translate(_WIDTH)
    finders = _JA_FINDERS if lang is Lang.JA else _EN_FINDERS
    hits = [h for finder in finders for h in finder(norm, fy_end_month)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[PeriodMention] = []
    pos = 0
    context = fiscal_year
    for h in hits:
        if h.start < pos:
            continue  # overlaps a longer match already taken
        pos = h.end
        if h.need_fy is not None:
            out.append(_with_context(h, context, fy_end_month))
        else:
            out.extend(h.mentions)
        if h.sets_fy is not None:
            context = h.sets_fy
    return tuple(out)


def calendar_dates(text: str, lang: Lang) -> tuple[DateMention, ...]:
    """The calendar dates (not fiscal periods) `text` names: 1961年4月, 令和8年3月31日, "April 1916"."""
    return tuple(
        DateMention(d.text, d.start, d.end, d.period.end[0], d.period.end[1], d.day)
        for d in find_periods(text, lang) if d.kind == "date" and d.period.end is not None
    )


# What may stand around the date of a cell that holds only a date: brackets, 現在 / "as of",
# 予定 / "scheduled".
_DATE_CELL_WORDS = "|".join(
    r"\s+".join(map(re.escape, w.split()))
    for w in sorted((*ja.DATE_CELL_WORDS, *en.DATE_CELL_WORDS), key=len, reverse=True)
)
_DATE_CELL_REST = re.compile(rf"[\s()（）\[\]【】]*(?:{_DATE_CELL_WORDS})?[\s()（）\[\]【】.]*", re.I)


def cell_date(text: str, lang: Lang) -> DateMention | None:
    """The date a table cell holds when it holds a date and nothing else ("1961年4月",
    "（2026年3月31日現在）", "April 1916", "As of March 31, 2026"), else None."""
    if not any(ch.isdigit() for ch in text):
        return None
    dates = calendar_dates(text, lang)
    if len(dates) != 1:
        return None
    d = dates[0]
    norm = text.translate(_WIDTH)
    before, after = norm[: d.start], norm[d.end :]
    if _DATE_CELL_REST.fullmatch(before) and _DATE_CELL_REST.fullmatch(after):
        return d
    return None


def _with_context(h: _Hit, fy: int | None, fy_end_month: int) -> PeriodMention:
    m = h.mentions[0]
    span, n = h.need_fy  # type: ignore[misc]
    if fy is None:
        return m
    if span == "quarter":
        p = Period(quarter_end(fy, n, fy_end_month), f"{n}Q{fy % 100:02d}", "quarter")
    elif span == "half":
        p = Period(half_end(fy, n, fy_end_month), f"{n}H{fy % 100:02d}", "half")
    else:
        p = Period(fiscal_year_end(fy, fy_end_month), None, "year")
    return PeriodMention(m.text, m.start, m.end, p, "period")


def _mention(text: str, start: int, end: int, period: Period, kind: str = "period",
             day: int | None = None) -> PeriodMention:  # fmt: skip
    return PeriodMention(text[start:end].strip(), start, end, period, kind, day)


def _sub_period(fy_end: tuple[int, int], span: str, n: int) -> Period:
    """Quarter / half `n` (or the full year) of the fiscal year ending `fy_end`."""
    fy = fy_end[0] if fy_end[1] == 12 else fy_end[0] - 1
    if span == "quarter":
        return Period(shift_months(fy_end, -3 * (4 - n)), f"{n}Q{fy % 100:02d}", "quarter")
    if span == "half":
        return Period(shift_months(fy_end, -6 * (2 - n)), f"{n}H{fy % 100:02d}", "half")
    return Period(fy_end, None, "year")


def _sub_of(m: re.Match[str]) -> tuple[str, int] | None:
    if m.group("qn"):
        q = m.group("qn")
        return "quarter", ja.KANJI_DIGITS.get(q) or int(q)
    if m.group("sub"):
        return ja.SUBPERIODS[m.group("sub")]
    return None


def _ja_year(m: re.Match[str]) -> int:
    """The Gregorian year of a _RE_JA match: 2003年, 平成15年, 令和元年."""
    if m.group("era"):
        e = m.group("eyear")
        return ja.ERAS[m.group("era")] + (ja.KANJI_DIGITS.get(e) or int(e))
    return int(m.group("year"))


def _find_ja(text: str, fy_end_month: int) -> Iterator[_Hit]:
    for m in _RE_JA.finditer(text):
        year = _ja_year(m)
        sub = _sub_of(m)
        if m.group("fy"):  # 2002年度[第4四半期|通期|上期]
            fy_end = fiscal_year_end(year, fy_end_month)
            p = _sub_period(fy_end, *sub) if sub else Period(fy_end, None, "year")
            yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), p),), sets_fy=year)
            continue
        month = int(m.group("month"))
        if not 1 <= month <= 12:
            continue
        ym = (year, month)
        if m.group("ki"):  # 2003年3月期[通期|第2四半期|上期]
            p = _sub_period(ym, *sub) if sub else Period(ym, None, None)
            fy = fiscal_year_of(ym, fy_end_month)
            yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), p),), sets_fy=fy)
            continue
        # A date: 2003年6月6日, 2003年3月末, 2003年3月. A sub-period after it is not its own.
        stop = m.start("qn") if m.group("qn") else m.start("sub") if m.group("sub") else m.end()
        day = int(m.group("day")) if m.group("day") else None
        if m.group("eom"):
            day = days_in(year, month)
        if day is not None and not 1 <= day <= days_in(year, month):
            continue
        yield _Hit(m.start(), stop, (_mention(text, m.start(), stop, Period(ym), "date", day),))
    for m in _RE_SUB_JA.finditer(text):  # 第4四半期 / 通期 / 上期 alone
        sub = _sub_of(m)
        assert sub is not None
        span, n = sub
        code = f"{n}Q" if span == "quarter" else f"{n}H" if span == "half" else None
        p = Period(None, code, span)
        yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), p),), need_fy=sub)
    for m in _RE_SLASH_DATE.finditer(text):
        h = _slash_date(text, m)
        if h is not None:
            yield h


def _slash_date(text: str, m: re.Match[str]) -> _Hit | None:
    year, month, day = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    if not 1 <= month <= 12 or not 1 <= day <= days_in(year, month):
        return None
    return _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), Period((year, month)), "date", day),))


def _date_of(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a _DATE_EN match, or None when the day is not in the month."""
    if m.group("mon"):
        mon, day, year = m.group("mon"), m.group("day"), m.group("year")
    else:
        mon, day, year = m.group("mon2"), m.group("day2"), m.group("year2")
    y, mo, d = int(year), en.MONTHS[mon.rstrip(".").lower()], int(day)
    if not 1 <= d <= days_in(y, mo):
        return None
    return y, mo, d


def _dated(ymd: tuple[int, int, int], span: str | None, fy_end_month: int) -> Period:
    ym = (ymd[0], ymd[1])
    code = None
    if span == "quarter":
        code = quarter_code(ym, fy_end_month)
    elif span == "half":
        q = quarter_code(ym, fy_end_month)
        code = f"{int(q[0]) // 2}H{q[2:]}" if q and q[0] in "24" else None
    return Period(ym, code, span)


def _find_en_leads(text: str, fy_end_month: int) -> Iterator[_Hit]:
    """ "For the Three Months Ended Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002": one span, many ends."""
    for m in _RE_LEAD_EN.finditer(text):
        point = m.group("point") is not None
        span = None if point else en.PERIOD_LEADS[" ".join(m.group("lead").lower().split())]
        kind = "date" if point else "period"
        mentions: list[PeriodMention] = []
        pos, start = m.end(), m.start()
        last: tuple[int, int, int] | None = None
        while True:
            d = _RE_DATE_AT.match(text, pos)
            if d is not None:
                ymd = _date_of(d)
                if ymd is None:
                    break
                last = ymd
                mentions.append(_mention(text, start, d.end(), _dated(ymd, span, fy_end_month), kind, ymd[2]))
            elif last is not None and (y := _RE_BARE_YEAR_AT.match(text, pos)) is not None:
                # "March 31, 2003 and 2002": the same day of the same month, another year.
                ymd = (int(y.group("year")), last[1], last[2])
                mentions.append(_mention(text, start, y.end(), _dated(ymd, span, fy_end_month), kind, ymd[2]))
                d = y
            else:
                break
            pos = d.end()
            sep = _RE_LIST_SEP.match(text, pos)
            if sep is None:
                break
            start, pos = sep.end(), sep.end()
        if mentions:
            yield _Hit(m.start(), mentions[-1].end, tuple(mentions))


def _find_en_ordinals(text: str, fy_end_month: int) -> Iterator[_Hit]:
    """ "the 1st quarter ended June 30, 2002", "the first half of fiscal 2002", "4th Quarter 2002"."""
    for m in _RE_ORDINAL_EN.finditer(text):
        n = en.ORDINALS[m.group("ord").lower()]
        what = m.group("what").lower()
        if what == "half" and n > 2:
            continue
        span = "quarter" if what == "quarter" else "half"
        fy_text = m.group("fy") or m.group("fy2")
        if fy_text is None:
            shared = _RE_SHARED_FY_EN.match(text, m.end("what"))
            fy_text = shared.group("fy") if shared else None
        end = m.end()
        d = _RE_DATE_AT.match(text, end) if m.group(0).rstrip().lower().endswith(("ended", "ending")) else None
        ymd = _date_of(d) if d else None
        if ymd is not None:
            p = _dated(ymd, span, fy_end_month)
            if span == "quarter" and p.quarter is None and fy_text is None:
                p = Period(p.end, f"{n}Q", span)
            yield _Hit(m.start(), d.end(), (_mention(text, m.start(), d.end(), p, "period", ymd[2]),))  # type: ignore[union-attr]
            continue
        end = m.end("fy") if m.group("fy") else m.end("fy2") if m.group("fy2") else m.end("what")
        if m.group("fy") and text[end:].lower().startswith(" year"):
            end += len(" year")
        if fy_text is not None:
            fy = _year(fy_text)
            fy_end = fiscal_year_end(fy, fy_end_month)
            p = _sub_period(fy_end, span, n)
        else:
            p = Period(None, f"{n}{'Q' if span == 'quarter' else 'H'}", span)
        yield _Hit(m.start(), end, (_mention(text, m.start(), end, p),))


def _find_en_codes(text: str, fy_end_month: int) -> Iterator[_Hit]:
    """4Q02, 1Q01, Q4 2002, 1H02."""
    for m in _RE_CODE_EN.finditer(text):
        if m.group("q") or m.group("q2"):
            n = int(m.group("q") or m.group("q2"))
            fy = _year(m.group("qy") or m.group("qy2"))
            p = Period(quarter_end(fy, n, fy_end_month), f"{n}Q{fy % 100:02d}", "quarter")
        else:
            n, fy = int(m.group("h")), _year(m.group("hy"))
            p = Period(half_end(fy, n, fy_end_month), f"{n}H{fy % 100:02d}", "half")
        yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), p),))


def _find_en_fiscal_years(text: str, fy_end_month: int) -> Iterator[_Hit]:
    """fiscal 2002, FY2002, fiscal year 2002, full fiscal year 2002, fiscal 2001 year."""
    for m in _RE_FY_EN.finditer(text):
        fy = _year(m.group("fy") or m.group("fy2"))
        p = Period(fiscal_year_end(fy, fy_end_month), f"FY{fy}", "year")  # the code: see same_period
        end = m.start("ended") if m.group("ended") else m.end()
        d = _RE_DATE_AT.match(text, m.end()) if m.group("ended") else None
        ymd = _date_of(d) if d else None
        if d is not None and ymd is not None:
            # "fiscal year 2001 ended March 31, 2002": the date says when it ended.
            p, end = Period((ymd[0], ymd[1]), None, "year"), d.end()
        yield _Hit(m.start(), end, (_mention(text, m.start(), end, p),))


def _find_en_dates(text: str, fy_end_month: int) -> Iterator[_Hit]:
    """Bare dates (Jun 28, 2002; 31 March 2003) and months (May 2003)."""
    for m in _RE_DATE_EN.finditer(text):
        ymd = _date_of(m)
        if ymd is not None:
            p = Period((ymd[0], ymd[1]))
            yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), p, "date", ymd[2]),))
    for m in _RE_MONTH_YEAR_EN.finditer(text):
        ym = (int(m.group("year")), en.MONTHS[m.group("mon").rstrip(".").lower()])
        yield _Hit(m.start(), m.end(), (_mention(text, m.start(), m.end(), Period(ym), "date"),))
    for m in _RE_SLASH_DATE.finditer(text):
        h = _slash_date(text, m)
        if h is not None:
            yield h


_Finder = Callable[[str, int], Iterator[_Hit]]
_JA_FINDERS: tuple[_Finder, ...] = (_find_ja,)
_EN_FINDERS: tuple[_Finder, ...] = (
    _find_en_leads,
    _find_en_ordinals,
    _find_en_codes,
    _find_en_fiscal_years,
    _find_en_dates,
)


# --- One period per header cell ---------------------------------------------------------------

# Codes a header may hold alone: 4Q02, 2Q01, FY2002, FY01 (left unresolved: the fiscal-year
# end, known only when both documents are parsed, resolves them; see `resolve`).
_RE_HEADER_CODE = re.compile(r"\b([1-4]Q\d{2}|FY\s?\d{2,4})\b")
_RE_HEADER_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_RE_PERIOD_TO = re.compile(
    rf"(?:{'|'.join(ja.PERIOD_TO)})\s*(?=\d|(?:{'|'.join(ja.ERAS)}))"
    rf"|(?i:\b(?:{'|'.join(en.PERIOD_TO)})\s+(?={_MONTH_EN}))"
)


@lru_cache(maxsize=4096)  # column headers repeat across tables and columns
def header_period(text: str) -> Period | None:
    """The period a column header or title names, in either language, if any.

    Read with the patterns of `find_periods`, but fiscal-year independent: "2003年3月期" /
    "平成15年3月期" / "2003年3月末" and "Mar 31, 2003" / "31 March 2003" give the month
    they end in (2003年3月期通期 with span "year"); a code (4Q02, FY2002) or a bare year is
    kept as written, in `quarter`, for `resolve` to place once the fiscal-year end is known.
    """
    norm = text.translate(_WIDTH)
    # A span "(自 2024年4月1日 至 2025年3月31日)" / "(From April 1, 2024 to March 31, 2025)" is
    # named by its end.
    to = _RE_PERIOD_TO.search(norm)
    if to is not None:
        norm = norm[to.end() :]
    m = _RE_JA.search(norm)
    if m and m.group("month"):
        month = int(m.group("month"))
        if 1 <= month <= 12:
            year = _ja_year(m)
            return Period(end=(year, month), span="year" if m.group("sub") == "通期" else None)
    d = _RE_DATE_EN.search(norm)
    if d:
        ymd = _date_of(d)
        if ymd is not None:
            return Period(end=(ymd[0], ymd[1]))
    my = _RE_MONTH_YEAR_EN.search(norm)
    if my:  # "March 2026": the 決算年月 row of a five-year summary
        return Period(end=(int(my.group("year")), en.MONTHS[my.group("mon").rstrip(".").lower()]))
    c = _RE_HEADER_CODE.search(norm)
    if c:
        return Period(quarter=c.group(1).replace(" ", "").upper())
    y = _RE_HEADER_YEAR.match(norm)
    if y:
        return Period(quarter=y.group(1))
    return None


# --- Numbered terms and series: 第73期 / "73rd fiscal term", 第74回 / "74th Annual General Meeting"


class Ordinal(NamedTuple):
    """A numbered fiscal term or series a text names: `text[start:end]`, its number and what
    it numbers ("term" or "series", as lang.ja.ORDINAL_COUNTERS and lang.en.ORDINAL_NOUNS say)."""

    text: str
    start: int
    end: int
    number: int
    kind: str


_RE_ORDINAL_JA = re.compile(rf"第\s*(?P<n>\d{{1,4}})\s*(?P<counter>{'|'.join(ja.ORDINAL_COUNTERS)})")
_RE_ORDINAL_NUM_EN = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4})(?:st|nd|rd|th)\b(?P<noun>(?:\s+[A-Za-z]+){0,3})", re.I
)
_ORDINAL_NOUNS = sorted(en.ORDINAL_NOUNS, key=len, reverse=True)
# A header or cell that is an ordinal and nothing else ("73rd", "第73期") numbers a term.
_RE_BARE_ORDINAL_EN = re.compile(r"\s*\(?\s*(?P<n>\d{1,4})(?:st|nd|rd|th)\s*\)?\s*", re.I)


@lru_cache(maxsize=4096)
def ordinals(text: str, lang: Lang) -> tuple[Ordinal, ...]:
    """The numbered terms and series `text` names (第73期, "the 73rd term"; a bare "73rd" when
    it is all the text holds, as in the header of a five-year summary)."""
    norm = text.translate(_WIDTH)
    if lang is Lang.JA:
        return tuple(
            Ordinal(m.group(0), m.start(), m.end(), int(m.group("n")), ja.ORDINAL_COUNTERS[m.group("counter")])
            for m in _RE_ORDINAL_JA.finditer(norm)
        )
    bare = _RE_BARE_ORDINAL_EN.fullmatch(norm)
    if bare:
        return (Ordinal(norm.strip(), bare.start("n"), bare.end(), int(bare.group("n")), "term"),)
    out = []
    for m in _RE_ORDINAL_NUM_EN.finditer(norm):
        words = m.group("noun").strip().lower()
        words = " ".join(words.split())
        for noun in _ORDINAL_NOUNS:
            if words == noun or words.startswith(noun + " "):
                end = m.start("noun") + m.group("noun").lower().index(noun.split()[-1]) + len(noun.split()[-1])
                out.append(Ordinal(norm[m.start() : end], m.start(), end, int(m.group("n")), en.ORDINAL_NOUNS[noun]))
                break
    return tuple(out)
