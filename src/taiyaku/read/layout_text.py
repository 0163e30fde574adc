"""Layout text: a text file without tabs read through the column finder (read/layout.py) or,
without runs of spaces, through read/raw.py (see read/text.py for what is done to it)."""

from __future__ import annotations

from ..model import SourceLine
from . import layout
from .layout import Line
from .raw import find_tables as find_raw_tables
from .raw import is_raw

# Lines at the top or bottom of a page (form feeds) that can be furniture.
MARGIN_LINES = 2
# The right edge of a page's text: where this share of its prose lines end (pdftotext sets
# lines in small type longer than the rest).
TEXT_EDGE_SHARE = 0.8
# A page with fewer prose lines than this (a page of tables) has the text edges of the
# whole file: a caption and a unit line alone on it are no wrapped paragraph.
EDGE_LINES = 5



def layout_lines(raw: list[str]) -> list[SourceLine]:
    """The source lines of a text file's lines, tables found from the alignment of figures."""
    pages = _pages(raw)
    texts = [t.replace("\f", "") for t in raw]
    paged = max((p for p, t in zip(pages, texts) if t.strip()), default=1) > 1
    if paged:
        for i in _furniture(texts, pages):
            texts[i] = ""
    wide = _measure(texts)
    lines: list[Line] = []
    blank = 0  # blank lines above, on the same page (a page break is no space)
    page = 1
    out_text: list[str] = list(texts)
    for i, t in enumerate(texts):
        words = layout.text_tokens(t, wide)
        tokens = layout.rejoin_spaced(words, 2.0)
        if tokens != words:  # letter-spaced words rejoined
            out_text[i] = " ".join(w.text for w in tokens)
        if pages[i] != page:
            blank, page = 0, pages[i]
        lines.append(Line(tokens, 2.0, float(blank) if tokens else 0.0))
        blank = blank + 1 if not tokens else 0
    if is_raw(texts):  # no columns to measure: rows are labels followed by figures (read/raw.py)
        rows = find_raw_tables(texts, pages)
    else:
        rows = layout.find_tables(lines, exact=False)
    tables = _table_ids(rows, pages, texts)

    cells: list[tuple[str, ...] | None] = [None] * len(texts)
    for i, row in enumerate(rows):
        if row is not None:
            cells[i] = row.cells
            out_text[i] = "\t".join(row.cells)
    _join_prose(lines, rows, out_text, pages)
    return [
        SourceLine(out_text[i], i + 1, cells[i], pages[i] if paged else None, table=tables[i])
        for i in range(len(texts))
    ]


def _pages(raw: list[str]) -> list[int]:
    """The page of each line: a form feed starts a page."""
    out = []
    page = 1
    for t in raw:
        page += t.count("\f")
        out.append(page)
    return out


def _furniture(texts: list[str], pages: list[int]) -> list[int]:
    """Lines that are page numbers or running titles, among the first and last non-blank
    lines of each page (layout.furniture judges them)."""
    by_page: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        if t.strip():
            by_page.setdefault(pages[i], []).append(i)
    margins = {p: sorted(set(ix[:MARGIN_LINES] + ix[-MARGIN_LINES:])) for p, ix in by_page.items()}

    def apart(i: int, ix: list[int]) -> bool:
        """The first or last line of its page, or a blank line between it and the body."""
        if i in (ix[0], ix[-1]):
            return True
        side = 1 if i in ix[:MARGIN_LINES] else -1
        j = i + side
        return 0 <= j < len(texts) and pages[j] == pages[i] and not texts[j].strip()

    verdicts = layout.furniture(
        {p: [texts[i] for i in ix] for p, ix in margins.items()},
        {p: [apart(i, by_page[p]) for i in ix] for p, ix in margins.items()},
    )
    return [i for p, ix in margins.items() for i, drop in zip(ix, verdicts[p]) if drop]


