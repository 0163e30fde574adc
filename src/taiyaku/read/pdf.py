"""The PDF reader: the text layer of a PDF as source lines, its tables as rows of cells.

pypdfium2 (PDFium) gives every character with its box, fast (a few milliseconds a page),
and maps the predefined CMaps of non-embedded CID fonts (HeiseiKakuGo-W5, HeiseiMin-W3 with
UniJIS-UCS2-H; many Word exports) to Unicode. Pages are read one at a time and released;
what is kept of a page is its words and rules.

For each page:

1. Words: the page's characters, split at spaces, at gaps wider than a fifth of the font
   size, and where the line or the size changes (PDFium's own spaces are not enough: text
   drawn piece by piece often comes without them). A character ends where the next one
   starts (the boxes of substituted fonts are wider or narrower than the text's advances).
2. Lines: words grouped by vertical position, left to right. A word much smaller than its
   line is a footnote mark: it becomes `⁽¹⁾` / `⁽*¹⁾` on the word before it, so it is never
   read as digits of a figure. Letter-spaced words (`上 場 会 社 名`) are rejoined.
3. Rules: the drawn lines and rectangles. A grid of them (three vertical rules or more
   crossing two horizontal ones) is a ruled table: its lines are one table, its vertical
   rules the column boundaries (a cell without a rule inside it on its line spans
   columns: a group heading heads the first of them), and the lines of one cell band
   (between two horizontal rules) holding at most one line of figures are one row (a
   header or label wrapped inside its cell). Outside grids, the horizontal rules right
   under a line go with it (the rule under a group heading of an unruled table spans the
   columns it heads).
4. Page furniture: lines at the top or bottom of a page that are page numbers (`－ 5 －`,
   `- 2 -`, `5`, `Page 5`) or recur (digits aside) on many pages and stand apart from the
   body (running titles) are dropped; a table header repeated at the top of each page the
   table goes on stands right over its rows and is kept.

Then `layout.find_tables` lays out the lines of all pages as one run, so a table broken by
a page break is one table (under its header repeated, the two parts keep one table id and
the repeated header is dropped), and wrapped prose lines are joined into one line per
paragraph, across pages too (an amount split from its unit, `1兆1,905` / `億円`, is whole
again).

Positions: `line` counts the lines produced (1, 2, 3, …); `page`, `page_line` (the line's
place among the page's text lines, top down, furniture included) and `locator` ("p.4 l.12").
"""

from __future__ import annotations

import ctypes
import logging
import warnings
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Source, SourceLine
from . import layout
from .layout import Line, Token

__all__ = ["read_pdf"]

log = logging.getLogger("taiyaku.read")

# A word this much smaller than its line, and raised, is a footnote mark (reportlab's
# <super> sets marks at 0.8 of the size, word processors at 0.58-0.67).
SUPERSCRIPT_RATIO = 0.85
# Furniture: lines in the top or bottom share of the page, among its first/last lines.
MARGIN_SHARE = 0.12
MARGIN_LINES = 2
# A running title or footer stands this many of its line heights apart from the body (a
# table header repeated at the top of each page does not).
APART = 1.8
# Rules: thinner than this (points) is a line; shorter than this is not a rule.
RULE_WIDTH = 2.5
RULE_MIN = 4.0
SNAP = 2.0


@dataclass(slots=True)
class _Word:
    x0: float
    x1: float
    y0: float  # bottom (PDF y grows upwards)
    y1: float  # top
    size: float
    text: str


@dataclass(slots=True)
class _PLine:
    words: list[_Word]
    y0: float
    y1: float
    size: float
    page_line: int = 0
    page: int = 0
    region: int | None = None
    bounds: tuple[float, ...] | None = None
    cuts: tuple[float, ...] | None = None
    band: int | None = None
    under: tuple[tuple[float, float], ...] = ()


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_PLine]
    rulings: list[tuple[float, float, float, float]] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Opening
# --------------------------------------------------------------------------------------------


