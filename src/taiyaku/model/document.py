"""What the parse stage produces: a document of one language, its tables, prose and facts.

A `Document` holds everything later stages need, read once: tables (caption, unit, columns
with their periods, rows, cells with their figures), paragraphs, the prose split into
sentences with their figures, and what the document says about itself (its rounding
convention, its fiscal-year end, the periods its table titles name, the exchange rate stated
for a table, rows or lines that could not be read).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .fast import fast_init


class Lang(str, Enum):
    JA = "ja"
    EN = "en"


class QKind(str, Enum):
    """What a cell's display denotes."""

    NUMBER = "number"  # a figure: 1,234 / (1,234) / ▲1,234 / 12.3% / 6.4
    NA = "na"  # "n/a", "N/A": not applicable
    NIL = "nil"  # "-", "—": nil (conventionally zero or none)


class Convention(str, Enum):
    """How a displayed figure was produced from the exact one."""

    ROUND = "round"  # half-up rounding: "6.0" denotes [5.95, 6.05)
    TRUNCATE = "truncate"  # toward zero: "16" (億円) denotes [16, 17)


@fast_init
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as displayed, with everything needed to know what it denotes.

    `value` is the signed value in the display's own units (no scale applied), so "(1,234)"
    has value -1234. `scale` is a power of ten carried by the display itself (an inline
    unit such as 百万円 -> 6, 億円 -> 8, "billion" -> 9); a table's declared unit is applied
    by the caller on top of it. A range display ("10,000 - 10,500") has `value` = the low
    end and `upper` = the high end.
    """

    text: str
    kind: QKind
    value: Decimal | None = None
    decimals: int = 0
    percent: bool = False
    negative_style: str | None = None  # "paren", "triangle", "minus" or None
    grouped: bool = False  # thousands separators present
    scale: int = 0
    unit: str | None = None  # "JPY", "USD", "%", "Gbps", ... or None
    upper: Decimal | None = None

    @property
    def is_number(self) -> bool:
        return self.kind is QKind.NUMBER

    def interval(
        self, convention: Convention = Convention.ROUND, extra_scale: int = 0, end: str = "low"
    ) -> tuple[Decimal, Decimal]:
        """The half-open interval [lo, hi) of exact values this display stands for.

        Values are multiplied by 10**(scale + extra_scale). For a range, `end` picks which
        end ("low" or "high") is meant.
        """
        if self.value is None:
            raise ValueError(f"{self.text!r} is not a number")
        v = self.upper if (end == "high" and self.upper is not None) else self.value
        if convention is Convention.ROUND:
            half = _HALF_STEPS.get(self.decimals) or Decimal(1).scaleb(-self.decimals) / 2
            lo, hi = v - half, v + half
        else:
            step = _STEPS.get(self.decimals) or Decimal(1).scaleb(-self.decimals)
            lo, hi = (v, v + step) if v >= 0 else (v - step, v)
        shift = self.scale + extra_scale
        if shift:
            return lo.scaleb(shift), hi.scaleb(shift)
        return lo, hi


# One unit in the last place of a display with d decimals, and half of it (Quantity.interval).
_STEPS: dict[int, Decimal] = {d: Decimal(1).scaleb(-d) for d in range(8)}
_HALF_STEPS: dict[int, Decimal] = {d: step / 2 for d, step in _STEPS.items()}


@fast_init
@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # cleaned text: markup and footnote marks removed, spacing normalised
    raw: str  # the cell as it stands in the file
    line: int  # 1-based line in the input file
    column: int  # 0-based index among the value columns (label column excluded)
    quantity: Quantity | None = None  # None when the cell is empty or not numeric
    date: DateMention | None = None  # a cell that holds a calendar date ("1961年4月", "April 1916")


class RowKind(str, Enum):
    DATA = "data"  # carries at least one value
    HEADING = "heading"  # a label with no values: a section heading such as "Revenues:"


@fast_init
@dataclass(frozen=True, slots=True)
class Row:
    label: str  # cleaned label
    raw_label: str
    line: int
    index: int  # 0-based among the table's body rows
    kind: RowKind
    cells: tuple[Cell, ...]
    # The unit a row declares in a unit column of its own ("売上高 | (百万円) | 98,120 | …",
    # the five-year summary of a 有価証券報告書): it governs the row over its column and table.
    unit_scale: int | None = None
    unit_text: str | None = None

    def cell(self, column: int) -> Cell | None:
        """The row's cell in value column `column`, None when it is empty (cells are in
        column order, so this is a binary search, or a look-up when no cell is missing)."""
        cells = self.cells
        if column < len(cells) and cells[column].column == column:
            return cells[column]
        lo, hi = 0, len(cells)
        while lo < hi:
            mid = (lo + hi) // 2
            if cells[mid].column < column:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(cells) and cells[lo].column == column:
            return cells[lo]
        return None


@dataclass(frozen=True)
class Period:
    """A period a column or caption names, normalised for comparison across languages.

    `end` is (year, month) of the period end; `quarter` is a fiscal-quarter code such as
    "4Q02" when the header names one; `span` is "quarter", "year" or None when unknown.
    """

    end: tuple[int, int] | None = None
    quarter: str | None = None
    span: str | None = None

    def key(self) -> tuple[tuple[int, int] | None, str | None]:
        return (self.end, self.quarter)

    def __str__(self) -> str:
        parts = []
        if self.quarter:
            parts.append(self.quarter)
        if self.end:
            parts.append(f"{self.end[0]}-{self.end[1]:02d}")
        if self.span:
            parts.append(self.span)
        return " ".join(parts) or "?"


@fast_init
@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based among value columns
    header: tuple[str, ...]  # the header texts above this column, top to bottom
    period: Period | None = None
    kind: str | None = None  # "usd", "jpy", "share", "yoy", "qoq" or None
    period_text: str | None = None  # the header text the period was read from
    title: str = ""  # what a reader calls the column: "Mar 31, 2003 | % of Total Revenues"
    # The unit its own header declares ("機械装置（百万円）" -> 6, "Thousands of yen" -> 3): it
    # governs the column over the table's declaration.
    unit_scale: int | None = None
    unit_text: str | None = None  # the header text the unit was read from
    unit_line: int | None = None  # and its line


@dataclass(frozen=True)
class Table:
    id: str  # stable within a document: "ja:T3" (the 3rd table of the Japanese part)
    lang: Lang
    caption: str | None  # "表 1. 契約数", "Appendix 1", "CONSOLIDATED BALANCE SHEETS"
    caption_line: int | None
    title_lines: tuple[tuple[int, str], ...]  # the short lines above the table (line, text)
    unit_scale: int | None  # power of ten the table's amounts are in (千円 -> 3), if declared
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    first_line: int
    last_line: int
    continues: str | None = None  # id of the table this one continues (same caption/header)
    # Facts the parse stage finishes (see parse.facts):
    title_periods: tuple[NamedPeriod, ...] = ()  # periods the title lines name
    column_periods: tuple[NamedPeriod, ...] = ()  # distinct periods the column headers name
    rate: Rate | None = None  # the exchange rate stated for this table
    damaged: frozenset[int] = frozenset()  # body rows (index) that cannot be read as figures
    ghosts: frozenset[int] = frozenset()  # damaged rows with more unreadable cells than figures

    @property
    def name(self) -> str:
        return self.caption or f"table at line {self.first_line}"


@fast_init
@dataclass(frozen=True, slots=True)
class NamedPeriod:
    """A period one side of a table states, and where: a title line or a column header."""

    period: Period
    text: str  # the words that name it: "2003年3月期通期", "For the Years Ended Dec 31, 2003"
    line: int
    line_text: str  # the whole title line, or the header cell
    source: str  # "title" or "columns"
    kind: str = "period"  # "period" (a span of time) or "date" (a point in time)
    day: int | None = None


@dataclass(frozen=True)
class Rate:
    """Yen per US dollar as a document states it, and where."""

    jpy_per_usd: Decimal
    line: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph.

    `line` is the paragraph's 1-based line in the input file, `start` the offset of the
    sentence's first character within the paragraph text, `index` its 0-based position in
    the document (or in the paragraph, for `split_paragraph` on its own).
    """

    text: str
    line: int
    start: int
    lang: Lang
    index: int


