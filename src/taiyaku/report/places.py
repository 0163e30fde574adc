"""Where the problems of a report stand in its documents: which cell, row label, caption or
prose figure each finding points at, and which table pair or prose pair holds it.

The reporters that show the documents (html) or group by pair (junit) look findings up here
instead of each matching locations on its own. A finding's Location names a side, a page and
line, a value column for a cell, and the text there; a document element is keyed the same way
from its position (Document.place).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fingerprint import normalise
from ..model import Alignment, Document, Finding, Lang, Problem, Report, SentencePair, Table, TablePair

Key = tuple[str, int | None, int, int | None, str]  # side, page, line, column, text
Line = tuple[str, int | None, int]  # side, page, line


@dataclass(frozen=True)
class Pairs:
    """The table pairs and prose pairs a report shows, each once: a one-language check has
    no table pairs, so each of its tables stands alone."""

    tables: tuple[TablePair, ...]
    prose: tuple[SentencePair, ...]


def pairs(alignment: Alignment) -> Pairs:
    from ..model import Evidence

    tables = alignment.tables
    if not tables:
        tables = tuple(TablePair(t if d.lang is Lang.JA else None, t if d.lang is Lang.EN else None,
                                 Evidence(0.0, ("checked on its own",)))
                       for d in alignment.documents for t in d.tables)  # fmt: skip
    return Pairs(tables, alignment.sentences)


@dataclass
class Places:
    """Problems by what they point at, and pairs by the lines they hold."""

    by_key: dict[Key, list[Problem]] = field(default_factory=dict)
    by_line: dict[Line, list[tuple[str, Problem]]] = field(default_factory=dict)
    table_of: dict[Line, int] = field(default_factory=dict)  # line -> index in Pairs.tables
    prose_of: dict[Line, int] = field(default_factory=dict)  # line -> index in Pairs.prose
    lone_prose: set[Line] = field(default_factory=set)  # prose lines in no pair

    def at(self, side: str, doc: Document, position: int, column: int | None, text: str) -> list[Problem]:
        """The problems pointing at the element at `position` (a cell of `column`, or a row
        label / caption with `column` None) whose text is `text`."""
        place = doc.place(position)
        return self.by_key.get((side, place.page, place.line, column, normalise(text)), [])

    def in_figure(self, side: str, doc: Document, position: int, text: str) -> list[Problem]:
        """The problems pointing at a prose figure: its text, or digits of it (TQ504 quotes
        the digits alone)."""
        place = doc.place(position)
        norm = normalise(text)
        out = []
        for t, p in self.by_line.get((side, place.page, place.line), []):
            if t and (t == norm or t in norm) and p not in out:
                out.append(p)
        return out

    def pair_of(self, f: Finding) -> tuple[str, int] | None:
        """("table", i) or ("prose", i): the pair holding a finding's place, Japanese first."""
        for side, loc in (("ja", f.ja), ("en", f.en)):
            if loc is None:
                continue
            key = (side, loc.page, loc.line)
            if key in self.prose_of:
                return ("prose", self.prose_of[key])
            if key in self.table_of:
                return ("table", self.table_of[key])
        return None

    def lone_line_of(self, f: Finding) -> Line | None:
        """The prose line in no pair where a finding stands, if it stands in one."""
        for side, loc in (("ja", f.ja), ("en", f.en)):
            if loc is not None and (side, loc.page, loc.line) in self.lone_prose:
                return (side, loc.page, loc.line)
        return None


def places(report: Report, shown: Pairs) -> Places:
    out = Places()
    for p in report.problems:
        for f in p.findings:
            for side, loc in (("ja", f.ja), ("en", f.en)):
                if loc is None or not loc.text.strip():
                    continue
                text = normalise(loc.text)
                out.by_key.setdefault((side, loc.page, loc.line, loc.column, text), []).append(p)
                entries = out.by_line.setdefault((side, loc.page, loc.line), [])
                if (text, p) not in entries:
                    entries.append((text, p))
    for key, ps in out.by_key.items():
        out.by_key[key] = list(dict.fromkeys(ps))
    docs = {d.lang: d for d in report.alignment.documents}
    for i, tp in enumerate(shown.tables):
        for table in (tp.ja, tp.en):
            if table is not None:
                for line in _table_lines(table):
                    out.table_of.setdefault(_line(docs[table.lang], line), i)
    for i, sp in enumerate(shown.prose):
        for lang, unit in ((Lang.JA, sp.ja), (Lang.EN, sp.en)):
            if lang in docs:
                out.prose_of.setdefault(_line(docs[lang], unit.line), i)
    for doc in docs.values():
        for u in doc.prose:
            where = _line(doc, u.line)
            if where not in out.prose_of:
                out.lone_prose.add(where)
    return out


def _line(doc: Document, position: int) -> Line:
    place = doc.place(position)
    return (doc.lang.value, place.page, place.line)


def _table_lines(t: Table) -> list[int]:
    lines = [n for n, _ in t.title_lines]
    if t.caption_line is not None:
        lines.append(t.caption_line)
    lines += range(t.first_line, t.last_line + 1)
    return lines
