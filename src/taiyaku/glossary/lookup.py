"""Look Japanese labels up in stacked glossaries: exact key, then lemma key, then fuzzy.

Several glossary files stack: a later file (a company's house glossary) wins over an
earlier one (the default) for the same key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from ..lang.script import has_japanese
from .keys import en_key, lemma_key, surface_key
from .store import Entry, GlossaryFile, load

DEFAULT_NAME = "default.ja-en.tsv"
FUZZY_THRESHOLD = 85.0  # rapidfuzz ratio (0-100) a fuzzy match needs
# Plural endings: "losses" -> "loss", "liabilities" -> "liability", "taxes" -> "tax", "sales"
# -> "sale" (both sides lose it alike).
_PLURAL = re.compile(r"(?<=[a-z])(?:(?<=ss)es|(?<=[xz])es|(?<=[cs]h)es|(?<!s)s)\b")
_PLURAL_IES = re.compile(r"(?<=[a-z])ies\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PAREN = re.compile(r"\([^()]*\)")
# Words that follow the sign of the figure, not the concept.
_DIRECTION = re.compile(
    r"\b(provided by|used in|income|loss|losses|gain|gains|profit|increase|decrease)\b"
)


def default_glossary_path() -> Path:
    """The bundled default glossary (glossaries/default.ja-en.tsv, shipped inside the package)."""
    bundled = Path(__file__).resolve().parent.parent / "glossaries" / DEFAULT_NAME
    if bundled.is_file():
        return bundled
    from importlib import resources  # a package imported from an archive

    return Path(str(resources.files("taiyaku") / "glossaries" / DEFAULT_NAME))


def _plain(text: str) -> str:
    return _NON_ALNUM.sub("", _PLURAL.sub("", _PLURAL_IES.sub("y", text)))


def same_english(a: str, b: str) -> bool:
    """Two English labels that differ only in case, spacing, punctuation or a plural "s"."""
    return _plain(en_key(a)) == _plain(en_key(b))


def term_key(en_label: str) -> str:
    """An English label without its sign-dependent wording, for consistency checks.

    US GAAP labels change with the sign of the figure ("Net cash provided by (used in)
    financing activities" / "Net cash used in financing activities", "Income tax expense
    (benefit)", "net (loss) income" / "net loss"): those are one term. "…of equity method investees" / "…of affiliated
    companies" are not.
    """
    text = _DIRECTION.sub(" ", _PAREN.sub(" ", en_key(en_label)))
    return _plain(text)


@dataclass(frozen=True)
class Match:
    entry: Entry
    how: str  # "exact", "lemma" or "fuzzy"
    score: float  # 1.0 for exact and lemma matches, the fuzzy ratio / 100 otherwise

    def accepts(self, en_label: str) -> bool:
        return any(same_english(en_label, e) for e in (self.entry.en, *self.entry.variants))


class Glossary:
    """The effective glossary of one or more files, later files overriding earlier ones."""

    def __init__(self, files: list[GlossaryFile]):
        self.files = tuple(files)
        by_key: dict[str, Entry] = {}
        for f in files:
            for e in f.entries:
                by_key[surface_key(e.ja)] = e
        self.entries: tuple[Entry, ...] = tuple(by_key.values())
        self._exact = by_key
        self._keys = list(self._exact)

    @cached_property
    def _lemma(self) -> dict[str, Entry]:
        """Entries by the lemma key of their Japanese (tagged on the first lookup that needs it)."""
        return self._lemmas(self.entries)

    @cached_property
    def _lemma_latin(self) -> dict[str, Entry]:
        """The same for entries without Japanese script: the only ones a label without
        Japanese script ("Adjusted EBITDA", "64kbps - 128kbps") can meet by lemma, since a
        kana or kanji word's lemma is written in kana or kanji too."""
        return self._lemmas(tuple(e for e in self.entries if not has_japanese(e.ja)))

    @staticmethod
    def _lemmas(entries: tuple[Entry, ...]) -> dict[str, Entry]:
        lemma: dict[str, Entry] = {}
        for e in entries:  # in file order, so a later file wins here too
            lemma[lemma_key(e.ja)] = e
        return lemma

    @cached_property
    def _english(self) -> dict[str, list[Entry]]:
        english: dict[str, list[Entry]] = {}
        for e in self.entries:
            for key in dict.fromkeys(en_key(text) for text in (e.en, *e.variants)):
                english.setdefault(key, []).append(e)
        return english

    @classmethod
    def from_paths(cls, paths: list[str | os.PathLike], default: bool = True) -> Glossary:
        files = [load(default_glossary_path())] if default else []
        files += [load(p) for p in paths]
        return cls(files)

    def lookup(self, ja_label: str, fuzzy: bool = True) -> Match | None:
        key = surface_key(ja_label)
        if not key:
            return None
        entry = self._exact.get(key)
        if entry is not None:
            return Match(entry, "exact", 1.0)
        index = self._lemma if has_japanese(ja_label) else self._lemma_latin
        entry = index.get(lemma_key(ja_label))
        if entry is not None:
            return Match(entry, "lemma", 1.0)
        if fuzzy:
            near = self.nearest(ja_label, 1)
            if near and near[0].score * 100 >= FUZZY_THRESHOLD:
                return near[0]
        return None

    def nearest(self, ja_label: str, limit: int = 3) -> list[Match]:
        if not self._keys:
            return []
        found = process.extract(surface_key(ja_label), self._keys, scorer=fuzz.ratio, limit=limit)
        return [Match(self._exact[k], "fuzzy", round(score / 100, 3)) for k, score, _ in found]

    def by_english(self, en_label: str) -> list[Entry]:
        """Entries whose English or one of its variants is this label (the reverse index)."""
        return list(self._english.get(en_key(en_label), ()))

    def __len__(self) -> int:
        return len(self.entries)