@dataclass(frozen=True)
class Mention:
    """One figure in a sentence.

    `text` is the figure as written, `text[start:end]` of the sentence given to `extract`.
    `kind` is one of "amount", "percent", "count", "rate", "other" (parse.mentions).
    `direction` is "up", "down" or None; `base` is "year-ago quarter", "prior quarter",
    "prior year", a quarter code such as "4Q01", or None; `bound` is "min" ("more than
    10%", "10%以上"), "max" or None.
    """

    text: str
    start: int
    end: int
    quantity: Quantity
    kind: str
    direction: str | None = None
    base: str | None = None
    approx: bool = False
    bound: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A calendar date a sentence names (1961年4月, 令和8年3月31日, "March 31, 2026"):
    `text[start:end]` of the sentence; `day` is None for a month ("April 1961")."""

    text: str
    start: int
    end: int
    year: int
    month: int
    day: int | None = None


@dataclass(frozen=True)
class ProseUnit:
    """The sentences of one line (a bullet or a paragraph) with their comparable figures
    (amounts in yen and percentages). A bullet is the unit a translator works in: the
    Japanese splits into two sentences what the English says in one, and the other way."""

    line: int
    index: int  # position among the document's prose lines
    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Sentence, Mention], ...]
    # Calendar dates the line names ("1961年4月", "March 31, 2026"), read by parse.periods.
    dates: tuple[tuple[Sentence, DateMention], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Place:
    """Where one position of the source stands, as a person finds it."""

    line: int  # the line a person counts: the file's line (text), the line on its page (PDF)
    page: int | None = None
    locator: str = ""  # "line 124", "p.4 l.12", "Sheet1 row 12", "table 2 row 5"
    cell_locators: tuple[str, ...] | None = None  # the row's cells, label first ("Sheet1!C12")

    def of_cell(self, column: int) -> str:
        """The locator of value column `column` (0-based, the label excluded) of this row."""
        if self.cell_locators is not None and column + 1 < len(self.cell_locators):
            return self.cell_locators[column + 1]
        return self.locator


@dataclass(frozen=True)
class FlattenedLine:
    """A prose line made mostly of figures: a statement whose columns were lost in extraction."""

    line: int
    figures: int
    text: str


@dataclass(frozen=True)
class Document:
    path: str
    lang: Lang
    first_line: int
    last_line: int
    tables: tuple[Table, ...]
    paragraphs: tuple[Paragraph, ...]
    # Facts the parse stage finishes (see parse.facts):
    convention: Convention = Convention.ROUND  # what the document declares (百万円未満切捨て)
    convention_line: int | None = None  # the line declaring it, None when nothing is declared
    fy_end_month: int = 3  # the month its fiscal year ends, as stated (or given, or March)
    quarterly: bool | None = None  # a quarterly release (True), a full-year one (False), or unknown
    prose: tuple[ProseUnit, ...] = ()  # prose lines with their comparable figures
    flattened: tuple[FlattenedLine, ...] = ()
    # Where positions first_line..last_line stand, for sources that say more than a line
    # number (PDF pages, sheets, tables); empty for a text file, where position = line.
    places: tuple[Place, ...] = ()

    def place(self, position: int) -> Place:
        """Where position `position` (a Cell's, Row's or Paragraph's `line`) stands."""
        if self.places and self.first_line <= position <= self.last_line:
            return self.places[position - self.first_line]
        return Place(position, None, f"line {position}")


