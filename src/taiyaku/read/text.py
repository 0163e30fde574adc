"""The text reader: a decoded text file as source lines.

A file with tabs is read as today: a line holding a tab is one row of a table, its cells
split on tabs (the corpora's format, and what spreadsheet copy-paste gives); any other line
is prose.

A file without tabs may hold *layout text*: tables whose columns are runs of spaces, as
`pdftotext -layout` writes them or a copy-paste from a PDF gives. Its lines go through
`layout.find_tables` (columns from the alignment of figures). Columns are measured two
ways, and the one under which more figures line up wins: full-width characters two
columns wide (text aligned for a monospace display), or every character one column
(`pdftotext -layout` places characters so). Text without columns at all (one space
between cells, as `pdftotext -raw` or a copy-paste of a PDF's text gives: hardly a line
with a run of spaces) goes through `raw.find_tables` instead: rows are labels followed by
figures. Besides:

- letter-spaced words are rejoined (`上 場 会 社 名` -> `上場会社名`);
- a prose line wrapped onto the next is joined to it, and the next line left empty (so
  that a sentence, or an amount split from its unit, `1兆1,905` / `億円`, is whole);
- pages (form feeds) give each line its `page`; page numbers and running titles at the
  top or bottom of the pages are blanked (a line recurring there that is not parted from
  the body by a blank line, nor the page's first or last line, is the header of a table
  going on over pages, and is kept);
- a table going on after a page break under the same header keeps its table, the
  repeated header blanked.

A table row's text is its cells joined by tabs, as in the tab format. Line numbers are
always the file's own (`cat -n`): lines are blanked, never removed.
"""

from __future__ import annotations

import os
import re

from ..model import Source, SourceLine
from .decode import SourceText, decode_bytes, read_source


def read_text(path: str | os.PathLike[str]) -> Source:
    """Read and decode a text file; raise InputError with a one-line reason on failure."""
    return from_text(read_source(path))


def read_text_bytes(path: str, data: bytes) -> Source:
    """The text reader of taiyaku.read: decoded `data` of the file at `path`."""
    return from_text(decode_bytes(data, path))


def from_text(text: SourceText) -> Source:
    if any("\t" in t for t in text.lines):
        lines = tuple(_tab_line(t, no) for no, t in enumerate(text.lines, 1))
        return Source(text.path, "text", text.encoding, lines)
    from .layout_text import layout_lines  # only a file without tabs needs the column finder

    return Source(text.path, "text", text.encoding, tuple(layout_lines(list(text.lines))))


# A cell that is a figure, a nil mark or a range of them: "1,234", "(12.4)", "△5.4%", "－".
_FIGURE_CELL = re.compile(r"^\s*[(（△▲\-−－]?\s*[0-9０-９][0-9０-９,，.．]*\s*[%％]?\s*[)）]?\s*$|^\s*[-－—―]\s*$")
# A sentence's end: 。 or a full stop after a word ("... for the year.").
_SENTENCE_END = re.compile(r"(?:。|[A-Za-z)]{2}\.)[」』)）”\"]?\s*$")


def _tab_line(t: str, no: int) -> SourceLine:
    """A line of a tab-separated file: a table row, or prose that holds a stray tab (an
    indentation, a tab typed inside a sentence, one left at its end), which is a sentence and
    no figure cell."""
    if "\t" not in t:
        return SourceLine(t, no)
    cells = tuple(t.split("\t"))
    filled = [c for c in cells if c.strip()]
    if (
        filled
        and _SENTENCE_END.search(filled[-1])
        and not _ABBREVIATION_END.search(filled[-1])
        and not any(_FIGURE_CELL.match(c) for c in filled)
        and not _label_and_value(filled)
    ):
        return SourceLine(" ".join(c.strip() for c in filled), no)
    return SourceLine(t, no, cells)


# A name's abbreviation ends a cell, not a sentence: "Sample Industries Co., Ltd.", "Inc.", "No.".
_ABBREVIATION_END = re.compile(r"\b(?:Ltd|Inc|Co|Corp|Bhd|Pte|LLC|plc|Jr|Sr|No|etc|approx)\.[)）\"]?\s*$", re.I)
# A label cell: a short noun phrase ("事業内容", "Business"), not the start of a sentence.
_JA_SENTENCE_MARK = re.compile(r"[、。，．]|[はがを](?![^\s]*[名額日数率]$)")


def _label_and_value(filled: list[str]) -> bool:
    """Two cells, a label and a value that happens to be a sentence ("Business | Manufacture of
    automotive parts.", "事業内容 | 自動車部品の製造・販売。"): a table row of facts."""
    if len(filled) != 2:
        return False
    label, value = filled[0].strip(), filled[1].strip()
    if not label or not value or _SENTENCE_END.search(label):
        return False
    if label.isascii():
        return len(label.split()) <= 5 and not value[0].islower()
    return len(label) <= 20 and not _JA_SENTENCE_MARK.search(label)
