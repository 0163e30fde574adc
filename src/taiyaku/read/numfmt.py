"""A spreadsheet cell's display: its value rendered through its number format.

What a reader of a workbook sees, and what taiyaku compares, is the displayed text: 1234.4
under `#,##0` is "1,234", -1234 under `#,##0;(#,##0)` is "(1,234)", under `#,##0;"△"#,##0`
"△1,234", 0.123 under `0.0%` is "12.3%", 1234567890 under `#,##0,,` is "1,235". `render`
implements the Excel number-format language for that: up to four sections separated by ";"
(positive; negative; zero; text), conditions (`[>=1000]`), colours and locale tags (ignored,
except a currency symbol such as `[$¥-411]`), literal strings in quotes, characters escaped
with a backslash, `_x` (the width of x: a space) and `*x` (fill: nothing), digit placeholders
0 # ?, the decimal point, thousands separators, trailing commas (each scales by 1,000),
percent (scales by 100), scientific notation, simple fractions, `@` for text, `General`, and
dates and times (y m d h s, AM/PM, month and weekday names, Japanese eras with g and e).

Numbers are rounded as Excel does: the stored double taken to 15 significant digits, then
rounded half away from zero to the format's decimals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

__all__ = ["BUILTIN_JA_FORMATS", "from_serial", "is_date_format", "render"]

Value = int | float | Decimal | bool | str | dt.datetime | dt.date | dt.time | dt.timedelta | None

# Built-in format ids that a Japanese Excel writes without a format string (ECMA-376 Part 1,
# 18.8.30, ja-JP); openpyxl knows only the locale-neutral ones.
BUILTIN_JA_FORMATS: dict[int, str] = {
    27: '[$-411]ge.m.d', 28: '[$-411]ggge"年"m"月"d"日"', 29: '[$-411]ggge"年"m"月"d"日"',
    30: 'm/d/yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"時"mm"分"', 33: 'h"時"mm"分"ss"秒"',
    34: 'yyyy"年"m"月"', 35: 'm"月"d"日"', 36: '[$-411]ge.m.d', 50: '[$-411]ge.m.d',
    51: '[$-411]ggge"年"m"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: '[$-411]ggge"年"m"月"d"日"', 55: 'yyyy"年"m"月"', 56: 'm"月"d"日"', 57: '[$-411]ge.m.d',
    58: '[$-411]ggge"年"m"月"d"日"',
}  # fmt: skip

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_JA_DAYS = "月火水木金土日"
# Japanese eras by their first day (a formatting fact: g/gg/ggg name the era, e its year).
_ERAS = ((dt.date(2019, 5, 1), "令和", "R"), (dt.date(1989, 1, 8), "平成", "H"),
         (dt.date(1926, 12, 25), "昭和", "S"), (dt.date(1912, 7, 30), "大正", "T"),
         (dt.date(1868, 1, 1), "明治", "M"))  # fmt: skip

_DATE_CHARS = set("ymdhsegbYMDHSEGB")
_COND_RE = re.compile(r"^\[(<=|>=|<>|<|>|=)\s*(-?[0-9.]+(?:[eE][+-]?\d+)?)\]")


# --------------------------------------------------------------------------------------------
# Parsing a format into sections of tokens
# --------------------------------------------------------------------------------------------


@dataclass
class _Section:
    tokens: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    condition: tuple[str, float] | None = None
    is_date: bool = False
    is_text: bool = False  # holds @
    has_digits: bool = False
    general: bool = False
    elapsed: bool = False


def _split_sections(fmt: str) -> list[str]:
    out, cur, i, n = [], [], 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == '"':
            j = fmt.find('"', i + 1)
            j = n - 1 if j < 0 else j
            cur.append(fmt[i : j + 1])
            i = j + 1
            continue
        if c in "\\_*!" and i + 1 < n:
            cur.append(fmt[i : i + 2])
            i += 2
            continue
        if c == "[":
            j = fmt.find("]", i + 1)
            j = n - 1 if j < 0 else j
            cur.append(fmt[i : j + 1])
            i = j + 1
            continue
        if c == ";":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _tokenize(text: str) -> _Section:
    sec = _Section()
    toks = sec.tokens
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        lower = text[i:].lower()
        if c == '"':
            j = text.find('"', i + 1)
            j = n if j < 0 else j
            toks.append(("lit", text[i + 1 : j]))
            i = j + 1
        elif c in "\\!" and i + 1 < n:
            toks.append(("lit", text[i + 1]))
            i += 2
        elif c == "_" and i + 1 < n:
            toks.append(("lit", " "))
            i += 2
        elif c == "*" and i + 1 < n:
            i += 2  # fill character: nothing at a cell's natural width
        elif c == "[":
            j = text.find("]", i + 1)
            j = n if j < 0 else j
            inner = text[i + 1 : j]
            m = _COND_RE.match(text[i : j + 1])
            if m:
                sec.condition = (m.group(1), float(m.group(2)))
            elif inner.startswith("$"):
                symbol = inner[1:].split("-", 1)[0]
                if symbol:
                    toks.append(("lit", symbol))
            elif inner.lower() in ("h", "hh", "m", "mm", "s", "ss"):
                toks.append(("date", inner.lower()))
                sec.is_date = sec.elapsed = True
            # colours ([Red], [Color10]) and other tags ([DBNum1]) change no digit
            i = j + 1
        elif lower.startswith("general"):
            toks.append(("general", ""))
            sec.general = True
            i += 7
        elif c in "0#?":
            toks.append(("ph", c))
            sec.has_digits = True
            i += 1
        elif c == ".":
            toks.append(("dot", "."))
            i += 1
        elif c == ",":
            toks.append(("comma", ","))
            i += 1
        elif c == "%":
            toks.append(("pct", "%"))
            i += 1
        elif c == "@":
            toks.append(("text", "@"))
            sec.is_text = True
            i += 1
        elif c in "eE" and i + 1 < n and text[i + 1] in "+-" and sec.has_digits:
            toks.append(("exp", text[i + 1]))
            i += 2
        elif c == "/" and sec.has_digits:
            toks.append(("slash", "/"))
            i += 1
        elif lower.startswith(("am/pm", "a/p")):
            k = 5 if lower.startswith("am/pm") else 3
            toks.append(("ampm", text[i : i + k]))
            sec.is_date = True
            i += k
        elif c in _DATE_CHARS or (c in "aA" and lower.startswith("aaa")):
            j = i
            while j < n and text[j].lower() == c.lower():
                j += 1
            toks.append(("date", text[i:j].lower()))
            sec.is_date = True
            i = j
        else:
            toks.append(("lit", c))
            i += 1
    if sec.is_date:
        _resolve_minutes(toks)
        # "ss.00": placeholders after seconds are fractions of a second, not digits
        sec.has_digits = False
    return sec


def _resolve_minutes(toks: list[tuple[str, str]]) -> None:
    """An m or mm after an hour or before a second is minutes, not the month."""
    dates = [k for k, (kind, _) in enumerate(toks) if kind == "date"]
    for pos, k in enumerate(dates):
        text = toks[k][1]
        if text not in ("m", "mm"):
            continue
        prev = toks[dates[pos - 1]][1] if pos > 0 else ""
        nxt = toks[dates[pos + 1]][1] if pos + 1 < len(dates) else ""
        if prev.startswith("h") or nxt.startswith("s"):
            toks[k] = ("date", "M" if text == "m" else "MM")  # minutes


_CACHE: dict[str, list[_Section]] = {}


def _sections(fmt: str) -> list[_Section]:
    found = _CACHE.get(fmt)
    if found is None:
        found = [_tokenize(s) for s in _split_sections(fmt)][:4]
        if len(_CACHE) < 4096:
            _CACHE[fmt] = found
    return found


def is_date_format(fmt: str) -> bool:
    """Whether a format shows a date or time (its first section has date codes)."""
    secs = _sections(fmt)
    return bool(secs) and secs[0].is_date


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def render(value: Value, fmt: str | None, date1904: bool = False) -> str:
    """The text a spreadsheet shows for `value` under number format `fmt`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = fmt or "General"
    if isinstance(value, str):
        return _render_text(value, fmt)
    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 86400
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        secs = _sections(fmt)
        sec = next((s for s in secs if s.is_date), None)
        if sec is None:
            return _render_number(_to_serial(value, date1904), fmt, date1904)
        return _render_date(_as_datetime(value), sec, _to_serial(value, date1904)).strip()
    try:
        return _render_number(value, fmt, date1904)
    except (InvalidOperation, OverflowError, ValueError):
        return _general(value)


