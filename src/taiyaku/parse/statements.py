"""What a financial statement says about itself, beyond its cells.

- the exchange rate its USD column was converted at ("JPY 118.07 = $1", "118.07円=1米ドル"),
  read from the note under the table (or the nearest such note above it);
- the rounding convention of the document (round half up unless a declaration such as
  百万円未満切捨て or "amounts are truncated" says otherwise);
- rows and lines that cannot be read as figures (OCR damage, flattened statements).

Language facts are data (the pattern tables below); the functions only apply them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation

from ..model import Convention, Document, FlattenedLine, Rate, Table

# "JPY 118.07 = $1", "JPY119.85 = US$1", "¥132.70 = \$1", "118.07円=1米ドル", "1米ドル=118.07円"
_RATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?:JPY|¥|Y)\s*([0-9]{2,3}(?:\.[0-9]+)?)\s*=\s*(?:US)?\\?\$\s*1\b"),
    re.compile(r"([0-9]{2,3}(?:\.[0-9]+)?)\s*円\s*=\s*1\s*(?:米)?ドル"),
    re.compile(r"1\s*(?:米)?ドル\s*=\s*([0-9]{2,3}(?:\.[0-9]+)?)\s*円"),
)

# Declarations of how amounts were brought to their displayed unit.
_TRUNCATION = re.compile(
    r"未満(?:を)?切(?:り)?捨て|切捨て表示|truncated|rounded down|are omitted|omitted below", re.I
)
_ROUNDING = re.compile(r"未満(?:を)?四捨五入|四捨五入|rounded to the nearest", re.I)



def table_rates(doc: Document) -> tuple[Rate | None, ...]:
    """The exchange rate stated for each table of `doc`, in table order: the first note after
    the table (before the next table), else a rate in its own title lines, else the nearest
    statement of a rate above it. Every paragraph is read once."""
    rates = [r for p in doc.paragraphs if (r := parse_rate(p.text, p.line)) is not None]
    lines = [r.line for r in rates]
    starts = sorted(t.first_line for t in doc.tables)
    out: list[Rate | None] = []
    for table in doc.tables:
        following = bisect_right(starts, table.last_line)
        stop = starts[following] if following < len(starts) else doc.last_line + 1
        after = bisect_right(lines, table.last_line)
        if after < len(rates) and rates[after].line < stop:
            out.append(rates[after])
            continue
        own = next((r for line, text in table.title_lines if (r := parse_rate(text, line)) is not None), None)
        if own is not None:
            out.append(own)
            continue
        above = bisect_left(lines, table.first_line)
        out.append(rates[above - 1] if above else None)
    return tuple(out)


def parse_rate(text: str, line: int = 0) -> Rate | None:
    s = unicodedata.normalize("NFKC", text)
    for pattern in _RATE_PATTERNS:
        m = pattern.search(s)
        if m:
            try:
                value = Decimal(m.group(1))
            except InvalidOperation:  # pragma: no cover - the pattern admits digits only
                continue
            if value > 0:
                return Rate(value, line, m.group(0))
    return None


def document_convention(doc: Document, titles: bool = True) -> tuple[Convention, int | None]:
    """The rounding convention the document declares, and the line declaring it.

    A declaration of truncation (百万円未満切捨て) wins; with none, amounts are taken as
    rounded half up, the common practice, and the line is None.
    """
    texts = [(p.line, p.text) for p in doc.paragraphs]
    if titles:
        texts += [(line, text) for t in doc.tables for line, text in t.title_lines]
    for line, text in sorted(texts):
        if _TRUNCATION.search(text):
            return Convention.TRUNCATE, line
    for line, text in sorted(texts):
        if _ROUNDING.search(text):
            return Convention.ROUND, line
    return Convention.ROUND, None


# --------------------------------------------------------------------------------------------
# Damage: rows and lines that cannot be read as figures (OCR)
# --------------------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"[0-9]")
FLATTENED_MIN_FIGURES = 20  # a prose line with this many figures is a table that lost its tabs


def is_numeric_table(table: Table) -> bool:
    """Most of the table's body cells are figures (n/a and nil marks count)."""
    cells = [c for r in table.rows for c in r.cells if c.text]
    return bool(cells) and sum(c.quantity is not None or c.date is not None for c in cells) * 2 >= len(cells)


def damaged_rows(table: Table) -> frozenset[int]:
    """Body rows of a numeric table that cannot be read: a value cell that is neither a
    figure nor empty (". 0", "05,240", ".,,,,,,"), or a label without a letter."""
    if not is_numeric_table(table):
        return frozenset()
    out = set()
    for row in table.rows:
        unreadable = any(c.text and c.quantity is None and c.date is None for c in row.cells)
        has_values = any(c.text for c in row.cells)
        if unreadable or (has_values and not _LETTER.search(row.label)):
            out.add(row.index)
    return frozenset(out)


def ghost_rows(table: Table, damaged: frozenset[int]) -> frozenset[int]:
    """Damaged rows with more unreadable value cells than figures: OCR ghosts of a line,
    left out of the arithmetic (a row with one bad cell keeps its other figures)."""
    out = set()
    for index in damaged:
        cells = [c for c in table.rows[index].cells if c.text]
        bad = sum(c.quantity is None and c.date is None for c in cells)
        if bad * 2 > len(cells):
            out.add(index)
    return frozenset(out)


def flattened_lines(doc: Document) -> tuple[FlattenedLine, ...]:
    """Prose lines made mostly of figures: a statement whose columns were lost in
    extraction (at least 20 figures, a third of the words or more)."""
    out = []
    for p in doc.paragraphs:
        tokens = p.text.split()
        figures = sum(1 for t in tokens if _DIGIT.search(t))
        if figures >= FLATTENED_MIN_FIGURES and figures * 3 >= len(tokens):
            out.append(FlattenedLine(p.line, figures, p.text))
    return tuple(out)
