"""Figures written in a sentence: value, unit, scale, sign, direction and comparison base.

`extract(text, lang)` finds every figure in one sentence ("130億円", "JPY 13 billion",
"7.7%増", "(-) JPY300 million", "125~130億円", "between JPY10.0 billion and JPY10.5 billion")
and returns a `Mention` for each. A mention's `quantity` is a `taiyaku.model.Quantity` built
by `taiyaku.parse.numbers.parse_quantity`, so `Quantity.interval()` and `taiyaku.recompute.compare.compare()`
work on it unchanged. Around the figure it reads:

- direction: "up" / "down" from 増/減少/改善... right after a Japanese figure, and from
  "an increase of", "decreased", "up", "a 10.3% increase"... around an English one; the
  second figure of an English list ("a decrease of 1.5% ... and 3.8% ...") shares it;
- base: what a change is measured against: "year-ago quarter", "prior quarter",
  "prior year", or the quarter code an English sentence names ("compared to 4Q01" -> "4Q01");
- approx / bound: "約", "approximately" -> approx; "以上", "more than" -> bound "min".

Not figures, and not extracted: dates and years (2003年3月31日, June 6, 2003, 2003/3/31,
fiscal 2002), quarter codes and ordinals (4Q02, 第4四半期, 1st quarter), footnote marks
(⁽²⁾, (1)), references (Table 1, Appendices 1 and 2), phone numbers and times (9:00am).
"JPY 118.07 = $1" is extracted, with kind "rate".

The text is read through NFKC with markup removed (tags, footnote marks, markdown escapes);
offsets in a Mention refer to the text as given. Language word lists live as data in
`taiyaku.lang.ja` and `taiyaku.lang.en`; every pattern is compiled once, at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from ..lang import en, ja
from ..model import Lang, Mention, Quantity

# The markup patterns strip_markup removes, reused here to clean while keeping offsets.
from .numbers import CARET_RE, PHYSICAL_UNITS, SUP_RE, TAG_RE, parse_quantity

__all__ = ["Mention", "extract", "AMOUNT", "PERCENT", "COUNT", "COUNTED", "RATE", "OTHER"]

# Mention kinds.
AMOUNT = "amount"  # money: JPY, USD
PERCENT = "percent"
COUNT = "count"  # a figure with no unit: contracts, shares, customers
COUNTED = "counted"  # a Japanese figure with its counter: 2,417人, 281千台, 152店舗
RATE = "rate"  # one side of an exchange rate: "JPY 118.07 = $1"
OTHER = "other"  # bandwidth, multiples ("2.5 times"), percentage points...

_CURRENCIES = frozenset(
    {*ja.CURRENCY_PREFIXES.values(), *ja.CURRENCY_SUFFIXES.values(),
     *en.CURRENCY_PREFIXES.values(), *en.CURRENCY_SUFFIXES.values()}
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Cleaning: markup out, NFKC in, offsets kept
# --------------------------------------------------------------------------------------------

_DROP_RE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (TAG_RE, SUP_RE, CARET_RE))
    + r"|\\(?=[$%&_#*])"
)


class _Clean(NamedTuple):
    text: str  # NFKC'd, markup removed
    source: list[int]  # source[i] = offset in the original of clean character i


def _clean(text: str) -> _Clean:
    out: list[str] = []
    source: list[int] = []
    pos = 0
    for m in _DROP_RE.finditer(text):
        _append_normalised(text, pos, m.start(), out, source)
        pos = m.end()
    _append_normalised(text, pos, len(text), out, source)
    return _Clean("".join(out), source)


def _append_normalised(
    text: str, a: int, b: int, out: list[str], source: list[int]
) -> None:
    """NFKC text[a:b] onto `out`, recording where each output character came from."""
    seg = text[a:b]
    norm = unicodedata.normalize("NFKC", seg)
    if len(norm) == len(
        seg
    ):  # the usual case: full-width digits and marks map one to one
        out.append(norm)
        source.extend(range(a, b))
        return
    for i, ch in enumerate(seg, a):
        n = unicodedata.normalize("NFKC", ch)
        out.append(n)
        source.extend([i] * len(n))


# --------------------------------------------------------------------------------------------
# Patterns built from the language data
# --------------------------------------------------------------------------------------------


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words` (NFKC'd), longest first so 百万 wins over 万."""
    uniq = sorted({_nfkc(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq)


def _lower_keys(d: dict[str, str]) -> dict[str, str]:
    return {_nfkc(k).lower(): v for k, v in d.items()}


_OTHER_UNITS = _lower_keys({**ja.OTHER_UNITS, **en.OTHER_UNITS})
_CURRENCY_PREFIXES = {**ja.CURRENCY_PREFIXES, **en.CURRENCY_PREFIXES}
_PERCENT_MARKS = (*ja.PERCENT_MARKS, *en.PERCENT_MARKS)
_NUM = r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?"
_JA_SCALE = _alt(ja.SCALE_WORDS)
_SIGN = r"\(\s?[-−]\s?\)|[▲△−]"

# One figure: sign, currency prefix, digits (with Japanese scale words: 1兆2,000億), unit.
_FIGURE_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9_.,/:^×$¥\\-])
    (?:(?P<sign>{_SIGN}|-(?=[$¥A-Z0-9]))\s?)?
    (?:(?P<cur>{_alt(_CURRENCY_PREFIXES)})\s?)?
    (?P<sign2>{_SIGN}|-(?=[0-9]))?
    (?P<body>{_NUM}(?:\s?(?:{_JA_SCALE})\s?{_NUM}(?=\s?(?:{_JA_SCALE})))*(?:\s?(?:{_JA_SCALE}))?)
    (?:\s?(?P<tail>
        {_alt(_PERCENT_MARKS)}
      | {_alt(ja.CURRENCY_SUFFIXES)}
      | (?i:(?:{_alt(en.SCALE_WORDS)})(?:\s(?:{_alt(en.CURRENCY_SUFFIXES)}))?)(?![A-Za-z])
      | (?i:{_alt(en.CURRENCY_SUFFIXES)})(?![A-Za-z])
      | (?:{_alt(PHYSICAL_UNITS)})(?![A-Za-z])
      | (?P<other>(?i:{_alt(_OTHER_UNITS)}))(?![A-Za-z])
      | (?P<counter>{_alt(ja.COUNTERS)})(?!{_alt(ja.COUNTER_NOT_BEFORE)})
    ))?
    (?![A-Za-z0-9]|[/:.,×^][0-9]|-[0-9])
    """,
    re.VERBOSE,
)

# A figure in parentheses followed by its unit is negative, as in a table cell: "[(12.4)%]",
# "(41,207) million yen", "(312)百万円". With the unit inside the parentheses it is not:
# "(12.4%)" and "(130億円)" are an aside.
_PAREN_FIGURE_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9_.,/:^×$¥\\-])
    \((?P<cur>(?:{_alt(_CURRENCY_PREFIXES)})\s?)?(?P<body>{_NUM})\)
    \s?(?P<tail>
        {_alt(_PERCENT_MARKS)}
      | (?:{_JA_SCALE})?\s?(?:{_alt(ja.CURRENCY_SUFFIXES)})
      | (?i:(?:{_alt(en.SCALE_WORDS)})(?:\s(?:{_alt(en.CURRENCY_SUFFIXES)}))?)(?![A-Za-z])
      | (?i:{_alt(en.CURRENCY_SUFFIXES)})(?![A-Za-z])
    )
    (?![A-Za-z0-9])
    """,
    re.VERBOSE,
)

