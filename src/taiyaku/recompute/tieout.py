"""Tie the figures of a sentence to the tables of the same document (same language).

    >>> ja, en, _ = api.load("corpora/iij-2003-05-fy2002q4.ja-en.txt")
    >>> [(t.line, t.kind, t.formula, t.expected, t.agrees) for t in document_tieouts(ja) if t.line == 21]
    [(21, 'change', '459 / 968 - 1', '-52.58', False), (21, 'change', '459 / 349 - 1', '31.52', False)]

How a sentence is tied:

1. Amounts. Each amount in yen that states a level (no range, no "approximately", no bound,
   no direction: "increased by JPY 257 million" is a difference) is looked up among the
   money cells of the document: cells of tables that declare a unit (a table without one
   holds counts or bandwidth, or lost its unit in extraction), in columns that are neither
   USD, share of total nor change %, in data rows that are not share counts; nil and zero
   cells are left out (a "0" in thousands would agree with any small amount). A cell agrees
   when its interval (Quantity.interval, the table's unit applied as compare.effective_scale
   does; plain yen for per-share rows) meets the mention's, magnitudes compared ("an
   operating loss of 446百万円" against (446,432)). The prose may have rounded or truncated
   ("16億円" may be 16.7億), so a mention of v stands for [v - step/2, v + step).

   Which row an amount is about. Cells in columns with a period are preferred to cells in
   columns without, and cells of the quarter written right after the amount ("JPY865
   million in 1Q02") to the others; each row keeps its cell of the latest period. One
   row: that row. More
   than one: the rows named in the sentence (their label, or a form of it, see below) if
   they all share one label; failing that, all the rows if they share one label (the same
   line in two tables: Table 5 and the EBITDA reconciliation). Otherwise the amount is
   ambiguous and nothing is tied to it.

2. Changes. A percentage with a direction and a base (not approximate, not a bound) is
   recomputed from the row of the nearest amount of the sentence (the one before it, else
   the one after) whose cell is in its table's latest period: current = that cell, base =
   the cell of the same row in the column of the same table whose period ends one year
   earlier ("year-ago quarter", "prior year", a quarter code four quarters back) or one
   quarter earlier ("prior quarter", the quarter code one back), spans agreeing. A sentence
   with changes and no amount at all continues the sentence before it in the same
   paragraph ("売上高は440億円と… 。対前年度比10.3%増で…"), unless it names another row.
   value = (current / base - 1) * 100 on the signed figures, [lo, hi] from the corners of
   the two cells' intervals. The stated change is negative when its direction is "down";
   it agrees when its rounded interval meets [lo, hi]. Two negative figures (a loss) are
   compared by size only: "improved", "narrowed" and "decreased" all describe a smaller
   loss. A change across a change of sign, or from a base whose interval holds zero, is not
   computed. Change tie-outs are reported whether they agree or not.

3. Named rows. A row is named when its label (footnote marks and parenthesised parts such
   as "(loss)" dropped, case-insensitive, NFKC) stands in the sentence on word boundaries
   (for Japanese: not inside a longer kanji / katakana word). Longer labels win over the
   shorter ones they contain ("Basic net loss per ADS equivalent" over "net loss"). Weak
   forms ("revenues" for "Total revenues", "営業収益" for "営業収益合計", and the aliases
   below such as 売上高 for 営業収益) only help choose among rows in step 1.

   An amount that agrees with no cell is reported (kind "amount", agrees False) against the
   row its sentence names by the full label, only when all of this holds: the label opens
   its clause ("Adjusted EBITDA was", "償却前営業利益(Adjusted EBITDA)は"), the amount is the
   first one after it and only a verb stands between ("was", "totaled", "increased 9.1%
   to", "は"), the amount agrees with no money cell of the whole document (else it may be
   the figure of another line or period), the amount is within half to twice the row's
   figure (further off, it is a component or another period rather than a mistyped
   figure), every row with that label shows the same current-period figure (its first
   period column), and the sentence speaks of reported figures, not of expectations,
   forecasts, consensus or plans. Amounts that agree are not reported.

Everything is read from the one document: no translation is consulted. The money cells and
row labels of a document are indexed once (kept while the document lives).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from ..lang.script import has_japanese
from ..model import Cell, Column, Convention, Document, Lang, Mention, Period, Row, Sentence, Table, TieOut
from ..parse import periods
from ..parse.mentions import AMOUNT, PERCENT
from ..parse.numbers import effective_scale
from .derive import expected_text, ratio_range
from .money import PER_UNIT_RE, MoneyIndex, Occurrence, Slot, is_money, magnitude, mention_magnitude, names_in

__all__ = ["document_tieouts", "tie_out"]

AMOUNT_KIND = "amount"
CHANGE_KIND = "change"

# Footnote marks as they read after NFKC: "(1)", "(*)", "^(*)", "*".
_FOOTNOTE_RE = re.compile(r"^\s*(?:\^?\(\s*[0-9*]{1,3}\s*\)|\^[0-9*]+|\*+)")

# What may stand before a label that opens its clause.
_EN_PREFIX_RE = re.compile(r"^(?:(?:the|its|our|iij's|iij’s|consolidated|total)\s+)*$")
_JA_PREFIX_RE = re.compile(r"^(?:.*の|.*[(（])?$")
# What may stand between a label and the amount it is given ("was", "increased 9.1% to").
_EN_GAP_RE = re.compile(
    r"""^\s*
    (?:(?:for|in|during)\s+(?:the\s+)?
        (?:[1-4][qh]\s?\d{2}|fiscal(?:\s+year)?\s+\d{4}|fy\s?\d{2,4}
          |(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|quarter|year|period)
        \s*,?\s+)?
    (?:also\s+)?
    (?:was|were|is|are|totaled|totalled|amounted\s+to|came\s+to|reached|stood\s+at|of|at
      |(?:(?:has\s+|have\s+)?(?:continued\s+to\s+)?
          (?:increase|decrease|improve|narrow|decline|rise|fall|grow|widen|drop)[ds]?
          |rose|fell|grew)
        (?:\s+(?:by\s+)?\d+(?:\.\d+)?\s?%)?\s+to)
    \s*$""",
    re.VERBOSE,
)
_JA_GAP_RE = re.compile(
    r"^\s*[)）]?\s*(?:[(（][^()（）]*[)）])?\s*[はがも]?\s*(?:[^、。]{0,16}?%[^、。%]{0,4}?の)?\s*$"
)
_CLAUSE_BREAK_RE = re.compile(r"[,;:、。]")
# A quarter code right after an amount (its USD translation may stand between).
_PERIOD_AFTER_RE = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:in|for|during)\s+(?:the\s+)?(?P<code>[1-4]Q\d{2})\b", re.IGNORECASE
)
# Sentences about expectations, consensus or plans: their amounts are not the table's.
_NOT_REPORTED_RE = re.compile(
    r"\b(?:expect\w*|forecast\w*|consensus|guidance|target\w*|estimat\w*|plan\w*|anticipat\w*"
    r"|project(?:ed|ion)s?|outlook)\b|見込|予想|予測|計画|目標|見通し",
    re.IGNORECASE,
)
# An amount this far from the row's current figure is about something else (a component,
# another period), not a mistyped figure.
MISMATCH_RATIO = (Decimal("0.5"), Decimal(2))

YEAR_BASES = frozenset({"year-ago quarter", "prior year"})
QUARTER_BASES = frozenset({"prior quarter"})
PRIOR_PERIOD = "prior period"  # 前期比: the prior quarter or year, as the document reports


def period_base(base: str, quarterly: bool | None) -> str:
    """A "prior period" base resolved by what the document reports (unknown: a quarter)."""
    if base != PRIOR_PERIOD:
        return base
    return "prior year" if quarterly is False else "prior quarter"
_QUARTER_CODE_RE = re.compile(r"^[1-4]Q\d{2}$")

_HUNDRED = Decimal(100)


def document_tieouts(doc: Document, convention: Convention | None = None) -> tuple[TieOut, ...]:
    """The tie-outs of every prose figure of `doc` to its own tables, in document order.

    `convention` (round / truncate) overrides what the document declares; the fiscal-year
    end (for quarter codes such as "4Q01") is the document's.
    """
    if not any(unit.mentions for unit in doc.prose):
        return ()  # no prose figure to tie out: the index of every cell is not needed
    index = MoneyIndex(doc, convention or doc.convention, doc.fy_end_month)
    out: list[TieOut] = []
    for unit in doc.prose:
        for sentence in unit.sentences:
            out.extend(tie_out(index, sentence, [m for s, m in unit.mentions if s is sentence]))
    return tuple(out)


def tie_out(index: MoneyIndex, sentence: Sentence, mentions: Sequence[Mention]) -> tuple[TieOut, ...]:
    """The tie-outs of one sentence of the document `index` was built on (see the module
    docstring for the rules). `mentions` are the figures of `sentence` (offsets into
    `sentence.text`)."""
    ms = tuple(mentions)
    levels = [m for m in ms if _is_level(m)]
    changes = [m for m in ms if _is_change(m)]
    if not levels and not changes:
        return ()
    found = index.occurrences(sentence.text)
    names = names_in(found)
    out: list[TieOut] = []

    anchors: list[tuple[int, list[Slot]]] = []  # (position, rows' current cells)
    for m in levels:
        chosen = index.choose(index.hits(m), names, _period_after(sentence.text, m.end, index.fy_end_month))
        current = [s for s in chosen if s.end is not None and s.end == index.latest.get(s.table.id)]
        if current:
            anchors.append((m.start, current))

    if changes and not anchors and not any(m.kind == AMOUNT for m in ms):
        carried = _carried_anchor(index, sentence)
        if carried is not None and not (names.keys() - {carried[0].key}):
            anchors.append((-1, carried))

    for c in changes:
        slots = _nearest(anchors, c.start)
        for s in slots or ():
            t = _change(index, sentence, s, c)
            if t is not None:
                out.append(t)
                break

    out.extend(_mismatches(index, sentence, ms, found))
    out.sort(key=lambda t: (t.mention.start, t.kind))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------


def _is_level(m: Mention) -> bool:
    q = m.quantity
    return (
        m.kind == AMOUNT
        and q.unit == "JPY"
        and q.value is not None
        and q.upper is None
        and not m.approx
        and m.bound is None
        and m.direction is None
    )


def _is_change(m: Mention) -> bool:
    q = m.quantity
    return (
        m.kind == PERCENT
        and m.direction in ("up", "down", "better", "worse")
        and m.base is not None
        and q.value is not None
        and q.upper is None
        and not m.approx
        and m.bound is None
    )


def _period_after(text: str, end: int, fy_end_month: int) -> Period | None:
    """The quarter an amount is given for, when a code follows it: "JPY865 million in 1Q02"."""
    pm = _PERIOD_AFTER_RE.match(text, end)
    if pm is None:
        return None
    return periods.resolve(Period(None, pm.group("code").upper(), None), fy_end_month)


def _nearest(anchors: list[tuple[int, list[Slot]]], at: int) -> list[Slot] | None:
    before = [a for a in anchors if a[0] < at]
    if before:
        return before[-1][1]
    after = [a for a in anchors if a[0] > at]
    return after[0][1] if after else None


# --------------------------------------------------------------------------------------------
# Changes
# --------------------------------------------------------------------------------------------


def _change(index: MoneyIndex, sentence: Sentence, s: Slot, c: Mention) -> TieOut | None:
    """The change `c` states, recomputed from the row of `s` (None when it cannot be)."""
    base = _base_column(index, s, c.base)  # type: ignore[arg-type]
    if base is None:
        return None
    prior = s.row.cell(base.index)
    if prior is None or not is_money(prior.quantity):
        return None
    cq, pq = s.cell.quantity, prior.quantity
    assert cq is not None and pq is not None
    cv, pv = cq.value, pq.value
    assert cv is not None and pv is not None
    if pv == 0 or cv == 0 or (cv < 0) != (pv < 0):
        return None
    (c_lo, c_hi), (p_lo, p_hi) = cq.interval(index.convention), pq.interval(index.convention)
    if p_lo <= 0 <= p_hi:
        return None
    cur = cv.scaleb(cq.scale)
    pri = pv.scaleb(pq.scale)
    r_lo, r_hi = ratio_range(c_lo, c_hi, p_lo, p_hi)
    value = (cur / pri - 1) * _HUNDRED
    lo, hi = (r_lo - 1) * _HUNDRED, (r_hi - 1) * _HUNDRED
    q = c.quantity
    s_lo, s_hi = q.interval(Convention.ROUND)
    s_lo, s_hi = abs(s_lo), abs(s_hi)
    s_lo, s_hi = min(s_lo, s_hi), max(s_lo, s_hi)
    if cv < 0:  # a loss: compare sizes only
        r_lo, r_hi = magnitude((lo, hi))
        agrees = not (r_hi < s_lo or r_lo > s_hi)
    else:
        if c.direction in ("down", "worse"):  # a profit that worsens falls; a loss is compared by size
            s_lo, s_hi = -s_hi, -s_lo
        agrees = not (hi < s_lo or lo > s_hi)
    formula = f"{s.cell.text} / {prior.text} - 1"
    return TieOut(sentence.lang, sentence.line, c, CHANGE_KIND, s.table, s.row, s.cell, prior, value, lo, hi,
                  formula, agrees, expected_text(value, c.quantity.decimals))  # fmt: skip


def _base_column(index: MoneyIndex, s: Slot, base: str) -> Column | None:
    """The column of `s`'s table holding the period `base` names, relative to `s`'s."""
    if s.end is None:
        return None
    base = period_base(base, index.document.quarterly)
    if base in YEAR_BASES:
        months = 12
    elif base in QUARTER_BASES:
        months = 3
    elif _QUARTER_CODE_RE.match(base):
        named = periods.resolve(Period(None, base, None), index.fy_end_month)
        if named.end is None:
            return None
        months = (s.end[0] * 12 + s.end[1]) - (named.end[0] * 12 + named.end[1])
        if months not in (3, 12):
            return None
    else:
        return None
    if months == 3 and s.span == "year":
        return None
    target = periods.shift_months(s.end, -months)
    for col in s.table.columns:
        if col.index == s.column.index:
            continue
        p = index.periods.get((s.table.id, col.index))
        if p is None or p.end != target:
            continue
        if s.span and p.span and s.span != p.span:
            continue
        return col
    return None


def _carried_anchor(index: MoneyIndex, sentence: Sentence) -> list[Slot] | None:
    """The rows of the last amount of the sentence before `sentence` in its paragraph."""
    unit = index.units.get(sentence.line)
    if unit is None:
        return None
    before = [s for s in unit.sentences if s.start < sentence.start]
    if not before:
        return None
    prev = before[-1]
    names = names_in(index.occurrences(prev.text))
    found = None
    for m in (m for s, m in unit.mentions if s is prev):
        if not _is_level(m):
            continue
        chosen = index.choose(index.hits(m), names, _period_after(prev.text, m.end, index.fy_end_month))
        current = [s for s in chosen if s.end is not None and s.end == index.latest.get(s.table.id)]
        if current:
            found = current
    return found


# --------------------------------------------------------------------------------------------
# Amounts that agree with nothing, in a sentence that names their row
# --------------------------------------------------------------------------------------------


def _mismatches(
    index: MoneyIndex, sentence: Sentence, ms: Sequence[Mention], found: list[Occurrence]
) -> list[TieOut]:
    text = sentence.text
    strong = [o for o in found if o.strong]
    if not strong or _NOT_REPORTED_RE.search(text):
        return []
    out: list[TieOut] = []
    reported: set[int] = set()
    for o in strong:
        m = next((m for m in ms if m.kind == AMOUNT and m.start >= o.end), None)
        if m is None or m.start in reported or not _is_level(m):
            continue
        if not _opens_clause(index.lang, text, o.start) or not _only_verb_between(index.lang, text[o.end : m.start]):
            continue
        if index.hits(m):
            continue  # agrees with some cell: another line or period, or this row
        (key,) = o.keys
        current = [c for c in (_current(index, t, r) for t, r in index.rows_by_key.get(key, [])) if c]
        if not current or len({_value_of(c) for c in current}) != 1:
            continue
        figure = abs(_value_of(current[0]))
        stated = abs(m.quantity.value).scaleb(m.quantity.scale)  # type: ignore[arg-type]
        if not figure or not MISMATCH_RATIO[0] <= stated / figure <= MISMATCH_RATIO[1]:  # 0: no ratio is near
            continue
        table, row, cell, scale = current[0]
        out.append(_amount_tieout(sentence, m, table, row, cell, scale, index.convention))
        reported.add(m.start)
    return out


def _opens_clause(lang: Lang, text: str, start: int) -> bool:
    head = text[:start]
    cut = max((mm.end() for mm in _CLAUSE_BREAK_RE.finditer(head)), default=0)
    prefix = unicodedata.normalize("NFKC", head[cut:]).lower().strip()
    prefix = prefix.lstrip("・-•*● ")
    if lang is Lang.JA or has_japanese(prefix):
        return _JA_PREFIX_RE.match(prefix) is not None
    return _EN_PREFIX_RE.match(prefix) is not None


def _only_verb_between(lang: Lang, gap: str) -> bool:
    g = unicodedata.normalize("NFKC", gap).lower()
    g = _FOOTNOTE_RE.sub("", g, count=1)
    return bool(_EN_GAP_RE.match(g) or _JA_GAP_RE.match(g))


def _current(index: MoneyIndex, table: Table, row: Row) -> tuple[Table, Row, Cell, int] | None:
    """The row's cell in its current period's column (the latest the table names; its first
    period column when none is dated), with the scale its figure is in."""
    columns = [c for c in table.columns if (table.id, c.index) in index.periods]
    latest = index.latest.get(table.id)
    current = [c for c in columns if index.periods[(table.id, c.index)].end == latest] if latest else []
    if not (current or columns):
        return None
    cell = row.cell((current or columns)[0].index)
    if cell is None or not is_money(cell.quantity):
        return None
    per_unit = PER_UNIT_RE.search(row.label) is not None
    scale = 0 if per_unit else effective_scale(cell.quantity, table.unit_scale)  # type: ignore[arg-type]
    return table, row, cell, scale


def _value_of(c: tuple[Table, Row, Cell, int]) -> Decimal:
    q = c[2].quantity
    assert q is not None and q.value is not None
    return q.value.scaleb(q.scale + c[3])


def _amount_tieout(sentence: Sentence, m: Mention, table: Table, row: Row, cell: Cell, scale: int,
                   conv: Convention) -> TieOut:  # fmt: skip
    q = cell.quantity
    assert q is not None and q.value is not None
    mq = m.quantity
    shift = q.scale + scale - mq.scale  # cell units -> mention units
    lo, hi = magnitude(q.interval(conv, scale))
    lo, hi = lo.scaleb(-mq.scale), hi.scaleb(-mq.scale)
    value = abs(q.value).scaleb(shift)
    if mq.value is not None and mq.value < 0:
        value, lo, hi = -value, -hi, -lo
    if shift > 0:
        formula = f"{cell.text} * 10^{shift}"
    elif shift < 0:
        formula = f"{cell.text} / 10^{-shift}"
    else:
        formula = cell.text
    m_lo, m_hi = mention_magnitude(mq)
    c_lo, c_hi = magnitude(q.interval(conv, scale))
    agrees = m_lo < c_hi and c_lo < m_hi
    return TieOut(sentence.lang, sentence.line, m, AMOUNT_KIND, table, row, cell, None, value, lo, hi, formula,
                  agrees, expected_text(value, mq.decimals))  # fmt: skip
