"""Terms in prose: one Japanese term rendered two ways in the English text (TQ303), and one
English rendering given to two Japanese terms (TQ305).

The Japanese release says 当社グループ throughout; its English says "the Group" in one
paragraph and "our company group" in another: a reader takes them for two things. The terms
and their renderings are data: `lang.ja.PROSE_TERMS` (words of prose the glossary does not
hold) and every entry of the glossaries the check loads (the bundled default, the user's
and house glossaries), its English and its variants. A term is looked at when the Japanese
prose uses it, and reported when the English prose uses two or more of its renderings.

A rendering that holds a shorter one of the same term as whole words ("Total revenues",
"Sales and marketing expenses") is that shorter rendering in prose, not another one.

The other way round, 純資産 is "net assets" in one sentence and 自己資本 "net assets" in
another: the reader cannot tell the two apart. That is judged on the figures an aligned
sentence pair agrees on, each named by the term standing just before it on either side
("自己資本は2,310億円" / "Net assets were ¥231.0 billion"): a figure whose Japanese term and
English rendering belong to two different terms, where either is used rightly elsewhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from ...lang import ja as ja_lang
from ...lang.script import has_japanese
from ...model import Finding, Lang, SentencePair, Severity
from ...parse.headers import unit_scale
from ...parse.periods import find_periods
from ..context import CheckContext, at, positions
from ..registry import Rule, register

MIN_TERM_CHARS = 2  # a one-character Japanese term (株, 円) is part of too many words
SENTENCE_WORDS = 8  # an English line of fewer words, not ending as a sentence, is a heading


def _glossary_term(ja: str) -> bool:
    """A glossary entry that names a thing prose talks about: not a period (通期 is "full
    year" and "year ended" alike), a unit (百万円) or a word too short or generic."""
    if len(ja) < MIN_TERM_CHARS or not has_japanese(ja) or ja in ja_lang.GENERIC_LABELS:
        return False
    if unit_scale(ja) is not None:
        return False
    return sum(len(m.text) for m in find_periods(ja, Lang.JA)) * 2 < len(ja)


def _sentence(text: str) -> bool:
    """An English prose line, not a heading or a column title ("Overview of the 2Q Results
    and Business Outlook", "Year Ended"): it ends as a sentence does, or it runs to several
    words most of which are not capitalised."""
    text = text.strip()
    if text.endswith((".", "!", "?", ".\u201d", '."', ".’", ".'")):
        return True
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > 3]
    return len(text.split()) >= SENTENCE_WORDS and sum(w[0].isupper() for w in words) * 2 < len(words)


def _stem(rendering: str) -> str:
    """Lower case, spacing normalised, without a plural s: 'Net sales' -> 'net sale'."""
    text = " ".join(rendering.lower().split())
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


def _groups(renderings: Iterable[str]) -> dict[str, str]:
    """Each rendering's stem -> the rendering it stands for in prose (the shortest one it holds)."""
    out: dict[str, str] = {}
    for r in sorted(dict.fromkeys(renderings), key=len):
        stem = _stem(r)
        if not stem or stem in out:
            continue
        held = next((s for s in out if _holds(stem, s)), None)
        out[stem] = out[held] if held is not None else r
    return out


def _holds(stem: str, shorter: str) -> bool:
    """`stem` holds `shorter` as whole words ("total revenue" holds "revenue")."""
    return re.search(rf"(?<![a-z]){re.escape(shorter)}s?(?![a-z])", stem) is not None


@lru_cache(maxsize=64)
def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(stems, key=len, reverse=True)  # longest first: "net sales" before "sales"
    body = "|".join(r"\s+".join(map(re.escape, s.split())) + "s?" for s in alts)
    return re.compile(rf"(?<![A-Za-z])({body})(?![A-Za-z])", re.I)


def _terms(ctx: CheckContext) -> dict[str, list[str]]:
    """Japanese term -> its renderings: the prose terms, then the glossary's entries."""
    terms = {ja: list(renderings) for ja, renderings in ja_lang.PROSE_TERMS.items()}
    if ctx.glossary is not None:
        for e in ctx.glossary.entries:
            if _glossary_term(e.ja):
                terms.setdefault(e.ja, []).extend((e.en, *e.variants))
    return terms


