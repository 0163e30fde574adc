"""What table headers and title lines say: column kinds, units, captions, furniture (the
periods they name: periods.header_period).

Language facts are kept as data (the pattern tables below); the functions only apply them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import en, ja

# Column kinds, tested on a column's own header texts in this order. Group headings such as
# "Year-over-year Comparison" / 前年同四半期比較 carry no "%" or "Chg" and so set no kind.
COLUMN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("yoy", re.compile(r"(YOY|YoY|Year-over-year)\s*Chg|対前年.*%|前年同.*%|対前年通期", re.I)),
    ("qoq", re.compile(r"(QOQ|Q0Q)\s*Chg|対前四半期\s*%|対前期\s*%", re.I)),
    ("share", re.compile(r"% of Total|対営業収益|対総資産|構成比|^\s*%\s*$", re.I)),
    ("usd", re.compile(r"\bUSD\b|US\$|千米ドル|米ドル", re.I)),
    ("jpy", re.compile(r"\bJPY\b|千円|百万円|円", re.I)),
)

# Unit declarations: (pattern, power of ten). First match wins, so longer phrases come first.
UNIT_DECLARATIONS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"Hundreds? of millions of (Japanese )?Yen|(?<!十)億円", re.I), 8),
    (re.compile(r"Thousands of (Japanese )?Yen|JPY in thousands|千円", re.I), 3),
    (re.compile(r"Millions of (Japanese )?Yen|JPY in millions|百万円", re.I), 6),
    (re.compile(r"Billions of (Japanese )?Yen|JPY in billions|十億円", re.I), 9),
)

# Captions: numbered ones first (表 1. / Table 1. / Appendix 1), then statement titles.
NUMBERED_CAPTION = re.compile(r"^\s*(表|Table|Appendix|別表|添付資料)\s*(\d+)\b\.?", re.I)
STATEMENT_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("operations", re.compile(r"損益計算書|STATEMENTS? OF (OPERATIONS|INCOME)", re.I)),
    ("balance", re.compile(r"貸借対照表|BALANCE SHEETS?|FINANCIAL POSITION", re.I)),
    ("cashflow", re.compile(r"キャッシュ・?フロー計算書|STATEMENTS? OF CASH FLOWS?", re.I)),
)
_CAPTION_KIND = {"表": "table", "table": "table", "appendix": "appendix", "別表": "appendix",
                 "添付資料": "appendix"}  # fmt: skip

# Lines that stand between tables but belong to no table: footnotes and page furniture.
_FOOTNOTE = re.compile(r"^\s*(⁽|\^|\(\*\)|\*|※|注記|注\s*\d|[(（]注[)）]|Note\b|\(\d\)\s)", re.I)
_FURNITURE = re.compile(r"^\s*(Page\s+\d+|-\s*\d+\s*-|\d+)\s*$", re.I)


def column_kind(texts: list[str] | tuple[str, ...]) -> str | None:
    return _column_kind(tuple(texts))


@lru_cache(maxsize=4096)  # column headers repeat across tables and columns
def _column_kind(texts: tuple[str, ...]) -> str | None:
    for kind, pattern in COLUMN_KINDS:
        if any(pattern.search(t) for t in texts if t):
            return kind
    return None


@lru_cache(maxsize=4096)
def unit_scale(text: str) -> int | None:
    """The unit a title line declares ("(単位:百万円)", "JPY in millions"); a figure with a
    unit ("売上高は15億円") is prose, not a declaration."""
    for pattern, scale in UNIT_DECLARATIONS:
        for m in pattern.finditer(text):
            before = text[: m.start()].rstrip()
            if not (before and before[-1] in "0123456789０１２３４５６７８９,."):
                return scale
    return None


def caption_number(text: str) -> tuple[str, int] | None:
    """("table", 1) for "表 1. 契約数" or "Table 1. Number of Contracts"; ("appendix", 2)."""
    m = NUMBERED_CAPTION.match(text)
    if not m:
        return None
    return _CAPTION_KIND[m.group(1).lower() if m.group(1).isascii() else m.group(1)], int(m.group(2))


def statement_kind(text: str) -> str | None:
    for kind, pattern in STATEMENT_TITLES:
        if pattern.search(text):
            return kind
    return None


_GROUP_HEADING = re.compile(r"比較|Comparison", re.I)


@lru_cache(maxsize=4096)
def is_group_heading(text: str) -> bool:
    """A header that spans several columns to group them ("Year-over-year Comparison")."""
    return bool(_GROUP_HEADING.search(text))


def is_footnote(text: str) -> bool:
    """A footnote line ("(注) …", "*1 …", "(2) Includes the effect of …"); a numbered heading
    such as "(1) 連結貸借対照表", "(2) Major shareholders" or "(1) 連結経営成績 (％表示は対前期
    増減率)" is not one: it names a statement, or it is short and no sentence."""
    if not _FOOTNOTE.match(text):
        return False
    if not _NUMBERED_HEADING.match(text):
        return True
    return statement_kind(text) is None and not reads_as_heading(text)