def _render_text(text: str, fmt: str) -> str:
    secs = _sections(fmt)
    sec = secs[3] if len(secs) >= 4 else (secs[0] if len(secs) == 1 and secs[0].is_text else None)
    if sec is None:
        return text
    out = []
    for kind, t in sec.tokens:
        if kind == "text":
            out.append(text)
        elif kind == "lit":
            out.append(t)
    return "".join(out).strip()


def _holds(cond: tuple[str, float], v: float) -> bool:
    op, x = cond
    return {"<": v < x, "<=": v <= x, ">": v > x, ">=": v >= x, "=": v == x, "<>": v != x}[op]


_NUMERIC: dict[str, tuple[list[_Section], bool]] = {}


def _numeric_sections(fmt: str) -> tuple[list[_Section], bool]:
    """The sections that format numbers (not a text-only fourth one), and whether any has a condition."""
    found = _NUMERIC.get(fmt)
    if found is None:
        secs = _sections(fmt)
        numeric = [s for s in secs if not (s.is_text and not s.has_digits and not s.general)] or secs[:1]
        found = (numeric, any(s.condition for s in numeric))
        if len(_NUMERIC) < 4096:
            _NUMERIC[fmt] = found
    return found


def _render_number(value: int | float | Decimal, fmt: str, date1904: bool) -> str:
    v = float(value)
    numeric, conditional = _numeric_sections(fmt)
    if conditional:
        chosen, signed = None, True
        for s in numeric:
            if s.condition is not None and _holds(s.condition, v):
                chosen = s
                signed = not (s.condition[0] in ("<", "<=") and s.condition[1] <= 0)
                break
        if chosen is None:
            rest = [s for s in numeric if s.condition is None]
            chosen = rest[0] if rest else numeric[-1]
            signed = v >= 0 or len([s for s in numeric if s.condition]) < 2
        mag = _dec(value) if signed else abs(_dec(value))
        return _section(mag, chosen, date1904, sign=signed).strip()
    pos = numeric[0]
    if v > 0 or (v == 0 and len(numeric) < 3):
        return _section(value, pos, date1904, sign=True).strip()
    if v < 0:
        if len(numeric) >= 2:
            return _section(abs(_dec(value)), numeric[1], date1904, sign=False).strip()
        return _section(value, pos, date1904, sign=True).strip()
    return _section(0, numeric[2], date1904, sign=False).strip()


