"""The Python API: what the CLI, the tests and other programs call.

    >>> from taiyaku import api
    >>> report = api.check("corpora/iij-2003-05-fy2002q4.ja-en.txt")
    >>> report.summary
    {'error': ..., 'warning': ..., 'info': ...}
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .align.labels import glossary_scorer
from .align.sentences import align_sentences
from .align.tables import align_documents
from .checks.base import CheckContext, run_rules
from .errors import InputError
from .glossary.lookup import Glossary
from .io.decode import read_source
from .io.split import split_languages
from .io.text import parse_document
from .model import Alignment, Convention, Document, Finding, Input, Lang, Severity


@dataclass(frozen=True)
class Report:
    inputs: tuple[Input, ...]
    findings: tuple[Finding, ...]
    alignment: Alignment

    @property
    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def load(path: str | os.PathLike, en_path: str | os.PathLike | None = None, single: bool = False):
    """Read the input(s) and return (japanese Document, english Document, inputs).

    With one path, the file must hold both languages; with two, the first is the Japanese
    and the second the English. With `single`, a one-path file in one language is accepted
    too and the missing side is None. Raises InputError with a one-line reason otherwise.
    """
    if en_path is None:
        src = read_source(path)
        spans = split_languages(src.lines)
        by_lang = {s.lang: s for s in spans}
        if single and len(by_lang) == 1:
            (lang, span), = by_lang.items()
            doc = parse_document(src.path, src.lines, span)
            ja_doc, en_doc = (doc, None) if lang is Lang.JA else (None, doc)
            return ja_doc, en_doc, (Input(src.path, lang.value),)
        if Lang.JA not in by_lang:
            raise InputError(
                f"{src.path}: no Japanese part found (the file is English only); "
                "give the Japanese version first: taiyaku check JA_FILE EN_FILE"
            )
        if Lang.EN not in by_lang:
            raise InputError(
                f"{src.path}: no English part found; give the English translation as a second file"
            )
        ja = parse_document(src.path, src.lines, by_lang[Lang.JA])
        en = parse_document(src.path, src.lines, by_lang[Lang.EN])
        return ja, en, (Input(src.path, "ja+en"),)

    ja_src, en_src = read_source(path), read_source(en_path)
    ja_doc = _single(ja_src, Lang.JA)
    en_doc = _single(en_src, Lang.EN)
    return ja_doc, en_doc, (Input(ja_src.path, "ja"), Input(en_src.path, "en"))


def japanese_part(path: str | os.PathLike) -> Document:
    """The Japanese part of a file (bilingual or Japanese only), parsed."""
    return _single(read_source(path), Lang.JA)


def _single(src, lang: Lang) -> Document:
    """The part of `src` in `lang` (the whole file when it is in one language)."""
    span = next((s for s in split_languages(src.lines) if s.lang is lang), None)
    if span is None:
        which = "Japanese" if lang is Lang.JA else "English"
        raise InputError(f"{src.path}: no {which} text found (expected the {which} version here)")
    return parse_document(src.path, src.lines, span)


def load_glossary(paths: list[str | os.PathLike] | None = None, default: bool = True) -> Glossary:
    """The default glossary with the given files stacked over it (later files win)."""
    return Glossary.from_paths(list(paths or []), default=default)


def align(
    path: str | os.PathLike,
    en_path: str | os.PathLike | None = None,
    glossary: Glossary | None = None,
) -> tuple[Alignment, tuple[Input, ...]]:
    ja, en, inputs = load(path, en_path)
    scorer = glossary_scorer(glossary) if glossary is not None else None
    return _align(ja, en, scorer), inputs


def _align(ja: Document, en: Document, scorer) -> Alignment:
    """Tables, columns and rows, then prose lines."""
    return replace(align_documents(ja, en, scorer), sentences=align_sentences(ja, en))


def check(
    path: str | os.PathLike,
    en_path: str | os.PathLike | None = None,
    select: set[str] | None = None,
    glossary: Glossary | None = None,
    convention: Convention | None = None,
) -> Report:
    """Align the two versions and run every check (or the codes in `select`).

    A single file in one language (English only or Japanese only) is checked on its own:
    the arithmetic rules run, the cross-language ones have nothing to compare.
    `glossary` defaults to the bundled default glossary; pass load_glossary([...]) to stack
    house glossaries over it. `convention` (round / truncate) overrides what the documents
    declare (百万円未満切捨て).
    """
    glossary = glossary if glossary is not None else load_glossary()
    ja, en, inputs = load(path, en_path, single=True)
    if ja is not None and en is not None:
        alignment = _align(ja, en, glossary_scorer(glossary))
    else:
        alignment = Alignment(ja, en, ())
    # With no entries at all there is nothing to check labels against: the glossary rules
    # stay silent instead of calling every label unknown.
    ctx = CheckContext(alignment, glossary if len(glossary) else None, convention)
    findings = tuple(run_rules(ctx, select))
    return Report(inputs, findings, alignment)
