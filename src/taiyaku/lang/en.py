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
    "k": 3,  # "281 k units"
    "hundred million": 8,  # 億 written word for word ("9,120 hundred million yen")
    "ten thousand": 4,  # 万 likewise
    "oku": 8,  # a house style for 億 ("1,234 oku", "(312) oku")
}

# Currency markers written before the figure: "JPY13,036 million", "¥1.7 billion", "US$1".
# A bare "Y" is deliberately absent: it is too often a letter of something else.
CURRENCY_PREFIXES: dict[str, str] = {
    "JPY": "JPY",
    "¥": "JPY",
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
    "RMB": "CNY",
    "CNY": "CNY",
    "EUR": "EUR",
    "€": "EUR",
    "GBP": "GBP",
    "£": "GBP",
    "KRW": "KRW",
    "HK$": "HKD",
    "HKD": "HKD",
    "NT$": "TWD",
    "TWD": "TWD",
    "S$": "SGD",
    "SGD": "SGD",
    "A$": "AUD",
    "AUD": "AUD",
    "THB": "THB",
}

# Currency words written after the figure and its scale word: "13 billion yen".
CURRENCY_SUFFIXES: dict[str, str] = {
    "yen": "JPY",
    "dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "won": "KRW",
    "pounds": "GBP",
    "baht": "THB",
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
    # better or worse, whichever way the figure moves (a loss that improves gets smaller):
    "improved": "better", "improvement": "better", "improving": "better", "narrowed": "better",
    "worsened": "worse", "deteriorated": "worse", "deterioration": "worse", "widened": "worse",
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
    "points": "pt",
    "point": "pt",
    "pts": "pt",
    "pp": "pt",
    "basis points": "bp",
    "milliseconds": "ms",
}

# --------------------------------------------------------------------------------------------
# Periods and dates (taiyaku.parse.periods)
# --------------------------------------------------------------------------------------------

# Month names and their abbreviations, lower case -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# The same names as written in a sentence ("June 6, 2003"): a bare number after one is a day.
MONTH_NAMES: tuple[str, ...] = tuple(name.capitalize() for name in MONTHS)
# How a description writes a month ("the year ended Mar 31, 2003"); index = month number.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# "For the <N> Months Ended ..." and its kin: the words before "ended" -> the span they state.
PERIOD_LEADS: dict[str, str | None] = {
    "three months": "quarter", "3 months": "quarter", "quarter": "quarter",
    "quarters": "quarter", "fiscal quarter": "quarter",
    "six months": "half", "6 months": "half", "half year": "half", "half-year": "half",
    "six-month period": "half",
    "nine months": "nine months", "9 months": "nine months",
    "twelve months": "year", "12 months": "year", "year": "year", "years": "year",
    "fiscal year": "year", "fiscal years": "year",
    "period": None, "periods": None,
}  # fmt: skip
# "as of" / "as at" state a point in time.
POINT_LEADS: tuple[str, ...] = ("as of", "as at")

# What the corner cell of a table's header row says.
CORNER_LABELS: tuple[str, ...] = ("item", "items", "account", "accounts", "category", "classification",
                                  "term", "fiscal term", "business term")  # fmt: skip
# Words that open the end of a period written as a span: "(From April 1, 2024 to March 31, 2025)".
PERIOD_TO: tuple[str, ...] = ("to", "through")

# Words of a document's title that say it reports a quarter, or a full year.
QUARTERLY_WORDS: tuple[str, ...] = ("quarter", "three months", "six months", "nine months", "half year",
                                    "interim", "1q", "2q", "3q", "4q")  # fmt: skip
ANNUAL_WORDS: tuple[str, ...] = ("fiscal year", "full year", "full-year", "year ended", "annual")

# What each span is called in a description ("the three months ended Mar 31, 2003").
SPAN_WORDS: dict[str | None, str] = {
    "quarter": "three months",
    "half": "six months",
    "nine months": "nine months",
    "year": "year",
    None: "period",
}

