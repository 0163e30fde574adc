"""Table columns from positioned tokens: the core shared by the PDF reader and layout text.

A page of a PDF, or of text whose tables are columns separated by runs of spaces (what
`pdftotext -layout` writes, or a copy-paste), is a sequence of lines, each a sequence of
tokens (words) with their horizontal extent: characters for text, points for a PDF.
`find_tables` says, for each line, whether it is prose or one row of a table, and gives a
row's cells (the label first, then one cell per column, "" where a column is empty).

How tables are found:

- A token is a *figure* when it is one number as tables print them: `1,234`, `△1,234`,
  `▲1,234`, `(1,234)`, `-1,234`, `5.2%`, `¥1,234`, `1兆1,905億円`, `12,000～13,000`; or a nil
  mark (`－`, `—`, `N/A`). Tokens are grouped into *chunks* at wide gaps; two figures side
  by side are always two chunks.
- A line is a *row* when it holds a figure chunk that is not a list mark opening a sentence
  ("(1) 連結経営成績") and no long text around it (prose keeps figures inside sentences).
  Rows that follow each other (blank lines, short label-only lines such as "流動資産" and
  nil-only rows between them are allowed; after such lines or a gap a row must line up
  with the rows above) form a *block*; a block is a table when it has two figure rows or
  more, one under header lines, or one with a label and three figures. Lines of one ruled
  region (a PDF table with drawn borders) always form one block.
- The columns of a block come from its figures and the nil marks standing right of the
  labels (a column may hold only "－"): numbers are right-aligned, so these chunks are
  clustered by right edge (one chunk per row per column); clusters whose extents overlap
  are one column (centred or left-aligned figures). Text cells and header words go to the
  column they overlap (or the nearest). A ruled region's vertical rules, when it has
  them, are the column boundaries instead, a chunk going to the cell it stands in.
- The chunks left of the first column are the label ("Net sales", "売上高 合計").
- Up to four lines directly above a block whose chunks sit over its columns are its header
  rows ("売上高 … 営業利益", "百万円 ％ 百万円 ％"); a header word over several columns goes
  to the first of them (one with a rule of its own under it, in an unruled PDF table,
  to the first column the rule spans), and a header wrapped over lines inside one column
  is rejoined ("親会社株主に帰属する" + "当期純利益"). Label-only lines between the headers
  and the first row are rows too ("資産の部").
- A line holding only units under a row's figures (`億円` under `1兆1,905`) is joined to
  the row above; a label set over two lines around its figures, or going on in an
  obvious way ("Fiscal year ended" / "March 31, 2026", "… ended March" / "31, 2025"), is
  one label. In a PDF, lines closer together than the rows of their table are the lines
  of one wrapped cell: a label or header cells so wrapped are one.

Letter-spaced words (`上 場 会 社 名`) are rejoined by `rejoin_spaced`, and wrapped prose by
`continues_paragraph` / `join_wrapped`; the readers apply them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import en, ja

__all__ = [
    "Line",
    "Row",
    "Token",
    "alignment",
    "as_mark",
    "bracketed",
    "continues_paragraph",
    "figure_kind",
    "find_tables",
    "furniture",
    "is_page_number",
    "join_wrapped",
    "rejoin_spaced",
    "text_edges",
    "text_tokens",
    "wraps_on",
]


@dataclass(frozen=True, slots=True)
class Token:
    """A word and its horizontal extent (x0 < x1, in characters or points)."""

    x0: float
    x1: float
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its tokens left to right, and what the geometry says around it.

    `em` is the width of a full-width character in x units (2 for text, the font size for
    a PDF); `gap` the empty space above the line, in lines (blank lines for text). `region`
    names the ruled table the line lies in (PDF), `bounds` the x of that table's vertical
    rules, `cuts` those of them that cross the line (a cell spanning columns, such as a
    group heading, has no rule between them). `under` holds the horizontal extents of the
    rules drawn right under the line outside ruled tables (the rule under a group heading
    spans the columns it heads).
    """

    tokens: tuple[Token, ...]
    em: float = 2.0
    gap: float = 0.0
    region: int | None = None
    bounds: tuple[float, ...] | None = None
    cuts: tuple[float, ...] | None = None
    under: tuple[tuple[float, float], ...] = ()
    broken: bool = False  # the first line of a page after the first (a page break: its gap says nothing)

    @property
    def x0(self) -> float:
        return self.tokens[0].x0 if self.tokens else 0.0

    @property
    def x1(self) -> float:
        return self.tokens[-1].x1 if self.tokens else 0.0

    @property
    def text(self) -> str:
        return joined(self.tokens, self.em)


def joined(tokens: Sequence[Token], em: float) -> str:
    """The text of tokens side by side: a space where there is a gap between them."""
    out = ""
    prev: Token | None = None
    for t in tokens:
        if prev is not None and t.x0 - prev.x1 >= 0.12 * em:
            out += " "
        out += t.text
        prev = t
    return out