def _dec(value: int | float | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.15g}")


def _general(value: int | float | Decimal) -> str:
    d = _dec(value)
    if d == d.to_integral_value() and abs(d) < Decimal(10) ** 11:
        return str(int(d))
    v = float(d)
    if v != 0 and (abs(v) >= 1e11 or abs(v) < 1e-9):
        mant, exp = f"{v:.5E}".split("E")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}E{exp[0]}{exp[1:].lstrip('0').rjust(2, '0')}"
    s = f"{v:.10g}"
    if "e" in s:
        s = f"{v:.10f}".rstrip("0").rstrip(".")
    return s


def _section(value: int | float | Decimal, sec: _Section, date1904: bool, sign: bool) -> str:
    if sec.is_date:
        v = float(value)
        if v < 0:
            return "#" * 8  # Excel shows ##### for a negative date
        return _render_date(from_serial(v, date1904), sec, v)
    neg = sign and float(value) < 0
    mag = abs(_dec(value))
    if sec.general or not sec.has_digits:
        parts = []
        for kind, t in sec.tokens:
            if kind == "general":
                parts.append(_general(mag))
            elif kind in ("lit", "pct"):
                parts.append(t)
        text = "".join(parts)
        return "-" + text if neg and sec.general else text
    if any(k == "exp" for k, _ in sec.tokens):
        text = _scientific(mag, sec.tokens)
    elif any(k == "slash" for k, _ in sec.tokens):
        text = _fraction(mag, sec.tokens)
    else:
        text, _ = _fixed(mag, sec.tokens)
    return "-" + text if neg else text


