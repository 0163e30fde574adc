"""Prose: the figures of paired Japanese and English sentences, and prose against tables.

The sentence pairs and their figure pairs come from taiyaku.align.sentences; the tie-out of
a sentence to its own document's tables, and the Japanese figures the English never states,
from the recompute stage. Cross-language rules look at paired figures; the tie-out rule
runs in each language, so on a one-language document too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...align.sentences import same_kind
from ...model import Convention, Document, Finding, Lang, Location, Mention, MentionPair, SentencePair, Severity, TieOut
from ...parse.mentions import AMOUNT, COUNT
from ...recompute.prose import digits_of
from ...recompute.tieout import QUARTER_BASES, YEAR_BASES, period_base
from ..context import CheckContext, at, where
from ..registry import Rule, register

_QUARTER = re.compile(r"^([1-4])Q(\d{2})$")
# Comparison bases that mean the same thing: 対前年度比 is used for the year-ago quarter too.
_BASE_CLASS = {**dict.fromkeys(YEAR_BASES, "year"), **dict.fromkeys(QUARTER_BASES, "quarter")}
_TRUNC = Convention.TRUNCATE


def _pairs(ctx: CheckContext) -> tuple[SentencePair, ...]:
    return ctx.alignment.sentences


def _paired_figures(ctx: CheckContext):
    """(sentence pair, figure pair, ja location, en location) for figures paired on both sides."""
    for sp in _pairs(ctx):
        for mp in sp.mentions:
            if mp.ja is not None and mp.en is not None:
                yield (sp, mp, *_locs(ctx, sp, mp))


def _loc(doc: Document, unit_line: int, m: Mention, sentence_text: str) -> Location:
    return at(doc, unit_line, m.text, _snippet(sentence_text))


def _snippet(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _locs(ctx: CheckContext, sp: SentencePair, mp: MentionPair) -> tuple[Location | None, Location | None]:
    ja = _loc(ctx.document(Lang.JA), sp.ja.line, mp.ja, sp.ja.text) if mp.ja else None
    en = _loc(ctx.document(Lang.EN), sp.en.line, mp.en, sp.en.text) if mp.en else None
    return ja, en


def _group(ctx: CheckContext, sp: SentencePair) -> str:
    ja, en = where(ctx.document(Lang.JA), sp.ja.line), where(ctx.document(Lang.EN), sp.en.line)
    return f"prose: ja {ja} ↔ en {en}"


def _table_says(ctx: CheckContext, lang: Lang, line: int, m: Mention) -> TieOut | None:
    found = [t for t in ctx.recomputed.tieouts_of(lang, line, m) if t.kind == "change"]
    return found[0] if found else None


def current_quarter(doc: Document | None) -> tuple[int, int] | None:
    """(fiscal year, quarter) of the latest quarter the document's tables show first."""
    if doc is None:
        return None
    seen: Counter = Counter()
    for t in doc.tables:
        for c in t.columns[:1]:
            m = _QUARTER.match(c.period.quarter or "") if c.period else None
            if m:
                seen[(int(m.group(2)), int(m.group(1)))] += 1
    return seen.most_common(1)[0][0] if seen else None


def base_class(base: str | None, current: tuple[int, int] | None, quarterly: bool | None = None) -> str | None:
    """"year" or "quarter": what a change is measured against, a named quarter resolved
    against the document's current quarter (4Q01 from 4Q02 is the year-ago quarter), 前期比
    by what the document reports (`quarterly`)."""
    if base is None:
        return None
    base = period_base(base, quarterly)
    if base in _BASE_CLASS:
        return _BASE_CLASS[base]
    m = _QUARTER.match(base)
    if m and current:
        back = (current[0] * 4 + current[1]) - (int(m.group(2)) * 4 + int(m.group(1)))
        return {4: "year", 1: "quarter"}.get(back)
    return None


def _describe(m: Mention) -> str:
    parts = [m.text]
    if m.direction:
        parts.append(m.direction)
    if m.base:
        parts.append(f"vs {m.base}")
    return " ".join(parts)


