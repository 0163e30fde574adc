"""Terms in prose: one Japanese term rendered two ways in the English text.

The Japanese release says 当社グループ throughout; its English says "the Group" in one
paragraph and "our company group" in another: a reader takes them for two things. The terms
and their renderings are data (`lang.ja.PROSE_TERMS`); a term is looked at when the Japanese
prose uses it, and reported when the English prose uses two or more of its renderings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...lang import ja as ja_lang
from ...model import Finding, Severity
from ..context import CheckContext, at, positions
from ..registry import Rule, register


def _pattern(renderings: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(renderings, key=len, reverse=True)  # longest first: "net sales" before "sales"
    return re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(r) + "s?" for r in alts) + r")(?![A-Za-z])", re.I)


def _forms(renderings: tuple[str, ...]) -> dict[str, str]:
    """Each rendering as matched (lower case, with and without a plural s) -> the rendering."""
    return {form: r for r in renderings for form in (r.lower() + "s", r.lower())}


_TERMS = [(ja, _forms(renderings), _pattern(renderings)) for ja, renderings in ja_lang.PROSE_TERMS.items()]


@register
class ProseTermVariation(Rule):
    """A term of the Japanese prose (当社グループ, 売上高, 経常利益 …) is rendered two or more ways
    in the English prose ("the Group" and "our company group"; "net sales" and "revenue").
    Information: each rendering may be right on its own (a quotation keeps the speaker's
    words); the reviewer decides which one the document uses."""

    code = "TQ303"
    name = "prose-term-variation"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        ja, en = ctx.alignment.ja, ctx.alignment.en
        if ja is None or en is None:
            return
        ja_text = "\n".join(p.text for p in ja.paragraphs)
        for term, forms, pattern in _TERMS:
            if term not in ja_text:
                continue
            used: dict[str, list[int]] = {}
            for p in en.paragraphs:
                for m in pattern.finditer(p.text):
                    used.setdefault(forms[m.group(1).lower()], []).append(p.line)
            if len(used) < 2:
                continue
            ranked = sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
            places = "; ".join(f"'{r}' ({positions(en, lines)})" for r, lines in ranked)
            odd, lines = ranked[-1]
            yield self.finding(
                f"'{term}' is rendered {len(ranked)} ways in the English text: {places}",
                None, at(en, lines[0], odd, term), group=f"terms: {term}",
            )  # fmt: skip
