"""Tables in text without columns: a copy-paste from a PDF, `pdftotext -raw`.

Such text keeps one space between the cells of a row and no alignment at all, so columns
cannot be measured (`layout.find_tables` needs them). What is left to go by:

- A table row is a label followed by its figures: the longest run of figures and nil
  marks ending the line ("流動資産合計 252,539 270,006", "2025年３月期 − 6.00 − 7.00 13.00").
  A range written with spaces ("76,000 to 78,000") is one figure; a year ending a date
  ("March 31, 2026") belongs to the label. A line that reads as a sentence (a "。", or
  many words before its figures) or a footnote is prose, whatever it ends with.
- Consecutive rows form a table when there are two of them or more with the same number
  of figures at most (or one with three or more under header lines); short label-only
  lines between rows are rows too ("流動資産"). The table's width is the most figures a
  row has; a row with fewer fills the first columns (where its empty cells stood cannot be
  known).
- A label-only line that plainly goes on in the row under it is part of that row's label
  ("Fiscal year ended" / "March 31, 2026 152,380 …", "親会社株主に帰属する" / "当期純利益 …").
- Above a table: label-only lines right above its first row are rows (section labels,
  "資産の部"), up to a line that reads as a header (periods, units, column words); from
  there up, the lines are its header rows, up to its title: a numbered caption, a
  sentence, a bracketed note right under a caption or a sentence ("(単位：百万円)",
  "(％表示は対前期増減率)"; a bracketed line under header words is part of them:
  "Payout ratio" / "(consolidated)"), a row, a blank line or a page break.
- A header line gives one cell per column when its cells side by side (Japanese words,
  English words parted at a capital) are as many as the columns, or it falls into that
  many units ("円 銭 円 銭 ％ ％ ％", "Millions of yen % Millions of yen %") or repeats
  ("As of March 31, 2025 As of March 31, 2026"). Other header lines are the pieces of the
  cells of a header row, each cell wrapped over one line or more, in order: they are
  grouped into as many cells as there are columns, or amount columns (a heading over an
  amount and its % change), as evenly as the pieces that plainly go on allow (see
  `_header_rows`). Where the cells stood is lost with the spaces: the grouping is the
  likeliest reading, not a measured one.

`find_tables` returns, like `layout.find_tables`, one Row (or None) per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lang import en
from .layout import Row, bracketed, figure_kind, join_wrapped, rejoin_spaced, text_tokens, wraps_on

__all__ = ["find_tables", "is_raw"]

# A line with this many words before its figures, or a "。", is prose.
PROSE_WORDS = 11
# Lines with a run of two spaces or more between words: under this share of the lines with
# two words or more, a text has no columns (it is raw).
RAW_SHARE = 0.05

_RUN = re.compile(r"\S {2,}\S")
_RANGE_WORDS = frozenset({"to", "～", "〜", "~", "から"})
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_DAY = re.compile(r"[0-9]{1,2},")
# A footnote or note line: prose even when it ends with figures.
_NOTE = re.compile(r"^(?:[(（]注[)）]|注記|注[0-9０-９)）:：]|※|\*\d|Notes?\s*[0-9]*\s*[:：.]|\(Notes?\)|\(\*\)|"
                   r"[(（]参考[)）]|Reference\s*:)", re.I)  # fmt: skip
# A numbered caption or heading: "(1) 連結経営成績", "２．配当の状況", "3. Consolidated …".
_CAPTION = re.compile(r"^(?:[(（][0-9０-９]{1,2}[)）]|[0-9]{1,2}\.(?![0-9])|[0-9０-９]{1,2}[．、]|[①-⑳]|[IVX]+\.)")
# A unit declaration ("(単位：百万円)", "(Millions of yen)", "JPY in millions"): a title.
_UNIT_NOTE = re.compile(r"単位|^[(（](?:百万円|千円|億円)[)）]$|^\((?:millions|thousands|billions) of [a-z. ]+\)$|"
                        r"\bin (?:millions|thousands|billions)\b", re.I)  # fmt: skip
_SENTENCE_END = re.compile(r"[.。!?！？][)）」』\"”]?$")
# Words of a header: periods, units, column words (a line directly above a table's first
# row holding one is a header line, not a section label).
_HEADER_WORDS = re.compile(
    r"[0-9０-９]|年度|期末|期首|月期|百万円|千円|円|銭|％|%|自\b|至\b|"
    r"\b(?:yen|millions?|thousands?|ended|ending|as of|fiscal|year|quarter|months?|total)\b",
    re.I,
)
# Units a header line of units is made of ("円 銭" is one unit: yen and sen).
_UNITS = sorted(
    ("円 銭", "円銭", "百万円", "千円", "億円", "円", "％", "%", "株", "千株", "倍", "人", "名",
     "millions of yen", "thousands of yen", "billions of yen", "millions of u.s. dollars",
     "thousands of u.s. dollars", "yen", "times", "shares", "thousands of shares"),
    key=lambda u: -len(u.split()),
)  # fmt: skip


@dataclass(slots=True)
class _Line:
    label: str
    values: list[str]
    kind: str  # "row" (figures at its end), "label" (words only), "blank", "other" (prose, a lone number)


def is_raw(texts: Sequence[str]) -> bool:
    """Whether a text without tabs has no columns: hardly a line with a run of spaces
    between its words (what `pdftotext -raw` and a copy-paste from a PDF give)."""
    multi = [t for t in texts if len(t.split()) >= 2]
    runs = sum(1 for t in multi if _RUN.search(t.strip()))
    if len(multi) < 2:
        return False
    return runs == 0 if len(multi) < 1 / RAW_SHARE else runs < RAW_SHARE * len(multi)


def _split(text: str) -> _Line:
    words = text.split()
    if not words:
        return _Line("", [], "blank")
    values: list[str] = []
    k = len(words)
    while k > 0:
        w = words[k - 1]
        kind = figure_kind(w)
        if kind is None:
            break
        if kind == "figure" and _YEAR.fullmatch(w) and k >= 2 and _date_before(words[: k - 1]):
            break  # "March 31, 2026": a date in the label
        if kind == "figure" and k >= 3 and words[k - 2] in _RANGE_WORDS and figure_kind(words[k - 3]) == "figure":
            values.insert(0, " ".join(words[k - 3 : k]))
            k -= 3
            continue
        values.insert(0, w)
        k -= 1
    label = " ".join(words[:k])
    units = not values and _as_units(words) is not None
    sentence = "。" in text or (k >= PROSE_WORDS and not units) or bool(_NOTE.match(text.strip()))
    if sentence:
        return _Line(text.strip(), [], "other")
    if values and (label or len(values) >= 2):
        return _Line(label, values, "row")
    if values:
        return _Line(text.strip(), [], "other")  # a number alone: a page number, a mark
    return _Line(label, [], "label")


def _date_before(words: list[str]) -> bool:
    """Whether the words end as a date does before its year ("March 31,", "31,", "March")."""
    last = words[-1]
    if last.rstrip(".,").lower() in en.MONTHS:
        return True
    return bool(_DAY.fullmatch(last))


def find_tables(texts: Sequence[str], pages: Sequence[int]) -> list[Row | None]:
    """For each line, None (prose, blank) or its Row; see the module docstring."""
    lines = [_split(t) for t in texts]
    out: list[Row | None] = [None] * len(lines)
    used = [False] * len(lines)
    number = 0
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].kind != "row" or used[i]:
            i += 1
            continue
        body = [i]
        pending: list[int] = []
        j = i + 1
        while j < n and pages[j] == pages[i]:
            kind = lines[j].kind
            if kind == "row":
                body.extend(pending)
                pending = []
                body.append(j)
            elif kind == "label" and (not _header_like(lines[j]) or _goes_on(lines, j)):
                pending.append(j)
            else:
                break
            j += 1
        rows = _build(lines, body, used, pages)
        if rows is None:
            i += 1
            continue
        for k, (cells, header, merged) in rows.items():
            out[k] = Row(cells, number, header, merged)
            used[k] = True
        number += 1
        i = max(rows) + 1
    return out


def _goes_on(lines: list[_Line], k: int) -> bool:
    """Whether label-only line k goes on in the row under it ("Fiscal year ended" / …)."""
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return nxt is not None and nxt.kind == "row" and bool(nxt.label) and wraps_on(lines[k].label, nxt.label)


def _header_like(line: _Line) -> bool:
    return bool(_HEADER_WORDS.search(line.label))


def _build(
    lines: list[_Line], body: list[int], used: list[bool], pages: Sequence[int]
) -> dict[int, tuple[tuple[str, ...], bool, bool]] | None:
    first = body[0]
    figures = [k for k in body if lines[k].kind == "row"]
    width = max(len(lines[k].values) for k in figures)
    # Lines above the first row: a label going on in it, section labels, then the header.
    above = first - 1
    merged: dict[int, int] = {}
    labels: list[int] = []
    header: list[int] = []
    if above >= 0 and not used[above] and pages[above] == pages[first] and lines[above].kind == "label":
        if wraps_on(lines[above].label, lines[first].label) and lines[first].label:
            merged[above] = first
            above -= 1
    while above >= 0 and not used[above] and pages[above] == pages[first] and lines[above].kind == "label":
        if _header_like(lines[above]):
            break
        labels.insert(0, above)
        above -= 1
    while above >= 0 and not used[above] and pages[above] == pages[first] and lines[above].kind == "label":
        if _title(lines, above, pages):
            break
        header.insert(0, above)
        above -= 1
    if not header:  # no header: section labels above the rows are not the table's
        labels = []
    if len(figures) < 2 and not (header and len(lines[first].values) >= 3):
        return None
    # Label wraps inside the body: a label-only line going on in the row under it.
    rows = sorted(labels + body)
    for a, b in zip(rows, rows[1:]):
        if b == a + 1 and lines[a].kind == "label" and lines[b].kind == "row" and a not in merged:
            if lines[b].label and wraps_on(lines[a].label, lines[b].label):
                merged[a] = b
    result: dict[int, tuple[tuple[str, ...], bool, bool]] = {}
    empty = ("",) * (width + 1)
    head_rows = _header_rows([lines[k].label for k in header], width)
    for k, cells in zip(header, head_rows):
        result[k] = (("", *cells), True, False)
    for k in header[len(head_rows) :]:
        result[k] = (empty, True, True)
    for k in rows:
        line = lines[k]
        if k in merged:
            result[k] = (empty, False, True)
            continue
        label = _unspaced(line.label)
        parts = [a for a, b in merged.items() if b == k]
        for a in sorted(parts, reverse=True):
            label = _join(_unspaced(lines[a].label), label)
        cells = line.values + [""] * (width - len(line.values))
        result[k] = ((label, *cells), False, False)
    for k in merged:
        if k not in result:
            result[k] = (empty, False, True)
    return result


def _unspaced(label: str) -> str:
    """A label with its letter-spaced words rejoined (`合 計` -> `合計`)."""
    tokens = text_tokens(label)
    joined = rejoin_spaced(tokens, 2.0)
    return label if joined == tokens else " ".join(t.text for t in joined)


def _join(a: str, b: str) -> str:
    return join_wrapped(a, b)


def _title(lines: list[_Line], k: int, pages: Sequence[int]) -> bool:
    """Whether a label-only line above a table's header is its title, not a header line."""
    text = lines[k].label
    if _CAPTION.match(text) or _UNIT_NOTE.search(text):
        return True
    if _SENTENCE_END.search(text) and not bracketed(text):
        return True  # the end of a paragraph above the table
    if bracketed(text):  # a note right under a caption or a sentence, not a header word's
        above = k - 1
        return above < 0 or pages[above] != pages[k] or lines[above].kind != "label" or bool(
            _CAPTION.match(lines[above].label)
        )
    return False


