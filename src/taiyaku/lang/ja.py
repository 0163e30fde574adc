"""Japanese number-display facts, as data. No logic lives here; numbers.py reads these."""

from __future__ import annotations

# Scale words -> power of ten. "16億円" is 16 x 10**8 yen.
SCALE_WORDS: dict[str, int] = {
    "千": 3,
    "万": 4,
    "百万": 6,
    "千万": 7,
    "億": 8,
    "十億": 9,
    "兆": 12,
}

# Currency markers written after the figure (and after any scale word): "446百万円".
CURRENCY_SUFFIXES: dict[str, str] = {
    "円": "JPY",
    "米ドル": "USD",
    "ドル": "USD",
}

# Currency markers written before the figure: "￥1,234" (NFKC turns ￥ into ¥).
CURRENCY_PREFIXES: dict[str, str] = {
    "¥": "JPY",
    "￥": "JPY",
}

# Marks put before a figure to show it is negative, and the style each one denotes.
NEGATIVE_MARKS: dict[str, str] = {
    "▲": "triangle",
    "△": "triangle",
    "−": "minus",  # U+2212 MINUS SIGN
    "－": "minus",  # U+FF0D FULLWIDTH HYPHEN-MINUS
}

# A cell holding only one of these means nil (none / zero).
NIL_MARKS: frozenset[str] = frozenset({"-", "－", "—", "―", "‐"})

# A cell holding only one of these means "not applicable".
NA_WORDS: frozenset[str] = frozenset({"N/A", "n/a", "n.a.", "NA", "該当なし"})

PERCENT_MARKS: tuple[str, ...] = ("%", "％")

# What joins the two ends of a range: "125～130億円", "100 億円 - 105 億円", "100から105".
RANGE_SEPARATORS: tuple[str, ...] = ("～", "〜", "~", "-", "－", "から")