def reads_as_heading(text: str) -> bool:
    """A numbered line reads as a heading, not as a note or an item of a list: it is short
    and does not end as a sentence ("(2) Major shareholders", not "(1) Includes … ."). """
    body = " ".join(text.split())
    return len(body) <= MAX_NUMBERED_HEADING_CHARS and not body.endswith((".", "。", ".)", "。）"))


def is_section_heading(text: str) -> bool:
    """A top-level numbered heading ("1. 2026年３月期の連結業績", "２．配当の状況", "3. Forecasts"):
    what stands above it belongs to the section before (or the cover), not to a table below."""
    item = item_number(text)
    return item is not None and item[0] == "dot" and reads_as_heading(text)


# "(1) 連結貸借対照表": a numbered item; a heading when short and no sentence.
_NUMBERED_HEADING = re.compile(r"^\s*[(（]\d{1,2}[)）]\s*\S")
MAX_NUMBERED_HEADING_CHARS = 120
_CORNER = frozenset(w.lower() for w in (*ja.CORNER_LABELS, *en.CORNER_LABELS))


def is_corner_label(text: str) -> bool:
    """The corner cell of a header row: 科目, 区分, "Item"."""
    return text.strip().strip("()（）[]").lower() in _CORNER


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(text))


# The number of a numbered heading or item, written before its text: "(1) 名称", "（２）所在地",
# "3. Schedule", "１．2026年3月期の連結業績" (a point before a space, a letter or a year: "1.5倍"
# and "１．５倍" are figures), "① 営業活動".
_ITEM_NUMBER = re.compile(
    r"^\s*(?:[(（](?P<paren>[0-9０-９]{1,2})[)）]|(?P<dot>[0-9０-９]{1,2})[.．](?:\s|(?![0-9０-９])|(?=[0-9０-９]{4}))"
    r"|(?P<circled>[①-⑳]))\s*(?=\S)"
)


def item_number(label: str) -> tuple[str, int] | None:
    """The style and number of a numbered heading, item or row label ("(1) 名称" -> ("paren",
    1), "２．配当の状況" -> ("dot", 2)), if it has one."""
    m = _ITEM_NUMBER.match(label)
    if m is None:
        return None
    if m.group("circled"):
        return "circled", ord(m.group("circled")) - ord("①") + 1
    style = "paren" if m.group("paren") else "dot"
    return style, int(m.group(style).translate(_DIGITS))


def show_item(style: str, n: int) -> str:
    """An item number as written: ("paren", 3) -> "(3)", ("dot", 2) -> "2.", ("circled", 1) -> "①"."""
    return {"paren": f"({n})", "dot": f"{n}.", "circled": chr(ord("①") + n - 1)}[style]


def without_item_number(label: str) -> str:
    """A row label without the number of its item ("(1) 名称" -> "名称"); never empty."""
    m = _ITEM_NUMBER.match(label)
    return label[m.end() :] if m is not None and label[m.end() :].strip() else label


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
