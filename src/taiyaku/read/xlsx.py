"""The XLSX reader: each visible sheet of a workbook as source lines, cells as displayed.

openpyxl reads the workbook in read-only mode with the values Excel cached (data_only): a
formula shows the result saved with the file. A formula saved without a result (a workbook
written by a program and never recalculated) reads as an empty cell, and the reader says so
once per file on stderr (the taiyaku.read logger). A number is read as its display under the
cell's number format (read.numfmt: "1,234", "(1,234)", "△1,234", "12.3%", dates as their
format's text), which is what a reader of the sheet sees and what taiyaku compares; text as
it is (superscript footnote marks in rich text become `^{...}`).

What the read-only mode does not give is read from the sheet's XML in one light pass: hidden
rows and columns (left out, as they are when the sheet is printed), merged ranges (the value
stands in the range's first cell; stale values under the rest are dropped), and formulas
without a cached value.

Hidden and very hidden sheets are skipped (they are not part of what the reader sees), and so
are chart sheets. Each visible sheet gives, in order:

- its name as a title line (unless a default name such as "Sheet1");
- its used range, empty edge rows and columns trimmed, as rows in reading order. A row with
  one non-empty cell above a table (a caption, "(単位:百万円)"), a row of a title and a unit
  declaration, and a row of prose (one long text or a sentence or note in its only cell)
  become prose lines (a title and a unit on one row: one line), so the parse stage sees the
  titles of the table below them; the other
  rows are table rows. Empty rows separate tables; a block of rows after an empty row
  continues the table above unless it starts with a header row of its own.
- In each table the leading columns that hold no figures and never two labels in one row
  (labels indented by column: 資産の部 in A, 現金及び預金 in B) form the row label; columns
  empty in every row are dropped; all rows are as wide as the table.

Table ids are "xlsx:SheetName" ("xlsx:SheetName:2" for a further table on the sheet); rows
are located "SheetName row 12", cells "SheetName!C12".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..model import Source, SourceLine
from . import numfmt
from .archive import Archive, footnote_mark, join_broken, open_archive

__all__ = ["SheetCell", "layout_sheet", "read_xlsx"]

log = logging.getLogger("taiyaku.read")

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DEFAULT_NAME = re.compile(r"(?i)^(sheet|シート|feuil|tabelle|hoja|foglio)\s*\d*$")
_FIGURE_TEXT = re.compile(r"^[△▲▼\-−－(（]?\s*[¥$€£]?\s*\d[\d,]*(?:\.\d+)?\s*[%％]?\s*[)）]?$")
# A unit declaration standing in a cell of its own: "(単位:百万円)", "(百万円)", "Millions of yen".
_UNIT = re.compile(
    r"単位|^[(（][^()（）]{1,60}[)）]$|\b(?:in|of)\s+(?:thousands|millions|billions)\b"
    r"|\b(?:thousands|millions|billions|hundreds of millions)\s+of\b",
    re.I,
)
_SENTENCE_END = ("。", "．", ".", "!", "?", "！", "？", "」", ")")
_NOTE_START = re.compile(r"^\s*(?:[(（]?注|※|[*＊]|Note\b|\(\d+\)\s|（\d+）)", re.I)


@dataclass(frozen=True)
class SheetCell:
    """One non-empty cell as displayed; `figure` when it holds a number (or reads as one)."""

    text: str
    figure: bool = False


def read_xlsx(path: str, data: bytes) -> Source:
    """The lines of an XLSX file; InputError with a one-line reason when it cannot be read."""
    archive = open_archive(path, data, "XLSX")
    lines: list[SourceLine] = []
    uncached = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions, styles, validation
        wb = _open(path, archive)
        try:
            date1904 = bool(getattr(wb, "epoch", None) and wb.epoch.year == 1904)
            for ws in wb.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    continue
                extra = _scan(archive, getattr(ws, "_worksheet_path", None))
                uncached += extra.uncached
                grid = _grid(path, ws, extra, date1904)
                lines.extend(_lines(ws.title, grid, extra.hidden_rows, len(lines)))
        except InputError:
            raise
        except Exception as e:  # openpyxl's errors on malformed parts are of many kinds
            raise InputError(f"cannot read {path}: a damaged Excel workbook ({_reason(e)})") from None
        finally:
            close = getattr(wb, "close", None)
            if close is not None:
                close()
    if uncached:
        log.warning("note: %s has %d formula cell%s saved without a calculated value, read as empty "
                    "(open and save the file in Excel to store the values)", path, uncached,
                    "" if uncached == 1 else "s")  # fmt: skip
    return Source(path, "xlsx", None, tuple(lines))


def _reason(e: Exception) -> str:
    text = str(e).splitlines()[0] if str(e) else ""
    return f"{e.__class__.__name__}: {text}" if text else e.__class__.__name__


def _open(path: str, archive: Archive) -> Any:
    import openpyxl

    logging.getLogger("openpyxl").setLevel(logging.ERROR)
    try:
        return openpyxl.load_workbook(archive.stream(), read_only=True, data_only=True, rich_text=True,
                                      keep_links=False)  # fmt: skip
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"cannot read {path}: a damaged Excel workbook ({_reason(e)})") from None


# --------------------------------------------------------------------------------------------
# What read-only mode does not give: one pass over the sheet's XML
# --------------------------------------------------------------------------------------------


@dataclass
class _Extra:
    hidden_rows: set[int]
    hidden_cols: set[int]
    covered: set[tuple[int, int]]  # cells under a merged range, not its first cell
    uncached: int = 0
    # inline rich strings with superscript runs (read-only mode gives only their plain text)
    marked: dict[tuple[int, int], str] = field(default_factory=dict)


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _ref(text: str) -> tuple[int, int] | None:
    m = _REF.match(text.upper())
    return (int(m.group(2)), _col_number(m.group(1))) if m else None


def _scan(archive: Archive, name: str | None) -> _Extra:
    extra = _Extra(set(), set(), set())
    if not name:
        return extra
    name = name.lstrip("/")
    if not archive.has(name):
        return extra
    from lxml import etree

    raw = archive.read_part(name)
    # cells are looked at only when the sheet has formulas or inline strings at all
    cells = b"<f" in raw or b"inlineStr" in raw or b":f>" in raw
    tags = (_NS + "row", _NS + "col", _NS + "mergeCell") + ((_NS + "c",) if cells else ())
    row_no = 0
    try:
        for _, el in etree.iterparse(_BytesReader(raw), events=("end",), tag=tags, resolve_entities=False,
                                     no_network=True, huge_tree=True):  # fmt: skip
            tag = el.tag
            if tag == _NS + "c":
                inline = el.get("t") == "inlineStr"
                if el.find(_NS + "f") is not None:
                    v = el.find(_NS + "v")
                    if (v is None or not v.text) and not inline:
                        extra.uncached += 1
                if inline and el.find(f"{_NS}is/{_NS}r/{_NS}rPr/{_NS}vertAlign") is not None:
                    where = _ref(el.get("r") or "")
                    if where:
                        extra.marked[where] = _rich_inline(el)
                el.clear()
                continue
            if tag == _NS + "row":
                r = el.get("r")
                row_no = int(r) if r and r.isdigit() else row_no + 1
                if el.get("hidden") in ("1", "true"):
                    extra.hidden_rows.add(row_no)
            elif tag == _NS + "col":
                if el.get("hidden") in ("1", "true"):
                    lo, hi = int(el.get("min", "0")), int(el.get("max", "0"))
                    extra.hidden_cols.update(range(lo, min(hi, 16384) + 1))
            elif tag == _NS + "mergeCell":
                first, _, last = (el.get("ref") or "").partition(":")
                a, b = _ref(first), _ref(last or first)
                if a and b and (b[0] - a[0] + 1) * (b[1] - a[1] + 1) <= 1_000_000:
                    for r in range(a[0], b[0] + 1):
                        for c in range(a[1], b[1] + 1):
                            if (r, c) != a:
                                extra.covered.add((r, c))
            el.clear()
    except etree.XMLSyntaxError as e:
        raise InputError(f"cannot read {archive.path}: {name} is not well-formed XML ({_reason(e)})") from None
    return extra


def _rich_inline(c: Any) -> str:
    parts = []
    for run in c.iter(_NS + "r"):
        text = "".join(t.text or "" for t in run.iter(_NS + "t"))
        va = run.find(f"{_NS}rPr/{_NS}vertAlign")
        parts.append(footnote_mark(text) if va is not None and va.get("val") == "superscript" else text)
    joined = "".join(parts)
    return join_broken(joined.splitlines()) if "\n" in joined else joined.strip()


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        import io

        self._f = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self._f.read(n)


# --------------------------------------------------------------------------------------------
# Cells as displayed
# --------------------------------------------------------------------------------------------


def _grid(path: str, ws: Any, extra: _Extra, date1904: bool) -> dict[int, dict[int, SheetCell]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> would cut the sheet short
    grid: dict[int, dict[int, SheetCell]] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1), 1):
        if r in extra.hidden_rows:
            continue
        for c, cell in enumerate(row, 1):
            value = getattr(cell, "value", None)
            if value is None or c in extra.hidden_cols or (r, c) in extra.covered:
                continue
            marked = extra.marked.get((r, c)) if extra.marked else None
            shown = SheetCell(marked, bool(_FIGURE_TEXT.match(marked))) if marked else _display(cell, value, date1904)
            if shown is not None and shown.text:
                grid.setdefault(r, {})[c] = shown
    return grid


def _display(cell: Any, value: Any, date1904: bool) -> SheetCell | None:
    if isinstance(value, str):
        text = join_broken(value.splitlines()) if "\n" in value or "\r" in value else value.strip()
        return SheetCell(text, bool(_FIGURE_TEXT.match(text)))
    if isinstance(value, bool):
        return SheetCell("TRUE" if value else "FALSE")
    fmt, fmt_id = _number_format(cell)
    if isinstance(value, (int, float)):
        if fmt_id in numfmt.BUILTIN_JA_FORMATS and fmt == "General":
            fmt = numfmt.BUILTIN_JA_FORMATS[fmt_id]
            if numfmt.is_date_format(fmt):
                return SheetCell(numfmt.render(numfmt.from_serial(float(value), date1904), fmt))
        if fmt_id == 14:  # the system's short date: shown as a Japanese Excel shows it
            fmt = "yyyy/m/d"
        text = numfmt.render(value, fmt, date1904)
        return SheetCell(text, not numfmt.is_date_format(fmt))
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        if fmt_id == 14:
            fmt = "yyyy/m/d"
        return SheetCell(numfmt.render(value, fmt, date1904))
    # rich text: plain strings and blocks with their own font
    parts = []
    for block in value:
        if isinstance(block, str):
            parts.append(block)
            continue
        text = getattr(block, "text", "") or ""
        font = getattr(block, "font", None)
        sup = getattr(font, "vertAlign", None) == "superscript"
        parts.append(footnote_mark(text) if sup else text)
    joined = "".join(parts)
    text = join_broken(joined.splitlines()) if "\n" in joined else joined.strip()
    return SheetCell(text, bool(_FIGURE_TEXT.match(text)))


def _number_format(cell: Any) -> tuple[str, int | None]:
    try:
        fmt = cell.number_format
        fmt_id = cell.style_array.numFmtId
    except (AttributeError, IndexError, KeyError, TypeError):
        return "General", None
    return fmt or "General", fmt_id


# --------------------------------------------------------------------------------------------
# A sheet's cells -> source lines
# --------------------------------------------------------------------------------------------


@dataclass
class _Item:
    kind: str  # "prose", "row", "blank"
    row: int = 0
    cells: dict[int, SheetCell] | None = None
    text: str = ""
    col: int = 0


def _lines(title: str, grid: dict[int, dict[int, SheetCell]], hidden_rows: set[int], before: int) -> list[SourceLine]:
    out: list[SourceLine] = []
    if not grid:
        return out
    if not _DEFAULT_NAME.match(title.strip()):
        out.append(SourceLine(title.strip(), before + 1, locator=f"sheet {title}"))
    for line in layout_sheet(title, grid, hidden_rows):
        out.append(SourceLine(line.text, before + len(out) + 1, line.cells, locator=line.locator,
                              cell_locators=line.cell_locators, table=line.table))  # fmt: skip
    return out


def _ref_name(sheet: str) -> str:
    if re.fullmatch(r"[^\W\d][\w.]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def _letters(col: int) -> str:
    s = ""
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


def _is_prose(text: str) -> bool:
    """A lone cell that is prose rather than a label: long, a sentence, or a note."""
    t = text.strip()
    if len(t) >= 120 or "。" in t[:-1]:
        return True
    if _NOTE_START.match(t):
        return True
    return len(t) >= 20 and t.endswith(_SENTENCE_END) and not t.endswith(":")


def _items(grid: dict[int, dict[int, SheetCell]], hidden_rows: set[int]) -> list[_Item]:
    """The sheet's rows in order, classed: prose lines, table rows, and blank separators."""
    items: list[_Item] = []
    prev: int | None = None
    in_table = False  # a table row was seen in this segment (since the last blank) and no prose after it
    seg_col: int | None = None  # first column of this segment's table rows
    last_col: int | None = None  # the same for the segment before the blank, if it ended in a table
    pending: list[_Item] = []  # lone short cells above this segment's table rows, class not yet known
    below: bool | None = None  # whether the first table row below them holds a figure (None: none yet)

    def settle() -> None:
        """Class the lone cells above the segment's table rows, now that their columns are
        known: a heading continuing the table above it (before a data row, in the label
        column) or a heading over some columns (right of the labels) is a table row; the
        rest (captions, unit declarations, lines above no table) are prose."""
        nonlocal below
        for it in pending:
            heading = below is not None and seg_col is not None and (
                (below and last_col is not None and it.col == last_col and seg_col >= last_col)
                or (it.col > seg_col and not _UNIT.search(it.text))
            )
            it.kind = "row" if heading else "prose"
        pending.clear()
        below = None

    for r in sorted(grid):
        if prev is not None and any(x not in hidden_rows for x in range(prev + 1, r)):
            settle()
            last_col = seg_col if items and items[-1].kind == "row" else None
            items.append(_Item("blank"))
            in_table, seg_col = False, None
        prev = r
        cells = grid[r]
        filled = sorted(cells)
        if len(filled) == 1 and not cells[filled[0]].figure:
            c = filled[0]
            text = cells[c].text
            if in_table and not _is_prose(text):
                items.append(_Item("row", r, cells))
                continue
            item = _Item("prose", r, cells, text, c)
            items.append(item)
            if not in_table and not _is_prose(text):
                pending.append(item)  # a title, or a heading of the table below: known later
                continue
            settle()
            in_table = False
            continue
        if not in_table and _title_and_unit(cells):  # one line, as it reads across the sheet
            items.append(_Item("prose", r, cells, " ".join(cells[c].text for c in filled), filled[0]))
            continue
        if pending and below is None:
            below = any(cell.figure for cell in cells.values())
        items.append(_Item("row", r, cells))
        in_table = True
        seg_col = filled[0] if seg_col is None else min(seg_col, filled[0])
    settle()
    return items