@dataclass(frozen=True)
class _Layout:
    """Where a fixed-point section's digits go: worked out once per section."""

    int_ph: tuple[int, ...]
    frac_ph: tuple[int, ...]
    dot: int | None
    grouping: bool
    factor: Decimal
    quantum: Decimal
    literal_between: bool


_LAYOUTS: dict[tuple[tuple[str, str], ...], _Layout] = {}


def _layout(toks: list[tuple[str, str]]) -> _Layout:
    key = tuple(toks)
    found = _LAYOUTS.get(key)
    if found is not None:
        return found
    phs = [k for k, (kind, _) in enumerate(toks) if kind == "ph"]
    dot = next((k for k, (kind, _) in enumerate(toks) if kind == "dot"), None)
    int_ph = [k for k in phs if dot is None or k < dot]
    frac_ph = [k for k in phs if dot is not None and k > dot]
    # Commas: between integer placeholders they group thousands; after the last integer
    # placeholder (before the point, or at the end) each divides by 1,000.
    grouping = False
    scale = 0
    for k, (kind, _) in enumerate(toks):
        if kind != "comma":
            continue
        if any(p < k for p in int_ph) and any(p > k for p in int_ph):
            grouping = True
        elif any(p < k for p in phs):
            scale += 1
    pct = sum(1 for kind, _ in toks if kind == "pct")
    n = len(int_ph)
    found = _Layout(
        tuple(int_ph), tuple(frac_ph), dot, grouping,
        Decimal(100) ** pct / Decimal(1000) ** scale, Decimal(1).scaleb(-len(frac_ph)),
        n > 1 and any(toks[k][0] == "lit" for k in range(int_ph[0], int_ph[-1])),
    )  # fmt: skip
    if len(_LAYOUTS) < 4096:
        _LAYOUTS[key] = found
    return found


def _fixed(mag: Decimal, toks: list[tuple[str, str]]) -> tuple[str, Decimal]:
    """Digits and literals of a fixed-point section (no exponent, no fraction)."""
    lay = _layout(toks)
    int_ph, frac_ph, dot = lay.int_ph, lay.frac_ph, lay.dot
    decimals = len(frac_ph)
    q = (mag * lay.factor).quantize(lay.quantum, rounding=ROUND_HALF_UP)
    digits = f"{q:f}"
    int_digits, _, frac_digits = digits.partition(".")
    frac_digits = frac_digits.ljust(decimals, "0")
    if int_digits == "0":
        int_digits = ""

    # integer placeholders, filled from the right; the leftmost takes any extra digits
    n = len(int_ph)
    fill: dict[int, str] = {}
    for j, k in enumerate(reversed(int_ph)):
        ph = toks[k][1]
        fill[k] = int_digits[-1 - j] if j < len(int_digits) else ("0" if ph == "0" else " " if ph == "?" else "")
    if n and len(int_digits) > n:
        fill[int_ph[0]] = int_digits[: len(int_digits) - n] + fill[int_ph[0]]
    leading = int_digits if not n else ""  # ".00" still shows the integer digits
    if lay.grouping and not lay.literal_between and n:
        block = "".join(fill[k] for k in int_ph)
        stripped = block.lstrip(" ")
        lead = block[: len(block) - len(stripped)]
        grouped = _group(stripped)
        fill = {k: "" for k in int_ph}
        fill[int_ph[0]] = lead + grouped

    # fraction placeholders: trailing zeros drop under # and turn to spaces under ?
    frac_fill: dict[int, str] = {}
    keep = len(frac_digits)
    for j in range(len(frac_ph) - 1, -1, -1):
        ph = toks[frac_ph[j]][1]
        if ph != "0" and frac_digits[j] == "0" and keep == j + 1:
            keep = j
            frac_fill[frac_ph[j]] = " " if ph == "?" else ""
        else:
            frac_fill[frac_ph[j]] = frac_digits[j]

    out = []
    for k, (kind, t) in enumerate(toks):
        if kind == "ph":
            out.append(fill[k] if k in fill else frac_fill.get(k, ""))
        elif kind == "dot":
            if k == dot:
                out.append(leading + ".")
        elif kind in ("lit", "pct"):
            out.append(t)
    return "".join(out), q


