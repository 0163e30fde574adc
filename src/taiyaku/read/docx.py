"""The DOCX reader: a Word document's body as source lines, paragraphs and tables in body order.

The main document part is read as XML (lxml) rather than through python-docx, whose
`paragraphs` and `tables` lose their interleaving and which skips inserted text and text
boxes. What a reader of the document sees is what comes out:

- paragraphs and tables in the order of the body (content controls and custom XML unwrapped);
  each non-empty paragraph is one prose line ("paragraph P", counting those lines); tabs
  read as spaces; line breaks join the visual lines (a space, none between two Japanese
  characters);
- a table is one row per line, its cells one per grid column, all rows as wide as the grid:
  a horizontally merged cell (gridSpan) has its text in its first column and empty ones
  after it, a vertically merged cell (vMerge) its text in its first row and empty cells
  below; empty edge columns and empty rows are dropped; line breaks and paragraphs inside a
  cell are joined into one line. Tables are numbered in reading order ("docx:N"), rows
  located "table N row R", cells "table N row R cell C" (R, C count the table's rows and
  grid columns). A table holding other tables, or of one column, is a layout table: its
  cells are read as paragraphs and tables of their own (so nested tables come out as tables);
- text boxes (DrawingML, or VML in a fallback) follow the paragraph that anchors them;
- tracked changes read as accepted (insertions in, deletions out), and the reader says so
  once on stderr (the taiyaku.read logger);
- hidden text (w:vanish) is left out; superscript footnote marks ("1", "*2", "(注)3") and
  footnote references become `^{...}` marks, which parse strips from labels;
- headers, footers, footnote and comment texts (page furniture and notes outside the body)
  are not read.

Not read: automatic list numbering (a "(1)" that Word numbers itself does not appear), and
tab-aligned pseudo-tables in paragraphs (they read as prose).
"""

from __future__ import annotations

import logging
from typing import Any

from ..errors import InputError
from ..model import Source, SourceLine
from .archive import Archive, footnote_mark, join_broken, open_archive

__all__ = ["read_docx"]

log = logging.getLogger("taiyaku.read")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

P, TBL, TR, TC, R, T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r", _W + "t"
SDT, SDT_CONTENT, CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
INS, DEL, MOVE_TO, MOVE_FROM = _W + "ins", _W + "del", _W + "moveTo", _W + "moveFrom"
ALT, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
TXBX = _W + "txbxContent"
_WRAPPERS = {_W + "hyperlink", _W + "smartTag", CUSTOM_XML, _W + "fldSimple", _W + "dir", _W + "bdo"}
_MATH = {_M + "oMath", _M + "oMathPara"}
_VAL = _W + "val"


def read_docx(path: str, data: bytes) -> Source:
    """The lines of a DOCX file; InputError with a one-line reason when it cannot be read."""
    archive = open_archive(path, data, "DOCX")
    root = archive.xml(_main_part(archive))
    body = root.find(_W + "body")
    if body is None:
        raise InputError(f"cannot read {path}: the Word document has no body")
    reader = _Reader()
    reader.blocks(body)
    if reader.tracked:
        log.warning("note: %s has tracked changes; it was read with all changes accepted", path)
    lines = tuple(
        SourceLine(text, no, cells, locator=loc, cell_locators=cell_locs, table=table)
        for no, (text, cells, loc, cell_locs, table) in enumerate(reader.lines, 1)
    )
    return Source(path, "docx", None, lines)


def _main_part(archive: Archive) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    if archive.has("_rels/.rels"):
        rels = archive.xml("_rels/.rels")
        for rel in rels.iter(_REL + "Relationship"):
            if rel.get("Type") in (_OFFICE_DOC, _STRICT_DOC):
                target = (rel.get("Target") or "").lstrip("/")
                if archive.has(target):
                    return target
    return "word/document.xml"


_Line = tuple[str, tuple[str, ...] | None, str, tuple[str, ...] | None, str | None]