@dataclass(frozen=True, slots=True)
class Row:
    """A line found to be one row of a table.

    `table` numbers the tables of one `find_tables` call (0, 1, …); `header` marks the rows
    above the first figure row; `merged` a line whose content went into another row of its
    table (a header or label wrapped onto it, a unit left on it by a wrapped amount): its
    cells are all empty.
    """

    cells: tuple[str, ...]
    table: int
    header: bool = False
    merged: bool = False


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_D = "0-9０-９"
_NUM = rf"(?:[{_D}]{{1,3}}(?:[,，][{_D}]{{3}})+|[{_D}]+)(?:[.．][{_D}]+)?"
_JA_SCALE = "|".join(sorted(ja.SCALE_WORDS, key=len, reverse=True))
_AMOUNT = rf"{_NUM}(?:(?:{_JA_SCALE}){_NUM})?"  # 1兆1,905
_UNITS = (
    *(f"{s}{c}" for s in ("", *ja.SCALE_WORDS) for c in ja.CURRENCY_SUFFIXES),
    *ja.SCALE_WORDS, *ja.OTHER_UNITS, *ja.PERCENT_MARKS, "千株", "株", "人", "名", "社", "件",
    "店", "千台", "台", "pt", "bp", "x", "bn", "mn",
)  # fmt: skip
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))
_CORE = re.compile(
    rf"{_AMOUNT}(?:{_UNIT_ALT})?(?:\s?(?:[～〜~\-–－]|to|から)\s?[△▲-]?[¥$]?{_AMOUNT}(?:{_UNIT_ALT})?)?"
)
_NEG = "△▲-－−‐–+＋"
_OPEN = "(（[［"
_CLOSE = ")）]］"
_PREFIX = re.compile(r"^(?:US\$|\$|¥|￥|JPY|USD|RMB|EUR|€|£)")
# Superscript footnote marks ride on a figure or label without changing it.
_SUP = re.compile(r"⁽[⁰¹²³⁴⁵⁶⁷⁸⁹*＊∗]*⁾|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# A ruling drawn with characters ("-----", "＿＿＿") stands in a table like a nil cell.
_RULE = re.compile(r"[-_=─━—―－＿]{3,}")
_NIL = frozenset({*ja.NIL_MARKS, *en.NIL_MARKS, *ja.NA_WORDS, *en.NA_WORDS, "−", "―", "–", "n.m.",
                  "NM", "nm", "(-)", "－－", "――"})  # fmt: skip


@lru_cache(maxsize=65536)
def figure_kind(text: str) -> str | None:
    """"figure" for one number as a table prints it, "nil" for a nil mark, else None."""
    t = _SUP.sub("", text)
    if not t:
        return None
    if t in _NIL or _RULE.fullmatch(t):
        return "nil"
    if not any(c.isdigit() for c in t):
        return None
    if _one_figure(t):
        return "figure"
    m = _RANGE.fullmatch(t)  # a range of bracketed negatives: "(4.2) to 4.1", "△4.2～△1.0"
    return "figure" if m and _one_figure(m.group(1)) and _one_figure(m.group(2)) else None


def _one_figure(t: str) -> bool:
    for _ in range(3):  # brackets, signs and a currency prefix, in any nesting
        t = t.lstrip(_OPEN + _NEG).rstrip(_CLOSE + "%％")
        t = _PREFIX.sub("", t).lstrip(" ")
    return bool(_CORE.fullmatch(t))


_RANGE = re.compile(r"(\S+)\s?(?:[～〜~]|to|から)\s?(\S+)")


def _unit_only(text: str) -> bool:
    """A token that is only a unit: 億円, 百万円, ％, 株 (what a wrapped amount leaves behind)."""
    return text in _UNIT_SET


_UNIT_SET = frozenset(_UNITS)


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


# In `pdftotext -layout` text a full-width character is one character but about this many
# columns of the page wide.
GRID_WIDE = 1.8


def char_width(ch: str) -> int:
    """Display columns of a character: 2 for East Asian wide and full-width ones."""
    return 2 if _wide(ch) else 1


def text_tokens(text: str, wide: bool = True) -> tuple[Token, ...]:
    """The words of a line of text with their columns.

    With `wide`, a full-width character takes two columns (text aligned for a monospace
    display). Without, every character takes one column where it starts, as `pdftotext
    -layout` places them, and a word's extent is still about its width on the page (a
    full-width character, or a mark such as △ that Japanese fonts set full width, 1.8
    columns, up to the next word), so that a Japanese header over a column overlaps it.
    """
    out: list[Token] = []
    x = 0
    start = 0
    width: float = 0.0
    word: list[str] = []
    for ch in text:
        if ch in " \u3000\t":
            if word:
                out.append(Token(start, start + width, "".join(word)))
                word = []
            x += 2 if (ch == "\u3000" and wide) else 1
            continue
        if not word:
            start, width = x, 0
        word.append(ch)
        w = char_width(ch)
        width += w if wide or (w == 1 and ch not in _FULL_WIDTH_MARKS) else GRID_WIDE
        x += w if wide else 1
    if word:
        out.append(Token(start, start + width, "".join(word)))
    if not wide:  # a word's display extent stops short of the next word (two columns short
        for k in range(len(out) - 1):  # after a run of spaces: a gap, never a word space)
            t, nxt = out[k], out[k + 1]
            spaces = nxt.x0 - (t.x0 + len(t.text))
            if t.x1 > nxt.x0 - min(spaces, 2):
                out[k] = Token(t.x0, max(t.x0 + len(t.text), nxt.x0 - min(spaces, 2)), t.text)
    return tuple(out)


# Marks of ambiguous width that Japanese fonts set full width (a PDF's △3.1 is as wide as
# 3.1 and a full-width character).
_FULL_WIDTH_MARKS = frozenset("△▲▽▼○●◎□■◇◆※")


def alignment(lines: Sequence[Line]) -> int:
    """How many figures end where a figure of the nearest figure line above ends: the better
    of two ways of measuring a text's columns aligns more."""
    score = 0
    previous: list[float] = []
    for line in lines:
        info = _analyse(line)
        keys = _figure_keys(info)
        if not keys:
            continue
        tol = 0.5 * line.em * ALIGN_TOL  # tighter than for columns: the measure that lines up exactly wins
        score += sum(1 for k in keys if any(abs(k - p) <= tol for p in previous))
        previous = keys
    return score


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def rejoin_spaced(tokens: Sequence[Token], em: float) -> tuple[Token, ...]:
    """Letter-spaced words rejoined: `上 場 会 社 名` (single full-width letters with even
    gaps under 1.5 em between them) becomes `上場会社名`."""
    out: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        j = i
        if len(t.text) == 1 and _wide(t.text) and t.text not in _NOT_LETTERS:
            gaps: list[float] = []
            while j + 1 < n:
                u = tokens[j + 1]
                gap = u.x0 - tokens[j].x1
                if not (len(u.text) == 1 and _wide(u.text) and u.text not in _NOT_LETTERS):
                    break
                if gap > 1.5 * em or (gaps and abs(gap - gaps[0]) > 0.35 * em):
                    break
                gaps.append(gap)
                j += 1
        if j > i:
            out.append(Token(t.x0, tokens[j].x1, "".join(x.text for x in tokens[i : j + 1])))
        else:
            out.append(t)
        i = j + 1
    return tuple(out)


# Full-width marks that are cells or separators, never letters of a spaced-out word.
_NOT_LETTERS = frozenset("％－―—△▲・、。，．：（）「」〔〕【】※○●◎×～〜")


# --------------------------------------------------------------------------------------------
# Chunks and line classes
# --------------------------------------------------------------------------------------------

# A gap this wide (in em) separates chunks; narrower ones join words of one chunk.
CHUNK_GAP = 0.6
# Right edges this close (in em) are one column.
ALIGN_TOL = 0.75
# Blank space (in lines) a table may have between its rows.
MAX_ROW_GAP = 1.6
MAX_HEADER_LINES = 4
# Words of text after a table's first figure that make a line prose.
PROSE_WORDS_AFTER = 4
PROSE_WORDS = 11  # in one chunk


@dataclass(slots=True)
class _Chunk:
    x0: float
    x1: float
    tokens: list[Token]
    kind: str | None  # "figure", "nil" or None (text)
    em: float = 2.0
    spanned: bool = False  # x0, x1 are those of the rule under it (a group heading)

    @property
    def text(self) -> str:
        return joined(self.tokens, self.em)

    @property
    def key(self) -> float:
        """The right edge figures align on (a closing parenthesis hangs past it)."""
        last = self.tokens[-1]
        if self.kind == "figure" and last.text.endswith((")", "）")) and len(last.text) > 1:
            return self.x1 - (last.x1 - last.x0) / len(last.text)
        return self.x1


def _chunks(line: Line) -> list[_Chunk]:
    out: list[_Chunk] = []
    gap = CHUNK_GAP * line.em
    for t in line.tokens:
        kind = figure_kind(t.text)
        if out:
            last = out[-1]
            prev_kind = figure_kind(last.tokens[-1].text)
            if t.x0 - last.x1 < gap and not (kind and prev_kind):
                last.tokens.append(t)
                last.x1 = t.x1
                last.kind = last.kind if (kind and last.kind == kind) else None
                continue
        out.append(_Chunk(t.x0, t.x1, [t], kind, line.em))
    k = 0
    while k + 1 < len(out):  # a range parted at its separator: "10,000 百万円 -" + "10,500 百万円"
        a, b = out[k], out[k + 1]
        if a.tokens[-1].text in _RANGE_SEPARATORS and b.x0 - a.x1 < gap and len(a.tokens) > 1:
            if figure_kind("".join(t.text for t in a.tokens + b.tokens)) == "figure":
                out[k : k + 2] = [_Chunk(a.x0, b.x1, a.tokens + b.tokens, "figure", line.em)]
                continue
        k += 1
    for c in out:  # a figure written in words: "10,000 百万円 - 10,500 百万円", "150 to 300"
        if c.kind is None and len(c.tokens) > 1 and any(ch.isdigit() for ch in c.tokens[0].text):
            if figure_kind("".join(t.text for t in c.tokens)) == "figure":
                c.kind = "figure"
    return out


_RANGE_SEPARATORS = frozenset({"-", "－", "–", "～", "〜", "~", "to", "から"})


@dataclass(slots=True)
class _Info:
    line: Line
    chunks: list[_Chunk]
    values: list[int] = field(default_factory=list)  # chunk indices of figures and nil marks
    figures: int = 0  # how many of them are figures (not nil)
    prose: bool = False


# A footnote line ("(注) 包括利益 …", "※1 …", "Note: …") is prose even when it holds figures.
_NOTE = re.compile(r"^(?:[(（]注[)）]|注記|注[0-9０-９)）:：]|※|\*\d|Notes?\s*[0-9]*\s*[:：.]|\(Notes?\)|\(\*\))", re.I)


def _analyse(line: Line) -> _Info:
    chunks = _chunks(line)
    info = _Info(line, chunks)
    if not chunks:
        return info
    if (
        max((len(c.tokens) for c in chunks if c.kind is None), default=0) >= PROSE_WORDS
        or any("。" in c.text for c in chunks if c.kind is None)
        or (line.region is None and _NOTE.match(chunks[0].text))
    ):
        info.prose = True
        return info
    _set_values(info)
    if info.values:
        first = info.values[0]
        after = sum(len(c.tokens) for c in chunks[first:] if c.kind is None)
        if after >= PROSE_WORDS_AFTER:
            info.prose = True
            info.values, info.figures = [], 0
    return info


def _split_glued(info: _Info, keys: list[float]) -> bool:
    """Split figures glued to the text before them by one space ("Net sales 1,234") where
    they end on a known column edge; True when something was split."""
    tol = ALIGN_TOL * info.line.em
    changed = False
    i = 0
    while i < len(info.chunks):
        c = info.chunks[i]
        last = c.tokens[-1]
        kind = figure_kind(last.text) if c.kind is None and len(c.tokens) >= 2 else None
        if kind and any(abs(last.x1 - k) <= tol for k in keys) and not _ends_a_date(c.tokens):
            head = _Chunk(c.x0, c.tokens[-2].x1, c.tokens[:-1], None, c.em)
            info.chunks[i : i + 1] = [head, _Chunk(last.x0, last.x1, [last], kind, c.em)]
            changed = True
            continue
        i += 1
    if changed:
        _set_values(info)
    return changed


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_DAY = re.compile(r"[0-9]{1,2},?")


def _ends_a_date(tokens: Sequence[Token]) -> bool:
    """Words ending in a year that belongs to a date before it: "Mar 31, 2003", "March 2003"."""
    if not _YEAR.fullmatch(tokens[-1].text):
        return False
    words = [t.text.rstrip(".,").lower() for t in tokens[-3:-1]]
    if words and words[-1] in en.MONTHS:
        return True
    return len(words) == 2 and words[0] in en.MONTHS and bool(_DAY.fullmatch(tokens[-2].text))


def _set_values(info: _Info) -> None:
    """The value chunks of a line: its figures and nil marks, save a figure opening a line
    of words ("(1) 連結経営成績", "2 財政状態": a list mark, not a cell)."""
    chunks = info.chunks
    info.values = [i for i, c in enumerate(chunks) if c.kind is not None
                   and not (i == 0 and c.kind == "figure" and len(chunks) > 1 and chunks[1].kind is None)]  # fmt: skip
    info.figures = sum(1 for i in info.values if chunks[i].kind == "figure")


# --------------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Column:
    x0: float
    x1: float
    rows: set[int]
    keys: list[float]


def _cluster(cells: list[tuple[int, _Chunk]], em: float) -> list[_Column]:
    """Columns from figure chunks (row, chunk): right edges within tolerance, one chunk per
    row; then clusters whose extents overlap (centred, left-aligned figures) merged."""
    tol = ALIGN_TOL * em
    cols: list[_Column] = []
    for row, c in sorted(cells, key=lambda rc: rc[1].key):
        k = c.key
        if cols and k - cols[-1].keys[-1] <= tol and row not in cols[-1].rows:
            col = cols[-1]
            col.x0, col.x1 = min(col.x0, c.x0), max(col.x1, c.x1)
            col.rows.add(row)
            col.keys.append(k)
        else:
            cols.append(_Column(c.x0, c.x1, {row}, [k]))
    merged = True
    while merged:
        merged = False
        cols.sort(key=lambda col: col.x0)
        for i in range(len(cols) - 1):
            a, b = cols[i], cols[i + 1]
            if min(a.x1, b.x1) > max(a.x0, b.x0) and not (a.rows & b.rows):
                cols[i] = _Column(min(a.x0, b.x0), max(a.x1, b.x1), a.rows | b.rows, a.keys + b.keys)
                del cols[i + 1]
                merged = True
                break
    cols.sort(key=lambda col: col.x1)
    rows = {row for row, _ in cells}
    if len(rows) >= 4:  # a column of one stray figure in a long table is no column
        strong = [col for col in cols if len(col.rows) > 1]
        if strong and len(strong) < len(cols):
            for col in cols:
                if len(col.rows) == 1:
                    home = min(strong, key=lambda s: min(abs(s.x1 - col.x1), abs(s.x0 - col.x0)))
                    if not (home.rows & col.rows):
                        home.x0, home.x1 = min(home.x0, col.x0), max(home.x1, col.x1)
                        home.rows |= col.rows
            cols = strong
    return cols


def _place(c: _Chunk, cols: list[_Column], em: float, grow: bool) -> int:
    """The column a chunk belongs to: the first it overlaps, else the nearest; with `grow`, a
    chunk far from every column opens a new one (returned index is into the re-sorted list)."""
    for i, col in enumerate(cols):
        if min(col.x1, c.x1) - max(col.x0, c.x0) > 0:
            return i
    best, dist = -1, float("inf")
    for i, col in enumerate(cols):
        d = max(col.x0 - c.x1, c.x0 - col.x1)
        if d < dist:
            best, dist = i, d
    if grow and dist > 2 * em:
        cols.append(_Column(c.x0, c.x1, set(), [c.x1]))
        cols.sort(key=lambda col: col.x1)
        return next(i for i, col in enumerate(cols) if col.x0 == c.x0 and col.x1 == c.x1)
    return best


# --------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    body: list[int]  # line indices, in order (figure rows, label-only and nil-only rows, blanks)
    header: list[int] = field(default_factory=list)
    merged: dict[int, int] = field(default_factory=dict)  # a line -> the row its content went into
    region: int | None = None


def _label_only(info: _Info, first_x: float) -> bool:
    """A short line standing in a table's label column ("流動資産", "Current assets:"), or a
    row of nil marks only."""
    if info.prose or not info.chunks or info.figures:
        return False
    if info.values:
        return True
    return info.chunks[-1].x1 <= first_x + 0.25 * info.line.em and len(info.chunks) <= 2


def _unit_line(info: _Info, above: _Info) -> bool:
    """Units only, each under a figure of the row above: `億円` left by a wrapped amount."""
    if not info.chunks or info.line.gap > 0.5:
        return False
    tol = ALIGN_TOL * info.line.em
    for c in info.chunks:
        if not all(_unit_only(t.text) for t in c.tokens):
            return False
        if not any(d.kind == "figure" and d.x1 >= c.x0 - tol and d.x0 <= c.x1 + tol for d in above.chunks):
            return False
    return True


def _figure_keys(info: _Info) -> list[float]:
    return [info.chunks[v].key for v in info.values if info.chunks[v].kind == "figure"]


def _aligned(info: _Info, placed: list[_Chunk], strict: bool, exact: bool) -> bool:
    """Whether the figures of a line stand in the block's columns (`placed`: its values so
    far): at least half of them on a right edge of those or over one of them; when `strict`
    (after a gap or lines of labels), all of them on a right edge (within twice the usual
    tolerance unless the positions are `exact`)."""
    tol = ALIGN_TOL * info.line.em * (1 if exact or not strict else 2)
    figures = [info.chunks[v] for v in info.values if info.chunks[v].kind == "figure"]
    if strict:
        return all(any(abs(c.key - d.key) <= tol for d in placed if d.kind == "figure") for c in figures)
    hits = sum(
        1 for c in figures if any(abs(c.key - d.key) <= tol or min(c.x1, d.x1) > max(c.x0, d.x0) for d in placed)
    )
    return 2 * hits >= len(figures)


def _gather(infos: list[_Info], exact: bool) -> list[_Block]:
    """The blocks of rows: ruled regions, then runs of figure rows."""
    n = len(infos)
    used = [False] * n
    by_region: dict[int, _Block] = {}
    for i, info in enumerate(infos):
        r = info.line.region
        if r is not None and info.chunks:
            by_region.setdefault(r, _Block([], region=r)).body.append(i)
            used[i] = True
    blocks = list(by_region.values())

    i = 0
    while i < n:
        info = infos[i]
        if used[i] or not info.figures:
            i += 1
            continue
        block = _Block([i])
        keys = _figure_keys(info)
        placed = [info.chunks[v] for v in info.values]
        first_x = min(info.chunks[v].x0 for v in info.values)
        pending: list[int] = []
        j = i + 1
        while j < n and not used[j]:
            nxt = infos[j]
            if not nxt.chunks:
                pending.append(j)
                j += 1
                continue
            if nxt.line.gap > MAX_ROW_GAP:
                break
            if not nxt.prose and not nxt.figures:
                _split_glued(nxt, keys)
            if nxt.figures and _aligned(nxt, placed, strict=bool(pending) or nxt.line.gap > 0.8, exact=exact):
                block.body.extend(pending)
                pending = []
                block.body.append(j)
                keys += _figure_keys(nxt)
                placed += [nxt.chunks[v] for v in nxt.values]
                first_x = min(first_x, *(nxt.chunks[v].x0 for v in nxt.values))
            elif not pending and _unit_line(nxt, infos[block.body[-1]]):
                block.merged[j] = block.body[-1]
                block.body.append(j)
            elif _label_only(nxt, first_x):
                pending.append(j)
            else:
                break
            j += 1
        last = infos[block.body[-1]]
        if last.values and last.values[0] == 0:  # an unlabelled last row: its label may be below
            for k in pending[:2]:
                if not infos[k].chunks or infos[k].line.gap > 0.5 or not _label_only(infos[k], first_x):
                    break
                block.body.append(k)
        for k in block.body:
            used[k] = True
        blocks.append(block)
        i = block.body[-1] + 1
    blocks.sort(key=lambda b: b.body[0])
    return blocks


def _spanned(info: _Info, label_x1: float, under: tuple[tuple[float, float], ...] | None = None) -> list[_Chunk]:
    """The chunks of a header line, a group heading with a rule of its own under it (a rule
    under no other chunk of the line, right of the labels, which reach `label_x1`) standing
    as wide as that rule: over the columns it heads. `under`: the rules under the line (else
    those drawn right under it)."""
    under = info.line.under if under is None else under
    if not under:
        return info.chunks
    out = []
    centres = [(c.x0 + c.x1) / 2 for c in info.chunks]
    for c, mid in zip(info.chunks, centres):
        rule = next(((a, b) for a, b in under if a <= c.x0 + c.em and c.x1 - c.em <= b and a <= mid <= b
                     and a > label_x1 and sum(1 for m in centres if a <= m <= b) == 1), None)  # fmt: skip
        wider = rule is not None and rule[1] - rule[0] > c.x1 - c.x0
        out.append(_Chunk(rule[0], rule[1], c.tokens, c.kind, c.em, True) if rule and wider else c)
    return out


def _header_split(chunks: list[_Chunk], cols: list[_Column], em: float) -> list[_Chunk]:
    """Header words set too close to be chunks of their own ("前期 増減率", "4Q02 3Q02")
    split where each word stands over a column of its own: Japanese words always (a space
    never parts one Japanese header), others when each stands over that column only and
    sticks out of it by less than an em."""
    out: list[_Chunk] = []
    for c in chunks:
        if len(c.tokens) > 1 and not c.spanned:
            homes = [_overlapping(t.x0, t.x1, cols) for t in c.tokens]
            if None not in homes and len(set(homes)) == len(homes):
                japanese = all(any(_wide(ch) for ch in t.text) for t in c.tokens)
                inside = all(
                    cols[h].x0 - em <= t.x0 and t.x1 <= cols[h].x1 + em
                    and sum(1 for col in cols if min(col.x1, t.x1) > max(col.x0, t.x0)) == 1
                    for t, h in zip(c.tokens, homes) if h is not None
                )
                if japanese or inside:
                    out.extend(_Chunk(t.x0, t.x1, [t], figure_kind(t.text), em) for t in c.tokens)
                    continue
        out.append(c)
    return out


def _overlapping(x0: float, x1: float, cols: list[_Column]) -> int | None:
    for i, col in enumerate(cols):
        if min(col.x1, x1) - max(col.x0, x0) > 0:
            return i
    return None


def _label_reach(block: _Block, infos: list[_Info], cols: list[_Column]) -> float:
    """How far right the row labels of a block reach."""
    em = infos[block.body[0]].line.em
    edge = cols[0].x0 - 0.25 * em
    return max((c.x1 for i in block.body for c in infos[i].chunks if c.kind is None and c.x0 < edge),
               default=cols[0].x0 - em)  # fmt: skip


def _header_label(c: _Chunk, cols: list[_Column], label_x1: float) -> bool:
    """A header word over the label column ("科目"): centred within the labels' reach, or
    nearer to it than to the first value column and over none."""
    centre = (c.x0 + c.x1) / 2
    if centre <= label_x1:
        return True
    if any(min(col.x1, c.x1) - max(col.x0, c.x0) > 0 for col in cols):
        return False
    return centre - label_x1 < cols[0].x0 - centre


def _is_header_line(info: _Info, cols: list[_Column], label_x1: float) -> bool:
    """Whether a line above a block heads its columns."""
    if info.prose or not info.chunks or not cols:
        return False
    chunks = _header_split(_spanned(info, label_x1), cols, info.line.em)
    over = [c for c in chunks if not _header_label(c, cols, label_x1)]
    if len(over) >= 2:
        return True
    if len(over) == 1 and len(info.chunks) == 1 and len(over[0].tokens) == len(info.chunks[0].tokens):
        c = over[0]
        text = c.text
        if c.x0 <= label_x1:
            return False  # a line from the left margin: prose or a title, not a header
        if text[:1] in _OPEN and text[-1:] in _CLOSE:
            return False  # "(単位：百万円)": the table's unit line, a title
        spanned = sum(1 for col in cols if min(col.x1, c.x1) - max(col.x0, c.x0) > 0)
        return 1 <= spanned <= 2 or (c.spanned and spanned >= 1)  # (a heading with its rule under it)
    return False


def _headers(block: _Block, infos: list[_Info], cols: list[_Column], used: list[bool]) -> None:
    """Header lines above the block (and label-only lines between them and the body)."""
    below = block.body[0]
    first_x = cols[0].x0
    label_x1 = _label_reach(block, infos, cols)
    j = below - 1
    while j >= 0 and len(block.header) < MAX_HEADER_LINES and not used[j]:
        info = infos[j]
        if not info.chunks:
            j -= 1
            continue
        if infos[below].line.gap > MAX_ROW_GAP and not info.line.under:
            break  # (a heading with a rule under it heads what stands under the rule, however far)
        if _is_header_line(info, cols, label_x1):
            block.header.insert(0, j)
        elif not block.header and _label_only(info, first_x):
            pass  # kept only when a header stands above it
        else:
            break
        below = j
        j -= 1
    if block.header:  # the label-only (and blank) lines between the header and the body
        block.body[0:0] = list(range(block.header[-1] + 1, block.body[0]))


def find_tables(lines: Sequence[Line], exact: bool = True) -> list[Row | None]:
    """For each line, None (prose, blank) or its Row; see the module docstring.

    A row after a gap or after label-only lines goes on with the table above only when all
    its figures end on right edges of the table's so far. `exact` says the positions are
    exact (a PDF); text columns drift by a character or two (`pdftotext -layout`), so there
    the edges may be twice as far apart.
    """
    infos = [_analyse(line) for line in lines]
    out: list[Row | None] = [None] * len(lines)
    used = [False] * len(lines)
    blocks = _gather(infos, exact)
    for b in blocks:
        for i in b.body:
            used[i] = True
    number = 0
    for block in blocks:
        rows = _build(block, infos, used)
        if rows is None:
            for i in block.body:
                used[i] = False
            continue
        for i, (cells, header, merged) in rows.items():
            out[i] = Row(cells, number, header, merged)
        number += 1
    return out


def _ruled_facts(body: list[int], infos: list[_Info]) -> bool:
    """A ruled table without a figure cell that is still a table: label | value rows, two or
    more, whose values are dates or figures with a remark ("2026年11月14日", "180,000株（議決権の
    数：180,000個）"), each row's words in two cells or more of the rules."""
    rows = 0
    for i in body:
        line = infos[i].line
        cuts = line.cuts or ()
        inner = [x for x in cuts if infos[i].chunks[0].x1 < x < infos[i].chunks[-1].x0]
        if infos[i].prose or not inner:
            continue
        if not any(ch.isdigit() for c in infos[i].chunks[1:] for ch in c.text):
            continue
        rows += 1
    return rows >= 2


def _lone_row(info: _Info, header: bool) -> bool:
    """Whether a figure row standing alone is a table: under a header with two figures, or
    a label and three figures or more with no words after them."""
    if header and info.figures >= 2:
        return True
    first = info.values[0]
    return info.figures >= 3 and first > 0 and all(c.kind is not None for c in info.chunks[first:])


def _figure_cells(infos: list[_Info], rows: list[int]) -> list[tuple[int, _Chunk]]:
    return [(i, infos[i].chunks[v]) for i in rows for v in infos[i].values if infos[i].chunks[v].kind == "figure"]


def _value_cells(infos: list[_Info], rows: list[int]) -> list[tuple[int, _Chunk]]:
    """The figures of the rows and their nil marks but a line's first chunk: a column of
    nil marks (a first-quarter dividend that is "－" every year) is a column too."""
    return [(i, infos[i].chunks[v]) for i in rows for v in infos[i].values
            if v > 0 or infos[i].chunks[v].kind == "figure"]  # fmt: skip


def _build(
    block: _Block, infos: list[_Info], used: list[bool]
) -> dict[int, tuple[tuple[str, ...], bool, bool]] | None:
    """The rows of a block (None when it is not a table after all)."""
    body = [i for i in block.body if infos[i].chunks]
    figure_rows = [i for i in body if infos[i].figures and i not in block.merged]
    ruled = block.region is not None
    if not figure_rows and ruled and _ruled_facts(body, infos):
        figure_rows = body[:1]  # a ruled table of facts: its rows from the first, no header
    if not figure_rows:
        return None
    em = infos[figure_rows[0]].line.em
    bounds = infos[body[0]].line.bounds if ruled else None

    if bounds:
        cols = _bounded_columns(bounds, [infos[i] for i in body])
    else:
        cols = _cluster(_value_cells(infos, figure_rows), em)
        keys = [k for col in cols for k in col.keys]
        if sum(_split_glued(infos[i], keys) for i in body if i not in block.merged):
            figure_rows = [i for i in body if infos[i].figures and i not in block.merged]
            cols = _cluster(_value_cells(infos, figure_rows), em)
        cols = _year_labels(cols, _figure_cells(infos, figure_rows))
    if not cols:
        return None
    if ruled:
        # In a ruled region the lines above the first figure row are its header.
        first = block.body.index(figure_rows[0])
        block.header, block.body = block.body[:first], block.body[first:]
    else:
        _headers(block, infos, cols, used)
        if len(figure_rows) < 2 and not _lone_row(infos[figure_rows[0]], bool(block.header)):
            return None
        for i in block.header:
            used[i] = True

    label_edge = cols[0].x0 - 0.25 * em
    lines = [i for i in block.header + block.body if infos[i].chunks and i not in block.merged]
    if not bounds:  # text cells far from every column open columns of their own
        for i in lines:
            if i in block.header:
                continue  # a header word goes to the column nearest it
            for c in infos[i].chunks:
                if c.x0 >= label_edge and c.kind != "figure":
                    _place(c, cols, em, grow=True)
    first_x = cols[0].x0
    label_x1 = _label_reach(block, infos, cols)
    pitch = _row_gap([infos[i].line for i in (block.header + block.body)[1:]
                      if infos[i].chunks and i not in block.merged])  # fmt: skip
    unders: dict[int, tuple[tuple[float, float], ...]] = {}
    for i in reversed(block.header):  # a heading wrapped in its cell: the rule under the cell is under each line
        below = unders.get(i + 1, ())
        wrapped = i + 1 in block.header and _same_cell(infos[i + 1].line, pitch)
        unders[i] = infos[i].line.under or (below if wrapped else ())
    grids: dict[int, list[list[str]]] = {}
    for i in block.header + block.body:
        if not infos[i].chunks:
            continue
        grid: list[list[str]] = [[] for _ in range(len(cols) + 1)]
        header = i in block.header
        cuts = infos[i].line.cuts if bounds else None
        if cuts:  # a ruled row: a chunk goes to the cell it stands in (a spanning cell: its first column)
            for c in infos[i].chunks:
                grid[_cell_column(c, cols, cuts, em)].append(c.text)
            grids[i] = grid
            continue
        for c in _header_split(_spanned(infos[i], label_x1, unders.get(i)), cols, em) if header else infos[i].chunks:
            if _header_label(c, cols, label_x1) if header else (
                (c.kind is None and c.x0 < label_edge) or c.x1 <= first_x - 0.25 * em
            ):
                grid[0].append(c.text)
            else:
                grid[1 + _place(c, cols, em, grow=False)].append(c.text)
        grids[i] = grid

    for i, target in block.merged.items():
        for k, parts in enumerate(grids.pop(i)):
            if parts:
                grids[target][k] = [join_wrapped(" ".join(grids[target][k]), " ".join(parts))]

    _merge_label_wraps([i for i in block.body if i in grids and i not in block.merged], grids, infos, block, pitch)
    header_rows = _merge_header_wraps([i for i in block.header if i in grids], grids, infos, pitch)
    width = len(cols) + 1
    empty = ("",) * width
    result: dict[int, tuple[tuple[str, ...], bool, bool]] = {}
    for i in block.header:
        result[i] = (tuple(_cell(p) for p in header_rows[i]), True, False) if i in header_rows else (empty, True, True)
    for i in block.body:
        if i in block.merged:
            result[i] = (empty, False, True)
        else:
            result[i] = (
                (_label(grids[i][0]), *(_cell(p) for p in grids[i][1:])), False, False
            ) if i in grids else (empty, False, False)
    for i in range(min(result), max(result)):  # blank lines between header lines
        result.setdefault(i, (empty, True, False))
    return result


# The last word of a label that goes on on the next line ("Fiscal year ended" / "March 31,
# 2026", "Profit attributable to" / "owners of parent").
_EN_OPEN_ENDS = frozenset(
    "ended ending of to for and or in from attributable the as at on by with per before after than".split()
)


def wraps_on(label: str, following: str) -> bool:
    """Whether a label-only line `label` is the first part of the label `following`."""
    if not label or not following:
        return False
    last = label.rstrip()[-1]
    if "\u3040" <= last <= "\u309f":  # ends in hiragana: "親会社株主に帰属する" / "当期純利益"
        return True
    if label.endswith((",", "-", "/", "&")):
        return True
    word = label.rsplit(" ", 1)[-1].lower()
    if word.rstrip(".") in en.MONTHS and following[0].isdigit():
        return True  # a date wrapped after its month: "Fiscal year ended March" / "31, 2025"
    return word in _EN_OPEN_ENDS or following[0].islower()


def _merge_label_wraps(
    lines: list[int], grids: dict[int, list[list[str]]], infos: list[_Info], block: _Block, pitch: float | None = None
) -> None:
    """A row label wrapped over lines without figures made one label: the lines around a
    row of figures without a label of its own (a label set over two lines with the figures
    centred between them), or a label-only line that plainly goes on in the next."""

    def label(i: int) -> str:
        return " ".join(grids[i][0])

    def bare(i: int) -> bool:
        return not any(grids[i][1:]) and bool(grids[i][0])

    def unlabelled(i: int) -> bool:
        return not grids[i][0] and any(grids[i][1:])

    def touching(a: int, b: int) -> bool:  # b directly under a, no space between
        return b - a == 1 and infos[b].line.gap <= 0.5

    def take(i: int, parts: list[int]) -> None:  # the labels of `parts` (in order) become row i's
        text = ""
        for k in parts:
            text = join_wrapped(text, label(k))
        grids[i][0] = [text]
        for k in parts:
            if k != i:
                del grids[k]
                block.merged[k] = i

    n = len(lines)
    for idx, i in enumerate(lines):
        if i not in grids or not unlabelled(i):
            continue
        above: list[int] = []
        j = idx - 1
        while j >= 0 and len(above) < 2 and lines[j] in grids and bare(lines[j]) and touching(lines[j], lines[j + 1]):
            above.insert(0, lines[j])
            j -= 1
        below: list[int] = []
        j = idx + 1
        while j < n and len(below) < 2 and bare(lines[j]) and touching(lines[j - 1], lines[j]):
            below.append(lines[j])
            j += 1
        if j < n and unlabelled(lines[j]):
            below = below[: (len(below) + 1) // 2]  # the rest belongs to the next row
        if above or below:
            take(i, [*above, i, *below])

    rest = [i for i in lines if i in grids]
    for a, b in zip(rest, rest[1:]):
        if a not in grids or b not in grids or not touching(a, b):
            continue
        # lines of one cell stand closer together than the rows of the table (a PDF)
        wrapped = _same_cell(infos[b].line, pitch)
        if bare(a) and not bare(b) and grids[b][0] and (wrapped or wraps_on(label(a), label(b))):
            take(b, [a, b])
        elif bare(b) and not bare(a) and grids[a][0] and (label(b)[:1].islower() or wraps_on(label(a), label(b))):
            take(a, [a, b])


# Lines of one wrapped cell: the space between them is less than this share of the space
# between the rows of their table, which is at least MIN_ROW_GAP (em).
WRAP_GAP_SHARE = 0.5
MIN_ROW_GAP = 0.3


def _row_gap(lines: Sequence[Line]) -> float | None:
    """The usual space between the rows of a table (the median over `lines`, each with the
    space above it: the table's lines but its first), when it is wide enough to tell the
    lines of one cell from rows; None for text (rows touch there)."""
    gaps = sorted(ln.gap for ln in lines if ln.tokens and not ln.broken)
    if len(gaps) < 2:
        return None
    middle = gaps[len(gaps) // 2]
    return middle if middle >= MIN_ROW_GAP else None


def _same_cell(line: Line, pitch: float | None) -> bool:
    """Whether `line` is the next line of a cell wrapped over lines (its table's rows stand
    `pitch` apart): closer to the line above than rows are, on the same page."""
    return pitch is not None and not line.broken and line.gap < WRAP_GAP_SHARE * pitch


def _cell(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


# A footnote mark set apart at the end of a label: "有形固定資産 *1", "Goodwill ※2".
_LABEL_MARK = re.compile(r"\s+([*＊※][0-9０-９]{1,2})$")
# What a footnote mark may be: *1, ※2, (3), (*)4, 5.
_MARK = re.compile(r"[(（]?[*＊※]?[)）]?[0-9０-９]{0,2}[)）]?")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789０１２３４５６７８９", "⁰¹²³⁴⁵⁶⁷⁸⁹⁰¹²³⁴⁵⁶⁷⁸⁹")


def as_mark(text: str) -> str:
    """A footnote mark written so that no later stage reads it as part of a figure or a
    label: `*1` -> `⁽*¹⁾`, `(2)` -> `⁽²⁾` (what parse.numbers.strip_markup removes). Other
    text is returned as it is."""
    if not text or not _MARK.fullmatch(text):
        return text
    inner = re.sub(r"[()（）]", "", text).replace("※", "*").replace("＊", "*")
    return "⁽" + inner.translate(_SUPERSCRIPT_DIGITS) + "⁾"


def _label(parts: list[str]) -> str:
    """A row label, a trailing footnote mark written as one (`⁽*¹⁾`)."""
    text = _cell(parts)
    m = _LABEL_MARK.search(text)
    if m and m.start() > 0:
        return text[: m.start()] + as_mark(m.group(1))
    return text


# --------------------------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------------------------

# A line at the top or bottom of a page recurring (digits aside) on this share of the pages,
# and on two at least, is a running title.
RUNNING_SHARE = 0.3
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-－―—–‐−]\s*[0-9０-９]+\s*[-－―—–‐−]|[0-9０-９]+|[0-9]+\s*/\s*[0-9]+"
    r"|(?:page|p\.)\s*[0-9]+(?:\s*of\s*[0-9]+)?|[(（][0-9０-９]+[)）])\s*$",
    re.I,
)


def furniture(margins: dict[int, list[str]], apart: dict[int, list[bool]] | None = None) -> dict[int, list[bool]]:
    """Which of the lines at the top and bottom of each page (page -> their texts) are page
    furniture: a page number (`－ 5 －`, `- 2 -`, `5`, `Page 5`), or a line that recurs, digits
    aside, on many pages (a running title with or without its page number).

    `apart` (page -> one flag per line) says which lines stand apart from the body of the
    page (space between them and it); a recurring line that does not is kept: it is the
    header of a table repeated on each page the table goes on, not a running title."""

    def key(text: str) -> str:
        return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))

    counts = Counter(k for texts in margins.values() for k in {key(t) for t in texts})
    need = max(2.0, RUNNING_SHARE * len(margins))
    out = {}
    for page, texts in margins.items():
        flags = apart.get(page, [True] * len(texts)) if apart is not None else [True] * len(texts)
        out[page] = [is_page_number(t) or (counts[key(t)] >= need and flag) for t, flag in zip(texts, flags)]
    return out


