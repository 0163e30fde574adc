"""Reading figures as displayed in disclosure tables and text.

`parse_quantity` turns one table cell ("(1,234)", "▲300 百万円", "12.3%", "JPY 13 billion",
"10,000 to 10,500", "n/a", "-") into a `Quantity` that records the value exactly as displayed
together with everything needed to know what it denotes (decimals, scale, unit, sign style).
Anything that is not a single figure (a date, "4Q02", a label, a ruling line) gives None.

The language facts (scale words, currency marks, nil / n.a. words, range separators) live as
data in `taiyaku.lang.ja` and `taiyaku.lang.en`; all patterns are compiled once, at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..lang import en, ja
from ..model import QKind, Quantity

__all__ = ["effective_scale", "parse_quantity", "strip_label_footnotes", "strip_markup"]


# --------------------------------------------------------------------------------------------
# Markup and footnote marks
# --------------------------------------------------------------------------------------------

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# <u>, </u>, <i>, <b>, <br/>: ASCII tag names only, so "<概況>" in running text survives.
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s*/?>")
# ⁽²⁾, ⁽*⁾, and bare superscript digits (which NFKC would otherwise glue onto a figure).
SUP_RE = re.compile(rf"⁽[{_SUPERSCRIPT_DIGITS}*＊∗]*⁾|[{_SUPERSCRIPT_DIGITS}]+")
# ^{(*)3}, ^{(1)}, ^(*), ^(1), ^(*)3, ^1
CARET_RE = re.compile(r"\^(?:\{[^{}]*\}|\([0-9*]{1,4}\)[0-9]*|[0-9*]+)")
# Markdown escapes: \$ -> $
_ESCAPE_RE = re.compile(r"\\([$%&_#*])")
_WS_RE = re.compile(r"\s+")
# A trailing plain footnote mark on a label: "(2)", " (4)", "(*)", full-width too.
_LABEL_FOOTNOTE_RE = re.compile(
    r"\s*(?:[(（](?:[0-9０-９]{1,2}|[*＊]{1,3})[)）]|(?:※|(?<![0-9A-Za-z])[*＊])\s?[0-9０-９]{1,2})\s*$"
)
# ... and one before it: "※1 建物及び構築物", "*2 Goodwill".
_LEADING_FOOTNOTE_RE = re.compile(r"^(?:※|[*＊])\s?[0-9０-９]{1,2}\s+(?=\S)")


@lru_cache(maxsize=16384)
def strip_markup(text: str) -> str:
    """Remove tags, superscript footnote marks and markdown escapes; normalise spacing.

    Plain "(2)" is left alone: in a value cell it is a negative number.
    """
    if not text:
        return ""
    s = TAG_RE.sub("", text)
    s = SUP_RE.sub("", s)
    if "^" in s:
        s = CARET_RE.sub("", s)
    if "\\" in s:
        s = _ESCAPE_RE.sub(r"\1", s)
    return _WS_RE.sub(" ", s).strip()


@lru_cache(maxsize=16384)
def strip_label_footnotes(label: str) -> str:
    """`strip_markup`, then drop plain footnote marks: trailing "(2)", "(*)", "※1", "*3", and
    a leading "※1 " / "*2 ".

    Only groups of one or two digits or asterisks go ("(loss)" stays), and never the
    whole label.
    """
    s = strip_markup(label)
    if s[:1] in "※*＊":
        s = _LEADING_FOOTNOTE_RE.sub("", s)
    while True:
        tail = s[-4:]  # a mark ends the label: ")" or "※1", "* 12" (a header row of thousands of cells)
        if tail[-1:] not in ")）" and not any(mark in tail for mark in "※*＊"):
            return s
        m = _LABEL_FOOTNOTE_RE.search(s)
        if m is None or m.start() == 0:
            return s
        s = s[: m.start()].rstrip()


# --------------------------------------------------------------------------------------------
# Patterns built from the language data
# --------------------------------------------------------------------------------------------


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so 百万 wins over 万."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq)


# Everything below is matched against the NFKC form of the cell, so the keys are NFKC'd too.
_JA_SCALES: dict[str, int] = {_nfkc(k): v for k, v in ja.SCALE_WORDS.items()}
_EN_SCALES: dict[str, int] = {_nfkc(k).lower(): v for k, v in en.SCALE_WORDS.items()}
_PREFIX_CURRENCY: dict[str, str] = {
    _nfkc(k): v for k, v in {**ja.CURRENCY_PREFIXES, **en.CURRENCY_PREFIXES}.items()
}
_JA_SUFFIX_CURRENCY: dict[str, str] = {_nfkc(k): v for k, v in ja.CURRENCY_SUFFIXES.items()}
_EN_SUFFIX_CURRENCY: dict[str, str] = {_nfkc(k).lower(): v for k, v in en.CURRENCY_SUFFIXES.items()}
_NEGATIVE_MARKS: dict[str, str] = {
    _nfkc(k): v for k, v in {**ja.NEGATIVE_MARKS, **en.NEGATIVE_MARKS}.items()
}
_PERCENT_MARKS = frozenset(_nfkc(p) for p in (*ja.PERCENT_MARKS, *en.PERCENT_MARKS))
_NA = frozenset(_nfkc(w) for w in (*ja.NA_WORDS, *en.NA_WORDS))
# "_" alone is how the OCR'd English corpora render a nil dash.
# "(-)" is a nil dash put in the parentheses of a negative column.
_NIL = frozenset(_nfkc(w) for w in (*ja.NIL_MARKS, *en.NIL_MARKS, "_", "−", "(-)"))
_RANGE_SEPS = {_nfkc(w) for w in (*ja.RANGE_SEPARATORS, *en.RANGE_WORDS)}

# Units that are neither money nor percent; a figure may carry one inline ("6.4Gbps").
PHYSICAL_UNITS: tuple[str, ...] = ("Tbps", "Gbps", "Mbps", "kbps", "Kbps", "bps")

# The most digits a figure may show (1兆円 in yen has 13; a figure of more digits is read as
# unreadable, never computed with: Decimal arithmetic keeps 28 significant digits).
MAX_DIGITS = 20

# A grouped figure never starts with 0: "05,240" is OCR damage, not a number.
_NUM_RE = re.compile(r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_JA_SCALE_RE = re.compile(rf"(?:{_alternation(_JA_SCALES)})\s*")
_PREFIX_RE = re.compile(rf"(?:{_alternation(_PREFIX_CURRENCY)})\s*")
_EN_CUR_ALT = _alternation(_EN_SUFFIX_CURRENCY)
_TAIL_RE = re.compile(
    rf"""
    (?P<pct>{_alternation(_PERCENT_MARKS)})
    | (?P<jacur>{_alternation(_JA_SUFFIX_CURRENCY)})
    | (?i:(?P<enscale>{_alternation(_EN_SCALES)})(?:\s*(?P<encur>{_EN_CUR_ALT}))?)
    | (?i:(?P<enonlycur>{_EN_CUR_ALT}))
    | (?P<phys>{_alternation(PHYSICAL_UNITS)})
    """,
    re.VERBOSE,
)
_SEP_RE = re.compile(rf"\s*(?:{_alternation(_RANGE_SEPS)})\s*")
_HAS_DIGIT_RE = re.compile(r"[0-9]")


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


class _Fig(NamedTuple):
    value: Decimal
    decimals: int
    grouped: bool
    negative_style: str | None
    scale: int
    scale_stated: bool
    unit: str | None
    percent: bool


def _decimals(num: str) -> int:
    dot = num.find(".")
    return 0 if dot < 0 else len(num) - dot - 1


def _body(s: str, negative_style: str | None, prefix_unit: str | None) -> _Fig | None:
    """Parse what follows any sign and currency prefix: digits, scale words, tail unit."""
    pos = 0
    n = len(s)
    parts: list[tuple[str, int | None]] = []  # (digits as shown, ja scale or None)
    while True:
        m = _NUM_RE.match(s, pos)
        if m is None:
            return None
        num = m.group()
        if sum(ch.isdigit() for ch in num) > MAX_DIGITS:
            return None  # no disclosure figure has this many digits: not a figure we can weigh
        pos = m.end()
        while pos < n and s[pos] == " ":
            pos += 1
        sm = _JA_SCALE_RE.match(s, pos)
        if sm is None:
            parts.append((num, None))
            break
        parts.append((num, _JA_SCALES[sm.group().rstrip()]))
        pos = sm.end()
        if pos >= n or not s[pos].isdigit():
            break
    if len(parts) > 1:
        # "1兆2,000億円": every part needs a scale word, each smaller than the one before.
        scales = [-1 if sc is None else sc for _, sc in parts]
        if min(scales) < 0 or any(a <= b for a, b in zip(scales, scales[1:])):
            return None

    unit = prefix_unit
    percent = False
    last_num, ja_scale = parts[-1]
    scale = ja_scale if ja_scale is not None else 0
    scale_stated = ja_scale is not None

    if pos < n:
        tm = _TAIL_RE.fullmatch(s, pos)
        if tm is None:
            return None
        tail_unit: str | None
        if tm.group("pct"):
            if scale_stated or unit is not None:
                return None
            percent, tail_unit = True, "%"
        elif tm.group("jacur"):
            tail_unit = _JA_SUFFIX_CURRENCY[tm.group("jacur")]
        elif tm.group("enscale"):
            if scale_stated:
                return None
            scale, scale_stated = _EN_SCALES[tm.group("enscale").lower()], True
            cur = tm.group("encur")
            tail_unit = _EN_SUFFIX_CURRENCY[cur.lower()] if cur else None
        elif tm.group("enonlycur"):
            tail_unit = _EN_SUFFIX_CURRENCY[tm.group("enonlycur").lower()]
        else:  # physical unit
            if scale_stated or unit is not None:
                return None
            tail_unit = tm.group("phys")
        if tail_unit is not None:
            if unit is not None and unit != tail_unit:
                return None
            unit = tail_unit

    if len(parts) == 1:
        value = Decimal(last_num.replace(",", ""))
    else:
        low = scale
        value = sum(
            (Decimal(num.replace(",", "")).scaleb((sc or 0) - low) for num, sc in parts),
            Decimal(0),
        )
    if negative_style is not None:
        value = -value
        if value == 0:
            value = value.copy_abs()
    return _Fig(
        value=value,
        decimals=_decimals(last_num),
        grouped=any("," in num for num, _ in parts),
        negative_style=negative_style,
        scale=scale,
        scale_stated=scale_stated,
        unit=unit,
        percent=percent,
    )


def _figure(s: str) -> _Fig | None:
    """One signed figure, NFKC'd and space-normalised: "(¥1,234)", "▲300 百万円", "12.3%"."""
    s = s.strip()
    if not s:
        return None
    neg: str | None = None
    c = s[0]
    if s.startswith("(-)"):
        neg, s = "minus", s[3:].lstrip()
    elif c == "(":
        close = s.find(")")
        if close < 0:
            return None
        inner = s[1:close].strip()
        if not inner or "(" in inner:
            return None
        # "(1,234)", "(12.3%)", "(12.3)%", "(1,234) 百万円"
        neg, s = "paren", inner + s[close + 1 :]
    elif c in _NEGATIVE_MARKS:
        neg, s = _NEGATIVE_MARKS[c], s[1:].lstrip()
    elif c == "+":
        s = s[1:].lstrip()
    unit: str | None = None
    pm = _PREFIX_RE.match(s)
    if pm is not None:
        unit = _PREFIX_CURRENCY[pm.group().rstrip()]
        s = s[pm.end() :]
        # "¥-1,234", "JPY ▲300"; never "USD (1)" (a header with a footnote mark).
        if neg is None and s and s[0] in _NEGATIVE_MARKS:
            neg, s = _NEGATIVE_MARKS[s[0]], s[1:].lstrip()
    if not s or not s[0].isdigit():
        return None
    return _body(s, neg, unit)


