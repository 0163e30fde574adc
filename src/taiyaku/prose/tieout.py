"""Tie the figures of a sentence to the tables of the same document (same language).

    >>> ja, en, _ = api.load("corpora/iij-2003-05-fy2002q4.ja-en.txt")
    >>> s = next(s for s in document_sentences(ja) if s.line == 21)
    >>> [(t.kind, t.formula, t.expected(), t.agrees) for t in tie_out(ja, s)]
    [('change', '459 / 968 - 1', '-52.58', False), ('change', '459 / 349 - 1', '31.52', False)]

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
import weakref
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from taiyaku import periods, statements
from taiyaku.compare import effective_scale
from taiyaku.model import (
    Cell,
    Column,
    Convention,
    Document,
    Lang,
    Period,
    QKind,
    Quantity,
    Row,
    RowKind,
    Table,
)
from taiyaku.numbers import strip_label_footnotes
from taiyaku.prose.quantities import AMOUNT, PERCENT, Mention, extract
from taiyaku.prose.sentences import Sentence, split_paragraph
from taiyaku.recompute import expected_text, ratio_range

__all__ = ["TieOut", "tie_out"]

AMOUNT_KIND = "amount"
CHANGE_KIND = "change"

# Columns whose cells are not amounts in yen.
_EXCLUDED_COLUMN_KINDS = frozenset({"usd", "share", "yoy", "qoq"})
# Rows whose figures are plain yen whatever unit the table declares.
_PER_UNIT_RE = re.compile(r"\bper\b|あたり|当たり", re.IGNORECASE)
# Rows that count shares, not money.
_COUNT_ROW_RE = re.compile(r"\bnumber of\b|株式総数|証券総数|株式数", re.IGNORECASE)

# Label forms too generic to name a row.
_GENERIC_FORMS = frozenset(
    {"other", "others", "total", "subtotal", "net", "その他", "合計", "小計", "計"}
)
# Words a sentence uses for a line whose label says it differently: sentence word -> label
# form. They only help choose among rows (weak forms), they never make a row "named".
ALIASES: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        "売上高": "営業収益",
        "売上": "営業収益",
        "営業損失": "営業利益",
        "営業損益": "営業利益",
        "当期純損失": "当期損失",
        "純損失": "当期損失",
    },
    Lang.EN: {
        "revenue": "revenues",
        "operating loss": "operating income",
    },
}
_EN_TOTAL_PREFIX = "total "
_JA_TOTAL_SUFFIX = "合計"

# Parenthesised parts of a label: "(loss)", "(benefit)", "(capitalized leases を含む)".
_PAREN_RE = re.compile(r"\s*[(（][^()（）]*[)）]")
_WS_RE = re.compile(r"\s+")
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
_QUARTER_CODE_RE = re.compile(r"^[1-4]Q\d{2}$")

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TieOut:
    """A figure of a sentence checked against the tables of its document.

    `kind` is "amount" (an amount that agrees with no cell of the row the sentence names;
    only such mismatches are reported) or "change" (a stated change % against the change
    computed from two cells). For "change", `value` is the computed % (-52.58 for a fall)
    and `base_cell` the prior-period cell; for "amount", `value` is the cell's figure in the
    mention's scale, with the mention's sign (magnitudes are compared), and `base_cell` is
    None. `lo` and `hi` bound what the cells' own rounding allows.
    """

    mention: Mention
    kind: str
    table: Table
    row: Row
    cell: Cell
    base_cell: Cell | None
    value: Decimal
    lo: Decimal
    hi: Decimal
    formula: str
    agrees: bool

    def expected(self) -> str:
        """The value to one more decimal than the mention shows ("-52.58" for "53.0%"), or
        more when one would mislead about where it rounds."""
        return expected_text(self.value, self.mention.quantity.decimals)


def tie_out(
    doc: Document,
    sentence: Sentence,
    mentions: Sequence[Mention] | None = None,
    fy_end_month: int = 3,
) -> tuple[TieOut, ...]:
    """The tie-outs of one sentence of `doc` (see the module docstring for the rules).

    `mentions` are the figures of `sentence` (offsets into `sentence.text`); extracted when
    None. `fy_end_month` is the month the fiscal year ends, for quarter codes ("4Q01").
    """
    index = _index(doc, fy_end_month)
    ms = tuple(extract(sentence.text, sentence.lang) if mentions is None else mentions)
    levels = [m for m in ms if _is_level(m)]
    changes = [m for m in ms if _is_change(m)]
    if not levels and not changes:
        return ()
    found = index.occurrences(sentence.text)
    names = _names(found)
    out: list[TieOut] = []

    anchors: list[tuple[int, list[_Slot]]] = []  # (position, rows' current cells)
    for m in levels:
        chosen = index.choose(index.hits(m), names, _period_after(sentence.text, m.end, fy_end_month))
        current = [s for s in chosen if s.end is not None and s.end == index.latest.get(s.table.id)]
        if current:
            anchors.append((m.start, current))

    if changes and not anchors and not any(m.kind == AMOUNT for m in ms):
        carried = _carried_anchor(index, doc, sentence)
        if carried is not None and not (names.keys() - {carried[0].key}):
            anchors.append((-1, carried))

    for c in changes:
        slots = _nearest(anchors, c.start)
        for s in slots or ():
            t = _change(index, s, c)
            if t is not None:
                out.append(t)
                break

    out.extend(_mismatches(index, sentence.text, ms, found))
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
        and m.direction in ("up", "down")
        and m.base is not None
        and q.value is not None
        and q.upper is None
        and not m.approx
        and m.bound is None
    )


def _mention_magnitude(q: Quantity) -> tuple[Decimal, Decimal]:
    """[lo, hi) of the size a prose amount may stand for, rounded or truncated, in yen."""
    v = abs(q.value)  # type: ignore[arg-type]
    step = Decimal(1).scaleb(-q.decimals)
    factor = Decimal(1).scaleb(q.scale)
    return max(Decimal(0), v - step / 2) * factor, (v + step) * factor


def _period_after(text: str, end: int, fy_end_month: int) -> Period | None:
    """The quarter an amount is given for, when a code follows it: "JPY865 million in 1Q02"."""
    pm = _PERIOD_AFTER_RE.match(text, end)
    if pm is None:
        return None
    return periods.resolve(Period(None, pm.group("code").upper(), None), fy_end_month)


def _nearest(anchors: list[tuple[int, list[_Slot]]], at: int) -> list[_Slot] | None:
    before = [a for a in anchors if a[0] < at]
    if before:
        return before[-1][1]
    after = [a for a in anchors if a[0] > at]
    return after[0][1] if after else None


# --------------------------------------------------------------------------------------------
# The document's money cells and row labels, built once per document
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    """One money cell: where it is, its row's label key, its size interval in yen."""

    table: Table
    row: Row
    cell: Cell
    column: Column
    key: str
    scale: int  # the extra power of ten applied to the cell's display
    lo: Decimal
    hi: Decimal
    end: tuple[int, int] | None  # the column's period end (resolved from its code)
    span: str | None
    order: int  # position in the document, for a stable choice