# What may join the two ends of a range written in prose. A hyphen needs spaces around it
# ("100 億円 - 105 億円"): glued, it joins phone numbers and dates (03-5259-6500, 1-3月).
_RANGE_SEP_RE = re.compile(
    rf"\s?(?P<w>[~〜–])\s?|\s-\s|\s?(?P<ja>から)\s?|\s(?P<en>to|{en.RANGE_BETWEEN[1]})\s"
)
_BETWEEN_RE = re.compile(rf"\b{en.RANGE_BETWEEN[0]}\s?$", re.I)
# "from X to Y" is a change, not a range; "ranged from X to Y" is a range.
_FROM_RE = re.compile(r"(?P<ranged>\brang(?:e|es|ed|ing)\s)?\bfrom\s?$", re.I)
_FROM_AFTER_RE = re.compile(r"^\s?from\b", re.I)
_JA_CHANGE_TO_RE = re.compile(r"^\s?[にへ]")
_RATE_GAP_RE = re.compile(r"\s?=\s?")

# Not-a-figure context (applied to bare numbers: no currency, no unit).
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_FOOTNOTE_BODY_RE = re.compile(r"\d{1,2}")
_NEGATIVE_WORD_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_alt((*en.NEGATIVE_WORDS, *ja.NEGATIVE_WORDS))})\s?$", re.I
)
_JA_NON_FIGURE_AFTER_RE = re.compile(rf"^\s?(?:{_alt(ja.NON_FIGURE_SUFFIXES)})")
_JA_NON_FIGURE_BEFORE_RE = re.compile(rf"(?:{_alt(ja.NON_FIGURE_PREFIXES)})\s?$")
_EN_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_alt(en.MONTH_NAMES)})\.?\s$")
_EN_TIME_AFTER_RE = re.compile(rf"^\s?(?:{_alt(en.TIME_SUFFIXES)})(?![A-Za-z])", re.I)
# "Table 1", "Appendices 1 and 2", "Form 20-F and Form 6-K": the word, then earlier numbers.
_REFERENCE_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_alt(en.NON_FIGURE_PREFIX_WORDS)})\s?"
    r"(?:\d+(?:-?[A-Za-z])?\s?(?:,|and|&|or|-|–|、)\s?)*$",
    re.I,
)