@register
class ProseValueMismatch(Rule):
    """A figure in a Japanese sentence differs from the paired figure in the English one
    (after scale: 130億円 = JPY 13 billion, and whether each was rounded or truncated).
    When the sentence ties to a table row, the finding says which side the table agrees
    with."""

    code = "TQ500"
    name = "prose-value-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for sp, mp, ja, en in _paired_figures(ctx):
            if mp.agrees or not same_kind(mp.ja, mp.en):
                continue
            msg = f"Japanese {_describe(mp.ja)} vs English {_describe(mp.en)}"
            expected = None
            verdicts = []
            for lang, line, m in ((Lang.JA, sp.ja.line, mp.ja), (Lang.EN, sp.en.line, mp.en)):
                t = _table_says(ctx, lang, line, m)
                if t is not None:
                    who = "Japanese" if lang is Lang.JA else "English"
                    verdicts.append(f"the {who} {'agrees' if t.agrees else 'does not'} "
                                    f"({t.formula} = {t.expected}%, {t.table.name} "
                                    f"{where(ctx.document(lang), t.row.line)})")  # fmt: skip
                    expected = expected or t.expected
            if verdicts:
                msg += "; against the table: " + "; ".join(verdicts)
            yield self.finding(msg, ja, en, expected=expected, group=_group(ctx, sp))


@register
class RoundingConvention(Rule):
    """Paired figures agree only when one side is read as truncated and the other as
    rounded (16億円 truncated from 16.7億 against JPY 1.7 billion rounded). Consistent, but
    the reader of each version sees a different figure: information only."""

    code = "TQ501"
    name = "rounding-convention"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for sp, mp, ja, en in _paired_figures(ctx):
            if mp.agrees not in ("truncate-ja", "truncate-en"):
                continue
            cut, whole = (mp.ja, mp.en) if mp.agrees == "truncate-ja" else (mp.en, mp.ja)
            side = "Japanese" if mp.agrees == "truncate-ja" else "English"
            other = "English" if side == "Japanese" else "Japanese"
            lo, hi = cut.quantity.interval(_TRUNC)
            msg = (f"{mp.ja.text} vs {mp.en.text}: consistent only if the {side} {cut.text} was "
                   f"truncated (it then stands for {_money(lo)} up to {_money(hi)}) and the {other} "
                   f"{whole.text} rounded; rounded, they would differ")  # fmt: skip
            yield self.finding(msg, ja, en, group=_group(ctx, sp))


# Directions that contradict each other. "better" / "worse" (改善 / 悪化, improved) do not say
# which way a figure moved (an improving loss shrinks), so they only contradict each other.
OPPOSITE_DIRECTIONS = ({"up", "down"}, {"better", "worse"})


@register
class DirectionMismatch(Rule):
    """Paired figures move in opposite directions: 増 / increase against 減 / decrease, or
    改善 / improved against 悪化 / worsened. 改善 against "a decrease" is not reported: a loss
    that improves gets smaller."""

    code = "TQ502"
    name = "direction-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for sp, mp, ja, en in _paired_figures(ctx):
            if {mp.ja.direction, mp.en.direction} in OPPOSITE_DIRECTIONS:
                msg = f"Japanese says {_describe(mp.ja)}, English says {_describe(mp.en)}"
                yield self.finding(msg, ja, en, group=_group(ctx, sp))


@register
class ComparisonBaseMismatch(Rule):
    """Paired changes are measured against different periods: 前年同期比 (the same quarter a
    year before) against "compared to the previous quarter", or a named quarter that is
    not the one the other side means."""

    code = "TQ503"
    name = "comparison-base-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        current = current_quarter(ctx.alignment.en) or current_quarter(ctx.alignment.ja)
        for sp, mp, ja, en in _paired_figures(ctx):
            a = base_class(mp.ja.base, current, ctx.document(Lang.JA).quarterly)
            b = base_class(mp.en.base, current, ctx.document(Lang.EN).quarterly)
            if a and b and a != b:
                msg = (f"Japanese {mp.ja.text} is measured against the {mp.ja.base}, English "
                       f"{mp.en.text} against {mp.en.base}")  # fmt: skip
                yield self.finding(msg, ja, en, group=_group(ctx, sp))


@register
class MissingUnit(Rule):
    """A figure has a currency on one side and none on the other ("130億" against
    "JPY 13 billion")."""

    code = "TQ504"
    name = "missing-unit"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for sp, mp, ja, en in _paired_figures(ctx):
            if {mp.ja.kind, mp.en.kind} == {AMOUNT, COUNT}:
                bare = "Japanese" if mp.ja.kind == COUNT else "English"
                msg = f"{mp.ja.text} vs {mp.en.text}: the {bare} figure has no currency"
                yield self.finding(msg, ja, en, group=_group(ctx, sp))
        # A Japanese amount whose digits the English writes without its unit or scale
        # ("257,599千円" against "Y257,599"): the same figure, a thousand times smaller.
        for u in ctx.recomputed.unmatched:
            if u.elsewhere is None:
                continue
            unit, m, (line, text) = u.unit, u.mention, u.elsewhere
            ja_doc, en_doc = ctx.document(Lang.JA), ctx.document(Lang.EN)
            ja = _loc(ja_doc, unit.line, m, unit.text)
            en = at(en_doc, line, digits_of(m), _snippet(text))
            msg = (f"{m.text} (Japanese {where(ja_doc, unit.line)}) is written with the same digits but without "
                   f"its unit or scale in English {where(en_doc, line)}")  # fmt: skip
            yield self.finding(msg, ja, en, group=f"prose: ja {where(ja_doc, unit.line)}")


