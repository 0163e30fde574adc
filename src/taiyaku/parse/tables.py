"""Tables and paragraphs of one language part of a source.

Tables are runs of consecutive table rows (lines with cells; tab-separated in text). The short
lines above a run are its title lines (caption, unit declaration, periods); its leading rows
without figures are header rows, which may span several lines; the rest are body rows. A run
with no caption, no unit and no header rows of its own continues the table before it (a table
broken by footnotes or a page break) and is merged into it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..model import Cell, Column, Document, Lang, Paragraph, Period, Place, QKind, Row, RowKind, Source, Span, Table
from . import headers
from .mentions import cell_figure
from .numbers import parse_quantity, plain_quantity, strip_label_footnotes, strip_markup
from .periods import cell_date, header_period

# A title line is short; a longer line is prose and ends the search for titles.
MAX_TITLE_CHARS = 160
MAX_TITLE_LINES = 6


@dataclass
class _Run:
    first: int  # 1-based line numbers
    last: int
    table: str | None = None  # the table the reader found the rows in, if it says
    lines: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)


def parse_tables(source: Source, span: Span) -> Document:
    """The tables and paragraphs of lines span.first..span.last (1-based) of a source.

    The Document's facts (periods, convention, prose) are left for parse.facts to finish.
    """
    runs: list[_Run] = []
    paragraphs: list[Paragraph] = []
    lines = source.texts
    for pos in range(span.first, span.last + 1):
        sl = source.lines[pos - 1]
        no = sl.line
        if sl.cells is not None:
            if runs and runs[-1].last == no - 1 and runs[-1].table == sl.table:
                runs[-1].last = no
            else:
                runs.append(_Run(no, no, sl.table))
            runs[-1].lines.append((no, list(sl.cells)))
        elif sl.text.strip():
            paragraphs.append(Paragraph(sl.text.strip(), no))

    path = source.path
    repeated = _repeated_lines(lines, span)
    tables: list[Table] = []
    prev_end = span.first - 1
    for run in runs:
        titles = _title_lines(lines, prev_end + 1, run.first - 1, repeated)
        prev_end = run.last
        table = _build_table(run, titles, span.lang, len(tables) + 1, tables[-1] if tables else None)
        if table.continues is not None and tables:
            tables[-1] = _merge(tables[-1], table)
        else:
            tables.append(table)
    return Document(path, span.lang, span.first, span.last, tuple(tables), tuple(paragraphs),
                    places=_places(source, span))  # fmt: skip


def _places(source: Source, span: Span) -> tuple[Place, ...]:
    """Where each position of the span stands; () for a text file (its position is its line)."""
    lines = source.lines[span.first - 1 : span.last]
    if not any(sl.page is not None or sl.locator or sl.cell_locators for sl in lines):
        return ()
    return tuple(Place(sl.page_line or sl.line, sl.page, sl.where, sl.cell_locators) for sl in lines)


def _repeated_lines(lines: tuple[str, ...], span: Span) -> set[str]:
    """Lines that recur three times or more (running headers such as the company name)."""
    counts = Counter(
        lines[i].strip() for i in range(span.first - 1, span.last) if "\t" not in lines[i]
    )
    return {text for text, n in counts.items() if n >= 3 and text}


def _title_lines(
    lines: tuple[str, ...], first: int, last: int, repeated: set[str]
) -> tuple[tuple[int, str], ...]:
    """The short lines just above a table, nearest last, skipping footnotes and furniture,
    up to the heading of the section the table is in."""
    out: list[tuple[int, str]] = []
    for no in range(last, first - 1, -1):
        text = lines[no - 1].strip()
        if not text:
            continue
        if len(text) > MAX_TITLE_CHARS or len(out) >= MAX_TITLE_LINES:
            break
        if headers.is_footnote(text) or headers.is_furniture(text):
            continue
        if text in repeated and not _declares(text):
            continue  # a running header ("Internet Initiative Japan Inc.", a page date)
        out.append((no, strip_markup(text)))
        if headers.is_section_heading(text):
            break  # above a section's heading stand the section before and the cover
    return tuple(reversed(out))


def _declares(text: str) -> bool:
    """A title line that says something about the table: a unit, a caption, a statement."""
    return (
        headers.unit_scale(text) is not None
        or headers.caption_number(text) is not None
        or headers.statement_kind(text) is not None
    )


def _split_caption(titles: tuple[tuple[int, str], ...]) -> tuple[str | None, int | None]:
    """The caption of a table: numbered caption and statement title, else the nearest title."""
    numbered = [(no, t) for no, t in titles if headers.caption_number(t)]
    statement = [(no, t) for no, t in titles if headers.statement_kind(t)]
    parts = numbered[-1:] + [s for s in statement[-1:] if s not in numbered[-1:]]
    if parts:
        parts.sort()
        return " — ".join(t for _, t in parts), parts[0][0]
    plain = [
        (no, t)
        for no, t in titles
        if headers.unit_scale(t) is None or len(t) > 40  # a bare "(百万円)" is not a caption
    ]
    plain = [(no, t) for no, t in plain if not _only_periods(t)]
    if plain:
        return plain[-1][1], plain[-1][0]
    return None, None


def _only_periods(text: str) -> bool:
    """A title line that only lists periods ("2003年3月期、2002年3月期", "As of Mar 31, 2003")."""
    return header_period(text) is not None and len(text) < 80 and (
        text.count("期") >= 2 or text.lower().startswith(("for the", "as of"))
    )


def _is_rule(text: str) -> bool:
    t = text.strip()
    return len(t) >= 2 and set(t) <= set("-_=—―─")


def _build_table(
    run: _Run, titles: tuple[tuple[int, str], ...], lang: Lang, number: int, previous: Table | None
) -> Table:
    caption, caption_line = _split_caption(titles)
    scale = None
    for _, t in titles:
        scale = headers.unit_scale(t)
        if scale is not None:
            break

    header_rows: list[tuple[int, list[str]]] = []
    body: list[tuple[int, list[str]]] = []
    for no, cells in run.lines:
        if all(_is_rule(c) or not c.strip() for c in cells):
            continue  # a ruling line
        values = cells[1:]
        if not body and _is_header(cells, lang):
            header_rows.append((no, [strip_label_footnotes(c) for c in values]))
        else:
            body.append((no, cells))

    table_id = f"{lang.value}:T{number}"
    continues = None
    width = max((len(c) - 1 for _, c in run.lines), default=0)
    if (
        previous is not None
        and not header_rows
        and caption is None
        and scale is None
        and width <= max(len(previous.columns), 1)
    ):
        continues = previous.id

    if continues and previous is not None:
        columns = previous.columns
        scale = previous.unit_scale
    else:
        columns = _columns(header_rows, width)

    units = _unit_column(body)
    if units and not continues:
        head_width = max((len(r) for _, r in header_rows), default=0)
        if head_width == width:  # a header cell stands above the unit column: drop it too
            header_rows = [(no, r[1:]) for no, r in header_rows]
        width -= 1
        columns = _columns(header_rows, width)

    rows: list[Row] = []
    for no, cells in body:
        label_raw = cells[0]
        label = headers.without_item_number(strip_label_footnotes(label_raw))  # "(1) 名称": 名称
        unit_text = None
        if units:
            unit_text, cells = cells[1].strip() or None, cells[:1] + cells[2:]
        row_cells = []
        for col, raw in enumerate(cells[1:]):
            if not raw.strip():
                continue
            row_cells.append(_cell(raw, no, col, lang))
        has_value = any(c.quantity is not None or c.date is not None for c in row_cells)
        if not label and not has_value:
            continue
        kind = RowKind.DATA if has_value else RowKind.HEADING
        row_scale = headers.unit_scale(unit_text) if unit_text else None
        rows.append(Row(label, label_raw, no, len(rows), kind, tuple(row_cells), row_scale, unit_text))

    return Table(
        id=table_id,
        lang=lang,
        caption=caption,
        caption_line=caption_line,
        title_lines=titles,
        unit_scale=scale,
        columns=columns,
        rows=tuple(rows),
        first_line=run.first,
        last_line=run.last,
        continues=continues,
    )


def _cell(raw: str, line: int, column: int, lang: Lang) -> Cell:
    """A body cell with its figure (1,234 / 2,417人 / "281 thousand units") or its date."""
    q = plain_quantity(raw)  # most cells: read without the cleaning and the full parser
    if q is not None:
        return Cell(raw, raw, line, column, q)
    text = strip_markup(raw)
    q = parse_quantity(raw)
    if q is not None:
        return Cell(text, raw, line, column, q)
    date = cell_date(text, lang)
    if date is not None:
        return Cell(text, raw, line, column, None, date)
    return Cell(text, raw, line, column, cell_figure(text, lang))


# A row's own unit, in a column of its own: "(百万円)", "(人)", "（％）", "(Millions of yen)", "(Persons)".
_UNIT_CELL = re.compile(r"\s*[(（]\s*[^\d()（）]{1,24}?\s*[)）]\s*")


# A column title ending with its unit: "所有株式数（千株）", "Shareholding ratio (%)".
_UNIT_TITLE = re.compile(r"\s*\S[^\t]*?" + _UNIT_CELL.pattern)


def _unit_column(body: list[tuple[int, list[str]]]) -> bool:
    """The first value column holds the rows' units and nothing else (a 有価証券報告書's
    主要な経営指標等の推移: 売上高 | (百万円) | 98,120 | 101,450 …), in two rows or more."""
    seen = 0
    for _, cells in body:
        if len(cells) < 3:
            continue
        text = cells[1].strip()
        if not text:
            continue
        if not _UNIT_CELL.fullmatch(text):
            return False
        seen += 1
    return seen >= 2


def _is_header(cells: list[str], lang: Lang) -> bool:
    """A leading row is a header when its label cell is empty or none of its cells is a figure.

    A labelled row whose one value is a date is a fact, not a header: 設立 | 1961年4月,
    "Record date | March 31, 2026" (a header names its corner: 科目 | 2026年3月31日)."""
    values = [c for c in cells[1:] if c.strip()]
    if not values:
        return False  # a label alone is a section heading, not a header
    if not cells[0].strip():
        return True
    if (
        len(values) == 1
        and not headers.is_corner_label(cells[0])
        and headers.unit_scale(cells[0]) is None
        and cell_date(strip_markup(values[0]), lang) is not None
    ):
        return False
    no_figure = all((q := parse_quantity(c)) is None or q.kind is not QKind.NUMBER for c in values)
    if no_figure and headers.is_corner_label(cells[0]):
        return True  # 科目 | 前連結会計年度 | 当連結会計年度
    if no_figure and any(headers.unit_scale(c) is not None for c in values):
        return True  # Facility | Buildings (Millions of yen) | Machinery (Millions of yen)
    if no_figure and all(_UNIT_TITLE.fullmatch(strip_markup(c)) for c in values):
        return True  # 氏名又は名称 | 所有株式数（千株） | 持株比率（％）
    return all(
        (q := parse_quantity(c)) is None or q.kind is not QKind.NUMBER for c in values
    ) and any(header_period(strip_markup(c)) or headers.column_kind([c]) for c in values)


def _columns(header_rows: list[tuple[int, list[str]]], width: int) -> tuple[Column, ...]:
    """One Column per value position, with its header texts, period and kind.

    A period written above one column governs the columns to its right until the next
    period in the same header row ("2003年3月期 | | 対営業収益 %" -> all three are 2003年3月期).
    """
    grid = [row + [""] * (width - len(row)) for _, row in header_rows]
    periods_by_row = []
    for row in grid:
        current: tuple[Period, str] | None = None
        filled = []
        for text in row:
            p = header_period(text) if text else None
            if p is not None:
                current = (p, text)
            filled.append(current)
        periods_by_row.append(filled)

    columns = []
    # What a column's header texts and period make of it (a wide table repeats a few headers).
    read: dict[tuple, tuple[str | None, str, tuple[int | None, str | None, int | None]]] = {}
    lowest_first = periods_by_row[::-1]
    for c in range(width):
        own = tuple([row[c] for row in grid])
        found = None
        for filled in lowest_first:  # the lowest header row that names one
            if filled[c] is not None:
                found = filled[c]
                break
        period, period_text = found if found else (None, None)
        got = read.get((own, period_text))  # (the period is the one its text names)
        if got is None:
            got = read[(own, period_text)] = _column_reading(own, period_text, header_rows)
        kind, title, unit = got
        columns.append(Column(c, own, period, kind, period_text, title, *unit))
    return tuple(columns)


def _column_reading(
    own: tuple[str, ...], period_text: str | None, header_rows: list[tuple[int, list[str]]]
) -> tuple[str | None, str, tuple[int | None, str | None, int | None]]:
    """A column's kind, title and the unit its header declares (scale, text, line)."""
    parts = [period_text] if period_text else []
    for text in own:
        if text and text not in parts and not headers.is_group_heading(text):
            parts.append(text)
    unit = next(
        ((s, t, no) for (no, _), t in zip(header_rows, own) if t and (s := headers.unit_scale(t)) is not None),
        None,
    )
    return headers.column_kind(own), " | ".join(parts), unit if unit else (None, None, None)


def _merge(first: Table, more: Table) -> Table:
    """`first` with the rows of its continuation `more` appended."""
    offset = len(first.rows)
    rows = first.rows + tuple(replace(r, index=r.index + offset) for r in more.rows)
    return replace(first, rows=rows, last_line=more.last_line)
