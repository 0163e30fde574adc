"""How alike a Japanese row label and an English row label are.

Without a glossary only the Latin text inside a Japanese label can be compared
("Adjusted EBITDA", "64kbps - 128kbps", "IP サービス"); a glossary (see taiyaku.glossary)
supplies the English a Japanese account label should have.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from ..glossary.lookup import Glossary, Match

LabelScorer = Callable[[str, str], "float | None"]

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .+/&\-]*")
_DASHES = str.maketrans({"–": "-", "—": "-", "―": "-", "−": "-"})


@lru_cache(maxsize=4096)
def normalise_en(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).lower().split())


def latin_part(text: str) -> str:
    return " ".join(m.group(0).strip() for m in _LATIN.finditer(unicodedata.normalize("NFKC", text)))


def default_label_scorer(ja_label: str, en_label: str) -> float | None:
    """Fuzzy similarity of the Latin text in the Japanese label, if it has enough of it."""
    latin = latin_part(ja_label)
    if len(latin.replace(" ", "")) < 3:
        return None
    return fuzz.token_set_ratio(normalise_en(latin), normalise_en(en_label)) / 100.0


def glossary_scorer(glossary: Glossary) -> LabelScorer:
    """Score a label pair by how close the English is to the glossary's English (or its
    variants) for the Japanese label; labels the glossary lacks fall back to the default."""
    cache: dict[str, Match | None] = {}

    def score(ja_label: str, en_label: str) -> float | None:
        if ja_label not in cache:
            cache[ja_label] = glossary.lookup(ja_label)
        match = cache[ja_label]
        if match is None:
            return default_label_scorer(ja_label, en_label)
        target = normalise_en(en_label)
        best = max(
            fuzz.ratio(normalise_en(text), target) for text in (match.entry.en, *match.entry.variants)
        )
        return best / 100.0 * match.score

    return score
