"""The immutable records passed between the pipeline stages, one module per stage's output.

read -> split -> parse -> align -> recompute -> check -> report. Every stage returns these
frozen dataclasses; nothing here does I/O or printing.

- source: what a reader produces (`Source`, `SourceLine`) and a language part (`Span`);
- document: what parse produces (`Document`, `Table`, `Row`, `Cell`, `Quantity`, prose);
- alignment: what align produces (`Alignment` and its pairs);
- arithmetic: what recompute produces (`Recomputation` and its records);
- finding: what check produces (`Finding`, `Location`) and the `Report` of a run;
- review: what the review adds: `Problem` (findings with one root cause), `Waiver`, `Waived`;
- fast: `fast_init`, the quicker constructor of the records made once per cell (slotted).
"""

from .alignment import Alignment, CellPair, ColumnPair, Evidence, MentionPair, RowPair, SentencePair, TablePair
from .arithmetic import (
    Agreement,
    CellComparison,
    ColumnRoles,
    Comparison,
    Derivation,
    DocumentArithmetic,
    FootingBreak,
    Judgement,
    Recomputation,
    Relation,
    TableArithmetic,
    TieOut,
    UnmatchedFigure,
)
from .document import (
    Cell,
    Column,
    Convention,
    DateMention,
    Document,
    FlattenedLine,
    Lang,
    Mention,
    NamedPeriod,
    Paragraph,
    Period,
    Place,
    ProseUnit,
    QKind,
    Quantity,
    Rate,
    Row,
    RowKind,
    Sentence,
    Table,
)
from .finding import Coverage, DocumentCoverage, Finding, Input, Location, Report, ReportTarget, Severity
from .review import Problem, Waived, Waiver
from .source import Source, SourceLine, Span

__all__ = [
    "DateMention",
    "Agreement", "Alignment", "Cell", "CellComparison", "CellPair", "Column", "ColumnPair", "ColumnRoles",
    "Comparison", "Convention",
    "Coverage", "DocumentCoverage", "Derivation", "Document", "DocumentArithmetic", "Evidence",
    "Finding", "FlattenedLine", "FootingBreak", "Input", "Judgement", "Lang", "Location",
    "Mention", "MentionPair", "NamedPeriod", "Paragraph", "Period", "Place", "Problem", "ProseUnit", "QKind",
    "Quantity", "Rate", "Recomputation", "Relation", "Report", "ReportTarget", "Row", "RowKind", "RowPair",
    "Sentence", "SentencePair", "Severity", "Source", "SourceLine", "Span", "Table", "TableArithmetic",
    "TablePair", "TieOut", "UnmatchedFigure", "Waived", "Waiver",
]  # fmt: skip