# --------------------------------------------------------------------------------------------
# Row labels in prose (taiyaku.recompute.tieout)
# --------------------------------------------------------------------------------------------

LABEL_ALIASES: dict[str, str] = {
    "revenue": "revenues",
    "operating loss": "operating income",
}
GENERIC_LABELS: frozenset[str] = frozenset({"other", "others", "total", "subtotal", "net"})
TOTAL_PREFIX = "total "  # "Total revenues" is also named by "revenues"

# What a power of ten is called when a message names a unit ("millions" for 6).
SCALE_NAMES: dict[int, str] = {3: "thousands", 4: "万 (10^4)", 6: "millions", 8: "億 (10^8)", 9: "billions",
                               12: "trillions"}  # fmt: skip


def scale_name(scale: int) -> str:
    return SCALE_NAMES.get(scale, f"10^{scale}")

# --------------------------------------------------------------------------------------------
# Polarity (taiyaku.checks.rules.polarity): an English sentence saying an amount was not booked
# --------------------------------------------------------------------------------------------

# "no impairment loss was recorded", "did not record any impairment losses", "there were no
# impairment losses": the verbs and the words that may stand before the account.
RECORD_VERBS: tuple[str, ...] = ("recorded", "recognized", "recognised", "incurred", "booked", "posted")
RECORD_VERBS_BASE: tuple[str, ...] = ("record", "recognize", "recognise", "incur", "book", "post")
NEGATION_FILLERS: tuple[str, ...] = ("any", "material", "significant", "major")

# --------------------------------------------------------------------------------------------
# Names (taiyaku.checks.rules.names): company names and romanised Japanese personal names
# --------------------------------------------------------------------------------------------

# What ends a company name: "Sample Engineering Co., Ltd.", "Sample Holdings Corporation".
COMPANY_SUFFIXES: tuple[str, ...] = (
    "Co., Ltd.", "Co.,Ltd.", "Co. Ltd.", "Corporation", "Corp.", "Inc.", "Limited", "Ltd.", "K.K.",
    "Holdings", "Group",
)  # fmt: skip
# Long vowels written two ways in romanised Japanese (Hepburn with and without them): Yuuki /
# Yuki, Satou / Sato, Ohno / Ono. Applied to personal names only.
LONG_VOWELS: tuple[tuple[str, str], ...] = (("uu", "u"), ("ou", "o"), ("oo", "o"), ("oh", "o"), ("ei", "e"))


# Nouns an English ordinal numbers ("the 73rd fiscal term", "the 74th Annual General Meeting",
# "the 5th Series of Stock Acquisition Rights") -> what is numbered, as ja.ORDINAL_COUNTERS
# names it. Matched at the start of the words after the ordinal.
ORDINAL_NOUNS: dict[str, str] = {
    "term": "term", "fiscal term": "term", "business term": "term", "fiscal period": "term",
    "business period": "term", "period": "term",
    "annual general meeting": "series", "ordinary general meeting": "series",
    "general meeting": "series", "extraordinary general meeting": "series",
    "series": "series", "issue": "series", "unsecured": "series", "stock acquisition rights": "series",
    "share acquisition rights": "series", "subscription rights": "series",
}  # fmt: skip

# Words that may stand beside the date of a cell holding only a date ("As of March 31, 2026",
# "January 5, 2027 (scheduled)").
DATE_CELL_WORDS: tuple[str, ...] = ("as of", "at", "scheduled", "planned", "expected", "tentative")

# Before a period, what makes it the base of a comparison, not the period a sentence is about:
# "a decline of 28.2% from 1Q01", "compared to the fiscal year ended March 31, 2025".
PERIOD_BASE_BEFORE: tuple[str, ...] = ("from", "compared to", "compared with", "over", "versus", "vs.",
                                       "vs", "than", "against", "relative to", "since")
