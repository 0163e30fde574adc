"""The outcome of a check, decided once, after waivers and apart from any report format: the
exit status and the sentence that explains it (the text report's gate line, SARIF's
invocation, the command line's exit)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    line: str  # "fails: 12 problem(s) at or above error (exit 1)"
    reason: str | None = None  # why nothing was checked (exit 2), one line


def verdict(report: Report) -> Verdict:
    from .recompute.coverage import unchecked

    reason = unchecked(report.coverage, report.inputs) if report.coverage is not None else None
    if reason is not None:  # a run that compared nothing is never a pass
        return Verdict(EXIT_INPUT, f"not checked: {reason} (exit {EXIT_INPUT})", reason)
    at = report.fail_on
    if report.fails():
        failing = [p for p in report.problems if not p.is_waived and p.severity.rank >= at.rank]
        findings = sum(1 for f in report.findings if f.severity.rank >= at.rank)
        n = len(failing) or findings
        return Verdict(EXIT_FINDINGS, f"fails: {n} problem(s) ({findings} finding(s)) at or above {at.value} "
                                      f"(exit {EXIT_FINDINGS})")  # fmt: skip
    waived = sum(1 for w in report.waived if w.finding.severity.rank >= at.rank)
    why = f"; {waived} waived finding(s) at or above it" if waived else ""
    return Verdict(EXIT_CLEAN, f"passes: nothing open at or above {at.value}{why} (exit {EXIT_CLEAN})")