def _merge_range(a: _Fig, b: _Fig) -> _Fig | None:
    """Two ends of a range -> one figure with value = low end; `upper` set by the caller."""
    if a.unit in PHYSICAL_UNITS or b.unit in PHYSICAL_UNITS:
        return None  # "64kbps - 128kbps" is a service-tier label, not a figure
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    unit = a.unit or b.unit
    percent = a.percent or b.percent
    if a.scale_stated and b.scale_stated and a.scale != b.scale:
        # Express both ends in the smaller unit: "1兆 - 1兆2,000億円".
        scale = min(a.scale, b.scale)
        a = _rescale(a, scale)
        b = _rescale(b, scale)
    elif a.scale_stated or b.scale_stated:
        scale = a.scale if a.scale_stated else b.scale
    else:
        scale = 0
    if a.value > b.value:
        return None
    return _Fig(
        value=a.value,
        decimals=max(a.decimals, b.decimals),
        grouped=a.grouped or b.grouped,
        negative_style=a.negative_style or b.negative_style,
        scale=scale,
        scale_stated=True,
        unit=unit,
        percent=percent,
    )


def _rescale(f: _Fig, scale: int) -> _Fig:
    shift = f.scale - scale
    return f._replace(
        value=f.value.scaleb(shift), decimals=max(0, f.decimals - shift), scale=scale
    )


