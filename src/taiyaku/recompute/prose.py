"""Japanese prose figures that agree with no figure of the English prose.

A figure of the Japanese text is said in English when some English prose figure of a
comparable kind agrees with it (paired sentences or not), or a figure written in words in an
English table cell does (the English lays out as a table what the Japanese writes as lines).
For one that is not, a Japanese amount of five significant digits or more whose digits stand
in an English paragraph is the same figure written without its unit or scale ("257,599千円"
against "Y257,599").
"""

from __future__ import annotations

import re

from ..align.sentences import Bounds, FigureIndex, agree, bounds, same_kind
from ..model import Alignment, Document, Mention, ProseUnit, UnmatchedFigure
from ..parse.mentions import AMOUNT, COUNTED, extract

_DIGITS = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
MIN_DIGITS = 5  # fewer significant digits than this match too much by chance
# A counted figure below this may be written in words in English ("three companies").
WORDS_BELOW = 10


def digits_of(m: Mention) -> str:
    """The digits of a figure as written: "257,599" of "257,599千円"."""
    found = _DIGITS.search(m.text)
    return found.group(0) if found else m.text


def unmatched_japanese(alignment: Alignment) -> tuple[UnmatchedFigure, ...]:
    ja, en = alignment.ja, alignment.en
    if ja is None or en is None:
        return ()
    english = FigureIndex([(m, bounds(m.quantity)) for u in en.prose for _, m in u.mentions])
    paired = {(sp.ja.line, mp.ja) for sp in alignment.sentences for mp in sp.mentions if mp.ja and mp.en}
    partner = {sp.ja.line: sp.en for sp in alignment.sentences}
    out: list[UnmatchedFigure] = []
    in_tables: FigureIndex | None = None
    for unit in ja.prose:
        for _, m in unit.mentions:
            if (unit.line, m) in paired:
                continue
            value = m.quantity.value
            if m.kind == COUNTED and m.quantity.scale == 0 and value is not None and -WORDS_BELOW < value < WORDS_BELOW:
                continue
            b = bounds(m.quantity)
            if english.agrees_with(m, b):
                sentence = partner.get(unit.line)
                if sentence is not None and not _near(m, b, sentence, en.prose):
                    found = _first_agreeing(m, b, en.prose)
                    out.append(UnmatchedFigure(unit, m, None, sentence, found))
                continue
            if in_tables is None:
                in_tables = _table_figures(en)
            if in_tables.agrees_with(m, b):
                continue  # the English states it in a table ("180,000 shares (number of voting rights …)")
            out.append(UnmatchedFigure(unit, m, _elsewhere(m, en.paragraphs)))
    return tuple(out)


def _table_figures(doc: Document) -> FigureIndex:
    """The figures written in words in a document's table cells ("¥8,560 million (approximate)",
    "180,000 shares"), read as prose figures are; built only when a figure is looked for there."""
    return FigureIndex([
        (m, bounds(m.quantity))
        for t in doc.tables for r in t.rows for c in r.cells if c.quantity is None
        for m in extract(c.text, doc.lang)
    ])  # fmt: skip


# English prose lines on either side of a paired one that may hold the rest of its sentence.
NEAR_LINES = 1


def _agrees_in(m: Mention, b: Bounds, unit: ProseUnit) -> bool:
    return any(same_kind(m, o) and agree(b, bounds(o.quantity)) for _, o in unit.mentions)


def _near(m: Mention, b: Bounds, sentence: ProseUnit, prose: tuple[ProseUnit, ...]) -> bool:
    """Whether the English says figure `m` in its paired sentence or the lines beside it."""
    k = sentence.index
    return any(_agrees_in(m, b, prose[i]) for i in range(max(0, k - NEAR_LINES), min(len(prose), k + NEAR_LINES + 1)))


def _first_agreeing(m: Mention, b: Bounds, prose: tuple[ProseUnit, ...]) -> int | None:
    return next((u.line for u in prose if _agrees_in(m, b, u)), None)


def _elsewhere(m: Mention, paragraphs) -> tuple[int, str] | None:
    """An English paragraph that writes the digits of amount `m` (without its unit)."""
    digits = digits_of(m)
    if m.kind != AMOUNT or len(digits.replace(",", "").replace(".", "")) < MIN_DIGITS:
        return None
    pattern = re.compile(rf"(?<![0-9,.]){re.escape(digits)}(?![0-9]|,[0-9])")
    for p in paragraphs:
        if pattern.search(p.text):
            return p.line, p.text
    return None
