"""Polarity: an amount the Japanese says was booked, which the English says was not.

"減損損失850百万円を計上" against "no impairment loss was recorded": the figure is on one side
only, and the other side states the opposite. TQ505 misses it when the same figure stands
elsewhere in the English (a table shows the impairment): the English prose still denies it.
The account is read from the Japanese words right before the figure (the longest glossary
entry ending there), its English from the glossary; the English is searched for a negated
booking of that account ("no … was recorded", "did not record …", "there were no …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...lang import en as en_lang
from ...lang import ja as ja_lang
from ...model import Finding, Severity
from ...parse.mentions import AMOUNT
from ..context import CheckContext, at, where
from ..registry import Rule, register

LOOKBACK = 24  # characters before a figure searched for its account
VERB_WINDOW = 16  # characters after a figure searched for 計上 / 認識 / 発生

_WORD = r"[A-Za-z][A-Za-z,\-' ]*?"
_FILL = rf"(?:(?:{'|'.join(en_lang.NEGATION_FILLERS)})\s+)?"
_VERBS = "|".join(en_lang.RECORD_VERBS)
_BASES = "|".join(en_lang.RECORD_VERBS_BASE)
_NEGATED = re.compile(
    rf"\bno\s+{_FILL}(?P<a>{_WORD})\s+(?:was|were|has been|have been|had been)\s+(?:{_VERBS})\b"
    rf"|\b(?:did|does|do|has|have)\s+not\s+(?:{_BASES}|been\s+(?:{_VERBS}))\s+{_FILL}(?P<b>{_WORD})(?=[.,;]|\s+(?:in|for|during|on|as|and)\b|$)"
    rf"|\bthere\s+(?:was|were)\s+no\s+{_FILL}(?P<c>{_WORD})(?=[.,;]|\s+(?:in|for|during|on|as|and)\b|$)",
    re.I,
)
_PARTICLES = "|".join(map(re.escape, ja_lang.ACCOUNT_PARTICLES))
_TRAILING_PARTICLE = re.compile(rf"(?:{_PARTICLES})\s*$")


def _stem(text: str) -> str:
    """Lower case, articles out, each word without a plural ending: 'Impairment losses' -> 'impairment loss'."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in ("the", "a", "an", "of", "on", "any")]
    out = []
    for w in words:
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return " ".join(out)


def _account(ctx: CheckContext, before: str):
    """The glossary entry of the account named right before a figure, or None."""
    assert ctx.glossary is not None
    before = _TRAILING_PARTICLE.sub("", before)
    for k in range(max(0, len(before) - LOOKBACK), len(before) - 1):
        match = ctx.glossary.lookup(before[k:], fuzzy=False)
        if match is not None:
            return match.entry
    return None


@register
class NegatedInEnglish(Rule):
    """The Japanese says an amount was booked (減損損失850百万円を計上) and the English says the
    opposite ("no impairment loss was recorded")."""

    code = "TQ506"
    name = "negated-in-english"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        ja_doc, en_doc = ctx.alignment.ja, ctx.alignment.en
        if ja_doc is None or en_doc is None or ctx.glossary is None:
            return
        denials = [(p, m, _stem(next(g for g in m.groups() if g))) for p in en_doc.paragraphs
                   for m in _NEGATED.finditer(p.text)]  # fmt: skip
        if not denials:
            return
        for unit in ja_doc.prose:
            for s, m in unit.mentions:
                if m.kind != AMOUNT:
                    continue
                after = s.text[m.end : m.end + VERB_WINDOW]  # offsets are the sentence's
                if not any(v in after for v in ja_lang.RECORD_VERBS):
                    continue
                entry = _account(ctx, s.text[: m.start])
                if entry is None:
                    continue
                names = {_stem(e) for e in (entry.en, *entry.variants)} - {""}
                for p, d, term in denials:
                    if any(n == term or n in term or (term and term in n) for n in names):
                        yield self.finding(
                            f"Japanese records {entry.ja} {m.text}; the English says \"{d.group(0)}\" "
                            f"({where(en_doc, p.line)})",
                            ja=at(ja_doc, unit.line, m.text, s.text[:60]),
                            en=at(en_doc, p.line, d.group(0), p.text[:60]),
                            group=f"prose: ja {where(ja_doc, unit.line)}",
                        )
                        break