class _Reader:
    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.paragraphs = 0
        self.tables = 0
        self.footnotes = 0
        self.tracked = False

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.blocks(content)
            elif tag == CUSTOM_XML or tag == INS or tag == MOVE_TO:
                self.tracked = self.tracked or tag != CUSTOM_XML
                self.blocks(child)
            elif tag == DEL or tag == MOVE_FROM:
                self.tracked = True
            elif tag == ALT:
                self.blocks(_alternative(child))

    def paragraph(self, p: Any) -> None:
        boxes: list[Any] = []
        text = self.text(p, boxes)
        if text:
            self.paragraphs += 1
            self.lines.append((text, None, f"paragraph {self.paragraphs}", None, None))
        for box in boxes:
            self.blocks(box)

    def prose(self, text: str) -> None:
        self.paragraphs += 1
        self.lines.append((text, None, f"paragraph {self.paragraphs}", None, None))

    # -- tables ------------------------------------------------------------------------------

    def table(self, tbl: Any) -> None:
        grid = tbl.find(_W + "tblGrid")
        grid_cols = len(grid.findall(_W + "gridCol")) if grid is not None else 0
        rows = list(_children(tbl, TR))
        cells_of = [list(_children(tr, TC)) for tr in rows]
        nested = any(c.find(".//" + TBL) is not None for cs in cells_of for c in cs)
        widest = max((sum(_span(c) for c in cs) for cs in cells_of), default=0)
        if nested or max(grid_cols, widest) <= 1:
            for cs in cells_of:  # a layout table: its cells hold paragraphs and tables
                for c in cs:
                    self.blocks(c)
            return

        self.tables += 1
        number = self.tables
        table_rows: list[tuple[int, dict[int, str]]] = []
        width = grid_cols
        for r_no, (tr, cs) in enumerate(zip(rows, cells_of), 1):
            trpr = tr.find(_W + "trPr")
            if trpr is not None:
                if trpr.find(_W + "del") is not None:
                    self.tracked = True
                    continue
                if trpr.find(_W + "ins") is not None:
                    self.tracked = True
            col = _int(trpr.find(_W + "gridBefore") if trpr is not None else None, 0)
            texts: dict[int, str] = {}
            for c in cs:
                span = _span(c)
                tcpr = c.find(_W + "tcPr")
                merged_on = False
                if tcpr is not None:
                    vm = tcpr.find(_W + "vMerge")
                    hm = tcpr.find(_W + "hMerge")
                    merged_on = (vm is not None and vm.get(_VAL, "continue") == "continue") or (
                        hm is not None and hm.get(_VAL, "continue") == "continue"
                    )
                text = "" if merged_on else self.cell_text(c)
                if text:
                    texts[col] = text
                col += span
            width = max(width, col)
            table_rows.append((r_no, texts))

        used = sorted({c for _, texts in table_rows for c in texts})
        if not used:
            return
        first, last = used[0], used[-1]
        if first == last:  # one column with text: prose, not a table
            for _, texts in table_rows:
                if texts:
                    self.prose(texts[first])
            return
        table_id = f"docx:{number}"
        for r_no, texts in table_rows:
            if not texts:
                continue
            cells = tuple(texts.get(c, "") for c in range(first, last + 1))
            locs = tuple(f"table {number} row {r_no} cell {c + 1}" for c in range(first, last + 1))
            self.lines.append(("\t".join(cells), cells, f"table {number} row {r_no}", locs, table_id))

    def cell_text(self, tc: Any) -> str:
        parts: list[str] = []
        for p in tc.iter(P):
            if _inside_box(p, tc):
                continue
            text = self.text(p, [])
            if text:
                parts.append(text)
        return join_broken(parts)

    # -- runs --------------------------------------------------------------------------------

    def text(self, p: Any, boxes: list[Any]) -> str:
        """A paragraph's displayed text on one line; the text boxes it anchors go to `boxes`."""
        items: list[tuple[str, bool] | None] = []  # (text, superscript); None: a line break
        self.runs(p, items, boxes)
        lines: list[str] = []
        cur: list[str] = []
        group: list[str] = []
        group_sup = False

        def flush_group() -> None:
            if group:
                joined = "".join(group)
                cur.append(footnote_mark(joined) if group_sup else joined)
                group.clear()

        for item in items:
            if item is None:
                flush_group()
                lines.append("".join(cur))
                cur = []
                continue
            text, sup = item
            if sup != group_sup:
                flush_group()
                group_sup = sup
            group.append(text)
        flush_group()
        lines.append("".join(cur))
        return join_broken(lines)

    def runs(self, el: Any, items: list[tuple[str, bool] | None], boxes: list[Any]) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self.run(child, items, boxes)
            elif tag == INS or tag == MOVE_TO:
                self.tracked = True
                self.runs(child, items, boxes)
            elif tag == DEL or tag == MOVE_FROM:
                self.tracked = True
            elif tag in _WRAPPERS:
                self.runs(child, items, boxes)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.runs(content, items, boxes)
            elif tag == ALT:
                self.runs(_alternative(child), items, boxes)
            elif tag in _MATH:
                items.append(("".join(t.text or "" for t in child.iter(_M + "t")), False))
            elif tag == _W + "pPr":
                rpr = child.find(_W + "rPr")
                if rpr is not None and (rpr.find(_W + "ins") is not None or rpr.find(_W + "del") is not None):
                    self.tracked = True

    def run(self, r: Any, items: list[tuple[str, bool] | None], boxes: list[Any]) -> None:
        rpr = r.find(_W + "rPr")
        sup = False
        if rpr is not None:
            vanish = rpr.find(_W + "vanish")
            if vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off"):
                return
            va = rpr.find(_W + "vertAlign")
            sup = va is not None and va.get(_VAL) == "superscript"
        for child in r:
            tag = child.tag
            if tag == T:
                items.append((child.text or "", sup))
            elif tag == _W + "tab" or tag == _W + "ptab":
                items.append((" ", sup))
            elif tag == _W + "br" or tag == _W + "cr":
                items.append(None)
            elif tag == _W + "noBreakHyphen":
                items.append(("-", sup))
            elif tag == _W + "sym":
                char = _symbol(child.get(_W + "char"))
                if char:
                    items.append((char, sup))
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                self.footnotes += 1
                items.append((str(self.footnotes), True))
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                boxes.extend(_boxes(child))
            elif tag == ALT:
                boxes.extend(_boxes(_alternative(child)))
            elif tag == _W + "delText":
                self.tracked = True