def read_pdf(path: str, data: bytes) -> Source:
    """The text lines of a PDF, tables as rows; InputError for a PDF that cannot be read."""
    import pypdfium2 as pdfium

    logging.getLogger("pypdfium2").setLevel(logging.ERROR)
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"cannot read {path}: the PDF is truncated or damaged (no end-of-file marker)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise InputError(_open_error(path, e)) from None
        try:
            n = len(doc)
            if n == 0:
                raise InputError(f"cannot read {path}: the PDF has no pages (damaged?)")
            pages: list[_Page] = []
            images = unplaced = 0
            for i in range(n):
                page, has_images, lost = _read_page(doc, i, path)
                pages.append(page)
                images += has_images
                unplaced += lost
        finally:
            doc.close()
    if unplaced:
        log.warning("note: %s has %d piece%s of text in fonts it does not embed that PDFium could not place "
                    "(no such font on this machine), read as missing; install a Japanese font (Debian: "
                    "fonts-noto-cjk) and check again", path, unplaced, "" if unplaced == 1 else "s")  # fmt: skip
    if not any(p.lines for p in pages):
        if images:
            raise InputError(f"cannot read {path}: the PDF has no text layer (a scanned document?); "
                             "it needs OCR first")  # fmt: skip
        raise InputError(f"cannot read {path}: the PDF holds no text")
    return Source(path, "pdf", None, tuple(_source_lines(pages)), pages=n)


def _open_error(path: str, e: Exception) -> str:
    code = getattr(e, "err_code", None)
    text = str(e).lower()
    if code == 4 or "password" in text:
        return f"cannot read {path}: the PDF is encrypted (password-protected); remove the password first"
    if code == 6 or "security" in text:
        return f"cannot read {path}: the PDF uses an unsupported security handler (encrypted)"
    return f"cannot read {path}: the PDF is damaged (its structure cannot be read)"


def _read_page(doc: object, index: int, path: str) -> tuple[_Page, bool, int]:
    import pypdfium2 as pdfium

    try:
        page = doc[index]  # type: ignore[index]
    except pdfium.PdfiumError:
        raise InputError(f"cannot read {path}: page {index + 1} of the PDF is damaged") from None
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            words = _words(textpage.raw)
        finally:
            textpage.close()
        rulings, images, unplaced = _rulings(page.raw)
    finally:
        page.close()
    lines = _lines(words)
    for ln in lines:
        ln.page = index + 1
    return _Page(index + 1, height, lines, rulings), images, unplaced


# --------------------------------------------------------------------------------------------
# Words and lines
# --------------------------------------------------------------------------------------------

# Characters closer than this (in em) are one word; PDFium's own spaces are not trusted alone
# (text drawn piece by piece often comes without them).
WORD_GAP = 0.2
_SKIP = frozenset(" \t\r\n\u3000\xa0\x00\ufffe\uffff\x02\x03")


def _words(tp: object) -> list[_Word]:
    """The words of a text page: characters split at spaces, at gaps, where the line or the
    size changes."""
    import pypdfium2.raw as r

    n = r.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = r.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(chr(r.FPDFText_GetUnicode(tp, i) or 32) for i in range(n))
    rect = r.FS_RECTF()
    box = ctypes.byref(rect)
    loose = r.FPDFText_GetLooseCharBox
    size_of = r.FPDFText_GetFontSize
    out: list[_Word] = []
    chars: list[str] = []
    x0 = x1 = y0 = y1 = h = 0.0
    start = 0
    for i, ch in enumerate(text):
        if ch in "\r\n" or ord(ch) < 32:
            if chars:
                out.append(_Word(x0, x1, y0, y1, size_of(tp, start), "".join(chars)))
                chars = []
            continue
        loose(tp, i, box)
        a, b, lo, hi = rect.left, rect.right, rect.bottom, rect.top
        if chars and x0 < a < x1:
            x1 = a  # the next character starts where this one's advance ends
        if ch in _SKIP:
            if chars:
                out.append(_Word(x0, x1, y0, y1, size_of(tp, start), "".join(chars)))
                chars = []
            continue
        ch_h = hi - lo
        if chars and (
            a - x1 > WORD_GAP * h
            or a < x1 - 0.6 * h
            or abs((lo + hi) - (y0 + y1)) > 0.8 * h
            or abs(ch_h - h) > 0.22 * max(ch_h, h)
            or (abs(ch_h - h) > 0.12 * max(ch_h, h) and size_of(tp, i) != size_of(tp, start))
        ):  # (a mark set at 0.8 of the size; fonts of one size differ in height by up to 12%)
            out.append(_Word(x0, x1, y0, y1, size_of(tp, start), "".join(chars)))
            chars = []
        if not chars:
            x0, y0, y1, h, start = a, lo, hi, ch_h, i
        chars.append(ch)
        x1 = max(b, x1) if len(chars) > 1 else b
    if chars:
        out.append(_Word(x0, x1, y0, y1, size_of(tp, start), "".join(chars)))
    return out