def _group(digits: str) -> str:
    if len(digits) <= 3 or not digits.isdigit():
        return digits
    head = len(digits) % 3 or 3
    return digits[:head] + "".join("," + digits[i : i + 3] for i in range(head, len(digits), 3))


def _scientific(mag: Decimal, toks: list[tuple[str, str]]) -> str:
    e = next(k for k, (kind, _) in enumerate(toks) if kind == "exp")
    mant_toks, exp_toks = toks[:e], toks[e + 1 :]
    int_n = sum(1 for k, (kind, _) in enumerate(mant_toks) if kind == "ph" and
                not any(kk < k and mant_toks[kk][0] == "dot" for kk in range(k)))  # fmt: skip
    exp_digits = sum(1 for kind, _ in exp_toks if kind == "ph")
    if mag == 0:
        exponent = 0
    else:
        exponent = mag.adjusted()
        step = int_n if int_n > 1 and any(t == "#" for kind, t in mant_toks if kind == "ph") else 1
        if step > 1:
            exponent -= exponent % step
        else:
            exponent -= max(int_n, 1) - 1
    mantissa = mag.scaleb(-exponent)
    text, q = _fixed(mantissa, mant_toks)
    if q >= Decimal(10) ** max(int_n, 1) and mag != 0:  # rounding carried into a new digit
        exponent += 1
        text, _ = _fixed(mag.scaleb(-exponent), mant_toks)
    sign = "-" if exponent < 0 else ("+" if toks[e][1] == "+" else "")
    tail = "".join(t for kind, t in exp_toks if kind == "lit")
    return f"{text}E{sign}{str(abs(exponent)).rjust(exp_digits, '0')}{tail}"


def _fraction(mag: Decimal, toks: list[tuple[str, str]]) -> str:
    s = next(k for k, (kind, _) in enumerate(toks) if kind == "slash")
    den_ph = [t for kind, t in toks[s + 1 :] if kind == "ph"]
    lits = [t for kind, t in toks[s + 1 :] if kind == "lit"]
    fixed_den = "".join(lits).strip()
    whole_part = any(kind == "lit" and t == " " for kind, t in toks[:s])
    frac = Fraction(str(mag))
    whole = int(frac) if whole_part else 0
    rest = frac - whole
    if fixed_den.isdigit():
        den = int(fixed_den)
        num = round(rest * den)
    else:
        approx = rest.limit_denominator(10 ** max(len(den_ph), 1) - 1)
        num, den = approx.numerator, approx.denominator
    if whole_part:
        if num == 0:
            return str(whole)
        return f"{whole} {num}/{den}" if whole else f"{num}/{den}"
    return f"{num}/{den}"


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def from_serial(serial: float, date1904: bool = False) -> dt.datetime:
    """The date and time of a spreadsheet serial number (1900 or 1904 date system)."""
    if date1904:
        base = dt.datetime(1904, 1, 1)
    elif serial < 60:
        base = dt.datetime(1899, 12, 31)  # Excel's 1900 system counts a 29 Feb 1900 that never was
    else:
        base = dt.datetime(1899, 12, 30)
    return base + dt.timedelta(days=serial)


