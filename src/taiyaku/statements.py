"""What a financial statement table says about itself, beyond its cells.

- the exchange rate its USD column was converted at ("JPY 118.07 = $1", "118.07円=1米ドル"),
  read from the note under the table (or the nearest such note above it);
- the rounding convention of the document (round half up unless a declaration such as
  百万円未満切捨て or "amounts are truncated" says otherwise);
- the role of each value column: which amount column a share column divides, which JPY
  column a USD column converts, which two amount columns a change column compares;
- the rows a share column is taken of (the row showing 100.0).

Language facts are data (the pattern tables below); the functions only apply them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .model import Column, Convention, Document, QKind, Table

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

# Column kinds holding amounts (figures that add up); shares add up too, changes do not.
AMOUNT_KINDS = (None, "jpy", "usd")
ADDITIVE_KINDS = (None, "jpy", "usd", "share")
CHANGE_KINDS = ("yoy", "qoq")


@dataclass(frozen=True)
class Rate:
    """Yen per US dollar as a document states it, and where."""

    jpy_per_usd: Decimal
    line: int
    text: str


@dataclass(frozen=True)
class ColumnRoles:
    """How a table's value columns derive from one another (by column index)."""

    share_base: dict[int, int]  # share column -> the amount column it is a share of
    usd_source: dict[int, int]  # USD column -> the JPY column it converts
    change_inputs: dict[int, tuple[int, int]]  # change column -> (current, prior) columns


def find_rate(doc: Document, table: Table) -> Rate | None:
    """The exchange rate stated for `table`: the first note after it (before the next
    table), else the nearest statement of a rate above it in the document."""
    tables = sorted(doc.tables, key=lambda t: t.first_line)
    following = [t.first_line for t in tables if t.first_line > table.last_line]
    stop = min(following) if following else doc.last_line + 1
    best_above: Rate | None = None
    for p in doc.paragraphs:
        rate = parse_rate(p.text, p.line)
        if rate is None:
            continue
        if table.last_line < p.line < stop:
            return rate
        if p.line < table.first_line:
            best_above = rate
    for line, text in table.title_lines:
        rate = parse_rate(text, line)
        if rate is not None:
            return rate
    return best_above


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


def column_roles(table: Table) -> ColumnRoles:
    cols = table.columns
    amount = [c.index for c in cols if c.kind in AMOUNT_KINDS and c.kind != "usd" and _has_figures(table, c)]
    share_base: dict[int, int] = {}
    usd_source: dict[int, int] = {}
    change_inputs: dict[int, tuple[int, int]] = {}
    for c in cols:
        if c.kind == "share":
            left = [i for i in amount if i < c.index]
            if left:
                share_base[c.index] = left[-1]
        elif c.kind == "usd":
            right = [d.index for d in cols if d.index > c.index and d.kind == "jpy"]
            same = [i for i in right if _same_period(cols[i], c)]
            if same or right:
                usd_source[c.index] = (same or right)[0]
        elif c.kind in CHANGE_KINDS:
            # the prior period is the amount column just left of the change; the current
            # one is the table's first amount column
            left = [i for i in amount if i < c.index]
            if left and amount[0] != left[-1]:
                change_inputs[c.index] = (amount[0], left[-1])
    return ColumnRoles(share_base, usd_source, change_inputs)


def hundred_rows(table: Table, column: int) -> list[int]:
    """Indexes of the body rows whose cell in a share column reads 100 (the bases)."""
    out = []
    for row in table.rows:
        cell = row.cell(column)
        q = cell.quantity if cell else None
        if q is not None and q.kind is QKind.NUMBER and q.upper is None and q.value == 100:
            out.append(row.index)
    return out


def _same_period(a: Column, b: Column) -> bool:
    return a.period is not None and b.period is not None and a.period.key() == b.period.key()


def _has_figures(table: Table, column: Column) -> bool:
    for row in table.rows:
        cell = row.cell(column.index)
        if cell is not None and cell.quantity is not None and cell.quantity.kind is QKind.NUMBER:
            return True
    return False


# --------------------------------------------------------------------------------------------
# Damage: rows and lines that cannot be read as figures (OCR)
# --------------------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"[0-9]")
FLATTENED_MIN_FIGURES = 20  # a prose line with this many figures is a table that lost its tabs


def is_numeric_table(table: Table) -> bool:
    """Most of the table's body cells are figures (n/a and nil marks count)."""
    cells = [c for r in table.rows for c in r.cells if c.text]
    return bool(cells) and sum(c.quantity is not None for c in cells) * 2 >= len(cells)


def damaged_rows(table: Table) -> frozenset[int]:
    """Body rows of a numeric table that cannot be read: a value cell that is neither a
    figure nor empty (". 0", "05,240", ".,,,,,,"), or a label without a letter."""
    if not is_numeric_table(table):
        return frozenset()
    out = set()
    for row in table.rows:
        unreadable = any(c.text and c.quantity is None for c in row.cells)
        has_values = any(c.text for c in row.cells)
        if unreadable or (has_values and not _LETTER.search(row.label)):
            out.add(row.index)
    return frozenset(out)


def ghost_rows(table: Table) -> frozenset[int]:
    """Damaged rows with more unreadable value cells than figures: OCR ghosts of a line,
    left out of the arithmetic (a row with one bad cell keeps its other figures)."""
    out = set()
    for index in damaged_rows(table):
        cells = [c for c in table.rows[index].cells if c.text]
        bad = sum(c.quantity is None for c in cells)
        if bad * 2 > len(cells):
            out.add(index)
    return frozenset(out)


def flattened_lines(doc: Document) -> list[tuple[int, int]]:
    """(line, number of figures) for prose lines made mostly of figures: a statement whose
    columns were lost in extraction (at least 20 figures, a third of the words or more)."""
    out = []
    for p in doc.paragraphs:
        tokens = p.text.split()
        figures = sum(1 for t in tokens if _DIGIT.search(t))
        if figures >= FLATTENED_MIN_FIGURES and figures * 3 >= len(tokens):
            out.append((p.line, figures))
    return out
