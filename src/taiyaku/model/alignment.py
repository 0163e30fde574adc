"""What the align stage produces: Japanese and English tables, columns, rows and prose lines
paired, each pair with the evidence that decided it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .document import Cell, Column, Document, Mention, ProseUnit, Row, Table
from .fast import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two things were paired: a score in [0, 1] and the signals behind it."""

    score: float
    reasons: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class ColumnPair:
    ja: Column | None
    en: Column | None
    evidence: Evidence


@fast_init
@dataclass(frozen=True, slots=True)
class RowPair:
    ja: Row | None
    en: Row | None
    evidence: Evidence


@dataclass(frozen=True)
class TablePair:
    """Two tables that translate each other (or one table with no counterpart)."""

    ja: Table | None
    en: Table | None
    evidence: Evidence
    columns: tuple[ColumnPair, ...] = ()
    rows: tuple[RowPair, ...] = ()

    @property
    def name(self) -> str:
        if self.ja and self.en:
            return f"{self.ja.name} ↔ {self.en.name}"
        table = self.ja or self.en
        assert table is not None
        return table.name


@dataclass(frozen=True)
class MentionPair:
    """Two figures of paired prose lines (or one with no counterpart)."""

    ja: Mention | None
    en: Mention | None
    agrees: str | None  # "round" (both rounded), "truncate-ja", "truncate-en", or None


@dataclass(frozen=True)
class SentencePair:
    """A Japanese prose line and the English one that shares most of its figures."""

    ja: ProseUnit
    en: ProseUnit
    score: float
    mentions: tuple[MentionPair, ...]

    @property
    def anchors(self) -> int:
        return sum(1 for m in self.mentions if m.ja and m.en and m.agrees)


class CellPair(NamedTuple):
    """The cells of a paired row under a paired column (either may be empty: None), with the
    tables, rows and columns they stand in. (A tuple: a wide table makes one per cell.)"""

    pair: TablePair
    row: RowPair
    column: ColumnPair
    ja_table: Table
    en_table: Table
    ja_row: Row
    en_row: Row
    ja_column: Column
    en_column: Column
    ja: Cell | None
    en: Cell | None


@dataclass(frozen=True)
class Alignment:
    ja: Document | None  # None when a one-language document is checked on its own
    en: Document | None
    tables: tuple[TablePair, ...]
    sentences: tuple[SentencePair, ...] = ()

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(d for d in (self.ja, self.en) if d is not None)

    def cell_pairs(self) -> tuple[CellPair, ...]:
        """Every paired row under every paired column of every paired table, in order (made
        once: the comparison and several checks walk them)."""
        got = self.__dict__.get("_cached_cell_pairs")  # (not a field: not compared nor shown)
        if got is None:
            got = self.__dict__["_cached_cell_pairs"] = tuple(self._walk_cell_pairs())
        return got

    def _walk_cell_pairs(self) -> Iterator[CellPair]:
        for tp in self.tables:
            if tp.ja is None or tp.en is None:
                continue
            for rp in tp.rows:
                if rp.ja is None or rp.en is None:
                    continue
                for cp in tp.columns:
                    if cp.ja is None or cp.en is None:
                        continue
                    yield CellPair(tp, rp, cp, tp.ja, tp.en, rp.ja, rp.en, cp.ja, cp.en,
                                   rp.ja.cell(cp.ja.index), rp.en.cell(cp.en.index))  # fmt: skip
