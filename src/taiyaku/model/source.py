"""What the read stage produces: a file as lines of text or of table cells, and its parts.

Every reader (text, PDF, HTML/iXBRL, DOCX, XLSX) turns bytes into a `Source`: the file's lines
in reading order, each either prose (`cells` is None) or one row of a table (`cells` holds its
cells, the row label first), with where it stands. Splitting a bilingual file gives `Span`s of
those lines, one per language.

Positions. `SourceLine.line` is the line's 1-based position in the source, in reading order:
for a text file it is the file's own line number (`cat -n`); for other formats it counts the
lines the reader produced. Later stages order and pair things by it. What a person follows is
`locator` ("line 124", "p.4 l.12", "Sheet1 row 12", "table 2 row 5"), with `page` and
`page_line` for a PDF and `cell_locators` where each cell has its own place ("Sheet1!C12").
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Lang


@dataclass(frozen=True)
class SourceLine:
    """One line of an input: a line of prose, or one row of a table.

    `cells` is None for prose and the row's cells, first the label, for a table row (an empty
    string for an empty cell). `table` names the table a reader found the row in when the
    format says where tables are (an HTML <table>, a DOCX table, an XLSX sheet, a ruled PDF
    table): consecutive rows with the same `table` form one table, and a new `table` starts
    a new one. Readers of formats without explicit tables leave it None (runs of rows are
    tables then).
    """

    text: str
    line: int  # 1-based position in the source (the file's line for text)
    cells: tuple[str, ...] | None = None
    page: int | None = None  # 1-based page (PDF)
    page_line: int | None = None  # 1-based line on that page (PDF)
    locator: str = ""  # "line 124", "p.4 l.12", "Sheet1 row 12", "table 2 row 5"
    cell_locators: tuple[str, ...] | None = None  # one per cell, when cells stand apart
    table: str | None = None  # "html:3", "docx:2", "xlsx:Sheet1", "pdf:p4:1"

    @property
    def where(self) -> str:
        """The locator, or "line N" when the reader gave none."""
        return self.locator or f"line {self.line}"


@dataclass(frozen=True)
class Source:
    path: str
    format: str  # "text", "pdf", "html", "docx", "xlsx"
    encoding: str | None  # "utf-8", "utf-8-sig", "cp932", "euc_jp"; None for binary formats
    lines: tuple[SourceLine, ...]
    pages: int | None = None  # pages read (PDF)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines)


@dataclass(frozen=True)
class Span:
    """Lines first..last (1-based positions in `Source.lines`, inclusive) in one language."""

    lang: Lang
    first: int
    last: int