def is_page_number(text: str) -> bool:
    """A line that is a page number: `－ 5 －`, `- 2 -`, `5`, `Page 5`, `3 / 12`, `(4)`."""
    if _PAGE_NUMBER.match(text):
        return True  # spaced out ("－ 5 －", "P a g e 5"), but never two numbers ("2003 2002")
    return len(re.findall(r"[0-9０-９]+", text)) == 1 and bool(_PAGE_NUMBER.match(text.replace(" ", "")))


def _cell_column(c: _Chunk, cols: list[_Column], cuts: tuple[float, ...], em: float) -> int:
    """Where a chunk of a ruled row goes: 0 for the label, else 1 + the column its cell
    starts in (a cell spanning several columns, a group heading, heads the first of them)."""
    centre = (c.x0 + c.x1) / 2
    left = max((x for x in cuts if x <= centre), default=float("-inf"))
    tol = 0.25 * em
    for k, col in enumerate(cols):
        if col.x0 >= left - tol:
            return 0 if k == 0 and left < cols[0].x0 - tol else k + 1
    return len(cols)


def _bounded_columns(bounds: tuple[float, ...], infos: list[_Info]) -> list[_Column]:
    """Columns between a ruled table's vertical rules; the leftmost filled one is the label."""
    edges = sorted(bounds)
    spans = list(zip([float("-inf"), *edges], [*edges, float("inf")]))
    filled = []
    for a, b in spans:
        if any(a <= (c.x0 + c.x1) / 2 < b for info in infos for c in info.chunks):
            filled.append((a, b))
    if len(filled) < 2:
        return []
    cols = [_Column(a, b, set(), [b]) for a, b in filled[1:]]
    return cols


