"""What the check stage produces: findings with where they stand, and the report of a run."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .alignment import Alignment


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]


_RANKS = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Location:
    """Where one side of a finding stands: file, line, the text there, and its context
    ("row | column" for a cell, the table's name for a row). `line` is the line a person
    counts (the file's line, or the line on its `page` in a PDF); `locator` says it in
    words ("line 124", "p.4 l.12", "Sheet1!C12")."""

    path: str
    line: int
    text: str
    context: str
    page: int | None = None
    locator: str = ""

    @property
    def where(self) -> str:
        return self.locator or f"line {self.line}"


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


@dataclass(frozen=True)
class Input:
    path: str
    lang: str  # "ja", "en" or "ja+en"
    format: str = "text"


@dataclass(frozen=True)
class DocumentCoverage:
    """What was read of one language part."""

    tables: int
    table_figures: int  # cells holding a figure (n/a and nil marks included)
    prose_figures: int  # comparable figures in its prose (amounts, percentages)
    paragraphs: int

    @property
    def figures(self) -> int:
        return self.table_figures + self.prose_figures


@dataclass(frozen=True)
class Coverage:
    """What a run read and compared: a run that compared nothing is never a clean pass."""

    ja: DocumentCoverage | None
    en: DocumentCoverage | None
    paired_tables: int
    compared_cells: int  # aligned cells with a figure on both sides
    compared_prose_figures: int  # prose figures paired across languages
    recomputed: int  # figures recomputed inside a language: shares, changes, conversions, totals, tie-outs


@dataclass(frozen=True)
class Report:
    """One run: its inputs, its findings, the alignment they were found on, and what was
    read and compared."""

    inputs: tuple[Input, ...]
    findings: tuple[Finding, ...]
    alignment: Alignment
    coverage: Coverage | None = None

    @property
    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def fails(self, threshold: Severity) -> bool:
        """Whether a finding at or above `threshold` remains (the exit status 1)."""
        return any(f.severity.rank >= threshold.rank for f in self.findings)