# A plain figure ("1,234", "12.5", "0"), by far the commonest cell: read without the full parser
# (tests/test_numbers.py checks both readings agree).
_PLAIN_RE = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d+)?", re.ASCII)


def plain_quantity(text: str) -> Quantity | None:
    """The figure of a cell that is a plain figure as it stands ("1,234", "12.5": no markup,
    spacing, sign or unit), else None; what `parse_quantity` reads it as."""
    if _PLAIN_RE.fullmatch(text) is None:
        return None
    digits = text.replace(",", "")
    if len(digits) > MAX_DIGITS and len(digits) - ("." in digits) > MAX_DIGITS:
        return None
    dot = digits.find(".")
    return Quantity(text, QKind.NUMBER, Decimal(digits), 0 if dot < 0 else len(digits) - dot - 1, False, None,
                    len(digits) != len(text))  # fmt: skip


@lru_cache(maxsize=8192)
def _parse(text: str) -> Quantity | None:
    return plain_quantity(text) or _parse_any(text)


def _parse_any(text: str) -> Quantity | None:
    s = _WS_RE.sub(" ", _nfkc(text)).strip()
    if s in _NA:
        return Quantity(text, QKind.NA)
    if s in _NIL:
        return Quantity(text, QKind.NIL)
    if _HAS_DIGIT_RE.search(s) is None:
        return None  # words, a lone "%", and ruling lines such as "----"
    f = _figure(s)
    upper: Decimal | None = None
    if f is None:
        for m in _SEP_RE.finditer(s):
            if m.start() == 0 or m.end() == len(s):
                continue
            fa = _figure(s[: m.start()])
            if fa is None:
                continue
            fb = _figure(s[m.end() :])
            if fb is None:
                continue
            f = _merge_range(fa, fb)
            if f is not None:
                # the high end, in the merged scale
                hi = fb.value.scaleb(fb.scale - f.scale) if fb.scale_stated else fb.value
                upper = hi
            break
        if f is None:
            return None
    return Quantity(
        text=text,
        kind=QKind.NUMBER,
        value=f.value,
        decimals=f.decimals,
        percent=f.percent,
        negative_style=f.negative_style,
        grouped=f.grouped,
        scale=f.scale,
        unit=f.unit,
        upper=upper,
    )


def parse_quantity(text: str) -> Quantity | None:
    """The figure a table cell displays, or None when the cell is empty or not one figure.

    `text` of the result is the cell after `strip_markup`; full-width digits and marks are
    read through NFKC. See the module docstring for the forms understood.
    """
    t = strip_markup(text)
    if not t:
        return None
    return _parse(t)


def effective_scale(q: Quantity, table_scale: int | None) -> int:
    """The power of ten a cell's figure is in: inline units win, percentages have none."""
    if q.percent or q.unit not in (None, "JPY", "USD"):
        return 0
    if q.scale:
        return 0  # the display carries its own scale (applied by Quantity.interval)
    return table_scale or 0