def _year_labels(cols: list[_Column], cells: list[tuple[int, _Chunk]]) -> list[_Column]:
    """A leftmost column of bare years ("2026") standing where labels stand is the label."""
    if len(cols) < 2:
        return cols
    first = cols[0]
    members = [c for _, c in cells if first.x0 <= c.x0 and c.x1 <= first.x1]
    if members and all(re.fullmatch(r"(19|20)[0-9]{2}", c.text) for c in members) and len(first.rows) >= 2:
        others = [c for _, c in cells if c.x0 > first.x1]
        if others and not all(re.fullmatch(r"(19|20)[0-9]{2}", c.text) for c in others):
            return cols[1:]
    return cols


def _merge_header_wraps(
    header: list[int], grids: dict[int, list[list[str]]], infos: list[_Info], pitch: float | None = None
) -> dict[int, list[list[str]]]:
    """Header lines with headers wrapped inside their columns joined into one row.

    Adjacent header lines go into one row when every column they both fill reads on from
    the upper piece to the lower ("親会社株主に帰属する" / "当期純利益", "Basic earnings" /
    "per share"), and at least one does; never a line of units ("百万円 ％ …") nor a line
    that groups the columns of the next. Other header lines stay rows of their own. In a
    PDF (`pitch`: the usual space between the table's rows) lines closer together than the
    rows are the lines of one row of cells, whatever they say."""
    out: dict[int, list[list[str]]] = {}

    def close(group: list[int], merged: list[list[str]], evidenced: bool) -> None:
        if len(group) > 1 and evidenced:
            out[group[0]] = merged
        else:
            for i in group:
                out[i] = grids[i]

    if not header:
        return out
    group = [header[0]]
    merged = [list(cell) for cell in grids[header[0]]]
    evidenced = False
    for i in header[1:]:
        lower = grids[i]
        shared = [c for c in range(len(lower)) if merged[c] and lower[c]]
        if _same_cell(infos[i].line, pitch) or (
            infos[i].line.gap <= 0.5
            and not _units_row(merged)
            and not _units_row(lower)
            and not _spanning(merged, lower)
            and all(wraps_on(" ".join(merged[c]), " ".join(lower[c])) for c in shared)
        ):
            for c, parts in enumerate(lower):
                if parts:
                    merged[c] = [join_wrapped(" ".join(merged[c]), " ".join(parts))]
            group.append(i)
            evidenced = evidenced or bool(shared) or _same_cell(infos[i].line, pitch)
            continue
        close(group, merged, evidenced)
        group, merged, evidenced = [i], [list(cell) for cell in lower], False
    close(group, merged, evidenced)
    return out