def _lines(words: list[_Word]) -> list[_PLine]:
    """Words grouped into lines top down, each line's words left to right."""
    lines: list[_PLine] = []
    for w in sorted(words, key=lambda w: -(w.y0 + w.y1)):
        mid = (w.y0 + w.y1) / 2
        if lines and lines[-1].y0 <= mid <= lines[-1].y1 and w.size >= SUPERSCRIPT_RATIO * lines[-1].size:
            line = lines[-1]
            line.words.append(w)
            line.y0, line.y1 = min(line.y0, w.y0), max(line.y1, w.y1)
            line.size = max(line.size, w.size)
        else:
            lines.append(_PLine([w], w.y0, w.y1, w.size))
    # Lines of small words only that touch a line of larger ones: superscripts (and subscripts).
    out: list[_PLine] = []
    for line in lines:
        if out and _marks_of(line, out[-1]):
            _attach(line, out[-1])
            continue
        if out and _marks_of(out[-1], line):
            _attach(out.pop(), line)
        out.append(line)
    for k, line in enumerate(out, 1):
        line.words.sort(key=lambda w: w.x0)
        small = [w for w in line.words if w.size < SUPERSCRIPT_RATIO * line.size and len(w.text) <= 4]
        if small:  # footnote marks set smaller on the line itself
            line.words = [w for w in line.words if w not in small]
            if line.words:
                _attach(_PLine(small, line.y0, line.y1, min(w.size for w in small)), line)
            else:
                line.words = small
        line.page_line = k
    return out


def _marks_of(small: _PLine, big: _PLine) -> bool:
    return (
        small.size < SUPERSCRIPT_RATIO * big.size
        and min(small.y1, big.y1) - max(small.y0, big.y0) > 0.2 * (small.y1 - small.y0)
        and all(len(w.text) <= 4 for w in small.words)
    )


def _attach(small: _PLine, big: _PLine) -> None:
    """Footnote marks of `small` put on the words of `big` they follow."""
    for w in small.words:
        text = layout.as_mark(w.text)
        before = [b for b in big.words if b.x1 <= w.x0 + 0.5 * big.size]
        host = max(before, key=lambda b: b.x1) if before else None
        if host is not None and w.x0 - host.x1 < 0.4 * big.size:
            host.text += text
            host.x1 = max(host.x1, w.x1)
        else:
            big.words.append(_Word(w.x0, w.x1, w.y0, w.y1, big.size, text))
    big.words.sort(key=lambda w: w.x0)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def _rulings(page: object) -> tuple[list[tuple[float, float, float, float]], bool, int]:
    """The drawn rules of a page as (x0, y0, x1, y1) segments, whether it has images, and how
    many of its text objects PDFium could not place: text in a font the PDF does not embed
    that has no box (without a system font for it, PDFium drops a text object of one
    character from the text page: a lone ％, 計 or － of a Japanese table)."""
    import pypdfium2.raw as r

    out: list[tuple[float, float, float, float]] = []
    images = False
    unplaced = 0
    lft, btm, rgt, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = (ctypes.byref(lft), ctypes.byref(btm), ctypes.byref(rgt), ctypes.byref(top))

    def walk(count: int, get: object, parent: object, matrix: tuple[float, ...] | None) -> None:
        nonlocal images, unplaced
        for i in range(count):
            obj = get(parent, i)  # type: ignore[operator]
            kind = r.FPDFPageObj_GetType(obj)
            if kind == r.FPDF_PAGEOBJ_TEXT:
                if r.FPDFPageObj_GetBounds(obj, *refs) and rgt.value - lft.value < 0.01 and _faceless(obj):
                    unplaced += 1
            elif kind == r.FPDF_PAGEOBJ_IMAGE:
                images = True
            elif kind == r.FPDF_PAGEOBJ_FORM:
                m = r.FS_MATRIX()
                r.FPDFPageObj_GetMatrix(obj, m)
                inner = (m.a, m.b, m.c, m.d, m.e, m.f)
                walk(r.FPDFFormObj_CountObjects(obj), r.FPDFFormObj_GetObject, obj,
                     _compose(inner, matrix) if matrix else inner)  # fmt: skip
            elif kind == r.FPDF_PAGEOBJ_PATH:
                if not r.FPDFPageObj_GetBounds(obj, *refs):
                    continue
                x0, y0, x1, y1 = lft.value, btm.value, rgt.value, top.value
                if matrix:
                    x0, y0, x1, y1 = _transform_box(matrix, x0, y0, x1, y1)
                w, h = x1 - x0, y1 - y0
                if h <= RULE_WIDTH and w >= RULE_MIN:
                    out.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
                elif w <= RULE_WIDTH and h >= RULE_MIN:
                    out.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
                elif w >= RULE_MIN and h >= RULE_MIN:
                    out.extend(_path_segments(obj, matrix))

    walk(r.FPDFPage_CountObjects(page), r.FPDFPage_GetObject, page, None)
    return out, images, unplaced


