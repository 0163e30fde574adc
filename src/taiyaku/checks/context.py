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
            return at(doc, cell.line, cell.text, " | ".join(parts), cell.column)
        if row is not None:
            return at(doc, row.line, row.label, table.name)
        line = table.caption_line or table.first_line
        return at(doc, line, table.caption or "", span(doc, table.first_line, table.last_line))


def where(doc: Document, position: int) -> str:
    """Where a position stands, in words: "line 124" (a text file), "p.4 l.12" (a PDF)."""
    return doc.place(position).locator


def span(doc: Document, first: int, last: int) -> str:
    """Where positions first..last stand: "lines 42-61", "p.3 l.5 to p.4 l.20"."""
    if not doc.places:
        return f"lines {first}-{last}"
    return f"{where(doc, first)} to {where(doc, last)}"


def positions(doc: Document, numbers: list[int]) -> str:
    """Several positions: "line 381", "lines 381, 386", "p.3 l.5, p.3 l.9"."""
    ordered = sorted(set(numbers))
    if not doc.places:
        return ("line " if len(ordered) == 1 else "lines ") + ", ".join(map(str, ordered))
    return ", ".join(where(doc, n) for n in ordered)


def at(doc: Document, position: int, text: str, context: str, column: int | None = None) -> Location:
    """The Location of position `position` of `doc` (a cell of value column `column`, when given)."""
    place = doc.place(position)
    locator = place.of_cell(column) if column is not None else place.locator
    return Location(doc.path, place.line, text, context, place.page, locator, column)