def _units_row(cells: list[list[str]]) -> bool:
    filled = [" ".join(p) for p in cells[1:] if p]
    return bool(filled) and all(_unit_text(t) for t in filled)


_EN_UNIT = re.compile(
    r"^\(?(?:(?:(?:thousands?|millions?|billions?|hundred millions?) of (?:japanese )?"
    r"|(?:thousand|million|billion) |(?:jpy|yen) in (?:thousands|millions|billions))?"
    r"(?:yen|u\.?s\.? dollars|dollars|jpy|usd)|%|％|times|shares|thousand shares|persons|people|¥|us\$|\$)\)?$",
    re.I,
)


def _unit_text(text: str) -> bool:
    t = text.replace(" ", "")
    return _unit_only(t) or t in ("円銭", "円　銭") or bool(_EN_UNIT.match(text.strip()))


def _spanning(upper: list[list[str]], lower: list[list[str]]) -> bool:
    """The upper line groups columns of the lower one: a filled cell of it is followed by
    empty cells that the lower line fills (a heading over several columns)."""
    n = len(upper)
    for c in range(1, n):
        if upper[c] and c + 1 < n and not upper[c + 1] and lower[c + 1] and lower[c]:
            return True
    return False


# --------------------------------------------------------------------------------------------
# Wrapped prose
# --------------------------------------------------------------------------------------------