# The standard fonts (and their common aliases), which PDFium always has a face for.
_STANDARD_FONTS = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "Arial", "CourierNew")
# 日 as a character code of the usual Japanese CMaps: UCS-2 (UniJIS-UCS2-H), Shift JIS (90ms-RKSJ-H), JIS.
_CJK_PROBES = (0x65E5, 0x93FA, 0x467C)


def _faceless(obj: object) -> bool:
    """Whether a text object is set in a font the PDF does not embed, that is not a standard
    font, and that has no Japanese glyph here: PDFium found no face for it on this machine."""
    import pypdfium2.raw as r

    font = r.FPDFTextObj_GetFont(obj)
    if not font or r.FPDFFont_GetIsEmbedded(font):
        return False
    buf = ctypes.create_string_buffer(128)
    get_name = getattr(r, "FPDFFont_GetBaseFontName", None) or getattr(r, "FPDFFont_GetFontName", None)
    if get_name is not None:
        get_name(font, buf, 128)
        name = buf.value.decode("latin-1").split("+")[-1].replace(" ", "")
        if name.startswith(_STANDARD_FONTS):
            return False
    size = ctypes.c_float(10)
    return not any(r.FPDFFont_GetGlyphPath(font, code, size) for code in _CJK_PROBES)


def _path_segments(obj: object, outer: tuple[float, ...] | None) -> list[tuple[float, float, float, float]]:
    """The horizontal and vertical straight segments of a path (a rectangle's four sides)."""
    import pypdfium2.raw as r

    m = r.FS_MATRIX()
    r.FPDFPageObj_GetMatrix(obj, m)
    matrix: tuple[float, ...] = (m.a, m.b, m.c, m.d, m.e, m.f)
    if outer:
        matrix = _compose(matrix, outer)
    n = r.FPDFPath_CountSegments(obj)
    if n > 400:
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for i in range(n):
        seg = r.FPDFPath_GetPathSegment(obj, i)
        r.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = _apply(matrix, x.value, y.value)
        points.append((px, py, r.FPDFPathSegment_GetType(seg), bool(r.FPDFPathSegment_GetClose(seg))))
    out = []
    start = None
    prev = None
    for px, py, kind, close in points:
        if kind == r.FPDF_SEGMENT_MOVETO:
            start = prev = (px, py)
            continue
        if prev is not None and kind == r.FPDF_SEGMENT_LINETO:
            out.extend(_axis_segment(prev, (px, py)))
        prev = (px, py)
        if close and start is not None:
            out.extend(_axis_segment(prev, start))
            prev = start
    return out