# Direction, base, approximation: Japanese.
_JA_APPROX_BEFORE_RE = re.compile(rf"(?:{_alt(ja.APPROX_BEFORE)})\s?$")
_JA_BOUND_BEFORE_RE = re.compile(rf"(?P<w>{_alt(ja.BOUND_BEFORE)})\s?$")
_JA_AFTER_RE = re.compile(
    rf"""^\s?
    (?:(?P<bound>{_alt(ja.BOUND_AFTER)})|(?P<approx>{_alt(ja.APPROX_AFTER)}))?
    (?:\s?(?:{_alt(ja.DIRECTION_JOINERS)})?\s?(?P<dir>{_alt(ja.DIRECTION_WORDS)}))?
    """,
    re.VERBOSE,
)
_JA_BASE_BEFORE_RE = re.compile(
    rf"(?P<base>{_alt(ja.BASE_PHRASES)})(?:\s|{_alt(ja.BASE_PARTICLES)})*$"
)
# After the figure the base must close its clause: "7.7%増(前年同期比)", never "(前年同期比7.7%".
_JA_BASE_AFTER_RE = re.compile(
    rf"\s?[(]?\s?(?P<base>{_alt(ja.BASE_PHRASES)})\s?(?:[)、。,]|$)"
)

# Direction, base, approximation: English.
_EN_QUALIFIER_RE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<approx>{_alt(en.APPROX_WORDS)})|(?P<bound>{_alt(en.BOUND_WORDS)}))\s?$",
    re.I,
)
_EN_DIRECTION_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z-])(?P<w>{_alt(en.DIRECTION_WORDS)})(?:\s(?:{_alt(en.DIRECTION_LINKS)}))?\s?$",
    re.I,
)
_EN_DIRECTION_AFTER_RE = re.compile(
    rf"^\s?(?:(?:{_alt(en.BASE_ADVERBS)}|annual|quarterly)\s)?(?P<w>{_alt(en.DIRECTION_AFTER)})"
    r"(?![A-Za-z])",
    re.I,
)
_EN_LIST_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_alt(en.LIST_JOINERS)})\s?(?:by\s?)?$", re.I
)
_QUARTER_CODE = r"[1-4]\s?Q\s?\d{2}"
_EN_BASE_RE = re.compile(
    rf"""(?<![A-Za-z])
    (?:(?:{_alt(en.BASE_CONNECTORS)})\s
        (?:(?P<code>{_QUARTER_CODE})(?![A-Za-z0-9])
          | (?P<fy>(?:the\s)?(?:full\s)?(?:fiscal(?:\syear)?|FY)\s?(?:19|20)\d{{2}})(?![0-9])
          | (?P<phrase>{_alt(en.BASE_PHRASES)})(?![A-Za-z])
        )
      | (?P<adverb>{_alt(en.BASE_ADVERBS)})(?![A-Za-z])
    )""",
    re.VERBOSE | re.I,
)
_EN_BASE_PHRASES = _lower_keys(en.BASE_PHRASES)
_EN_BASE_ADVERBS = _lower_keys(en.BASE_ADVERBS)
_JA_DIRECTIONS = {_nfkc(k): v for k, v in ja.DIRECTION_WORDS.items()}
_JA_BASES = {_nfkc(k): v for k, v in ja.BASE_PHRASES.items()}
_JA_BOUNDS = {_nfkc(k): v for k, v in {**ja.BOUND_BEFORE, **ja.BOUND_AFTER}.items()}
_EN_DIRECTIONS = _lower_keys({**en.DIRECTION_WORDS, **en.DIRECTION_AFTER})
_EN_BOUNDS = _lower_keys(en.BOUND_WORDS)
_WS_RE = re.compile(r"\s+")