def _to_serial(value: dt.datetime | dt.date | dt.time, date1904: bool) -> float:
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    return (d - base).total_seconds() / 86400


def _as_datetime(value: dt.datetime | dt.date | dt.time) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime(1899, 12, 31, value.hour, value.minute, value.second, value.microsecond)


def _era(d: dt.datetime) -> tuple[str, str, int]:
    day = d.date()
    for start, name, letter in _ERAS:
        if day >= start:
            return name, letter, d.year - start.year + 1
    return "", "", d.year


def _render_date(d: dt.datetime, sec: _Section, serial: float) -> str:
    # round to the shown precision: whole seconds unless the format shows fractions
    frac_digits = 0
    toks = sec.tokens
    for k, (kind, _) in enumerate(toks):
        if kind == "dot" and k > 0 and toks[k - 1][0] == "date" and toks[k - 1][1].startswith("s"):
            frac_digits = sum(1 for kind2, _ in toks[k + 1 :] if kind2 == "ph")
    if frac_digits == 0:
        d = (d + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    twelve = any(kind == "ampm" for kind, _ in toks)
    shown = str(round(d.microsecond / 10 ** (6 - frac_digits))).rjust(frac_digits, "0") if frac_digits else ""
    frac = iter(shown[:frac_digits])
    out = []
    for kind, t in toks:
        if kind in ("lit", "comma", "pct"):
            out.append(t)
        elif kind == "ampm":
            pm = d.hour >= 12
            out.append(("PM" if pm else "AM") if len(t) == 5 else ("P" if pm else "A"))
        elif kind == "date":
            out.append(_date_part(d, t, twelve, serial, sec.elapsed))
        elif kind == "dot":
            out.append(".")
        elif kind == "ph":
            out.append(next(frac, ""))
    return "".join(out)


def _date_part(d: dt.datetime, t: str, twelve: bool, serial: float, elapsed: bool) -> str:
    if t in ("yyyy", "yyy"):
        return f"{d.year:04d}"
    if t in ("yy", "y"):
        return f"{d.year % 100:02d}"
    if t in ("m", "mm", "mmm", "mmmm", "mmmmm"):
        if t == "m":
            return str(d.month)
        if t == "mm":
            return f"{d.month:02d}"
        name = _MONTHS[d.month - 1]
        return name[:3] if t == "mmm" else name if t == "mmmm" else name[0]
    if t in ("d", "dd"):
        return str(d.day) if t == "d" else f"{d.day:02d}"
    if t.startswith("ddd"):
        name = _DAYS[d.weekday()]
        return name[:3] if t == "ddd" else name
    if t == "aaa":
        return _JA_DAYS[d.weekday()]
    if t.startswith("aaaa"):
        return _JA_DAYS[d.weekday()] + "曜日"
    if t in ("h", "hh"):
        if elapsed:
            return str(int(serial * 24))
        h = d.hour % 12 or 12 if twelve else d.hour
        return str(h) if t == "h" else f"{h:02d}"
    if t in ("M", "MM"):
        if elapsed:
            return str(int(serial * 1440))
        return str(d.minute) if t == "M" else f"{d.minute:02d}"
    if t in ("s", "ss"):
        if elapsed:
            return str(int(round(serial * 86400)))
        return str(d.second) if t == "s" else f"{d.second:02d}"
    if t.startswith("g"):
        name, letter, _ = _era(d)
        return letter if t == "g" else name[:1] if t == "gg" else name
    if t.startswith("e"):
        _, _, year = _era(d)
        return str(year) if t == "e" else f"{year:02d}"
    if t.startswith("b"):
        return f"{d.year + 543:04d}" if len(t) > 1 else f"{(d.year + 543) % 100:02d}"
    return t