def _header_rows(texts: list[str], width: int) -> list[list[str]]:
    """The header rows of a table `width` columns wide from its header lines, top down.

    A line that gives one cell per column (as many words, units or repeats as columns) is a
    row of its own. The other lines are pieces of the cells of a header row, the cells of
    one row set side by side in order, each wrapped over one line or more; a line of two
    cells or more side by side after such pieces starts the next row. The pieces of a row
    are grouped, in order, into as many cells as there are columns, or as there are
    amount columns (the header of an amount and its % change heads the amount): pieces
    that plainly go on (a line opening in lower case or hiragana or with a bracket, a line
    ending in an open word or in hiragana) stay together, side-by-side cells apart, and
    the cells are made as even as can be (the cells of one row wrap over about as many
    lines)."""
    rows: list[tuple[list[str] | None, list[list[str]]]] = []  # (a full row, or None and a run of piece lines)
    run: list[list[str]] = []
    units: list[str] | None = None
    for text in texts:
        full = _full_cells(text, width)
        if full is not None:
            if run:
                rows.append((None, run))
                run = []
            rows.append((full, []))
            if _as_units(text.split()) is not None:
                units = full
            continue
        cells = _side_by_side(text)
        if len(cells) >= 2 and run:
            rows.append((None, run))
            run = []
        run.append(cells)
    if run:
        rows.append((None, run))
    amounts = [c for c, u in enumerate(units or []) if u not in ("%", "％")]
    return [full if full is not None else _resolve(pieces, width, amounts) for full, pieces in rows]


