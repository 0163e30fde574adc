"""Split a document's paragraphs into sentences, keeping where each one stands.

Japanese sentences end at 。 (or ！？); English ones at ". ", "? ", "! " followed by a capital,
an opening quote or a digit, except after an abbreviation ("Inc.", "U.S.", "e.g.") or an
ellipsis. Decimals ("18.2%", "$3.9 million") never split because no space follows the point.
A leading bullet mark is dropped so that a sentence's text starts at its content; every
paragraph (so every bullet line) is at least one sentence of its own.

The language facts (bullet marks, end marks, abbreviations) live as data in
`taiyaku.lang.ja` and `taiyaku.lang.en`; patterns are compiled once, at import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..lang import en, ja
from ..model import Document, Lang, Paragraph, Sentence
from . import headers

__all__ = ["Sentence", "document_sentences", "split_paragraph"]


# A running header or footer recurs on every page; a line this short seen this often is one.
RUNNING_HEADER_MAX_CHARS = 60
RUNNING_HEADER_MIN_COUNT = 3
# A table that lost its tabs reads as one long line of figures: this many, this dense.
FLATTENED_TABLE_MIN_FIGURES = 20
FLATTENED_TABLE_MIN_SHARE = 0.3
_FIGURE_TOKEN_RE = re.compile(r"[(▲△-]?[0-9][0-9,.]*\)?%?$")

# A hyphen opens a bullet only when no digit follows it (else it is a minus sign).
_HYPHENS = frozenset("-－‐")


def _class(marks: Iterable[str]) -> str:
    """A regex character class of single-character `marks`."""
    return "[" + "".join(re.escape(m) for m in marks) + "]"


_JA_PLAIN_BULLETS = _class(m for m in ja.BULLET_MARKS if m not in _HYPHENS)
_JA_HYPHEN_BULLETS = _class(m for m in ja.BULLET_MARKS if m in _HYPHENS)
_JA_BULLET_RE = re.compile(
    rf"^(?:\s*(?:{_JA_PLAIN_BULLETS}|{_JA_HYPHEN_BULLETS}(?![0-9０-９])))+\s*"
)
_EN_BULLET_RE = re.compile(rf"^(?:\s*{_class(en.BULLET_MARKS)}(?=\s))+\s*")
_JA_END_RE = re.compile(
    f"{_class(ja.SENTENCE_END_MARKS)}+{_class(ja.SENTENCE_CLOSERS)}*"
)
# A candidate English boundary: end marks, closing quotes/brackets, space, then what may open
# a sentence. Whether it really is one is decided by `_ends_english_sentence`.
_EN_END_RE = re.compile(r"[.?!]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9$¥])")
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_INITIAL_RE = re.compile(r"[A-Z]\.")
_OPENERS = "\"“‘'(["
_CAPTION_WORDS = frozenset(en.CAPTION_WORDS)


def split_paragraph(p: Paragraph, lang: Lang) -> tuple[Sentence, ...]:
    """The sentences of one paragraph, numbered from 0 within it."""
    text = p.text
    bullet = (_JA_BULLET_RE if lang is Lang.JA else _EN_BULLET_RE).match(text)
    offset = bullet.end() if bullet else 0
    ends = (
        _japanese_ends(text, offset) if lang is Lang.JA else _english_ends(text, offset)
    )
    out: list[Sentence] = []
    start = offset
    for end in (*ends, len(text)):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + (len(piece) - len(piece.lstrip()))
            out.append(Sentence(stripped, p.line, first, lang, len(out)))
        start = end
    return tuple(out)


def document_sentences(doc: Document) -> tuple[Sentence, ...]:
    """Every sentence of the document's paragraphs, in order, numbered from 0.

    Lines that are not prose are skipped: page furniture ("Page 5", "- 3 -"), lines with no
    letter, kana or kanji, short lines repeated on every page (running headers such as the
    company name or the release date), and tables flattened into one line of figures.
    """
    counts = Counter(p.text for p in doc.paragraphs)
    out: list[Sentence] = []
    for p in doc.paragraphs:
        if not _is_prose(p.text, counts[p.text]):
            continue
        for s in split_paragraph(p, doc.lang):
            out.append(Sentence(s.text, s.line, s.start, s.lang, len(out)))
    return tuple(out)


def _is_prose(text: str, count: int) -> bool:
    """`text` is a paragraph seen `count` times in its document."""
    if headers.is_furniture(text) or not any(ch.isalpha() for ch in text):
        return False
    if count >= RUNNING_HEADER_MIN_COUNT and len(text) <= RUNNING_HEADER_MAX_CHARS:
        return False
    return not _is_flattened_table(text)


def _is_flattened_table(text: str) -> bool:
    tokens = text.split()
    figures = sum(1 for t in tokens if _FIGURE_TOKEN_RE.match(t))
    return (
        figures >= FLATTENED_TABLE_MIN_FIGURES
        and figures >= FLATTENED_TABLE_MIN_SHARE * len(tokens)
    )


def _japanese_ends(text: str, offset: int) -> list[int]:
    """Offsets just past each Japanese sentence end (end mark plus closing brackets).

    An end mark inside brackets (「好調です。」と述べた) belongs to a quotation and does not
    end the sentence around it.
    """
    out = []
    start = offset
    for m in _JA_END_RE.finditer(text, offset):
        if _bracket_depth(text, start, m.start()) > 0:
            continue
        out.append(m.end())
        start = m.end()
    return out


def _bracket_depth(text: str, start: int, end: int) -> int:
    """How many brackets are open in text[start:end]."""
    depth = 0
    for ch in text[start:end]:
        if ch in ja.OPENING_BRACKETS:
            depth += 1
        elif ch in ja.SENTENCE_CLOSERS and depth:
            depth -= 1
    return depth


def _english_ends(text: str, offset: int) -> list[int]:
    """Offsets just past each English sentence end (the space after it excluded)."""
    out = []
    for m in _EN_END_RE.finditer(text, offset):
        if _ends_english_sentence(text, m.start(), m.group()):
            out.append(m.start() + len(m.group().rstrip()))
    return out


def _ends_english_sentence(text: str, at: int, mark: str) -> bool:
    """Whether the end mark(s) `mark` found at `at` close a sentence."""
    marks = mark.rstrip().rstrip("\"”’')]")
    if marks.count(".") > 1:
        return False  # an ellipsis "..." trails off; it does not end the sentence
    if marks != ".":
        return True  # "?" or "!"
    words = text[: at + 1].rsplit(None, 2)
    word = words[-1].lstrip(_OPENERS)
    if word == ".":
        return False  # a spaced ellipsis ". . ."
    if len(words) > 1 and word[:-1].isdigit() and words[-2] in _CAPTION_WORDS:
        return False  # "Table 1. Number of Contracts": a numbered caption
    return not _is_abbreviation(word)


def _is_abbreviation(word: str) -> bool:
    """`word` ends with its full stop: "Inc.", "U.S.", "e.g.", "J."."""
    return (
        word.lower() in en.SENTENCE_ABBREVIATIONS
        or _INITIALISM_RE.fullmatch(word) is not None
        or _INITIAL_RE.fullmatch(word) is not None
    )
