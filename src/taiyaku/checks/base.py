"""Rules: small classes with a stable code, a name, a default severity and a docstring.

A rule takes one CheckContext and yields Findings. Rules register themselves by being
decorated with @register; `run_rules` runs them in code order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..glossary.lookup import Glossary
from ..model import (Alignment, Cell, Column, Convention, Document, Finding, Location, Row, Severity, Table,
                     TablePair)  # fmt: skip


@dataclass
class CheckContext:
    """What rules read. In a one-language check the alignment has that language's document
    only (the other is None) and no table pairs, so cross-language rules find nothing."""

    alignment: Alignment
    glossary: Glossary | None = None
    convention: Convention | None = None  # rounding convention; None = as each document declares
    cache: dict = field(default_factory=dict)  # work shared by several rules, computed once

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(d for d in (self.alignment.ja, self.alignment.en) if d is not None)

    def location(self, table: Table, row: Row | None, cell: Cell | None, column: Column | None) -> Location:
        """Where a finding stands: file, line, the text there, and "row | column" context."""
        doc = self.alignment.ja if table.lang.value == "ja" else self.alignment.en
        assert doc is not None
        parts = []
        if row is not None:
            parts.append(row.label or "(no label)")
        if column is not None and column.title:
            parts.append(column.title)
        if cell is not None:
            return Location(doc.path, cell.line, cell.text, " | ".join(parts))
        if row is not None:
            return Location(doc.path, row.line, row.label, table.name)
        line = table.caption_line or table.first_line
        return Location(doc.path, line, table.caption or "", f"lines {table.first_line}-{table.last_line}")


class Rule:
    """Base class. Subclasses set code, name, severity and implement check()."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, message: str, ja: Location | None, en: Location | None,
                pair: TablePair | None = None, expected: str | None = None,
                severity: Severity | None = None, group: str | None = None) -> Finding:  # fmt: skip
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            message=message,
            ja=ja,
            en=en,
            expected=expected,
            group=group if group is not None else (pair.name if pair is not None else ""),
        )

    @classmethod
    def describe(cls) -> str:
        return (cls.__doc__ or "").strip()


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if not cls.code or not cls.name:
        raise TypeError(f"{cls.__name__} needs a code and a name")
    if cls.code in REGISTRY:
        raise TypeError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    from . import arithmetic, labels, numeric, periods, prose, structure  # noqa: F401  (importing registers the rules)

    return [REGISTRY[c] for c in sorted(REGISTRY)]


def run_rules(ctx: CheckContext, select: Iterable[str] | None = None) -> Iterator[Finding]:
    wanted = set(select) if select is not None else None
    for rule_cls in all_rules():
        if wanted is not None and rule_cls.code not in wanted and rule_cls.name not in wanted:
            continue
        yield from rule_cls().check(ctx)