def _full_cells(text: str, width: int) -> list[str] | None:
    words = text.split()
    if len(_side_by_side(text)) == width:
        return _side_by_side(text)
    units = _as_units(words)
    if units is not None and len(units) == width:
        return units
    if width > 1 and len(words) % width == 0:
        size = len(words) // width
        groups = [words[g * size : (g + 1) * size] for g in range(width)]
        shapes = {tuple(re.sub(r"[0-9０-９]+", "#", w) for w in g) for g in groups}
        if len(shapes) == 1:
            return [" ".join(g) for g in groups]
    return None


def _side_by_side(text: str) -> list[str]:
    """The cells of a header line set side by side: Japanese words (a space never parts
    one Japanese header), English words grouped at a capital after a closed word ("Net
    sales Operating profit" -> "Net sales", "Operating profit")."""
    words = text.split()
    if all(_japanese(w) for w in words):
        return words
    cells: list[list[str]] = []
    for w in words:
        prev = cells[-1][-1] if cells else None
        if prev is None or (w[:1].isupper() and prev.lower() not in _OPEN_WORDS and not _japanese(w)) or _japanese(w):
            cells.append([w])
        else:
            cells[-1].append(w)
    return [" ".join(c) for c in cells]


_OPEN_WORDS = frozenset(
    "ended ending of to for and or in from attributable the as at on by with per before after than".split()
)