@dataclass(frozen=True)
class _Occurrence:
    start: int  # offsets in the original sentence text
    end: int
    keys: frozenset[str]
    strong: bool


class _Index:
    def __init__(self, doc: Document, fy_end_month: int) -> None:
        self.lang = doc.lang
        self.fy_end_month = fy_end_month
        self.convention, _ = statements.document_convention(doc)
        self.latest: dict[str, tuple[int, int]] = {}
        self.periods: dict[tuple[str, int], Period] = {}
        self.rows_by_key: dict[str, list[tuple[Table, Row]]] = {}
        self.strong: dict[str, set[str]] = {}  # form -> keys
        self.weak: dict[str, set[str]] = {}
        slots: list[_Slot] = []
        order = 0
        for table in doc.tables:
            if table.unit_scale is None:
                continue
            columns = {c.index: c for c in table.columns}
            for c in table.columns:
                if c.kind in _EXCLUDED_COLUMN_KINDS or c.period is None:
                    continue
                p = periods.resolve(c.period, fy_end_month)
                self.periods[(table.id, c.index)] = p
                if p.end is not None and p.end > self.latest.get(table.id, (0, 0)):
                    self.latest[table.id] = p.end
            for row in table.rows:
                if row.kind is not RowKind.DATA or _COUNT_ROW_RE.search(row.label):
                    continue
                key = _label_key(row.label)
                if not key:
                    continue
                self.rows_by_key.setdefault(key, []).append((table, row))
                self._add_forms(key)
                per_unit = _PER_UNIT_RE.search(row.label) is not None
                for cell in row.cells:
                    col = columns.get(cell.column)
                    q = cell.quantity
                    if col is None or col.kind in _EXCLUDED_COLUMN_KINDS or not _is_money(q):
                        continue
                    if q.value == 0:  # type: ignore[union-attr]
                        continue  # a nil in thousands "agrees" with any small amount
                    scale = 0 if per_unit else effective_scale(q, table.unit_scale)  # type: ignore[arg-type]
                    lo, hi = _magnitude(q.interval(self.convention, scale))  # type: ignore[union-attr]
                    p = self.periods.get((table.id, col.index))
                    slots.append(_Slot(table, row, cell, col, key, scale, lo, hi,
                                       p.end if p else None, p.span if p else None, order))  # fmt: skip
                    order += 1
        for word, target in ALIASES.get(self.lang, {}).items():
            keys = self.strong.get(target, set()) | self.weak.get(target, set())
            if keys and word not in self.strong:
                self.weak.setdefault(word, set()).update(keys)
        slots.sort(key=lambda s: s.lo)
        self.slots = slots
        self.los = [s.lo for s in slots]
        self.width = max((s.hi - s.lo for s in slots), default=Decimal(0))
        forms = [(f, True) for f in self.strong] + [(f, False) for f in self.weak if f not in self.strong]
        self.forms = sorted(forms, key=lambda fs: (-len(fs[0]), fs[0]))
        self.paragraphs = {p.line: p for p in doc.paragraphs}

    def _add_forms(self, key: str) -> None:
        if _usable_form(key):
            self.strong.setdefault(key, set()).add(key)
        weak = None
        if key.startswith(_EN_TOTAL_PREFIX):
            weak = key[len(_EN_TOTAL_PREFIX):]
        elif key.endswith(_JA_TOTAL_SUFFIX):
            weak = key[: -len(_JA_TOTAL_SUFFIX)].strip()
        if weak and _usable_form(weak):
            self.weak.setdefault(weak, set()).add(key)

    # -- amounts ------------------------------------------------------------------------------

    def hits(self, m: Mention) -> list[_Slot]:
        """The money cells an amount mention agrees with (magnitudes)."""
        lo, hi = _mention_magnitude(m.quantity)
        first = bisect_left(self.los, lo - self.width)
        last = bisect_left(self.los, hi)
        return [s for s in self.slots[first:last] if s.hi > lo]

    def choose(
        self, hits: list[_Slot], names: dict[str, bool], hint: Period | None = None
    ) -> list[_Slot]:
        """The rows an amount is about (one cell each), or [] when that is not clear.

        `hint` is the period written right after the amount ("JPY865 million in 1Q02").
        """
        if not hits:
            return []
        dated = [s for s in hits if s.end is not None]
        if dated:
            hits = dated
        if hint is not None and hint.end is not None:
            hinted = [s for s in hits if s.end == hint.end and (not s.span or s.span == hint.span)]
            if hinted:
                hits = hinted
        best: dict[tuple[str, int], _Slot] = {}
        for s in hits:
            k = (s.table.id, s.row.index)
            b = best.get(k)
            if b is None or (s.end or (0, 0), -s.column.index) > (b.end or (0, 0), -b.column.index):
                best[k] = s
        rows = sorted(best.values(), key=lambda s: s.order)
        if len(rows) == 1:
            return rows
        strong = [s for s in rows if names.get(s.key) is True]
        weak = [s for s in rows if s.key in names]
        pool = strong or weak or rows
        return pool if len({s.key for s in pool}) == 1 else []

    # -- labels ---------------------------------------------------------------------------------

    def occurrences(self, text: str) -> list[_Occurrence]:
        """Where row labels (and their weak forms) stand in `text`, longest first."""
        norm, source = _normalise(text)
        taken: list[tuple[int, int]] = []
        out: list[_Occurrence] = []
        for form, strong in self.forms:
            if form not in norm:
                continue
            pos = norm.find(form)
            while pos >= 0:
                end = pos + len(form)
                if _bounded(norm, pos, end) and not any(a < end and pos < b for a, b in taken):
                    taken.append((pos, end))
                    keys = (self.strong if strong else self.weak)[form]
                    out.append(_Occurrence(source[pos], source[end - 1] + 1, frozenset(keys), strong))
                pos = norm.find(form, pos + 1)
        out.sort(key=lambda o: o.start)
        return out