PRIOR_YEAR = "prior year"
# How far around a figure its qualifiers, direction and base are looked for (characters).
BEFORE_WINDOW = 48
AFTER_WINDOW = 24
BASE_WINDOW = 160


# --------------------------------------------------------------------------------------------
# Finding the figures
# --------------------------------------------------------------------------------------------


class _Figure(NamedTuple):
    start: int  # in the clean text
    end: int
    quantity: Quantity


def _scan(clean: str) -> list[_Figure]:
    """Every figure (single or range) in the clean text, left to right."""
    out: list[_Figure] = []
    pos = 0
    paren = _PAREN_FIGURE_RE.search(clean)  # the next negative figure in parentheses
    while (m := _FIGURE_RE.search(clean, pos)) is not None:
        while paren is not None and paren.start() < pos:
            paren = _PAREN_FIGURE_RE.search(clean, paren.end())
        if paren is not None and paren.start() <= m.start():
            q = parse_quantity(clean[paren.start() : paren.end()])
            if q is not None:
                out.append(_Figure(paren.start(), paren.end(), q))
                pos = paren.end()
                continue
        pos = m.end()
        q = None if _is_noise(clean, m) else _quantity(clean, m)
        if q is None:
            continue
        q = _signed_by_word(clean, m, q)
        fig = _range_after(clean, m, q) or _Figure(m.start(), m.end(), q)
        out.append(fig)
        pos = fig.end
    return out


def _quantity(clean: str, m: re.Match[str]) -> Quantity | None:
    """The Quantity a figure match displays, read by numbers.parse_quantity."""
    sign = m.group("sign") or m.group("sign2") or ""
    if sign.startswith("("):
        sign = "(-)"
    other, counter = m.group("other"), m.group("counter")
    end = m.start("other") if other else m.start("counter") if counter else m.end()
    display = sign + (m.group("cur") or "") + clean[m.start("body") : end].rstrip()
    q = parse_quantity(display)
    if q is not None and other:
        q = replace(
            q, text=clean[m.start() : m.end()], unit=_OTHER_UNITS[other.lower()]
        )
    elif q is not None and counter and q.unit is None and not q.percent:
        q = replace(q, text=clean[m.start() : m.end()], unit=_COUNTER_UNIT + ja.COUNTERS[counter])
    return q


