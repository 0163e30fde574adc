"""What the recompute stage produces: each document's arithmetic (footings, shares, changes,
conversions), the figures of aligned cells compared, and prose figures tied to the tables.

The recompute stage runs once per check, under the options in force (rounding convention,
fiscal-year end); the checks only read these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from .alignment import ColumnPair, RowPair, TablePair
from .document import Cell, Column, Convention, Document, Lang, Mention, ProseUnit, Rate, Row, Table
from .fast import fast_init

# --------------------------------------------------------------------------------------------
# Two figures compared across languages
# --------------------------------------------------------------------------------------------


class Agreement(str, Enum):
    """How two displayed figures compare by the values they denote."""

    SAME = "same"  # same value, same display
    FORMAT = "format"  # same value, displayed differently (1,519 vs 1519; 6 vs 6.0)
    NIL_ZERO = "nil-zero"  # "-" against "0": the same nothing, written two ways
    SIGN = "sign"  # same magnitude, opposite signs
    DIFFERENT = "different"  # the intervals do not meet
    KIND = "kind"  # a figure against n/a or "-", or n/a against "-", or a range against one figure
    # The same digits under different declared units (百万円 against "Thousands of yen"): the
    # unit is wrong, once for the header, not the figure in every cell.
    UNIT = "unit"


@fast_init
@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Agreement
    detail: str = ""

    @property
    def agrees(self) -> bool:
        return self.verdict in (Agreement.SAME, Agreement.FORMAT, Agreement.NIL_ZERO)


@fast_init
@dataclass(frozen=True, slots=True)
class CellComparison:
    """The cells at a paired row and a paired column; `comparison` is None when one side has
    no figure (an empty cell)."""

    table: TablePair
    row: RowPair
    column: ColumnPair
    ja: Cell | None
    en: Cell | None
    comparison: Comparison | None
    # The powers of ten each side's column or table declares (千円 -> 3), when both declare one
    # and they differ; None otherwise.
    units: tuple[int, int] | None = None


# --------------------------------------------------------------------------------------------
# Arithmetic inside one document
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnRoles:
    """How a table's value columns derive from one another (by column index)."""

    share_base: dict[int, int]  # share column -> the amount column it is a share of
    usd_source: dict[int, int]  # USD column -> the JPY column it converts
    change_inputs: dict[int, tuple[int, int]]  # change column -> (current, prior) columns


@dataclass(frozen=True)
class Relation:
    """Row `total` = sum of sign * row over `terms`, in the columns `holds`; not in `fails`."""

    total: int  # row index
    terms: tuple[tuple[int, int], ...]  # (row index, +1 or -1)
    holds: tuple[int, ...]
    fails: tuple[int, ...]
    labelled: bool  # the total's label says it is one

    def rows(self) -> tuple[int, ...]:
        return (self.total,) + tuple(r for r, _ in self.terms)


class Judgement(str, Enum):
    """A displayed figure against the range its inputs recompute to."""

    AGREES = "agrees"
    ADJUSTMENT = "rounding-adjustment"  # one unit off, keeps a footing exact
    OFF_BY_ONE = "off-by-one"  # one unit off, no footing explains it
    OFF = "off"  # further off


@dataclass(frozen=True)
class Derivation:
    """A cell recomputed from others in its table, and the judgement on its display."""

    table: Table
    row: Row
    column: Column
    cell: Cell
    kind: str  # "share", "change" or "conversion"
    value: Decimal  # from the displayed inputs
    lo: Decimal  # the range the inputs' own rounding allows
    hi: Decimal
    formula: str  # "789,234 / 13,036,439"
    judgement: Judgement
    units_off: int
    expected: str  # the value to one more decimal than the display shows ("6.05")
    kept: Relation | None = None  # the footing an adjustment keeps exact


@dataclass(frozen=True)
class FootingBreak:
    """A relation that holds in other columns does not hold in this one."""

    table: Table
    relation: Relation
    column: Column
    total: Cell
    terms_sum: Decimal  # the displayed terms added up, in the display's units
    row_labels: tuple[str, ...]


@dataclass(frozen=True)
class TableArithmetic:
    table: Table
    rate: Rate | None
    relations: tuple[Relation, ...]
    derivations: tuple[Derivation, ...]
    breaks: tuple[FootingBreak, ...]


@dataclass(frozen=True)
class DocumentArithmetic:
    document: Document
    convention: Convention  # the convention in force: the option, else what the document declares
    convention_line: int | None  # where the document declares it (None when overridden or undeclared)
    tables: tuple[TableArithmetic, ...]
    by_cell: dict[tuple[str, int, int], Derivation] = field(default_factory=dict)  # (table id, row, column)

    def derivation(self, table_id: str, row: int, column: int) -> Derivation | None:
        return self.by_cell.get((table_id, row, column))


# --------------------------------------------------------------------------------------------
# Prose figures against the tables of their own document, and across languages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TieOut:
    """A figure of a sentence checked against the tables of its document.

    `kind` is "amount" (an amount that agrees with no cell of the row the sentence names;
    only such mismatches are kept) or "change" (a stated change % against the change
    computed from two cells). For "change", `value` is the computed % (-52.58 for a fall)
    and `base_cell` the prior-period cell; for "amount", `value` is the cell's figure in the
    mention's scale, with the mention's sign (magnitudes are compared), and `base_cell` is
    None. `lo` and `hi` bound what the cells' own rounding allows. `lang` and `line` are the
    sentence's.
    """

    lang: Lang
    line: int
    mention: Mention
    kind: str
    table: Table
    row: Row
    cell: Cell
    base_cell: Cell | None
    value: Decimal
    lo: Decimal
    hi: Decimal
    formula: str
    agrees: bool
    expected: str  # the value to one more decimal than the mention shows ("-52.58")


@dataclass(frozen=True)
class UnmatchedFigure:
    """A Japanese prose figure that agrees with no figure of the English prose (or none of the
    sentence it is paired with, see `paired`); `elsewhere` is an English paragraph (line,
    text) that writes its digits without its unit or scale."""

    unit: ProseUnit
    mention: Mention
    elsewhere: tuple[int, str] | None = None
    # A figure that English prose does say, but not in the English sentence paired with its
    # own (nor beside it): that sentence, and the line of an English figure that agrees.
    paired: ProseUnit | None = None
    found_at: int | None = None


@dataclass(frozen=True)
class Recomputation:
    """Everything the recompute stage found, for the checks to read."""

    documents: tuple[DocumentArithmetic, ...]
    cells: tuple[CellComparison, ...]
    tieouts: tuple[TieOut, ...]
    unmatched: tuple[UnmatchedFigure, ...]
    by_mention: dict[tuple[Lang, int, Mention], tuple[TieOut, ...]] = field(default_factory=dict)

    def of(self, lang: Lang) -> DocumentArithmetic | None:
        return next((d for d in self.documents if d.document.lang is lang), None)

    def tieouts_of(self, lang: Lang, line: int, mention: Mention) -> tuple[TieOut, ...]:
        return self.by_mention.get((lang, line, mention), ())
