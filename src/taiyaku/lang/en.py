"""English number-display facts, as data. No logic lives here; numbers.py reads these."""

from __future__ import annotations

# Scale words -> power of ten (matched case-insensitively). "JPY 13 billion" is 13 x 10**9.
SCALE_WORDS: dict[str, int] = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "mn": 6,
    "bn": 9,
}

# Currency markers written before the figure: "JPY13,036 million", "¥1.7 billion", "US$1".
# A bare "Y" is deliberately absent: it is too often a letter of something else.
CURRENCY_PREFIXES: dict[str, str] = {
    "JPY": "JPY",
    "¥": "JPY",
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
}

# Currency words written after the figure and its scale word: "13 billion yen".
CURRENCY_SUFFIXES: dict[str, str] = {
    "yen": "JPY",
    "dollars": "USD",
}

# Marks put before a figure to show it is negative (parentheses are structural, not listed).
NEGATIVE_MARKS: dict[str, str] = {
    "-": "minus",
    "−": "minus",  # U+2212 MINUS SIGN
}

# A cell holding only one of these means nil (none / zero).
NIL_MARKS: frozenset[str] = frozenset({"-", "—", "–"})

# A cell holding only one of these means "not applicable".
NA_WORDS: frozenset[str] = frozenset({"N/A", "n/a", "n.a.", "N.A.", "NA"})

PERCENT_MARKS: tuple[str, ...] = ("%",)

# What joins the two ends of a range: "10,000 to 10,500", "890 - 1,040", "890–1,040".
RANGE_WORDS: tuple[str, ...] = ("to", "-", "–")
