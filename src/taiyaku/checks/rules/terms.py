"""Terms in prose: one Japanese term rendered two ways in the English text.

The Japanese release says 当社グループ throughout; its English says "the Group" in one
paragraph and "our company group" in another: a reader takes them for two things. The terms
and their renderings are data: `lang.ja.PROSE_TERMS` (words of prose the glossary does not
hold) and every entry of the glossaries the check loads (the bundled default, the user's
and house glossaries), its English and its variants. A term is looked at when the Japanese
prose uses it, and reported when the English prose uses two or more of its renderings.

A rendering that holds a shorter one of the same term as whole words ("Total revenues",
"Sales and marketing expenses") is that shorter rendering in prose, not another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ...lang import ja as ja_lang
from ...lang.script import has_japanese
from ...model import Finding, Lang, Severity
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
        held = next((s for s in out if re.search(rf"(?<![a-z]){re.escape(s)}s?(?![a-z])", stem)), None)
        out[stem] = out[held] if held is not None else r
    return out


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
            if len(used) < 2:
                continue
            ranked = sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
            places = "; ".join(f"'{r}' ({positions(en, lines)})" for r, lines in ranked)
            odd, lines = ranked[-1]
            yield self.finding(
                f"'{term}' is rendered {len(ranked)} ways in the English text: {places}",
                None, at(en, lines[0], odd, term), group=f"terms: {term}",
            )  # fmt: skip
