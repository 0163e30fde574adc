"""What was read (`taiyaku show`): per language part, its tables with their header rows and
rows, and its paragraph and figure counts, so a user sees why a table was or was not
checked."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..lang.en import scale_name
from ..model import Document, Report, Table
from ..recompute.coverage import document_coverage
from .json import header_rows

MAX_CELL = 24  # characters of a cell shown


class DocumentsTextReporter:
    name = "documents-text"

    def write(self, report: Report, out: TextIO, color: bool = False) -> None:
        console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                          soft_wrap=True, emoji=False)  # fmt: skip
        for i in report.inputs:
            console.print(Text(f"{i.path} ({i.lang}, {i.format})", style="bold"))
        for doc in report.alignment.documents:
            console.print()
            _document(console, doc)


def _document(console: Console, doc: Document) -> None:
    cov = document_coverage(doc)
    lang = "Japanese" if doc.lang.value == "ja" else "English"
    console.print(Text(f"{lang} part ({doc.place(doc.first_line).locator} to {doc.place(doc.last_line).locator}): "
                       f"{cov.tables} tables, {cov.table_figures} figures in tables, {cov.paragraphs} paragraphs, "
                       f"{cov.prose_figures} prose figures", style="bold underline"))  # fmt: skip
    for t in doc.tables:
        _table(console, doc, t)


def _table(console: Console, doc: Document, t: Table) -> None:
    console.print()
    unit = scale_name(t.unit_scale) if t.unit_scale else ""
    head = Text(f"  {t.name}", style="bold")
    head.append(f"   {doc.place(t.first_line).locator}, {len(t.rows)} rows, {len(t.columns)} columns"
                f"{', unit ' + unit if unit else ''}", style="dim")  # fmt: skip
    console.print(head)
    for row in header_rows(t):
        console.print(Text("    header | " + " | ".join(_cut(c) for c in row), style="cyan"))
    for r in t.rows:
        cells = {c.column: c.text for c in r.cells}
        shown = " | ".join(_cut(cells.get(i, "")) for i in range(len(t.columns)))
        line = Text(f"    {doc.place(r.line).locator:<10} ", style="dim")
        line.append(f"{_cut(r.label) or '(no label)'} | {shown}")
        console.print(line)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
