"""Which characters are Japanese script, from the ranges in taiyaku.lang.ja (one definition
for every stage: splitting a file by language, label checks, glossary coverage, prose)."""

from __future__ import annotations

import re

from . import ja


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


JAPANESE_CLASS = _char_class(ja.SCRIPT_RANGES)
JAPANESE_RE = re.compile(JAPANESE_CLASS)
_WORD_RANGES = ja.WORD_SCRIPT_RANGES


def has_japanese(text: str) -> bool:
    """Whether `text` holds at least one kana or kanji."""
    return JAPANESE_RE.search(text) is not None


def continues_word(ch: str) -> bool:
    """Kanji or katakana: a character that continues a Japanese compound word."""
    o = ord(ch)
    return any(a <= o <= b for a, b in _WORD_RANGES)
