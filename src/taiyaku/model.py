"""Immutable records passed between the pipeline stages.

read -> split -> parse -> align -> check -> report. Every stage returns these frozen
dataclasses; nothing here does I/O or printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


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


@dataclass(frozen=True)
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
        step = Decimal(1).scaleb(-self.decimals)
        if convention is Convention.ROUND:
            lo, hi = v - step / 2, v + step / 2
        elif v >= 0:
            lo, hi = v, v + step
        else:
            lo, hi = v - step, v
        factor = Decimal(1).scaleb(self.scale + extra_scale)
        return lo * factor, hi * factor


@dataclass(frozen=True)
class Cell:
    text: str  # cleaned text: markup and footnote marks removed, spacing normalised
    raw: str  # the cell as it stands in the file
    line: int  # 1-based line in the input file
    column: int  # 0-based index among the value columns (label column excluded)
    quantity: Quantity | None = None  # None when the cell is empty or not numeric


class RowKind(str, Enum):
    DATA = "data"  # carries at least one value
    HEADING = "heading"  # a label with no values: a section heading such as "Revenues:"


@dataclass(frozen=True)
class Row:
    label: str  # cleaned label
    raw_label: str
    line: int
    index: int  # 0-based among the table's body rows
    kind: RowKind
    cells: tuple[Cell, ...]

    def cell(self, column: int) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
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

    def key(self) -> tuple:
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


@dataclass(frozen=True)
class Column:
    index: int  # 0-based among value columns
    header: tuple[str, ...]  # the header texts above this column, top to bottom
    period: Period | None = None
    kind: str | None = None  # "usd", "jpy", "share", "yoy", "qoq" or None
    period_text: str | None = None  # the header text the period was read from
    title: str = ""  # what a reader calls the column: "Mar 31, 2003 | % of Total Revenues"


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

    @property
    def name(self) -> str:
        return self.caption or f"table at line {self.first_line}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class Document:
    path: str
    lang: Lang
    first_line: int
    last_line: int
    tables: tuple[Table, ...]
    paragraphs: tuple[Paragraph, ...]


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    text: str
    context: str

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "text": self.text, "context": self.context}


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: Severity
    message: str
    ja: Location | None
    en: Location | None
    expected: str | None = None
    group: str = ""  # what the text report groups by: the table pair's name

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "ja": self.ja.to_json() if self.ja else None,
            "en": self.en.to_json() if self.en else None,
            "expected": self.expected,
        }


@dataclass(frozen=True)
class Input:
    path: str
    lang: str  # "ja", "en" or "ja+en"


@dataclass(frozen=True)
class Evidence:
    """Why two things were paired: a score in [0, 1] and the signals behind it."""

    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ColumnPair:
    ja: Column | None
    en: Column | None
    evidence: Evidence


@dataclass(frozen=True)
class RowPair:
    ja: Row | None
    en: Row | None
    evidence: Evidence


@dataclass(frozen=True)
class TablePair:
    """Two tables that translate each other (or one table with no counterpart)."""

    ja: Table | None
    en: Table | None
    evidence: Evidence
    columns: tuple[ColumnPair, ...] = ()
    rows: tuple[RowPair, ...] = ()

    @property
    def name(self) -> str:
        if self.ja and self.en:
            return f"{self.ja.name} ↔ {self.en.name}"
        return (self.ja or self.en).name  # type: ignore[union-attr]


@dataclass(frozen=True)
class Alignment:
    ja: Document | None  # None when a one-language document is checked on its own
    en: Document | None
    tables: tuple[TablePair, ...]
    sentences: tuple = ()  # align.sentences.SentencePair: prose lines paired on shared figures
