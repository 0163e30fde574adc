"""The options of a run, in one record used by the API and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Convention, Severity


@dataclass(frozen=True)
class Options:
    """What to check and how.

    `select` and `ignore` hold rule codes (TQ100) or names (numeric-mismatch): `select` None
    runs every rule, an empty `select` none; `ignore` removes rules from the selection.
    `fail_on` is the severity from which a finding fails the run (exit status 1).
    `convention` overrides the rounding convention the documents declare (None: as declared).
    `fy_end_month` is the month the fiscal year ends (None: read from the table titles).
    `glossaries` are glossary files stacked over the default one (later files win), which
    `default_glossary` False leaves out.
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    fail_on: Severity = Severity.ERROR
    convention: Convention | None = None
    fy_end_month: int | None = None
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True

    def __post_init__(self) -> None:
        if self.fy_end_month is not None and not 1 <= self.fy_end_month <= 12:
            raise ValueError(f"fiscal-year end month must be 1-12, not {self.fy_end_month}")
