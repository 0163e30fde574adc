"""Look Japanese labels up in stacked glossaries: exact key, then lemma key, then fuzzy.

Layers, lowest first: the base layers (taxonomy labels, glossaries/edinet.ja-en.tsv), the
default glossary, the user's own glossary (taiyaku.glossary.paths, when it exists), then house
glossaries (config ``glossaries``, ``--glossary``), later files winning. An English label is
accepted when the entry that matched, or (for a key the house glossaries do not define) a
base-layer entry for the same Japanese, renders it. A house entry (the user glossary's too)
narrows: it replaces every lower layer's renderings for its Japanese key. The base layers are
read only when a label misses the default and house layers or is not accepted by them.

``Glossary.problems`` holds the malformed lines and the conflicting duplicates (see
store.conflicts) of the files the user chose (the user glossary and house glossaries), for the
commands to report. The bundled files are not scanned: they ship clean
(tests/test_glossary_store.py checks them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from ..lang.script import has_japanese
from .keys import en_key, lemma_key, surface_key
from .paths import user_glossary_path
from .store import Entry, GlossaryFile, Problem, conflicts, load

DEFAULT_NAME = "default.ja-en.tsv"
BASE_NAMES = ("edinet.ja-en.tsv",)  # base layers shipped in glossaries/, lowest first
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


def _bundled(name: str) -> Path:
    bundled = Path(__file__).resolve().parent.parent / "glossaries" / name
    if bundled.is_file():
        return bundled
    from importlib import resources  # a package imported from an archive

    return Path(str(resources.files("taiyaku") / "glossaries" / name))


def default_glossary_path() -> Path:
    """The bundled default glossary (glossaries/default.ja-en.tsv, shipped inside the package)."""
    return _bundled(DEFAULT_NAME)


def base_glossary_paths() -> list[Path]:
    """The bundled base layers (taxonomy labels), lowest first."""
    return [_bundled(name) for name in BASE_NAMES]


def _same_file(a: Path, b: str | os.PathLike) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


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
    # Lower-layer entries for the same Japanese, read only when the entry does not accept.
    lower: Callable[[], tuple[Entry, ...]] | None = field(default=None, compare=False, repr=False)

    def accepts(self, en_label: str) -> bool:
        if _renders(self.entry, en_label):
            return True
        lower = self.lower() if self.lower is not None else ()
        return any(_renders(e, en_label) for e in lower if e is not self.entry)


def _renders(entry: Entry, en_label: str) -> bool:
    return any(same_english(en_label, e) for e in (entry.en, *entry.variants))


class Glossary:
    """The effective glossary of one or more files, later files overriding earlier ones."""

    def __init__(
        self,
        files: list[GlossaryFile],
        base: list[Path] | None = None,
        house_from: int | None = None,
        scan_from: int | None = None,
    ):
        """``files`` lowest first; ``base`` the base layers' paths (read lazily); files from
        index ``house_from`` on are house glossaries, whose keys narrow (no base fallback);
        files from index ``scan_from`` on are the user's, whose malformed and conflicting lines
        are collected in ``problems`` for the caller to report."""
        self.files = tuple(files)
        self._base_paths = tuple(base or ())
        by_key: dict[str, Entry] = {}
        self._house: set[str] = set()
        problems: list[Problem] = []
        for i, f in enumerate(files):
            keys = [surface_key(e.ja) for e in f.entries]
            by_key.update(zip(keys, f.entries, strict=True))
            if house_from is not None and i >= house_from:
                self._house.update(keys)
            if scan_from is not None and i >= scan_from:
                problems += sorted((*f.problems, *conflicts(f, keys)), key=lambda p: p.line)
        self.problems = tuple(problems)
        self.entries: tuple[Entry, ...] = tuple(by_key.values())
        self._exact = by_key
        self._keys = list(self._exact)

    @cached_property
    def _base(self) -> dict[str, tuple[Entry, ...]]:
        """The base layers' entries by surface key (read on first need)."""
        index: dict[str, tuple[Entry, ...]] = {}
        for path in self._base_paths:
            for e in load(path).entries:
                key = surface_key(e.ja)
                index[key] = (*index.get(key, ()), e)
        return index

    def _lower(self, key: str) -> Callable[[], tuple[Entry, ...]] | None:
        if not self._base_paths or key in self._house:
            return None
        return lambda: self._base.get(key, ())

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
        """The given files over the bundled default and the user's glossary (when it exists),
        or (``default`` false) the given files alone."""
        users = [load(p) for p in paths]
        if default:
            user = user_glossary_path()
            if user.is_file() and not any(_same_file(user, p) for p in paths):
                users.insert(0, load(user))
        files = [load(default_glossary_path()), *users] if default else users
        base = base_glossary_paths() if default else []
        start = 1 if default else 0
        return cls(files, base=base, house_from=start, scan_from=start)

    def lookup(self, ja_label: str, fuzzy: bool = True) -> Match | None:
        key = surface_key(ja_label)
        if not key:
            return None
        entry = self._exact.get(key)
        if entry is not None:
            return Match(entry, "exact", 1.0, self._lower(key))
        index = self._lemma if has_japanese(ja_label) else self._lemma_latin
        entry = index.get(lemma_key(ja_label))
        if entry is not None:
            return Match(entry, "lemma", 1.0, self._lower(surface_key(entry.ja)))
        if self._base_paths and has_japanese(ja_label):
            base = self._base.get(key)
            if base:
                return Match(base[0], "exact", 1.0, lambda: base)
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