def _japanese(word: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uff01" <= ch <= "\uff5e" for ch in word)


def _goes_on_piece(a: str, b: str) -> bool:
    """Whether header piece `b` (on the line under `a`) continues the same cell."""
    if b[:1] in "(（" or b[:1].islower() or "\u3040" <= b[:1] <= "\u309f":
        return True
    return wraps_on(a, b)


def _resolve(run: list[list[str]], width: int, amounts: list[int]) -> list[str]:
    """One header row from lines of cell pieces (see _header_rows)."""
    pieces = [(k, p) for k, line in enumerate(run) for p in line]
    # components: pieces that must stay together; joins between them allowed or not
    comps: list[list[str]] = []
    sizes: list[int] = []
    can_join: list[bool] = []  # between comps[i] and comps[i + 1]
    for n, (k, p) in enumerate(pieces):
        if n and pieces[n - 1][0] != k and _goes_on_piece(pieces[n - 1][1], p):
            comps[-1].append(p)
            sizes[-1] += 1
            continue
        if n:
            can_join.append(pieces[n - 1][0] != k)
        comps.append([p])
        sizes.append(1)
    m = len(comps)
    target = next((t for t in (width, len(amounts)) if 1 <= t <= m and _min_groups(can_join) <= t), None)
    if target is None:
        cells = [_joined(c) for c in comps]
        cells = cells[: width - 1] + [" ".join(cells[width - 1 :])] if len(cells) > width else cells
        return cells + [""] * (width - len(cells))
    groups = _even_groups(sizes, can_join, target)
    cells = [_joined([p for c in comps[a:b] for p in c]) for a, b in groups]
    if target == width:
        return cells
    out = [""] * width
    for col, cell in zip(amounts, cells):
        out[col] = cell
    return out


def _joined(parts: list[str]) -> str:
    text = ""
    for p in parts:
        text = join_wrapped(text, p)
    return text


def _min_groups(can_join: list[bool]) -> int:
    return 1 + sum(1 for ok in can_join if not ok)


def _even_groups(sizes: list[int], can_join: list[bool], target: int) -> list[tuple[int, int]]:
    """`target` runs of consecutive components (first, last + 1), never joined where
    `can_join` says no, their sizes (in pieces) as even as can be."""
    m = len(sizes)
    inf = float("inf")
    # best[t][i]: least sum of squared sizes of the first i components in t groups
    best = [[inf] * (m + 1) for _ in range(target + 1)]
    back = [[0] * (m + 1) for _ in range(target + 1)]
    best[0][0] = 0.0
    for t in range(1, target + 1):
        for i in range(1, m + 1):
            size = 0
            for j in range(i - 1, -1, -1):  # the group is components j .. i-1
                size += sizes[j]
                if j < i - 1 and not can_join[j]:
                    break
                cost = best[t - 1][j] + size * size
                if cost <= best[t][i]:  # (ties: the later cells the longer)
                    best[t][i], back[t][i] = cost, j
    groups = []
    i = m
    for t in range(target, 0, -1):
        j = back[t][i]
        groups.append((j, i))
        i = j
    return groups[::-1]


def _as_units(words: list[str]) -> list[str] | None:
    out: list[str] = []
    k = 0
    lower = [w.lower() for w in words]
    while k < len(words):
        for unit in _UNITS:
            parts = unit.split()
            if lower[k : k + len(parts)] == parts:
                out.append(" ".join(words[k : k + len(parts)]))
                k += len(parts)
                break
        else:
            return None
    return out
