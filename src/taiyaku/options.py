"""The options of a run, in one record used by the API and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Convention, ReportTarget, Severity


@dataclass(frozen=True)
class Options:
    """What to check and how.

    `select` and `ignore` hold rule codes (TQ100) or names (numeric-mismatch): `select` None
    runs every rule, an empty `select` none; `ignore` removes rules from the selection.
    `fail_on` is the severity from which a finding fails the run (exit status 1).
    `convention` overrides the rounding convention the documents declare (None: as declared).
    `fy_end_month` is the month the fiscal year ends (None: read from the table titles).
    `glossaries` are glossary files stacked over the default one (later files win), which
    `default_glossary` False leaves out (and with it the user's glossary). `strict_glossary`
    makes a malformed or conflicting line in those files an input error instead of a warning.
    `severity` overrides rules' severities: (code or name, severity) pairs, every finding of
    that rule then has that severity (the exit status and the reports follow it).
    `baseline` is a baseline file of waivers (taiyaku.waivers) applied to the findings.
    `reports` are the reports the command line writes (format, path or None for standard
    output); the API itself writes none.

    The command line builds this record from the config file and its flags (taiyaku.config).
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    fail_on: Severity = Severity.ERROR
    convention: Convention | None = None
    fy_end_month: int | None = None
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    strict_glossary: bool = False
    severity: tuple[tuple[str, Severity], ...] = ()
    baseline: str | None = None
    reports: tuple[ReportTarget, ...] = ()

    def __post_init__(self) -> None:
        if self.fy_end_month is not None and not 1 <= self.fy_end_month <= 12:
            raise ValueError(f"fiscal-year end month must be 1-12, not {self.fy_end_month}")

    def severity_of(self, code: str, name: str) -> Severity | None:
        """The severity `severity` sets for a rule (by code or name; the last pair wins)."""
        found = None
        for key, sev in self.severity:
            if key in (code, name):
                found = sev
        return found
