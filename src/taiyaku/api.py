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

import dataclasses
import os
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .errors import InputError
from .glossary.lookup import Glossary
from .model import Alignment, Document, Finding, Input, Lang, Report, Source, Span, Waived, Waiver
from .options import Options

__all__ = ["MissingLanguage", "Options", "align", "check", "japanese_part", "load", "load_glossary", "review", "show",
           "strict_glossary", "unchecked"]  # fmt: skip

PathLike = str | os.PathLike[str]
Progress = Callable[[str], None]  # told each stage as it starts: "reading ja.pdf", "aligning", ...


def _quiet(stage: str) -> None:
    pass


class Loaded(NamedTuple):
    """The parsed documents of a run (either may be None for a one-language file)."""

    ja: Document | None
    en: Document | None
    inputs: tuple[Input, ...]


def load(path: PathLike, en_path: PathLike | None = None, single: bool = False,
         options: Options | None = None, progress: Progress = _quiet) -> Loaded:  # fmt: skip
    """Read, split and parse the input(s).

    With one path, the file must hold both languages; with two, the first is the Japanese
    and the second the English. With `single`, a one-path file in one language is accepted
    too and the missing side is None. Raises InputError with a one-line reason otherwise.
    """
    from .parse import parse_documents
    from .read import read, split_languages

    fy = options.fy_end_month if options is not None else None
    if en_path is None:
        progress(f"reading {os.fspath(path)}")
        src = read(path)
        progress("splitting and parsing")
        spans = split_languages(src.texts)
        by_lang = {s.lang: s for s in spans}
        if single and len(by_lang) == 1:
            ((lang, span),) = by_lang.items()
            (doc,) = parse_documents([(src, span)], fy)
            return Loaded(doc if lang is Lang.JA else None, doc if lang is Lang.EN else None,
                          (Input(src.path, lang.value, src.format),))  # fmt: skip
        if not by_lang:
            raise InputError(f"{src.path}: no Japanese or English text found (only blank lines or figures)")
        if Lang.JA not in by_lang:
            raise InputError(
                f"{src.path}: no Japanese part found (the file is English only); "
                "give the Japanese version first: taiyaku check JA_FILE EN_FILE"
            )
        if Lang.EN not in by_lang:
            raise InputError(f"{src.path}: no English part found; give the English translation as a second file")
        ja, en = parse_documents([(src, by_lang[Lang.JA]), (src, by_lang[Lang.EN])], fy)
        return Loaded(ja, en, (Input(src.path, "ja+en", src.format),))

    progress(f"reading {os.fspath(path)}")
    ja_src = read(path)
    progress(f"reading {os.fspath(en_path)}")
    en_src = read(en_path)
    progress("parsing")
    ja, en = parse_documents([(ja_src, _part(ja_src, Lang.JA)), (en_src, _part(en_src, Lang.EN))], fy)
    return Loaded(ja, en, (Input(ja_src.path, "ja", ja_src.format), Input(en_src.path, "en", en_src.format)))


class MissingLanguage(InputError):
    """A file without text in the language asked for (an English-only file where the Japanese
    is expected); `lang` is that language."""

    def __init__(self, message: str, lang: Lang) -> None:
        super().__init__(message)
        self.lang = lang


def japanese_part(path: PathLike) -> Document:
    """The Japanese part of a file (bilingual or Japanese only), parsed; MissingLanguage for a
    file without Japanese."""
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
        raise MissingLanguage(f"{src.path}: no {which} text found (expected the {which} version here)", lang)
    return span


def load_glossary(paths: Sequence[PathLike] | None = None, default: bool = True, strict: bool = False) -> Glossary:
    """The default glossary (and the user's, when it exists) with the given files stacked over
    it (later files win). Malformed or conflicting lines of the user's files are in the
    result's ``problems``; with ``strict`` they raise InputError (one line) instead."""
    glossary = Glossary.from_paths(list(paths or []), default=default)
    if strict:
        strict_glossary(glossary)
    return glossary


