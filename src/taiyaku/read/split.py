"""Split one file holding both languages into its Japanese and English parts.

The bilingual releases in corpora/ are a Japanese summary followed by the English release.
Each non-blank line is classed by script (Japanese, English prose, or neutral: numbers,
"Appendix 1", e-mail addresses); the split point is the one that puts the most Japanese
lines on one side and the most English lines on the other (a two-segment change point, so a
few English words inside the Japanese part, or tables of figures, do not move it). Both
orders (Japanese first or English first) are tried.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang.script import JAPANESE_RE
from ..model import Lang, Span

_EN_WORD = re.compile(r"[A-Za-z]{2,}")

# A part must have at least this many lines of its own language to count.
MIN_LINES = 5
# ...and at least this share of its classified lines must be of its language.
MIN_PURITY = 0.75


def line_lang(line: str) -> Lang | None:
    """The language a line is written in, or None when it has no words (figures, blanks)."""
    if JAPANESE_RE.search(line):
        return Lang.JA
    words = _EN_WORD.finditer(line)
    if next(words, None) is not None and next(words, None) is not None:  # two words (a long line: stop there)
        return Lang.EN
    return None


def split_languages(lines: Sequence[str]) -> list[Span]:
    """The language parts of a file: one span for a one-language file, two for a bilingual one.

    Spans cover the whole file between them; a file without a single line of words gives [].
    """
    n = len(lines)
    langs = [line_lang(x) for x in lines]
    ja_total = sum(1 for x in langs if x is Lang.JA)
    en_total = sum(1 for x in langs if x is Lang.EN)
    if ja_total + en_total == 0:
        return []

    best: tuple[int, int, Lang, Lang] | None = None  # (score, split index, first, second)
    for first, second in ((Lang.JA, Lang.EN), (Lang.EN, Lang.JA)):
        # score(s) = count(first in lines[:s]) + count(second in lines[s:])
        before_first = 0
        before_second = 0
        second_total = ja_total if second is Lang.JA else en_total
        for s in range(n + 1):
            if s > 0:
                lg = langs[s - 1]
                if lg is first:
                    before_first += 1
                elif lg is second:
                    before_second += 1
            score = before_first + (second_total - before_second)
            if best is None or score > best[0]:
                best = (score, s, first, second)
    assert best is not None
    _, s, first, second = best

    # Move the split back to just after the last line of the first language, so neutral
    # lines between the parts (blank lines, company names) go to the second part.
    k = s
    while k > 0 and langs[k - 1] is not first:
        k -= 1
    if k == 0:
        k = s
    head, tail = langs[:k], langs[k:]
    if _is_part(head, first) and _is_part(tail, second):
        return [Span(first, 1, k), Span(second, k + 1, n)]
    major = Lang.JA if ja_total >= en_total else Lang.EN
    return [Span(major, 1, n)]


def _is_part(langs: list[Lang | None], lang: Lang) -> bool:
    own = sum(1 for x in langs if x is lang)
    other = sum(1 for x in langs if x is not None and x is not lang)
    return own >= MIN_LINES and own / (own + other) >= MIN_PURITY
