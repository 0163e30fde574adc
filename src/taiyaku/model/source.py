"""What the read stage produces: a file as lines of text or of table cells, and its parts.

Every reader (text today) turns bytes into a `Source`: the file's lines in order, each either
prose (`cells` is None) or one row of a table (`cells` holds its cells), with where it
stands. Splitting a bilingual file gives `Span`s of those lines, one per language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Lang


@dataclass(frozen=True)
class SourceLine:
    """One line of an input: a line of prose, or one row of a table.

    `line` is the 1-based line a person finds it at (the file's line for text); `cells` is
    None for prose and the row's cells, first the label, for a table row.
    """

    text: str
    line: int
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Source:
    path: str
    format: str  # "text"
    encoding: str | None  # "utf-8", "utf-8-sig", "cp932", "euc_jp"; None for binary formats
    lines: tuple[SourceLine, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines)


@dataclass(frozen=True)
class Span:
    """Lines first..last (1-based positions in `Source.lines`, inclusive) in one language."""

    lang: Lang
    first: int
    last: int
