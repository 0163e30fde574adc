"""What the check stage produces: findings with where they stand, and the report of a run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .alignment import Alignment

if TYPE_CHECKING:  # review builds on Finding
    from .review import Problem, Waived, Waiver


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
    column: int | None = None  # the value column (0-based) when this is a table cell

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
    # What identifies the finding across runs and edits elsewhere (see taiyaku.fingerprint):
    # set once the rules have run; waivers, problems and the reports refer to it.
    fingerprint: str = ""


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
class ReportTarget:
    """One report a run writes: a format and where to (None: standard output)."""

    format: str
    path: str | None = None


@dataclass(frozen=True)
class Report:
    """One run: its inputs, its open findings, the alignment they were found on, and what was
    read and compared; with a review (see model.review): the problems the findings make, the
    findings a baseline waived (kept apart from `findings`), the waivers that matched nothing
    (stale), and the severity from which an open finding fails the run.

    `outputs` names the reports a run writes (set by the command line before writing them),
    so that one report can say where the others went."""

    inputs: tuple[Input, ...]
    findings: tuple[Finding, ...]
    alignment: Alignment
    coverage: Coverage | None = None
    problems: tuple[Problem, ...] = ()
    waived: tuple[Waived, ...] = ()
    stale_waivers: tuple[Waiver, ...] = ()
    baseline: str | None = None  # the baseline file applied, if any
    fail_on: Severity = Severity.ERROR
    outputs: tuple[ReportTarget, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        """Open findings by severity (waived ones are not counted here)."""
        return _count(f.severity for f in self.findings)

    @property
    def problem_summary(self) -> dict[str, int]:
        """Open problems (those with an open finding) by severity."""
        return _count(p.severity for p in self.problems if not p.is_waived)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def fails(self, threshold: Severity | None = None) -> bool:
        """Whether an open finding at or above `threshold` (default: the run's fail-on)
        remains (the exit status 1). Waived findings never fail a run."""
        at = (threshold or self.fail_on).rank
        return any(f.severity.rank >= at for f in self.findings)


def _count(severities: Iterable[Severity]) -> dict[str, int]:
    counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for s in severities:
        counts[s.value] += 1
    return counts