def _names(found: list[_Occurrence]) -> dict[str, bool]:
    """key -> True when a row is named by its label, False when only by a weak form."""
    named: dict[str, bool] = {}
    for o in found:
        for k in o.keys:
            named[k] = named.get(k, False) or o.strong
    return named


_CACHE: dict[tuple[int, int], tuple[weakref.ref, _Index]] = {}
_CACHE_SIZE = 16


def _index(doc: Document, fy_end_month: int) -> _Index:
    k = (id(doc), fy_end_month)
    hit = _CACHE.get(k)
    if hit is not None and hit[0]() is doc:
        return hit[1]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    index = _Index(doc, fy_end_month)
    _CACHE[k] = (weakref.ref(doc), index)
    return index


def _is_money(q: Quantity | None) -> bool:
    return (
        q is not None
        and q.kind is QKind.NUMBER
        and q.value is not None
        and q.upper is None
        and not q.percent
        and q.unit in (None, "JPY")
    )


def _magnitude(iv: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    lo, hi = iv
    if hi <= 0:
        return -hi, -lo
    if lo < 0:
        return Decimal(0), max(-lo, hi)
    return lo, hi


def _label_key(label: str) -> str:
    s = unicodedata.normalize("NFKC", strip_label_footnotes(label)).lower()
    s = _PAREN_RE.sub("", s)
    return _WS_RE.sub(" ", s).strip(" :")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _is_word_cjk(ch: str) -> bool:
    """Kanji or katakana: a character that continues a Japanese compound word."""
    o = ord(ch)
    return 0x30A0 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _usable_form(form: str) -> bool:
    if form in _GENERIC_FORMS:
        return False
    if any(_is_cjk(ch) for ch in form):
        return len(form) >= 2
    return len(form) >= 3


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a word: not glued to letters of a longer one."""
    for inner, outer in ((text[start], text[start - 1] if start else ""),
                         (text[end - 1], text[end] if end < len(text) else "")):  # fmt: skip
        if not outer:
            continue
        if inner.isascii() and inner.isalnum():
            if outer.isascii() and outer.isalnum():
                return False
        elif _is_word_cjk(inner) and _is_word_cjk(outer):
            return False
    return True


def _normalise(text: str) -> tuple[str, list[int] | range]:
    """NFKC and lower case, with where each character came from in `text`."""
    norm = unicodedata.normalize("NFKC", text).lower()
    if len(norm) == len(text):
        return norm, range(len(text))
    out: list[str] = []
    source: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch).lower()
        out.append(n)
        source.extend([i] * len(n))
    return "".join(out), source


# --------------------------------------------------------------------------------------------
# Changes
# --------------------------------------------------------------------------------------------


def _change(index: _Index, s: _Slot, c: Mention) -> TieOut | None:
    """The change `c` states, recomputed from the row of `s` (None when it cannot be)."""
    base = _base_column(index, s, c.base)  # type: ignore[arg-type]
    if base is None:
        return None
    prior = s.row.cell(base.index)
    if prior is None or not _is_money(prior.quantity):
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
        r_lo, r_hi = _magnitude((lo, hi))
        agrees = not (r_hi < s_lo or r_lo > s_hi)
    else:
        if c.direction == "down":
            s_lo, s_hi = -s_hi, -s_lo
        agrees = not (hi < s_lo or lo > s_hi)
    formula = f"{s.cell.text} / {prior.text} - 1"
    return TieOut(c, CHANGE_KIND, s.table, s.row, s.cell, prior, value, lo, hi, formula, agrees)


def _base_column(index: _Index, s: _Slot, base: str) -> Column | None:
    """The column of `s`'s table holding the period `base` names, relative to `s`'s."""
    if s.end is None:
        return None
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


def _carried_anchor(index: _Index, doc: Document, sentence: Sentence) -> list[_Slot] | None:
    """The rows of the last amount of the sentence before `sentence` in its paragraph."""
    p = index.paragraphs.get(sentence.line)
    if p is None:
        return None
    before = [s for s in split_paragraph(p, doc.lang) if s.start < sentence.start]
    if not before:
        return None
    prev = before[-1]
    names = _names(index.occurrences(prev.text))
    found = None
    for m in extract(prev.text, prev.lang):
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
    index: _Index, text: str, ms: Sequence[Mention], found: list[_Occurrence]
) -> list[TieOut]:
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
        if not MISMATCH_RATIO[0] <= stated / figure <= MISMATCH_RATIO[1]:
            continue
        table, row, cell, scale = current[0]
        out.append(_amount_tieout(m, table, row, cell, scale, index.convention))
        reported.add(m.start)
    return out


def _opens_clause(lang: Lang, text: str, start: int) -> bool:
    head = text[:start]
    cut = max((mm.end() for mm in _CLAUSE_BREAK_RE.finditer(head)), default=0)
    prefix = unicodedata.normalize("NFKC", head[cut:]).lower().strip()
    prefix = prefix.lstrip("・-•*● ")
    if lang is Lang.JA or any(_is_cjk(ch) for ch in prefix):
        return _JA_PREFIX_RE.match(prefix) is not None
    return _EN_PREFIX_RE.match(prefix) is not None


def _only_verb_between(lang: Lang, gap: str) -> bool:
    g = unicodedata.normalize("NFKC", gap).lower()
    g = _FOOTNOTE_RE.sub("", g, count=1)
    return bool(_EN_GAP_RE.match(g) or _JA_GAP_RE.match(g))


def _current(index: _Index, table: Table, row: Row) -> tuple[Table, Row, Cell, int] | None:
    """The row's cell in its first period column, with the scale its figure is in."""
    for col in table.columns:
        if (table.id, col.index) not in index.periods:
            continue
        cell = row.cell(col.index)
        if cell is None or not _is_money(cell.quantity):
            return None
        per_unit = _PER_UNIT_RE.search(row.label) is not None
        scale = 0 if per_unit else effective_scale(cell.quantity, table.unit_scale)  # type: ignore[arg-type]
        return table, row, cell, scale
    return None


def _value_of(c: tuple[Table, Row, Cell, int]) -> Decimal:
    q = c[2].quantity
    assert q is not None and q.value is not None
    return q.value.scaleb(q.scale + c[3])


def _amount_tieout(m: Mention, table: Table, row: Row, cell: Cell, scale: int, conv: Convention) -> TieOut:
    q = cell.quantity
    assert q is not None and q.value is not None
    mq = m.quantity
    shift = q.scale + scale - mq.scale  # cell units -> mention units
    lo, hi = _magnitude(q.interval(conv, scale))
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
    m_lo, m_hi = _mention_magnitude(mq)
    c_lo, c_hi = _magnitude(q.interval(conv, scale))
    agrees = m_lo < c_hi and c_lo < m_hi
    return TieOut(m, AMOUNT_KIND, table, row, cell, None, value, lo, hi, formula, agrees)


