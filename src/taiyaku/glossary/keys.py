"""Normalised keys for glossary labels.

- surface key: NFKC (full/half width), footnote marks and markup removed, all spacing
  removed, Latin lower-cased: "専用線接続サービス ⁽²⁾" and "専用線接続サービス(2)" meet.
- lemma key (Japanese): the surface key re-spelled as the UniDic lemmas fugashi finds, so
  that spelling variants meet: 借り入れ金 / 借入金, および / 及び.
- English key: NFKC, dashes unified, lower case, spacing collapsed.

The tagger is created once per process, on first use.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache

from ..parse.numbers import strip_label_footnotes

_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "―": "-", "−": "-", "‐": "-"})
# Tokens that carry no meaning for a key: punctuation, symbols, spaces.
_SKIP_POS = {"補助記号", "空白"}

_tagger = None


def tagger():
    """The process-wide fugashi Tagger (UniDic Lite)."""
    global _tagger
    if _tagger is None:
        import fugashi

        _tagger = fugashi.Tagger()
    return _tagger


# What strip_label_footnotes can remove (markup, marks, escapes); a label with none of these
# skips it (the 3,041 base-layer labels are keyed in a third of the time).
_MARKED = re.compile(r"[()（）※*＊^<>\\⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]")


def surface_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label) if _MARKED.search(label) else label.strip())
    text = text.translate(_DASHES)
    text = text.rstrip(":：")
    return _SPACE.sub("", text).lower()


# UniDic features, comma-separated: pos1 is the first, lemma the eighth (unknown words carry
# fewer fields and no lemma). Reading the raw string is much cheaper than fugashi's
# named-tuple view of all 26 fields.
_POS1, _LEMMA = 0, 7


def _fields(raw: str) -> list[str]:
    return next(csv.reader([raw])) if '"' in raw else raw.split(",")


def _lemma(surface: str, fields: list[str]) -> str:
    lemma = fields[_LEMMA] if len(fields) > _LEMMA else ""
    if not lemma or lemma == "*":
        return surface
    # UniDic writes loanword lemmas with their origin: "サービス-service". Keep the kana.
    if "-" in lemma and not lemma.startswith("-"):
        lemma = lemma.split("-", 1)[0]
    return lemma


@lru_cache(maxsize=4096)
def tokens(label: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, lemma, part of speech) for each token of a normalised label."""
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label)).translate(_DASHES)
    out = []
    for w in tagger()(text):
        fields = _fields(w.feature_raw)
        pos1 = fields[_POS1] if fields and fields[_POS1] != "*" else ""
        out.append((w.surface, _lemma(w.surface, fields), pos1))
    return tuple(out)


@lru_cache(maxsize=4096)
def lemma_key(label: str) -> str:
    parts = [lemma for surface, lemma, pos in tokens(label) if pos not in _SKIP_POS]
    return "".join(parts).lower()


def en_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label)).translate(_DASHES)
    return " ".join(text.rstrip(":").lower().split())