def _signed_by_word(clean: str, m: re.Match[str], q: Quantity) -> Quantity:
    """`q` negated when a word such as "negative" stands before an unsigned figure."""
    if q.negative_style is not None or q.value is None or q.value == 0:
        return q
    if (
        _NEGATIVE_WORD_RE.search(clean, max(0, m.start() - BEFORE_WINDOW), m.start())
        is None
    ):
        return q
    upper = None if q.upper is None else -q.upper
    return replace(q, value=-q.value, upper=upper, negative_style="word")


def _range_after(clean: str, m1: re.Match[str], q1: Quantity) -> _Figure | None:
    """The range "m1 SEP m2" when one starts at m1, else None."""
    sep = _RANGE_SEP_RE.match(clean, m1.end())
    if sep is None:
        return None
    m2 = _FIGURE_RE.match(clean, sep.end())
    if m2 is None or _is_noise(clean, m2) or not _range_allowed(clean, m1, sep, m2):
        return None
    q2 = _quantity(clean, m2)
    if q2 is None:
        return None
    q = parse_quantity(f"{q1.text} - {q2.text}")
    if q is None or q.upper is None:
        return (
            None  # units differ, ends reversed, or bandwidth tiers ("64kbps - 128kbps")
        )
    return _Figure(m1.start(), m2.end(), replace(q, text=clean[m1.start() : m2.end()]))


def _range_allowed(
    clean: str, m1: re.Match[str], sep: re.Match[str], m2: re.Match[str]
) -> bool:
    """Whether the words around a separator make it a range and not a change "from X to Y"."""
    before = clean[max(0, m1.start() - BEFORE_WINDOW) : m1.start()]
    after = clean[m2.end() : m2.end() + AFTER_WINDOW]
    word = (sep.group("en") or "").lower()
    if word == en.RANGE_BETWEEN[1]:
        return _BETWEEN_RE.search(before) is not None
    if word == "to":
        fm = _FROM_RE.search(before)
        return not (
            (fm is not None and not fm.group("ranged"))
            or _FROM_AFTER_RE.search(after)
            or _english_direction_before(_strip_english_qualifier(before)[0])
        )
    if sep.group("ja"):
        return _JA_CHANGE_TO_RE.match(after) is None  # "▲300百万円から16百万円に改善"
    return True


def _is_noise(clean: str, m: re.Match[str]) -> bool:
    """A bare number that is a date, a time, an ordinal, a reference or a footnote mark.

    The Japanese and English rules both apply whatever the sentence's language: each side
    quotes the other's words ("Act of 1995" in Japanese text).
    """
    if m.group("cur") or m.group("tail") or m.group("sign") or m.group("sign2"):
        return False
    body = m.group("body")
    before = clean[max(0, m.start() - BEFORE_WINDOW) : m.start()]
    after = clean[m.end() : m.end() + AFTER_WINDOW]
    if _YEAR_RE.fullmatch(body) or _REFERENCE_BEFORE_RE.search(before):
        return True
    if after.startswith(")") and _FOOTNOTE_BODY_RE.fullmatch(body):
        return True  # a footnote mark "(1)" or a list enumerator "1)"
    return bool(
        _JA_NON_FIGURE_AFTER_RE.match(after)
        or _JA_NON_FIGURE_BEFORE_RE.search(before)
        or _EN_MONTH_BEFORE_RE.search(before)
        or _EN_TIME_AFTER_RE.match(after)
    )


# --------------------------------------------------------------------------------------------
# Reading the words around a figure
# --------------------------------------------------------------------------------------------


class _Context(NamedTuple):
    direction: str | None
    base: str | None
    approx: bool
    bound: str | None


