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

# --------------------------------------------------------------------------------------------
# Prose (taiyaku.prose): sentences and the figures written in them
# --------------------------------------------------------------------------------------------

# Marks that open a bullet line when followed by a space: "- Revenues totaled ...".
BULLET_MARKS: tuple[str, ...] = ("-", "•", "▪", "●", "·")

# A full stop after one of these does not end a sentence (matched as written, then lowercased).
# Dotted initialisms ("U.S.", "B.B.") and single capital initials ("J.") are recognised apart.
SENTENCE_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "inc.", "co.", "ltd.", "corp.", "approx.", "e.g.", "i.e.", "no.", "nos.", "vs.",
        "mr.", "ms.", "mrs.", "dr.", "prof.", "st.", "jr.", "sr.", "u.s.", "u.s.a.", "u.k.",
        "tel.", "fax.", "fig.", "cf.", "vol.", "ref.", "dept.", "est.", "p.", "pp.",
        "a.m.", "p.m.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
        "sept.", "oct.", "nov.", "dec.",
    }
)  # fmt: skip

# Direction words written before a change figure, optionally followed by "of" / "by":
# "an increase of 7.7%", "decreased 3.3%", "grow by 10%", "up 17.5%".
DIRECTION_WORDS: dict[str, str] = {
    "increase": "up", "increased": "up", "increases": "up", "increasing": "up",
    "rise": "up", "rose": "up", "rises": "up", "rising": "up",
    "grow": "up", "grew": "up", "grows": "up", "growing": "up", "growth": "up",
    "gained": "up", "climbed": "up", "jumped": "up", "up": "up",
    "decrease": "down", "decreased": "down", "decreases": "down", "decreasing": "down",
    "decline": "down", "declined": "down", "declines": "down", "declining": "down",
    "fall": "down", "fell": "down", "falls": "down", "falling": "down",
    "drop": "down", "dropped": "down", "drops": "down", "reduction": "down",
    "reduced": "down", "shrank": "down", "down": "down",
}
DIRECTION_LINKS: tuple[str, ...] = ("of", "by")
# Direction words written after the figure: "a 10.3% increase", "an approximate 50% decline".
DIRECTION_AFTER: dict[str, str] = {
    "increase": "up", "rise": "up", "growth": "up", "gain": "up", "higher": "up",
    "decrease": "down", "decline": "down", "drop": "down", "fall": "down",
    "reduction": "down", "lower": "down",
}  # fmt: skip
# "... a decrease of 1.5% compared to 1Q01 and 3.8% compared to 4Q01": the second figure of a
# list joined by these words (optionally followed by "by") shares the first one's direction.
LIST_JOINERS: tuple[str, ...] = ("and", "or", ",")

# Comparison bases: a connector, then a phrase or a quarter code ("compared to 4Q01").
BASE_CONNECTORS: tuple[str, ...] = (
    "compared to", "compared with", "as compared to", "as compared with", "from", "over",
    "versus", "vs.", "against", "relative to",
)  # fmt: skip
BASE_PHRASES: dict[str, str] = {
    "the same quarter of the prior year": "year-ago quarter",
    "the same quarter of the previous year": "year-ago quarter",
    "the same quarter of the prior fiscal year": "year-ago quarter",
    "the same quarter of the previous fiscal year": "year-ago quarter",
    "the same quarter last year": "year-ago quarter",
    "the same quarter a year ago": "year-ago quarter",
    "the same period of the prior year": "year-ago quarter",
    "the same period of the previous year": "year-ago quarter",
    "the same period last year": "year-ago quarter",
    "the year-ago quarter": "year-ago quarter",
    "a year ago": "year-ago quarter",
    "the previous quarter": "prior quarter",
    "the prior quarter": "prior quarter",
    "the preceding quarter": "prior quarter",
    "the last quarter": "prior quarter",
    "last quarter": "prior quarter",
    "the previous year": "prior year",
    "the prior year": "prior year",
    "the previous fiscal year": "prior year",
    "the prior fiscal year": "prior year",
    "the preceding fiscal year": "prior year",
    "last year": "prior year",
    "last fiscal year": "prior year",
}
# Bases written without a connector: "increased 33% sequentially", "year-over-year increase".
BASE_ADVERBS: dict[str, str] = {
    "year-over-year": "year-ago quarter",
    "year over year": "year-ago quarter",
    "year-on-year": "year-ago quarter",
    "quarter-over-quarter": "prior quarter",
    "quarter over quarter": "prior quarter",
    "quarter-on-quarter": "prior quarter",
    "sequentially": "prior quarter",
    "sequential": "prior quarter",
}

# Approximation and bound words written before the figure ("approximately 40%").
APPROX_WORDS: tuple[str, ...] = (
    "approximately", "approx.", "about", "around", "roughly", "nearly", "almost",
    "an approximate", "approximate", "an estimated", "estimated", "close to", "some",
)  # fmt: skip
BOUND_WORDS: dict[str, str] = {
    "more than": "min", "over": "min", "at least": "min", "in excess of": "min",
    "greater than": "min", "above": "min", "less than": "max", "under": "max",
    "up to": "max", "at most": "max", "below": "max", "no more than": "max",
}  # fmt: skip

# A numbered caption: "Table 1. Number of Contracts" is one heading, not two sentences.
CAPTION_WORDS: tuple[str, ...] = (
    "Table", "Appendix", "Figure", "Fig.", "Note", "Exhibit", "Schedule", "Section",
    "Chapter", "Item", "Step", "No.",
)  # fmt: skip

# A bare number after a month name is a day ("June 6"); after one of these words it is a
# reference, not a figure ("Table 1", "Appendices 1 and 2", "Form 20-F").
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
NON_FIGURE_PREFIX_WORDS: tuple[str, ...] = (
    *CAPTION_WORDS, "Page", "Pages", "Tables", "Appendices", "Notes", "Form", "Forms", "Nos.",
    "Article", "Rule", "Version", "Phase", "fiscal", "FY",
)  # fmt: skip
TIME_SUFFIXES: tuple[str, ...] = ("am", "pm", "a.m.", "p.m.")

# A word before a figure that makes it negative: "compared with negative 4.3%".
NEGATIVE_WORDS: tuple[str, ...] = ("negative", "minus")

# "between JPY10.0 billion and JPY10.5 billion" is a range.
RANGE_BETWEEN: tuple[str, str] = ("between", "and")

# Units that are neither money nor percent, written after the figure.
OTHER_UNITS: dict[str, str] = {
    "times": "x",
    "percentage points": "pt",
    "percentage point": "pt",
    "basis points": "bp",
    "milliseconds": "ms",
}
