"""What a rule reads: the alignment, what the recompute stage found, the glossary and the
options of the run, all frozen."""

from __future__ import annotations

from dataclasses import dataclass

from ..glossary.lookup import Glossary
from ..model import Alignment, Cell, Column, Document, Lang, Location, Recomputation, Row, Table
from ..options import Options


@dataclass(frozen=True)
class CheckContext:
    """In a one-language check the alignment has that language's document only (the other
    is None) and no table pairs, so cross-language rules find nothing. `glossary` is None
    when no glossary has entries (the label rules then stay silent)."""

    alignment: Alignment
    recomputed: Recomputation
    glossary: Glossary | None = None
    options: Options = Options()

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.alignment.documents

    def document(self, lang: Lang) -> Document:
        doc = self.alignment.ja if lang is Lang.JA else self.alignment.en
        assert doc is not None, f"no {lang.value} document"
        return doc

    @property
    def fy_end_month(self) -> int:
        """The month the fiscal year ends, the same in both documents (see parse.facts)."""
        return self.documents[0].fy_end_month if self.documents else 3

    def location(self, table: Table, row: Row | None, cell: Cell | None, column: Column | None) -> Location:
        """Where a finding stands: file, line, the text there, and "row | column" context."""
        doc = self.document(table.lang)
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