def _japanese_context(clean: str, fig: _Figure) -> _Context:
    """Direction and qualifiers after the figure; base just before it or just after."""
    before = clean[max(0, fig.start - BEFORE_WINDOW) : fig.start]
    after = clean[fig.end : fig.end + AFTER_WINDOW]
    approx_m = _JA_APPROX_BEFORE_RE.search(before)
    approx = approx_m is not None
    if approx_m is not None:
        before = before[: approx_m.start()]
    bm = _JA_BOUND_BEFORE_RE.search(before)
    bound = _JA_BOUNDS[bm.group("w")] if bm else None
    am = _JA_AFTER_RE.match(after)
    assert am is not None  # every group in it is optional
    if am.group("bound"):
        bound = _JA_BOUNDS[am.group("bound")]
    approx = approx or bool(am.group("approx"))
    direction = _JA_DIRECTIONS[am.group("dir")] if am.group("dir") else None
    base_m = _JA_BASE_BEFORE_RE.search(before) or _JA_BASE_AFTER_RE.match(
        clean, fig.end + am.end()
    )
    base = _JA_BASES[base_m.group("base")] if base_m else None
    return _Context(direction, base, approx, bound)


def _strip_english_qualifier(before: str) -> tuple[str, bool, str | None]:
    """(text before the qualifier, approx, bound) for "... approximately" / "... more than"."""
    qm = _EN_QUALIFIER_RE.search(before)
    if qm is None:
        return before, False, None
    bound = (
        _EN_BOUNDS[_WS_RE.sub(" ", qm.group("bound")).lower()]
        if qm.group("bound")
        else None
    )
    return before[: qm.start()], qm.group("approx") is not None, bound


def _english_direction_before(before: str) -> str | None:
    dm = _EN_DIRECTION_BEFORE_RE.search(before)
    return _EN_DIRECTIONS[dm.group("w").lower()] if dm else None


def _english_context(clean: str, fig: _Figure) -> _Context:
    """Qualifiers and direction around the figure (the base is read later, see _english_base)."""
    before = clean[max(0, fig.start - BEFORE_WINDOW) : fig.start]
    after = clean[fig.end : fig.end + AFTER_WINDOW]
    core, approx, bound = _strip_english_qualifier(before)
    direction = _english_direction_before(core)
    if direction is None:
        dm = _EN_DIRECTION_AFTER_RE.match(after)
        direction = _EN_DIRECTIONS[dm.group("w").lower()] if dm else None
    return _Context(direction, None, approx, bound)


def _continues_list(clean: str, fig: _Figure) -> bool:
    """Whether `fig` follows "and", "or" or a comma (then maybe "by"): "..., and by 1.3%"."""
    core = _strip_english_qualifier(
        clean[max(0, fig.start - BEFORE_WINDOW) : fig.start]
    )[0]
    return _EN_LIST_RE.search(core.rstrip()) is not None


def _english_base(text: str) -> str | None:
    """The first comparison base named in `text` (the words after a change figure)."""
    bm = _EN_BASE_RE.search(text)
    if bm is None:
        return None
    if bm.group("code"):
        return _WS_RE.sub("", bm.group("code")).upper()
    if bm.group("fy"):
        return PRIOR_YEAR
    if bm.group("phrase"):
        return _EN_BASE_PHRASES[_WS_RE.sub(" ", bm.group("phrase")).lower()]
    return _EN_BASE_ADVERBS[_WS_RE.sub(" ", bm.group("adverb")).lower()]


def _english_contexts(clean: str, figs: list[_Figure]) -> list[_Context]:
    """Contexts for every figure of an English sentence.

    A figure with no direction word of its own that continues a list ("... and 3.8%",
    "..., and by 1.3%") takes the direction of the last figure of its kind that had one.
    The base of a change is looked for after it, up to the next change figure.
    """
    ctxs = [_english_context(clean, f) for f in figs]
    last_of_kind: dict[
        str, str | None
    ] = {}  # kind -> direction of the last figure of it
    for i, f in enumerate(figs):
        kind = _kind(f.quantity)
        inherited = last_of_kind.get(kind)
        if ctxs[i].direction is None and inherited and _continues_list(clean, f):
            ctxs[i] = ctxs[i]._replace(direction=inherited)
        last_of_kind[kind] = ctxs[i].direction
    for i, (f, c) in enumerate(zip(figs, ctxs)):
        if c.direction is None:
            continue
        stop = next(
            (g.start for g, gc in zip(figs[i + 1 :], ctxs[i + 1 :])
             if gc.direction or _kind(g.quantity) == PERCENT),
            len(clean),
        )  # fmt: skip
        ctxs[i] = c._replace(
            base=_english_base(clean[f.end : min(stop, f.end + BASE_WINDOW)])
        )
    return ctxs


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