_OPENERS = re.compile(
    r"^(?:[・●■○◆◇□▪•※*＊\-－‐]|\(?[0-9０-９]{1,2}[).）](?![0-9０-９])|[(（](?:[0-9０-９]{1,2}|[a-zA-Z]|[ivx]{2,4})[)）]|[①-⑳]|注|\(注\)|（注）|Note)"
)


_JA_END = re.compile(r"[。！？][」』）)]?$")
_SENTENCE_END = re.compile(r"[。！？.!?:：][\"”’)）」』]?$")


def text_edges(lines: Sequence[Line], share: float = 1.0) -> tuple[float, float]:
    """The left and right edges of the text of a page (`lines`: its prose lines): right is
    where its left-aligned lines end (a right-aligned date does not set it), the longest of
    them, or with `share` < 1 that quantile of their ends (for text, where a line in smaller
    type runs longer)."""
    if not lines:
        return 0.0, 0.0
    left = min(ln.x0 for ln in lines)
    ends = sorted(ln.x1 for ln in lines if ln.x0 <= left + 3 * ln.em)
    if not ends:
        return left, left
    return left, ends[min(len(ends) - 1, int(share * len(ends)))]


def continues_paragraph(prev: Line, cur: Line, left: float, right: float, sentences: bool = False) -> bool:
    """Whether prose line `cur` continues the paragraph of `prev` (the line above it): no
    space between them, `prev` spans the text from its left edge (`left`, give or take an
    indent) to its right edge (`right`) so that the first word of `cur` would not have
    fitted on it, `cur` is not indented past it and does not open an item of its own. With
    `sentences` (text, where a line may be a paragraph of its own however long), a line
    that ends a sentence ends its paragraph too."""
    if not prev.tokens or not cur.tokens:
        return False
    em = prev.em
    if cur.gap > 0.5 or abs(cur.em - prev.em) > 0.15 * prev.em or prev.x0 > left + 3 * em:
        return False
    last = prev.tokens[-1].text
    if sentences and (_JA_END if any(_wide(t.text[0]) for t in prev.tokens) else _SENTENCE_END).search(last):
        return False
    first = cur.tokens[0]
    if sentences and _numbered_heading(prev) and first.text[0].isupper():
        return False  # "(1) Overview of operating results" over "Net sales were ...": a heading
    if _wide(first.text[0]):
        need = em  # Japanese wraps at any character
    else:  # the word (up to any Japanese in it) that did not fit at the end of `prev`
        latin = next((k for k, c in enumerate(first.text) if _wide(c)), len(first.text))
        need = 0.3 * em + (first.x1 - first.x0) * latin / len(first.text)
    if prev.x1 + need < right - 0.5 * em:
        return False  # the next line's first word would have fitted: `prev` ends a paragraph
    indent = 1.6 * em if _OPENERS.match(prev.tokens[0].text) else 0.6 * em
    if cur.x0 > prev.x0 + indent:
        return False
    text = cur.tokens[0].text
    return not _OPENERS.match(text) and not bracketed(cur.text)