def _axis_segment(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float, float, float]]:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= 0.5 and abs(ax - bx) >= RULE_MIN:
        return [(min(ax, bx), ay, max(ax, bx), ay)]
    if abs(ax - bx) <= 0.5 and abs(ay - by) >= RULE_MIN:
        return [(ax, min(ay, by), ax, max(ay, by))]
    return []


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform_box(m: tuple[float, ...], x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    pts = [_apply(m, x, y) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(slots=True)
class _Grid:
    x0: float
    y0: float
    x1: float
    y1: float
    verticals: list[tuple[float, float, float]]  # (x, y0, y1)
    horizontals: list[tuple[float, float, float]]  # (y, x0, x1)


def _merge_collinear(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Segments (position, start, end) on one line and touching, joined. Segments whose
    positions are within SNAP / 2 are on one line; on it, only those that overlap or touch
    are joined (two rules at one x, one above the other with a gap, stay two)."""
    out: list[tuple[float, float, float]] = []
    ordered = sorted(segs)
    k = 0
    while k < len(ordered):
        j = k + 1
        while j < len(ordered) and ordered[j][0] - ordered[j - 1][0] <= SNAP / 2:
            j += 1
        line: list[tuple[float, float, float]] = []
        for pos, a, b in sorted(ordered[k:j], key=lambda s: s[1]):
            if line and a <= line[-1][2] + SNAP:
                p, s, e = line[-1]
                line[-1] = (p, s, max(e, b))
            else:
                line.append((pos, a, b))
        out.extend(line)
        k = j
    out.sort()
    return out


def _grids(rulings: list[tuple[float, float, float, float]]) -> list[_Grid]:
    """Ruled tables: connected rules with three vertical ones or more and two horizontal."""
    hs = _merge_collinear([(y0, x0, x1) for x0, y0, x1, y1 in rulings if y0 == y1])
    vs = _merge_collinear([(x0, y0, y1) for x0, y0, x1, y1 in rulings if x0 == x1])
    if len(vs) < 3 or len(hs) < 2:
        return []
    n_h = len(hs)
    parent = list(range(n_h + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, (x, vy0, vy1) in enumerate(vs):
        for i, (y, hx0, hx1) in enumerate(hs):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(n_h + j)] = find(i)
    groups: dict[int, tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[1].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(n_h + j), ([], []))[0].append(v)
    out = []
    for verticals, horizontals in groups.values():
        xs = {round(x) for x, _, _ in verticals}
        if len(xs) < 3 or len(horizontals) < 2:
            continue
        x0 = min(min(x for x, _, _ in verticals), min(a for _, a, _ in horizontals))
        x1 = max(max(x for x, _, _ in verticals), max(b for _, _, b in horizontals))
        y0 = min(min(a for _, a, _ in verticals), min(y for y, _, _ in horizontals))
        y1 = max(max(b for _, _, b in verticals), max(y for y, _, _ in horizontals))
        out.append(_Grid(x0, y0, x1, y1, sorted(verticals), sorted(horizontals)))
    return out


def _snap(values: list[float]) -> tuple[float, ...]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return tuple(out)


def _apply_grids(page: _Page, first_region: int) -> int:
    """Mark the lines inside each ruled table of the page, and join the lines of one cell
    band (a header or label wrapped inside its cells) into one line. Returns the next free
    region number."""
    region = first_region
    for grid in _grids(page.rulings):
        inside = [ln for ln in page.lines
                  if grid.y0 - SNAP <= (ln.y0 + ln.y1) / 2 <= grid.y1 + SNAP
                  and ln.words[0].x0 >= grid.x0 - SNAP and ln.words[-1].x1 <= grid.x1 + SNAP]  # fmt: skip
        if not inside:
            continue
        bounds = _snap([x for x, _, _ in grid.verticals])
        ys = sorted({round(y, 1) for y, _, _ in grid.horizontals}, reverse=True)
        for ln in inside:
            ln.region = region
            ln.bounds = bounds
            mid = (ln.y0 + ln.y1) / 2
            ln.cuts = _snap([x for x, vy0, vy1 in grid.verticals if vy0 - SNAP <= mid <= vy1 + SNAP])
            ln.band = sum(1 for y in ys if y > mid)
        _join_bands(page, inside, grid)
        region += 1
    return region


def _rules_under(page: _Page) -> None:
    """The horizontal rules right under each line outside the ruled tables (the rule under a
    group heading of an unruled table spans the columns it heads)."""
    hs = sorted((y0, x0, x1) for x0, y0, x1, y1 in page.rulings if y0 == y1)
    if not hs:
        return
    lines = page.lines
    for k, ln in enumerate(lines):
        if ln.region is not None:
            continue
        low = ln.y0 - 0.5 * ln.size
        if k + 1 < len(lines):
            low = max(low, lines[k + 1].y1 - 0.25 * ln.size)
        high = ln.y0 + 0.25 * ln.size
        ln.under = tuple((x0, x1) for y, x0, x1 in hs if low <= y <= high)


def _join_bands(page: _Page, inside: list[_PLine], grid: _Grid) -> None:
    """The lines of one band joined cell by cell, unless two of them hold figures."""
    by_band: dict[int, list[_PLine]] = {}
    for ln in inside:
        by_band.setdefault(ln.band or 0, []).append(ln)
    for lines in by_band.values():
        if len(lines) < 2:
            continue
        figures = sum(1 for ln in lines if any(layout.figure_kind(w.text) == "figure" for w in ln.words))
        if figures > 1:
            continue
        mid = (lines[0].y0 + lines[-1].y1) / 2
        cuts = sorted(x for x, vy0, vy1 in grid.verticals if vy0 - SNAP <= mid <= vy1 + SNAP)
        cells: dict[int, list[list[_Word]]] = {}
        for ln in lines:  # top down
            for w in ln.words:
                k = sum(1 for x in cuts if x <= (w.x0 + w.x1) / 2)
                per_line = cells.setdefault(k, [])
                if per_line and per_line[-1] and per_line[-1][-1] in ln.words:
                    per_line[-1].append(w)
                else:
                    per_line.append([w])
        words = []
        for k in sorted(cells):
            parts = [layout.joined([Token(w.x0, w.x1, w.text) for w in group], lines[0].size) for group in cells[k]]
            text = parts[0]
            for p in parts[1:]:
                text = layout.join_wrapped(text, p)
            ws = [w for group in cells[k] for w in group]
            words.append(_Word(min(w.x0 for w in ws), max(w.x1 for w in ws), min(w.y0 for w in ws),
                               max(w.y1 for w in ws), max(w.size for w in ws), text))  # fmt: skip
        first = lines[0]
        first.words = sorted(words, key=lambda w: w.x0)
        first.y0 = min(ln.y0 for ln in lines)
        for ln in lines[1:]:
            page.lines.remove(ln)


# --------------------------------------------------------------------------------------------
# Furniture
# --------------------------------------------------------------------------------------------


def _margin_lines(page: _Page) -> list[tuple[_PLine, bool]]:
    """The lines at the top and bottom of a page that may be furniture, each with whether it
    stands apart from the body: a gap of APART line heights or more between it (or a margin
    line between it and the body) and the body."""
    lines = page.lines
    top = page.height * (1 - MARGIN_SHARE)
    bottom = page.height * MARGIN_SHARE
    # (lines run top down: those in the top share are the first ones, in the bottom the last)
    heads = [k for k in range(min(MARGIN_LINES, len(lines))) if lines[k].y0 >= top]
    feet = [k for k in range(len(lines) - 1, len(lines) - 1 - MARGIN_LINES, -1)
            if k >= 0 and k not in heads and lines[k].y1 <= bottom]  # fmt: skip

    def gap(upper: _PLine, lower: _PLine, own: _PLine) -> bool:
        return upper.y0 - lower.y1 >= APART * max(own.y1 - own.y0, 1.0)

    out = []
    for n, k in enumerate(heads):
        inner = heads[n:]
        out.append((lines[k], any(j + 1 >= len(lines) or gap(lines[j], lines[j + 1], lines[j]) for j in inner)))
    for n, k in enumerate(feet):
        inner = feet[n:]
        out.append((lines[k], any(j == 0 or gap(lines[j - 1], lines[j], lines[j]) for j in inner)))
    return out


def _drop_furniture(pages: list[_Page]) -> None:
    margins = {page.number: _margin_lines(page) for page in pages}
    texts = {n: [" ".join(w.text for w in ln.words) for ln, _ in lines] for n, lines in margins.items()}
    apart = {n: [flag for _, flag in lines] for n, lines in margins.items()}
    verdicts = layout.furniture(texts, apart)
    for page in pages:
        for (ln, _), drop in zip(margins[page.number], verdicts[page.number]):
            if drop:
                page.lines.remove(ln)


# --------------------------------------------------------------------------------------------
# Source lines
# --------------------------------------------------------------------------------------------


def _layout_lines(plines: list[_PLine]) -> list[Line]:
    out = []
    prev: _PLine | None = None
    for ln in plines:
        em = ln.size or 10.0
        tokens = layout.rejoin_spaced([Token(w.x0, w.x1, w.text) for w in ln.words], em)
        broken = prev is not None and prev.page != ln.page
        gap = max(0.0, (prev.y0 - ln.y1) / em) if prev is not None and not broken else 0.0
        out.append(Line(tokens, em, gap, ln.region, ln.bounds, ln.cuts, ln.under, broken))
        prev = ln
    return out


@dataclass(slots=True)
class _Out:
    text: str
    cells: tuple[str, ...] | None
    page: int
    page_line: int
    table: str | None = None
    header: bool = False


def _source_lines(pages: list[_Page]) -> list[SourceLine]:
    """The pages' lines, furniture dropped, laid out as one run (a table broken by a page
    break is one table), prose paragraphs joined across lines and pages."""
    _drop_furniture(pages)
    region = 0
    plines: list[_PLine] = []
    for page in pages:
        region = _apply_grids(page, region)
        _rules_under(page)
        plines.extend(page.lines)
    lines = _layout_lines(plines)
    rows = layout.find_tables(lines)
    by_page: dict[int, list[Line]] = {}
    for ln, row, pl in zip(lines, rows, plines):
        if row is None and ln.tokens:
            by_page.setdefault(pl.page, []).append(ln)
    edges = {page: layout.text_edges(prose) for page, prose in by_page.items()}

    outs: list[_Out] = []
    ids: dict[int, str] = {}
    per_page: Counter[int] = Counter()
    prev_line: Line | None = None  # the last prose line written, while its paragraph may go on
    for ln, row, pl in zip(lines, rows, plines):
        if row is not None:
            if row.merged:
                continue
            if row.table not in ids:
                per_page[pl.page] += 1
                ids[row.table] = f"pdf:p{pl.page}:{per_page[pl.page]}"
            outs.append(_Out("\t".join(row.cells), row.cells, pl.page, pl.page_line, ids[row.table], row.header))
            prev_line = None
            continue
        text = ln.text
        last = outs[-1] if outs else None
        if prev_line is not None and last is not None and last.cells is None:
            if layout.continues_paragraph(prev_line, ln, *edges[last.page]):
                last.text = layout.join_wrapped(last.text, text)
                prev_line = ln
                continue
            unit = layout.leading_unit(text)
            if unit and layout.ends_with_amount(last.text):
                last.text += unit
                text = text.lstrip()[len(unit) :].lstrip()
                if not text:
                    continue
        outs.append(_Out(text, None, pl.page, pl.page_line))
        prev_line = ln
    outs = _stitch(outs)
    return [
        SourceLine(o.text, n, o.cells, o.page, o.page_line, f"p.{o.page} l.{o.page_line}", None, o.table)
        for n, o in enumerate(outs, 1)
    ]


def _stitch(outs: list[_Out]) -> list[_Out]:
    """A table that goes on after a page break under its header repeated: one table, the
    repeated header dropped."""
    spans: list[tuple[int, int]] = []  # first and last index of each run of one table
    for i, o in enumerate(outs):
        if o.table is None:
            continue
        if spans and outs[spans[-1][1]].table == o.table and spans[-1][1] == i - 1:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    drop: set[int] = set()
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        first, second = outs[a0 : a1 + 1], outs[b0 : b1 + 1]
        if b0 != a1 + 1 or second[0].page == first[-1].page:
            continue
        head_a = [o.cells for o in first if o.header]
        head_b = [o.cells for o in second if o.header]
        # (the first part's header may go on with label-only rows above its first figures)
        if len(first[-1].cells or ()) == len(second[-1].cells or ()) and head_b and head_a[: len(head_b)] == head_b:
            tid = first[0].table
            for k, o in enumerate(second, b0):
                o.table = tid
                if o.header:
                    drop.add(k)
    return [o for k, o in enumerate(outs) if k not in drop]