def _title_and_unit(cells: dict[int, SheetCell]) -> bool:
    """A row of a title and a unit declaration or a note in parentheses ("連結損益計算書 …
    (単位:百万円)", "(1) 連結経営成績 … (％表示は対前期増減率)")."""
    if len(cells) != 2 or any(c.figure for c in cells.values()):
        return False
    return any(_UNIT.search(c.text) for c in cells.values())


@dataclass(frozen=True)
class SheetLine:
    text: str
    cells: tuple[str, ...] | None
    locator: str
    cell_locators: tuple[str, ...] | None
    table: str | None


def layout_sheet(sheet: str, grid: dict[int, dict[int, SheetCell]],
                 hidden_rows: set[int] | None = None) -> Iterator[SheetLine]:  # fmt: skip
    """The lines of one sheet's displayed cells (`grid[row][col]`, 1-based, non-empty only)."""
    items = _items(grid, hidden_rows or set())
    # tables: runs of table rows; a run after blanks only continues the one before unless it
    # starts with a header row or left of the table's first column
    tables: list[list[_Item]] = []
    after_blank = False
    broken = True
    table_col = 0  # the first column of the current table's rows
    for it in items:
        if it.kind == "blank":
            after_blank = True
            continue
        if it.kind == "prose":
            broken = True
            after_blank = False
            continue
        cells = it.cells or {}
        # a header row: no figure, and more than a label (several cells, or none in the labels' column)
        header = not any(c.figure for c in cells.values()) and (len(cells) >= 2 or min(cells) > table_col)
        if broken or (after_blank and (header or min(cells) < table_col)):
            tables.append([it])
            table_col = min(cells)
        else:
            tables[-1].append(it)
            table_col = min(table_col, min(cells))
        broken = after_blank = False
    shape = {id(t[0]): _shape(t) for t in tables}
    table_no: dict[int, int] = {}
    for n, t in enumerate(tables, 1):
        for it in t:
            table_no[id(it)] = n
    first_of = {id(t[0]): t for t in tables}
    ref = _ref_name(sheet)
    current: tuple[list[int], list[int]] | None = None
    for it in items:
        if it.kind == "blank":
            continue
        if it.kind == "prose":
            yield SheetLine(it.text, None, f"{sheet} row {it.row}", None, None)
            continue
        if id(it) in first_of:
            current = shape[id(it)]
        assert current is not None
        label_cols, value_cols = current
        n = table_no[id(it)]
        table_id = f"xlsx:{sheet}" if n == 1 else f"xlsx:{sheet}:{n}"
        cells = it.cells or {}
        label_parts = [(c, cells[c].text) for c in label_cols if c in cells]
        label = " ".join(t for _, t in label_parts)
        label_col = label_parts[0][0] if label_parts else label_cols[0]
        values = tuple(cells[c].text if c in cells else "" for c in value_cols)
        row_cells = (label, *values)
        locs = tuple(f"{ref}!{_letters(c)}{it.row}" for c in (label_col, *value_cols))
        yield SheetLine("\t".join(row_cells), row_cells, f"{sheet} row {it.row}", locs, table_id)


def _shape(rows: list[_Item]) -> tuple[list[int], list[int]]:
    """The label columns and the value columns of a table's rows."""
    used = sorted({c for it in rows for c in (it.cells or {})})
    first = used[0]
    label = [first]
    for c in used[1:-1]:
        col_cells = [(it.cells or {}).get(c) for it in rows]
        if any(x is not None and x.figure for x in col_cells):
            break
        clash = any(
            (it.cells or {}).get(c) is not None and any(lc in (it.cells or {}) for lc in label) for it in rows
        )
        if clash:
            break
        label.append(c)
    values = [c for c in used if c not in label]
    if not values:  # a table of labels only
        values = label[1:]
        label = label[:1]
    return label, values