_NUMBERED = re.compile(r"^(?:\(?[0-9０-９]{1,2}[).）](?![0-9０-９])|[(（][0-9０-９]{1,2}[)）]|[①-⑳])")


def _numbered_heading(line: Line) -> bool:
    """A line opening with a number ("(1)", "2.", "③") and holding no other figure: a heading,
    which the next line does not continue (a numbered item wrapped over lines states figures)."""
    first = line.tokens[0].text
    m = _NUMBERED.match(first)
    if m is None:
        return False
    rest = first[m.end() :] + " ".join(t.text for t in line.tokens[1:])
    return not any(ch.isdigit() for ch in rest)


def bracketed(text: str) -> bool:
    """A line that is one bracketed group, a note of its own: "(単位：百万円)", "(annual)"."""
    text = text.strip()
    if text[:1] not in "(（" or text[-1:] not in ")）":
        return False
    depth = 0
    for pos, ch in enumerate(text):
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth == 0 and pos < len(text) - 1:
            return False
    return True


def join_wrapped(a: str, b: str) -> str:
    """Two pieces of one wrapped text: Japanese joins without a space, English with one."""
    if not a:
        return b
    if not b:
        return a
    if _wide(a[-1]) or _wide(b[0]) or a.endswith(("-", "/")):
        return a + b
    if any(_wide(c) for c in a[-6:]) and any(_wide(c) for c in b[:6]):
        return a + b  # Japanese wraps anywhere, even inside a figure ("1,20" / "0億円")
    return f"{a} {b}"


def ends_with_amount(text: str) -> bool:
    return bool(text) and text[-1] in "0123456789０１２３４５６７８９"


def leading_unit(text: str) -> str | None:
    """The unit a line opens with ("億円となりました" -> "億円"), if any."""
    s = text.lstrip()
    for u in _UNITS_BY_LENGTH:
        if s.startswith(u):
            return u
    return None


_UNITS_BY_LENGTH = sorted({u for u in _UNITS if not u.isascii()}, key=len, reverse=True)
