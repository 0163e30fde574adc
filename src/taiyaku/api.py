"""The Python API: what the CLI, the tests and other programs call.

    >>> from taiyaku import api
    >>> report = api.check("corpora/iij-2003-05-fy2002q4.ja-en.txt")
    >>> report.summary
    {'error': ..., 'warning': ..., 'info': ...}

The pipeline, stage by stage: read (bytes -> Source) -> split (a bilingual source -> its
language parts) -> parse (-> Documents) -> align (-> Alignment) -> recompute (->
Recomputation) -> check (-> Findings) -> Report. Options (taiyaku.options.Options) apply to
the whole run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple

from .errors import InputError
from .glossary.lookup import Glossary
from .model import Alignment, Document, Input, Lang, Report, Source, Span
from .options import Options

__all__ = ["Options", "align", "check", "japanese_part", "load", "load_glossary", "show", "unchecked"]

PathLike = str | os.PathLike[str]


class Loaded(NamedTuple):
    """The parsed documents of a run (either may be None for a one-language file)."""

    ja: Document | None
    en: Document | None
    inputs: tuple[Input, ...]


def load(path: PathLike, en_path: PathLike | None = None, single: bool = False,
         options: Options | None = None) -> Loaded:  # fmt: skip
    """Read, split and parse the input(s).

    With one path, the file must hold both languages; with two, the first is the Japanese
    and the second the English. With `single`, a one-path file in one language is accepted
    too and the missing side is None. Raises InputError with a one-line reason otherwise.
    """
    from .parse import parse_documents
    from .read import read, split_languages

    fy = options.fy_end_month if options is not None else None
    if en_path is None:
        src = read(path)
        spans = split_languages(src.texts)
        by_lang = {s.lang: s for s in spans}
        if single and len(by_lang) == 1:
            ((lang, span),) = by_lang.items()
            (doc,) = parse_documents([(src, span)], fy)
            return Loaded(doc if lang is Lang.JA else None, doc if lang is Lang.EN else None,
                          (Input(src.path, lang.value, src.format),))  # fmt: skip
        if Lang.JA not in by_lang:
            raise InputError(
                f"{src.path}: no Japanese part found (the file is English only); "
                "give the Japanese version first: taiyaku check JA_FILE EN_FILE"
            )
        if Lang.EN not in by_lang:
            raise InputError(f"{src.path}: no English part found; give the English translation as a second file")
        ja, en = parse_documents([(src, by_lang[Lang.JA]), (src, by_lang[Lang.EN])], fy)
        return Loaded(ja, en, (Input(src.path, "ja+en", src.format),))

    ja_src, en_src = read(path), read(en_path)
    ja, en = parse_documents([(ja_src, _part(ja_src, Lang.JA)), (en_src, _part(en_src, Lang.EN))], fy)
    return Loaded(ja, en, (Input(ja_src.path, "ja", ja_src.format), Input(en_src.path, "en", en_src.format)))


def japanese_part(path: PathLike) -> Document:
    """The Japanese part of a file (bilingual or Japanese only), parsed."""
    from .parse import parse
    from .read import read

    src = read(path)
    return parse(src, _part(src, Lang.JA))


def _part(src: Source, lang: Lang) -> Span:
    """The span of `src` in `lang` (the whole file when it is in one language)."""
    from .read import split_languages

    span = next((s for s in split_languages(src.texts) if s.lang is lang), None)
    if span is None:
        which = "Japanese" if lang is Lang.JA else "English"
        raise InputError(f"{src.path}: no {which} text found (expected the {which} version here)")
    return span


def load_glossary(paths: Sequence[PathLike] | None = None, default: bool = True) -> Glossary:
    """The default glossary with the given files stacked over it (later files win)."""
    return Glossary.from_paths(list(paths or []), default=default)


def _glossary(options: Options, glossary: Glossary | None) -> Glossary:
    if glossary is not None:
        return glossary
    return load_glossary(list(options.glossaries), default=options.default_glossary)


def align(path: PathLike, en_path: PathLike | None = None, glossary: Glossary | None = None,
          options: Options | None = None) -> Report:  # fmt: skip
    """The alignment of the two versions, as a Report without findings."""
    from .align import align as align_documents
    from .align.labels import glossary_scorer

    options = options or Options()
    ja, en, inputs = load(path, en_path, options=options)
    assert ja is not None and en is not None
    scorer = glossary_scorer(glossary) if glossary is not None else None
    return Report(inputs, (), align_documents(ja, en, scorer))


def show(path: PathLike, en_path: PathLike | None = None, options: Options | None = None) -> Report:
    """What was read: the documents of the input(s), parsed, as a Report without findings
    (one file in one language is shown on its own)."""
    ja, en, inputs = load(path, en_path, single=True, options=options)
    return Report(inputs, (), Alignment(ja, en, ()))


def check(path: PathLike, en_path: PathLike | None = None, options: Options | None = None,
          glossary: Glossary | None = None) -> Report:  # fmt: skip
    """Align the two versions, recompute, and run the checks `options` selects.

    A single file in one language (English only or Japanese only) is checked on its own:
    the arithmetic rules run, the cross-language ones have nothing to compare.
    `glossary` (a loaded Glossary) takes the place of the one `options.glossaries` names.
    """
    from .align import align as align_documents
    from .align.labels import glossary_scorer
    from .checks.context import CheckContext
    from .checks.run import run_rules
    from .recompute import recompute
    from .recompute.coverage import coverage

    options = options or Options()
    glossary = _glossary(options, glossary)
    ja, en, inputs = load(path, en_path, single=True, options=options)
    if ja is not None and en is not None:
        alignment = align_documents(ja, en, glossary_scorer(glossary))
    else:
        alignment = Alignment(ja, en, ())
    recomputed = recompute(alignment, options.convention)
    # With no entries at all there is nothing to check labels against: the glossary rules
    # stay silent instead of calling every label unknown.
    ctx = CheckContext(alignment, recomputed, glossary if len(glossary) else None, options)
    return Report(inputs, tuple(run_rules(ctx)), alignment, coverage(alignment, recomputed))


def unchecked(report: Report) -> str | None:
    """Why `report` checked nothing (one line), or None when it checked something: a
    language part with no table and no figure, or no figure compared or recomputed."""
    from .recompute.coverage import unchecked as reason

    return reason(report.coverage, report.inputs) if report.coverage is not None else None