@register
class ProseTermVariation(Rule):
    """A term of the Japanese prose (当社グループ, 売上高, 経常利益, a glossary entry …) is
    rendered two or more ways in the English prose ("the Group" and "our company group";
    "net sales" and "revenue"). Information: each rendering may be right on its own (a
    quotation keeps the speaker's words); the reviewer decides which one the document uses."""

    code = "TQ303"
    name = "prose-term-variation"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        ja, en = ctx.alignment.ja, ctx.alignment.en
        if ja is None or en is None:
            return
        ja_text = "\n".join(p.text for p in ja.paragraphs)
        prose = [p for p in en.paragraphs if _sentence(p.text)]
        for term, renderings in _terms(ctx).items():
            if term not in ja_text:
                continue
            groups = _groups(renderings)
            if len(set(groups.values())) < 2:
                continue
            pattern = _pattern(tuple(groups))
            used: dict[str, list[int]] = {}
            for p in prose:
                for m in pattern.finditer(p.text):
                    used.setdefault(groups.get(_stem(m.group(1)), m.group(1)), []).append(p.line)
            if len(used) < 2 or len({n for lines in used.values() for n in lines}) < 2:
                continue  # one line naming both ("President and Representative Director") is one title
            ranked = sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
            places = "; ".join(f"'{r}' ({positions(en, lines)})" for r, lines in ranked)
            odd, lines = ranked[-1]
            yield self.finding(
                f"'{term}' is rendered {len(ranked)} ways in the English text: {places}",
                None, at(en, lines[0], odd, term), group=f"terms: {term}",
            )  # fmt: skip