def _children(parent: Any, tag: str) -> Any:
    """Children with `tag`, looking through content controls and custom XML around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (CUSTOM_XML, INS, MOVE_TO):
            yield from _children(child, tag)


def _span(tc: Any) -> int:
    tcpr = tc.find(_W + "tcPr")
    return max(1, _int(tcpr.find(_W + "gridSpan") if tcpr is not None else None, 1))


def _int(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except (TypeError, ValueError):
        return default


def _alternative(alt: Any) -> Any:
    """The content of an mc:AlternateContent: its first Choice (else its Fallback), once."""
    choice = alt.find(CHOICE)
    if choice is not None:
        return choice
    fallback = alt.find(FALLBACK)
    return fallback if fallback is not None else []


def _boxes(el: Any) -> list[Any]:
    """The outermost text-box contents under a drawing (not those nested in another box)."""
    return [box for box in el.iter(TXBX) if not _within(box, TXBX, el)]


def _within(el: Any, tag: str, stop: Any) -> bool:
    """Whether an ancestor of `el` below `stop` has `tag`."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _inside_box(p: Any, stop: Any) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == TXBX or parent.tag == FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _symbol(code: str | None) -> str:
    """A w:sym character; those of symbol fonts (private use, F000-F0FF) have no text."""
    if not code:
        return ""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= n <= 0xF0FF or n < 0x20:
        return ""
    return chr(n)