def _measure(texts: list[str]) -> bool:
    """Whether full-width characters take two columns in this text (else one)."""
    if not any(not t.isascii() for t in texts):
        return True
    scores = {wide: layout.alignment([Line(layout.text_tokens(t, wide)) for t in texts]) for wide in (True, False)}
    return scores[True] >= scores[False]


def _table_ids(rows: list[layout.Row | None], pages: list[int], texts: list[str]) -> list[str | None]:
    """`layout:N` for each row; a table that goes on after a page break under the same header
    (or none) keeps the id of the table before, its repeated header blanked."""
    ids: list[str | None] = [None] * len(rows)
    spans: list[tuple[int, int, int]] = []  # (table, first line, last line)
    for i, row in enumerate(rows):
        if row is None:
            continue
        if spans and spans[-1][0] == row.table:
            spans[-1] = (row.table, spans[-1][1], i)
        else:
            spans.append((row.table, i, i))
    names: dict[int, str] = {}
    headers: dict[str, list[tuple[str, ...]]] = {}
    for k, (table, first, last) in enumerate(spans):
        names[table] = f"layout:{table + 1}"
        head = [r.cells for r in rows[first : last + 1] if r is not None and r.header]
        headers.setdefault(names[table], head)
        if k == 0:
            continue
        prev_table, _, prev_last = spans[k - 1]
        between = range(prev_last + 1, first)
        if pages[first] == pages[prev_last] or not all(_label_like(texts[j]) for j in between):
            continue
        prev_row, row0 = rows[prev_last], rows[first]
        assert prev_row is not None and row0 is not None
        if len(prev_row.cells) != len(row0.cells) or (head and head != headers[names[prev_table]]):
            continue
        names[table] = names[prev_table]
        width = len(row0.cells)
        for j in range(prev_last + 1, last + 1):
            r = rows[j]
            if r is None and texts[j].strip():  # a section label at the top of the page
                rows[j] = layout.Row((texts[j].strip(),) + ("",) * (width - 1), table)
            elif r is None or r.header:  # the break and the repeated header: empty rows
                rows[j] = layout.Row(("",) * width, table, header=False, merged=True)
    for i, row in enumerate(rows):
        if row is not None:
            ids[i] = names[row.table]
    return ids


def _label_like(text: str) -> bool:
    """Blank, or a short line without figures such as a table's section label ("営業費用:")."""
    t = text.strip()
    return not t or (len(t) <= 40 and "。" not in t and not any(ch.isdigit() for ch in t))


def _join_prose(lines: list[Line], rows: list[layout.Row | None], out: list[str], pages: list[int]) -> None:
    """Wrapped prose lines joined into the first line of their paragraph (the others left
    empty); an amount's unit carried back to the line of its figure."""
    by_page: dict[int, list[Line]] = {}
    for ln, row, page in zip(lines, rows, pages):
        if row is None and ln.tokens:
            by_page.setdefault(page, []).append(ln)
    whole = layout.text_edges([ln for prose in by_page.values() for ln in prose], TEXT_EDGE_SHARE)
    edges = {page: layout.text_edges(prose, TEXT_EDGE_SHARE) if len(prose) >= EDGE_LINES else whole
             for page, prose in by_page.items()}  # fmt: skip
    head = -1  # the line the current paragraph is being joined into
    for i, (ln, row) in enumerate(zip(lines, rows)):
        if row is not None or not ln.tokens:
            head = -1
            continue
        if (
            head >= 0 and pages[i] == pages[i - 1]
            and layout.continues_paragraph(lines[i - 1], ln, *edges[pages[i]], sentences=True)
        ):  # fmt: skip
            out[head] = layout.join_wrapped(out[head].rstrip(), out[i].strip())
            out[i] = ""
            continue
        if head >= 0:
            unit = layout.leading_unit(out[i])
            if unit and layout.ends_with_amount(out[head].rstrip()):
                out[head] = out[head].rstrip() + unit
                out[i] = out[i].lstrip()[len(unit) :].lstrip()
        head = i