def strict_glossary(glossary: Glossary) -> None:
    """InputError (one line) when the glossary has problems: the first, and how many in all."""
    if not glossary.problems:
        return
    first, more = glossary.problems[0], len(glossary.problems) - 1
    others = f" (and {more} more glossary problem(s): taiyaku glossary lint {first.path})" if more else ""
    raise InputError(f"{first}{others}; strict-glossary is on")


def _glossary(options: Options, glossary: Glossary | None) -> Glossary:
    if glossary is None:
        glossary = load_glossary(list(options.glossaries), default=options.default_glossary)
    if options.strict_glossary:
        strict_glossary(glossary)
    return glossary


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
          glossary: Glossary | None = None, progress: Progress | None = None) -> Report:  # fmt: skip
    """Align the two versions, recompute, run the checks `options` selects, and review the
    findings: fingerprints, the waivers of `options.baseline` (if any) and problems.

    A single file in one language (English only or Japanese only) is checked on its own:
    the arithmetic rules run, the cross-language ones have nothing to compare.
    `glossary` (a loaded Glossary) takes the place of the one `options.glossaries` names.
    `progress` is told each stage as it starts (the command line shows it on a terminal).
    Raises InputError (one line) for an input, glossary or baseline that cannot be read.
    """
    from .align import align as align_documents
    from .align.labels import glossary_scorer
    from .checks.context import CheckContext
    from .checks.run import run_rules
    from .recompute import recompute
    from .recompute.coverage import coverage

    tell = progress or _quiet
    options = options or Options()
    baseline = None
    if options.baseline is not None:  # read first: a bad baseline fails before the work
        from .waivers import load as load_baseline

        baseline = load_baseline(options.baseline)
    glossary = _glossary(options, glossary)
    ja, en, inputs = load(path, en_path, single=True, options=options, progress=tell)
    tell("aligning")
    if ja is not None and en is not None:
        alignment = align_documents(ja, en, glossary_scorer(glossary))
    else:
        alignment = Alignment(ja, en, ())
    tell("recomputing")
    recomputed = recompute(alignment, options.convention)
    # With no entries at all there is nothing to check labels against: the glossary rules
    # stay silent instead of calling every label unknown.
    ctx = CheckContext(alignment, recomputed, glossary if len(glossary) else None, options)
    tell("checking")
    report = Report(inputs, tuple(run_rules(ctx)), alignment, coverage(alignment, recomputed))
    return review(report, options, baseline.waivers if baseline is not None else (),
                  baseline.path if baseline is not None else None)  # fmt: skip


def review(report: Report, options: Options, waivers: Sequence[Waiver] = (),
           baseline: str | None = None) -> Report:  # fmt: skip
    """`report` with its findings fingerprinted, `waivers` applied (the waived findings kept
    apart, the stale waivers named) and the findings grouped into problems, once for every
    reporter; its fail-on is `options.fail_on`."""
    from .fingerprint import fingerprinted
    from .problems import group

    findings = fingerprinted(report.findings)
    open_: tuple[Finding, ...] = findings
    waived: tuple[Waived, ...] = ()
    stale: tuple[Waiver, ...] = ()
    if waivers:  # (the baseline machinery is loaded only for a run with one)
        from .checks.run import ran
        from .waivers import apply

        open_, waived, stale = apply(findings, waivers, ran(options))
    problems = group(findings, (w.finding.fingerprint for w in waived))
    return dataclasses.replace(report, findings=open_, problems=problems, waived=waived, stale_waivers=stale,
                               baseline=baseline, fail_on=options.fail_on)  # fmt: skip


def unchecked(report: Report) -> str | None:
    """Why `report` checked nothing (one line), or None when it checked something: a
    language part with no table and no figure, or no figure compared or recomputed."""
    from .recompute.coverage import unchecked as reason

    return reason(report.coverage, report.inputs) if report.coverage is not None else None
