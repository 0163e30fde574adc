"""Normalised keys for glossary labels.

- surface key: NFKC (full/half width), footnote marks and markup removed, all spacing
  removed, Latin lower-cased: "専用線接続サービス ⁽²⁾" and "専用線接続サービス(2)" meet.
- lemma key (Japanese): the surface key re-spelled as the UniDic lemmas fugashi finds, so
  that spelling variants meet: 借り入れ金 / 借入金, および / 及び.
- English key: NFKC, dashes unified, lower case, spacing collapsed.

The tagger is created once per process, on first use.
"""

from __future__ import annotations

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


def surface_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label))
    text = text.translate(_DASHES)
    text = text.rstrip(":：")
    return _SPACE.sub("", text).lower()


def _lemma(word) -> str:
    lemma = getattr(word.feature, "lemma", None)
    if not lemma or lemma == "*":
        return word.surface
    # UniDic writes loanword lemmas with their origin: "サービス-service". Keep the kana.
    if "-" in lemma and not lemma.startswith("-"):
        lemma = lemma.split("-", 1)[0]
    return lemma


@lru_cache(maxsize=4096)
def tokens(label: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, lemma, part of speech) for each token of a normalised label."""
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label)).translate(_DASHES)
    return tuple((w.surface, _lemma(w), w.feature.pos1 or "") for w in tagger()(text))


@lru_cache(maxsize=4096)
def lemma_key(label: str) -> str:
    parts = [lemma for surface, lemma, pos in tokens(label) if pos not in _SKIP_POS]
    return "".join(parts).lower()


def en_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", strip_label_footnotes(label)).translate(_DASHES)
    return " ".join(text.rstrip(":").lower().split())