def _owners(terms: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each rendering's stem -> the Japanese terms it renders."""
    out: dict[str, set[str]] = {}
    for term, renderings in terms.items():
        for stem in _groups(renderings):
            out.setdefault(stem, set()).add(term)
    return out


@lru_cache(maxsize=16)
def _ja_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The Japanese terms, longest first: 自己資本比率 is not 自己資本."""
    return re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))


# How far a term may stand before the figure it names, beyond a topic particle (see _ja_names):
# "自己資本 2,310億円", "Net assets at the end of the period were ¥248.0 billion" (no clause
# break between).
JA_GAP_CHARS = 8
EN_GAP_WORDS = 8
_EN_BREAK = re.compile(r"[,;()]|\b(?:and|while|whereas|but)\b", re.I)
# A date between a term and its figure ("Equity: As of March 31, 2026: ¥409,582 million") is
# no clause break.
_EN_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b")


def _figure_terms(sp: SentencePair, ja_pattern: re.Pattern[str],
                  en_pattern: re.Pattern[str]) -> Iterator[tuple[str, str]]:  # fmt: skip
    """(Japanese term, English rendering) naming each figure the pair agrees on: the term
    just before the figure on each side, with nothing but a predicate between."""
    ja_of = {id(m): s.text for s, m in sp.ja.mentions}
    en_of = {id(m): s.text for s, m in sp.en.mentions}
    found: dict[tuple[str, int], _Matches] = {}  # each sentence searched once (a 1 MB line too)
    for mp in sp.mentions:
        if mp.ja is None or mp.en is None or not mp.agrees:
            continue
        ja_text, en_text = ja_of[id(mp.ja)], en_of[id(mp.en)]
        term = _last_before(found, ja_pattern, ja_text, mp.ja.start)
        english = _last_before(found, en_pattern, en_text, mp.en.start)
        if term is None or english is None:
            continue
        if not _ja_names(ja_text[term.end() : mp.ja.start]):
            continue
        gap = _EN_DATE.sub("", en_text[english.end() : mp.en.start])
        if len(gap.split()) > EN_GAP_WORDS or _EN_BREAK.search(gap):
            continue
        yield term.group(), english.group(1)


class _Matches(NamedTuple):
    ends: list[int]
    matches: list[re.Match[str]]


def _last_before(found: dict[tuple[str, int], _Matches], pattern: re.Pattern[str], text: str,
                 end: int) -> re.Match[str] | None:  # fmt: skip
    """The last match of `pattern` in `text` that ends by `end`."""
    key = (text, id(pattern))
    if key not in found:
        matches = list(pattern.finditer(text))
        found[key] = _Matches([m.end() for m in matches], matches)
    ends, matches = found[key]
    i = bisect_right(ends, end)
    return matches[i - 1] if i else None


def _ja_names(gap: str) -> bool:
    """What stands between a Japanese term and a figure leaves the figure the term's: a few
    characters ("自己資本　2026年３月期　409,582百万円"), or the term is the clause's topic and no
    other topic follows ("純資産は、前連結会計年度末に比べ23,343百万円増加し").
    """
    if len(gap.strip()) <= JA_GAP_CHARS:
        return True
    topic = _JA_TOPIC.match(gap)
    return topic is not None and not _JA_PARTICLE.search(gap, topic.end())


_JA_TOPIC = re.compile(r"\s*[はがも][、，\s]*")
_JA_PARTICLE = re.compile(r"[はが。]")


@register
class ProseSharedRendering(Rule):
    """One English rendering given to two Japanese terms of the prose (純資産 is "net assets"
    in one sentence and 自己資本 "net assets" in another), or one Japanese term given another
    term's English (純資産 is "net assets" here and "equity" there, as in a translation from
    the English). Judged on the figures a sentence pair agrees on: the term just before the
    figure in the Japanese, the rendering just before it in the English. Names every line."""

    code = "TQ305"
    name = "prose-shared-rendering"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        terms = {t: r for t, r in _terms(ctx).items() if r}
        owners = _owners(terms)
        stems_of = {t: set(_groups(r)) for t, r in terms.items()}
        ja_pattern, en_pattern = _ja_pattern(tuple(terms)), _pattern(tuple(owners))
        # (rendering stem, Japanese term) -> the pairs in which the English renders it so
        uses: dict[tuple[str, str], list[SentencePair]] = {}
        for sp in ctx.alignment.sentences:
            for term, english in _figure_terms(sp, ja_pattern, en_pattern):
                stem = _stem(english)
                if stem in owners and term in terms:
                    uses.setdefault((stem, term), []).append(sp)
        for (stem, term), where in uses.items():
            if term in owners[stem] or any(_holds(stem, own) for own in stems_of[term]):
                continue  # its own English, or its own English with more words ("total revenues")
            # the rendering's own use elsewhere, else the term's own rendering elsewhere
            mine = [(s, t) for s, t in uses if s == stem and t in owners[stem]]
            mine = mine or [(s, t) for s, t in uses if t == term and s in stems_of[term]]
            if mine:
                yield self._finding(ctx, (stem, term), where, mine[0], uses[mine[0]], owners)

    def _finding(self, ctx: CheckContext, odd: tuple[str, str], odd_pairs: list[SentencePair],
                 own: tuple[str, str], own_pairs: list[SentencePair],
                 owners: dict[str, set[str]]) -> Finding:  # fmt: skip
        ja_doc, en_doc = ctx.document(Lang.JA), ctx.document(Lang.EN)

        def shown(stem: str, pairs: list[SentencePair]) -> str:
            return next((m.group(1) for sp in pairs for m in _pattern((stem,)).finditer(sp.en.text)), stem)

        def lines(pairs: list[SentencePair]) -> str:
            return (f"ja {positions(ja_doc, [sp.ja.line for sp in pairs])}, "
                    f"en {positions(en_doc, [sp.en.line for sp in pairs])}")  # fmt: skip

        (stem, term), first = odd, odd_pairs[0]
        english, theirs = shown(stem, odd_pairs), "/".join(sorted(owners[stem]))
        if own[0] == stem:  # one English for two Japanese terms
            msg = (f"English '{english}' renders two Japanese terms: {own[1]} ({lines(own_pairs)}) and "
                   f"{term} ({lines(odd_pairs)}); '{english}' is {theirs}, not {term}")  # fmt: skip
        else:  # one Japanese term given its own English and another term's
            msg = (f"Japanese {term} is rendered '{shown(own[0], own_pairs)}' ({lines(own_pairs)}) and "
                   f"'{english}' ({lines(odd_pairs)}); '{english}' is {theirs}")  # fmt: skip
        return self.finding(
            msg, at(ja_doc, first.ja.line, term, first.ja.text[:60]),
            at(en_doc, first.en.line, english, first.en.text[:60]), group=f"terms: {term}",
        )  # fmt: skip
