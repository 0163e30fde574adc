"""The parse stage: a language part of a `Source` -> a `Document` with everything later
stages need (tables, headers, figures, periods, sentences, prose figures, facts).

- tables.py: runs of table rows -> tables (caption, unit, header rows, columns, body rows);
- headers.py, numbers.py, periods.py: what headers, cells and titles say;
- sentences.py, mentions.py: prose -> sentences -> figures;
- statements.py, facts.py: what a document says about itself (convention, rates, damage,
  fiscal-year end, title and column periods).
"""

from __future__ import annotations

from ..model import Document, Source, Span
from .facts import finish, fiscal_year_end, with_periods
from .tables import parse_tables

__all__ = ["parse", "parse_documents"]


def parse(source: Source, span: Span, fy_end_month: int | None = None) -> Document:
    """One language part of `source`, finished on its own (its own fiscal-year end)."""
    return parse_documents([(source, span)], fy_end_month)[0]


def parse_documents(parts: list[tuple[Source, Span]], fy_end_month: int | None = None) -> list[Document]:
    """The documents of the given parts, finished together: the Japanese and the English
    version of one disclosure share one fiscal-year end (`fy_end_month`, or voted by the
    titles of all of them)."""
    docs = [finish(parse_tables(source, span)) for source, span in parts]
    fy = fy_end_month or fiscal_year_end(docs)
    return [with_periods(d, fy) for d in docs]