@register
class CurrencyMismatch(Rule):
    """Paired amounts agree in figure but not in currency: 2,480万人民元 against "¥24.8
    million" (a currency copied from the wrong sentence, or 円 assumed)."""

    code = "TQ507"
    name = "currency-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for sp, mp, ja, en in _paired_figures(ctx):
            a, b = mp.ja.quantity.unit, mp.en.quantity.unit
            if mp.ja.kind == AMOUNT and mp.en.kind == AMOUNT and a and b and a != b:
                msg = f"{mp.ja.text} vs {mp.en.text}: the Japanese amount is in {a}, the English in {b}"
                yield self.finding(msg, ja, en, group=_group(ctx, sp))


@register
class FigureInOneLanguage(Rule):
    """A figure of the Japanese text has no counterpart anywhere in the English text, or none
    in the English sentence its sentence is paired with (nor the lines beside it) while the
    same figure stands elsewhere in the English, for something else: 前期比20.2%減 left out of
    "Operating profit was 1,117 million yen." (The English release says more than the
    Japanese summary, so the other direction is not reported.)"""

    code = "TQ505"
    name = "figure-one-language"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for u in ctx.recomputed.unmatched:
            if u.elsewhere is not None:
                continue  # TQ504 reports it: the English writes the digits without the unit
            unit, m = u.unit, u.mention
            ja_doc = ctx.document(Lang.JA)
            loc = _loc(ja_doc, unit.line, m, unit.text)
            if u.paired is not None:
                en_doc = ctx.document(Lang.EN)
                also = f"; the English has it only at {where(en_doc, u.found_at)}" if u.found_at is not None else ""
                msg = (f"{m.text} (Japanese {where(ja_doc, unit.line)}) is not in the English sentence it is "
                       f"paired with ({where(en_doc, u.paired.line)}){also}")  # fmt: skip
                en = at(en_doc, u.paired.line, u.paired.text[:60], "paired sentence")
                yield self.finding(msg, loc, en, group=f"prose: ja {where(ja_doc, unit.line)}")
                continue
            msg = f"{m.text} (Japanese {where(ja_doc, unit.line)}) appears nowhere in the English text"
            yield self.finding(msg, loc, None, group=f"prose: ja {where(ja_doc, unit.line)}")


@register
class ProseTieOut(Rule):
    """A prose figure disagrees with the table row it names or ties to, in the same
    language: a stated change (53.0%減少) against the change computed from the row's
    cells for the periods compared (459 / 968 - 1 = -52.6%), or an amount against the
    named row's cells."""

    code = "TQ510"
    name = "prose-table-tieout"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for t in sorted(ctx.recomputed.tieouts, key=lambda t: (t.lang.value, t.line)):
            if t.agrees:
                continue
            doc = ctx.document(t.lang)
            loc = at(doc, t.line, t.mention.text, f"{t.row.label} | {t.table.name} {where(doc, t.row.line)}")
            if t.kind == "change":
                msg = (f"{_describe(t.mention)}: the table gives {t.expected}% "
                       f"({t.formula}, '{t.row.label}' in {t.table.name})")  # fmt: skip
            else:
                msg = (f"{t.mention.text}: '{t.row.label}' in {t.table.name} shows {t.cell.text} "
                       f"({where(doc, t.cell.line)})")  # fmt: skip
            ja, en = (loc, None) if t.lang is Lang.JA else (None, loc)
            yield self.finding(msg, ja, en, expected=t.expected, group=f"prose: {t.lang.value} {where(doc, t.line)}")


def _money(v) -> str:
    """A yen amount in the largest unit that keeps it short: 1,600,000,000 -> 16億 (1.6 billion)."""
    billions = v / 10**9
    return f"JPY {billions.normalize():f} billion" if v >= 10**9 else f"JPY {(v / 10**6).normalize():f} million"
