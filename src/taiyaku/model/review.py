"""What a review adds to the findings: problems (findings with one root cause, grouped) and
waivers (findings accepted on purpose, from a baseline file).

Built once after the rules have run (taiyaku.problems, taiyaku.waivers); every reporter reads
these records and none groups or waives on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .finding import Finding, Severity


@dataclass(frozen=True)
class Waiver:
    """One accepted finding of a baseline file: the fingerprint it matches, and why, who and
    when. `message`, `ja` and `en` say what the finding was when it was accepted, for the
    people who read the baseline; matching uses the fingerprint only."""

    fingerprint: str
    reason: str
    who: str
    when: str  # ISO 8601, UTC ("2026-03-01T09:30:00Z")
    code: str = ""
    rule: str = ""
    message: str = ""
    ja: str = ""  # "line 124: 5.9 (販売費 | 2003年3月期 | 対営業収益 %)"
    en: str = ""


@dataclass(frozen=True)
class Waived:
    """A finding a waiver matched: kept apart from the open findings, never dropped."""

    finding: Finding
    waiver: Waiver


@dataclass(frozen=True)
class Problem:
    """Findings with one root cause: the same cell, figure, label or sentence figure seen by
    several rules (a Japanese share of total wrong against the English, TQ100, and against its
    own total, TQ401; a prose figure wrong against the English, TQ500, and against its table,
    TQ510). `findings` holds the primary finding first (the one that says most: open before
    waived, then the most severe, then the one naming both languages), then the related ones.
    `waived` holds the fingerprints of those a waiver matched."""

    id: int  # 1, 2, ... in document order, within one report
    findings: tuple[Finding, ...]
    waived: frozenset[str] = frozenset()

    @property
    def primary(self) -> Finding:
        return self.findings[0]

    @property
    def related(self) -> tuple[Finding, ...]:
        return self.findings[1:]

    @property
    def open_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.fingerprint not in self.waived)

    @property
    def is_waived(self) -> bool:
        """Every finding of the problem is waived."""
        return not self.open_findings

    @property
    def severity(self) -> Severity:
        """The worst severity among its open findings (among all when every one is waived)."""
        pool = self.open_findings or self.findings
        return max((f.severity for f in pool), key=lambda s: s.rank)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.code for f in self.findings))