# The unit of a counted figure: "count:people", "count:units" (ja.COUNTERS).
_COUNTER_UNIT = "count:"


def _kind(q: Quantity) -> str:
    if q.percent:
        return PERCENT
    if q.unit in _CURRENCIES:
        return AMOUNT
    if q.unit is None:
        return COUNT
    return COUNTED if q.unit.startswith(_COUNTER_UNIT) else OTHER


def _rates(clean: str, figs: list[_Figure]) -> set[int]:
    """Indexes of the figures on either side of an "=" ("JPY 118.07 = $1")."""
    out: set[int] = set()
    for i in range(len(figs) - 1):
        a, b = figs[i], figs[i + 1]
        if _RATE_GAP_RE.fullmatch(clean, a.end, b.start):
            out.update((i, i + 1))
    return out


def extract(text: str, lang: Lang) -> tuple[Mention, ...]:
    """Every figure in one sentence of `lang`, left to right."""
    clean, source = _clean(text)
    figs = _scan(clean)
    if not figs:
        return ()
    if lang is Lang.JA:
        ctxs = [_japanese_context(clean, f) for f in figs]
    else:
        ctxs = _english_contexts(clean, figs)
    rates = _rates(clean, figs)
    out = []
    for i, (f, c) in enumerate(zip(figs, ctxs)):
        start, end = source[f.start], source[f.end - 1] + 1
        if start > 0 and text[start - 1] == "\\":
            start -= 1  # the markdown escape belongs to the figure it escapes: "\\$82 million"
        out.append(
            Mention(
                text=text[start:end],
                start=start,
                end=end,
                quantity=f.quantity,
                kind=RATE if i in rates else _kind(f.quantity),
                direction=c.direction,
                base=c.base,
                approx=c.approx,
                bound=c.bound,
            )
        )
    return tuple(out)


# What may stand around the figure of a cell that holds a counted figure: 約 / "approx." in
# Japanese; in English a few words naming what is counted ("2,417 employees", "281 thousand units").
_CELL_BEFORE_JA = _CELL_AFTER_JA = re.compile(r"[\s約およそ]*")
_CELL_BEFORE_EN = re.compile(r"\s*(?:(?:approx\.?|about)\s*)?", re.I)
_CELL_AFTER_EN = re.compile(r"(?:\s+[A-Za-z][A-Za-z.-]*){0,3}\s*")


def cell_figure(text: str, lang: Lang) -> Quantity | None:
    """The figure of a table cell that numbers.parse_quantity does not read because a counter
    or unit word goes with it: 2,417人, 281千台, 12.5倍, "2,417 employees", "281 thousand units".
    None unless the cell holds that one figure and nothing else of substance."""
    if not any(ch.isdigit() for ch in text):
        return None
    found = extract(text, lang)
    if len(found) != 1:
        return None
    m = found[0]
    if m.kind == COUNTED or (m.kind == OTHER and m.quantity.unit in ja.COMPARED_UNITS):
        pass
    elif not (m.kind == COUNT and lang is Lang.EN):
        return None
    before, after = (_CELL_BEFORE_JA, _CELL_AFTER_JA) if lang is Lang.JA else (_CELL_BEFORE_EN, _CELL_AFTER_EN)
    if before.fullmatch(text[: m.start]) and after.fullmatch(text[m.end :]):
        return m.quantity
    return None
